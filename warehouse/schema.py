"""The warehouse schema as code: every column declared once, rendered to DDL and to the data
dictionary (`python -m chiso.warehouse.schema > docs/data_dictionary.md`; a test fails when stale).

Internal tables carry `core_` prefixes; analysts query the views (warehouse/views.py), of which
`facts` is the contract's (CONTRACT.md). core_figures and core_checks are rebuilt after every
load from the facts (warehouse/reconcile.py, warehouse/checks.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    description: str
    nullable: bool = True


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _c(name: str, type_: str, description: str, nullable: bool = True) -> Column:
    return Column(name, type_, description, nullable)


LOAD_ID = _c("load_id", "VARCHAR", "Id of the load (run) that wrote the row; increases with time.", False)

LETTERS = TableSpec("core_letters", "One row per ingested letter (document), keyed by the sha256 of its bytes.", (
    _c("doc_id", "VARCHAR", "sha256 of the source bytes.", False),
    _c("source_name", "VARCHAR", "File name or URL the letter was ingested from.", False),
    _c("extractor", "VARCHAR", "Reader that produced the document: text, html, pdf or ocr.", False),
    _c("doc_number", "VARCHAR", "The letter's number as printed, e.g. 193/UBND-KSTTHC."),
    _c("issued_on", "DATE", "The letter's date."),
    _c("province_id", "VARCHAR", "Registry id of the issuing province."),
    _c("n_pages", "INTEGER", "Pages of a PDF or scan; NULL for text and HTML."),
    _c("published_on", "DATE", "A web page's own date: its printed date line, else its metadata, else when it was fetched. "
                               "Dates printed without a year take it from issued_on, else from this."),
    _c("parser_version", "VARCHAR", "Version of the parsers that produced the facts.", False),
    LOAD_ID,
    _c("loaded_at", "TIMESTAMP", "When the letter was loaded.", False),
    _c("source_url", "VARCHAR", "URL (file:// for local files) the bytes were first archived from; filled after each load from the raw archive."),
    _c("fetched_on", "DATE", "Day the bytes were first archived (fetched or picked up); filled after each load."),
    _c("issuer_key", "VARCHAR", "Issuer as the letter's copies share it: the province, else the ministry whose code its number "
                                "carries, else `?` (warehouse.views.ISSUER_KEY); written as the letter loads."),
    _c("number_key", "VARCHAR", "Number as the letter's copies share it: no spaces or diacritics, upper case "
                                "(warehouse.views.NUMBER_KEY); NULL without a number."),
), ("doc_id",))

UNITS = TableSpec("core_units", "Canonical units: provinces, districts, communes, departments, ministries.", (
    _c("unit_id", "VARCHAR", "Registry id.", False),
    _c("level", "VARCHAR", "province, district, commune, department or ministry.", False),
    _c("province_id", "VARCHAR", "Province the unit belongs to (itself for a province; NULL for a ministry)."),
    _c("code", "VARCHAR", "Official unit code printed by letters, e.g. 000.00.36.H57."),
    _c("successor_id", "VARCHAR", "Unit that took over after a merger (one; unit_lineage holds them all)."),
    _c("parent_id", "VARCHAR", "Unit one level up: a district's or department's province; a post-2025 commune's district before the reform (the one that gave it most of its old wards)."),
), ("unit_id",))

LINEAGE = TableSpec("core_unit_lineage", "Which units took over which, and when (many-to-many); built from the registry and the vietnamadminunits converter.", (
    _c("from_unit_id", "VARCHAR", "Unit before the event.", False),
    _c("to_unit_id", "VARCHAR", "Unit after the event (the same unit for rename, upgrade and absorb; NULL for abolish)."),
    _c("event", "VARCHAR", "merge, split, rename, upgrade, absorb or abolish.", False),
    _c("effective_on", "DATE", "First day the change was in force.", False),
    _c("note", "VARCHAR", "Source or resolution behind the event."),
    _c("old_wards", "INTEGER", "For district → commune edges: how many pre-2025 communes of the district went to the new commune."),
))

UNIT_NAMES = TableSpec("core_unit_names", "Names of units with the dates they were in force.", (
    _c("unit_id", "VARCHAR", "Registry id.", False),
    _c("name", "VARCHAR", "Official name with its type word.", False),
    _c("valid_from", "DATE", "First day in force (NULL: since before the registry)."),
    _c("valid_to", "DATE", "Last day in force (NULL: still in force)."),
))

UNIT_NAME_SPANS = TableSpec("core_unit_name_spans", "Each unit's names as spans of days covering all time, each with the name in force "
                            "on its days (else the unit's latest name), built with the names: a fact, a figure or a view finds "
                            "the name in force on a day by an equality join on the unit and a range test.", (
    _c("unit_id", "VARCHAR", "Registry id.", False),
    _c("span_from", "DATE", "First day of the span.", False),
    _c("span_to", "DATE", "Last day of the span.", False),
    _c("name", "VARCHAR", "Name in force on the span's days.", False),
))

INDICATORS = TableSpec("core_indicators", "The indicator catalogue, plus keys derived from uncatalogued labels.", (
    _c("indicator", "VARCHAR", "Catalogue key.", False),
    _c("index_family", "VARCHAR", "service_index, par_index or sipas.", False),
    _c("label", "VARCHAR", "Vietnamese label.", False),
    _c("max_score", "DOUBLE", "Maximum score where the index defines one."),
    _c("parent", "VARCHAR", "Group key of a sub-indicator."),
    _c("is_catalogued", "BOOLEAN", "False for keys derived from a label the catalogue does not know.", False),
    _c("label_en", "VARCHAR", "English label (catalogued keys)."),
), ("indicator", "index_family"))

MEASURES = TableSpec("core_measures", "What each measure means.", (
    _c("measure", "VARCHAR", "Measure key as in facts.measure.", False),
    _c("label_vi", "VARCHAR", "Vietnamese label.", False),
    _c("label_en", "VARCHAR", "English label.", False),
    _c("definition", "VARCHAR", "What the number is, with an example.", False),
), ("measure",))

INDEX_STRUCTURE = TableSpec("core_index_structure", "PAR INDEX and SIPAS areas and criteria by year, with maxima, so their codes have names.", (
    _c("index_family", "VARCHAR", "par_index or sipas.", False),
    _c("code", "VARCHAR", "Criterion code as letters print it (facts.indicator): 1, 2.4.1, SIPAS I; total for the aggregate.", False),
    _c("year_from", "INTEGER", "First year the criterion is scored so.", False),
    _c("year_to", "INTEGER", "Last year (NULL: still in force as far as known)."),
    _c("label_vi", "VARCHAR", "Vietnamese name.", False),
    _c("label_en", "VARCHAR", "English name.", False),
    _c("max_score", "DOUBLE", "Maximum points (SIPAS: 100, it is a percentage)."),
    _c("parent_code", "VARCHAR", "Code of the area it belongs to."),
    _c("source", "VARCHAR", "Where the name and maximum come from.", False),
))

INDICATOR_MAXIMA = TableSpec("core_indicator_maxima", "The service index's maxima per layout (the level of the unit scored) and years in force.", (
    _c("index_family", "VARCHAR", "service_index.", False),
    _c("indicator", "VARCHAR", "Catalogue key.", False),
    _c("layout", "VARCHAR", "province, ministry, department, district or commune.", False),
    _c("year_from", "INTEGER", "First year in force.", False),
    _c("year_to", "INTEGER", "Last year in force (NULL: no end known)."),
    _c("max_score", "DOUBLE", "Maximum points (NULL: no source prints it)."),
    _c("source", "VARCHAR", "The letters or items that print the maximum, or why it is missing.", False),
))

FIGURES = TableSpec("core_figures", "One trusted value per key (unit_id, index_family, period_grain, period_start, indicator, measure), "
                    "chosen from every fact printing it (rebuilt after each load for the units it touched).", (
    _c("unit_id", "VARCHAR", "Registry id.", False),
    _c("index_family", "VARCHAR", "service_index, par_index or sipas.", False),
    _c("period_grain", "VARCHAR", "week, month, quarter or year.", False),
    _c("period_start", "DATE", "First day of the period.", False),
    _c("indicator", "VARCHAR", "Indicator key.", False),
    _c("measure", "VARCHAR", "Measure key.", False),
    _c("value", "DOUBLE", "The chosen value.", False),
    _c("doc_id", "VARCHAR", "Letter (document) the chosen value was printed in.", False),
    _c("seq", "INTEGER", "The chosen fact's position in that letter (core_facts.seq).", False),
    _c("n_facts", "INTEGER", "How many printed numbers (every copy, body and annex) carry this key.", False),
    _c("n_letters", "INTEGER", "How many distinct letters (letter_key) printed it.", False),
    _c("n_values", "INTEGER", "How many distinct values were printed.", False),
    _c("is_agreed", "BOOLEAN", "True when every printed value agrees with the others to the rounding of the least precise.", False),
    _c("min_value", "DOUBLE", "Smallest value printed.", False),
    _c("max_value", "DOUBLE", "Largest value printed.", False),
    _c("unit_name", "VARCHAR", "Name in force during the period (from the chosen fact)."),
    _c("unit_level", "VARCHAR", "province, district, commune, department or ministry."),
    _c("province_id", "VARCHAR", "Province-level unit's id."),
    _c("province_name", "VARCHAR", "Province-level unit's name in force during the period."),
    _c("letter_key", "VARCHAR", "Letter the chosen value comes from (letters.letter_key)."),
    _c("extractor", "VARCHAR", "text, html, pdf or ocr, of the chosen fact."),
))  # One row per (unit_id, index_family, period_grain, period_start, indicator, measure) by construction; no index
#     to maintain, since its units' rows are rebuilt together after every load (a primary key made the rebuild 10x slower).

CHECKS = TableSpec("core_checks", "Results of the consistency rules run after each load; they record, never delete.", (
    _c("rule", "VARCHAR", "groups_vs_total, value_within_max, rank_within_rank_of, breakdown_sum, delta_vs_previous, body_vs_annex.", False),
    _c("severity", "VARCHAR", "error (the number cannot be right) or warning (the sources disagree, or the letter's own arithmetic does not hold).", False),
    _c("unit_id", "VARCHAR", "Unit checked.", False),
    _c("index_family", "VARCHAR", "Index family.", False),
    _c("period_grain", "VARCHAR", "Period grain.", False),
    _c("period_start", "DATE", "Period checked.", False),
    _c("indicator", "VARCHAR", "Indicator checked (the total or parent for sums).", False),
    _c("measure", "VARCHAR", "Measure checked.", False),
    _c("expected", "DOUBLE", "What the rule expects (the printed total, the maximum, the difference of figures)."),
    _c("found", "DOUBLE", "What was found (the sum of parts, the value, the printed change)."),
    _c("is_passed", "BOOLEAN", "True when the rule holds.", False),
    _c("fact_refs", "VARCHAR[]", "The facts involved, as doc_id:seq.", False),
    _c("detail", "VARCHAR", "The rule's reading of the numbers, in words.", False),
    _c("unit_name", "VARCHAR", "The unit's name in force during the period."),
))

FACTS = TableSpec("core_facts", "One row per published number, with provenance.", (
    _c("doc_id", "VARCHAR", "Letter the number was printed in.", False),
    _c("seq", "INTEGER", "Position of the fact in its letter.", False),
    _c("index_family", "VARCHAR", "service_index, par_index or sipas.", False),
    _c("period_grain", "VARCHAR", "week, month, quarter or year.", False),
    _c("period_start", "DATE", "First day of the period measured.", False),
    _c("unit_id", "VARCHAR", "Registry id of the unit; NULL when the name is in review."),
    _c("published_unit", "VARCHAR", "Unit name as printed (or the province for the letter's own results).", False),
    _c("indicator", "VARCHAR", "Indicator catalogue key.", False),
    _c("measure", "VARCHAR", "score, max_score, rank, rank_of, delta, percent, count, count_of, target, national_average.", False),
    _c("value", "DOUBLE", "The number.", False),
    _c("label", "VARCHAR", "Row or line label as published.", False),
    _c("raw_text", "VARCHAR", "Source line or table row.", False),
    _c("page", "INTEGER", "1-based page for PDFs and scans."),
    _c("line_no", "INTEGER", "1-based line (or text block) number in reading order."),
    _c("row_no", "INTEGER", "1-based table row number for annex facts."),
    _c("extractor", "VARCHAR", "text, html, pdf or ocr.", False),
    LOAD_ID,
    _c("unit_level", "VARCHAR", "Level of the unit (registry); written by the post-load step (warehouse/names.py), as are the next three."),
    _c("province_id", "VARCHAR", "Province-level unit: the unit's, else the letter's; NULL for a ministry."),
    _c("unit_name", "VARCHAR", "The unit's name in force on period_start."),
    _c("province_name", "VARCHAR", "The province's name in force on period_start."),
), ("doc_id", "seq"))

REVIEW = TableSpec("core_review", "Unit names not resolved with confidence; their facts have unit_id NULL.", (
    _c("doc_id", "VARCHAR", "Letter the name appears in.", False),
    _c("published_unit", "VARCHAR", "Name as printed.", False),
    _c("province_id", "VARCHAR", "Province the match was restricted to."),
    _c("reason", "VARCHAR", "Why no unit was chosen.", False),
    _c("candidates", "VARCHAR", "Best candidates as JSON: [{unit_id, unit_name, score}].", False),
    LOAD_ID,
))

REJECTS = TableSpec("core_rejects", "Inputs and numbers not loaded, with the reason.", (
    _c("source_name", "VARCHAR", "File name or URL.", False),
    _c("doc_id", "VARCHAR", "sha256 of the bytes when they could be read."),
    _c("stage", "VARCHAR", "read, parse or normalize.", False),
    _c("reason", "VARCHAR", "Why.", False),
    _c("raw_text", "VARCHAR", "The text concerned, when there is one."),
    LOAD_ID,
    _c("rejected_at", "TIMESTAMP", "When.", False),
))

RUNS = TableSpec("core_runs", "One row per run (ingest, nightly, backfill, reprocess), published with what it loaded.", (
    LOAD_ID,
    _c("flow", "VARCHAR", "ingest, nightly, backfill or reprocess.", False),
    _c("started_at", "TIMESTAMP", "Start.", False),
    _c("finished_at", "TIMESTAMP", "End.", False),
    _c("status", "VARCHAR", "completed (a run that fails publishes nothing; Prefect records its state).", False),
    _c("documents_new", "INTEGER", "Letters read and loaded (new, or reprocessed).", False),
    _c("documents_unchanged", "INTEGER", "Letters skipped: not modified at the source, or already loaded by this parser version.", False),
    _c("documents_failed", "INTEGER", "Documents that could not be fetched or read.", False),
    _c("facts_added", "INTEGER", "Facts loaded.", False),
    _c("facts_replaced", "INTEGER", "Facts of earlier loads of the same letters that these replaced.", False),
    _c("rejected", "INTEGER", "Inputs rejected (fetch, read, parse).", False),
    _c("reasons", "VARCHAR", "JSON list of {source, stage, reason} for every rejected input."),
    _c("prefect_flow_run_id", "VARCHAR", "Prefect flow run id when the run was a Prefect flow."),
    _c("post_load_seconds", "DOUBLE", "Seconds of the post-load step (names, figures, checks: warehouse/post_load.py), within "
       "started_at..finished_at; NULL for runs recorded before it was kept."),
), ("load_id",))

STALE_PERIODS = TableSpec("core_stale_periods", "Periods whose figures and checks are out of date: the (unit, family, grain, "
                          "period) of the facts a load replaced or added, and of the other copies of those letters; unit_id `*` when "
                          "the catalogue or the registry changed. The post-load step rebuilds figures and checks for these periods "
                          "(and the checks of the periods after them, which compare with them) alone, then empties the table.", (
    _c("unit_id", "VARCHAR", "Registry id, or `*` for every period of every unit.", False),
    _c("index_family", "VARCHAR", "Index family."),
    _c("period_grain", "VARCHAR", "Period grain."),
    _c("period_start", "DATE", "First day of the period."),
))

STALE_LETTERS = TableSpec("core_stale_letters", "Letters loaded since the last post-load step, whose facts have no names in force "
                          "yet (warehouse/names.py); `*` when the registry changed, so every fact is named again.", (
    _c("doc_id", "VARCHAR", "sha256 of the letter, or `*`.", False),
))

# Tables earlier versions made and this one no longer uses, dropped when a warehouse is opened.
RETIRED_TABLES = ("core_stale_units",)

POST_LOAD_STATE = TableSpec("core_post_load_state", "What the post-load step last ran: the fingerprint of its SQL, so that new "
                            "rules or a new precedence rebuild every figure and check once.", (
    _c("rules_sha256", "VARCHAR", "sha256 of the figures and checks SQL.", False),
))

DIMENSION_STATE = TableSpec("core_dimension_state", "Fingerprints of what dimensions were last loaded from, so a run rebuilds "
                            "them only when their sources changed.", (
    _c("name", "VARCHAR", "unit_graph: units, unit names, lineage (normalize.lineage.graph_fingerprint); indicators: the "
       "catalogued indicators; dimensions: measures, the PAR INDEX / SIPAS structures, maxima per layout.", False),
    _c("sha256", "VARCHAR", "Fingerprint of its sources.", False),
))

SCHEMA_STATE = TableSpec("core_schema_state", "The fingerprint of the DDL and views this warehouse was last set up with, so "
                         "opening it runs the ~300 statements only when they changed.", (
    _c("ddl_sha256", "VARCHAR", "sha256 of every CREATE, ALTER and COMMENT statement.", False),
))

TABLES: tuple[TableSpec, ...] = (LETTERS, UNITS, UNIT_NAMES, UNIT_NAME_SPANS, LINEAGE, INDICATORS, MEASURES, INDEX_STRUCTURE, INDICATOR_MAXIMA, FACTS, REVIEW,
                                 REJECTS, RUNS, FIGURES, CHECKS, STALE_PERIODS, STALE_LETTERS, POST_LOAD_STATE, DIMENSION_STATE, SCHEMA_STATE)


def create_statements() -> list[str]:
    """DDL for every table, idempotent, with the descriptions as comments."""
    out = [f"DROP TABLE IF EXISTS {name}" for name in RETIRED_TABLES]
    for table in TABLES:
        cols = [f"{c.name} {c.type}{'' if c.nullable else ' NOT NULL'}" for c in table.columns]
        if table.primary_key:
            cols.append(f"PRIMARY KEY ({', '.join(table.primary_key)})")
        out.append(f"CREATE TABLE IF NOT EXISTS {table.name} (\n  " + ",\n  ".join(cols) + "\n)")
        # A warehouse made by an earlier version gains the columns added since, and loses
        # NOT NULL where a column became optional (a ministry has no province).
        for c in table.columns:
            if c.nullable:
                out.append(f"ALTER TABLE {table.name} ADD COLUMN IF NOT EXISTS {c.name} {c.type}")
                out.append(f"ALTER TABLE {table.name} ALTER COLUMN {c.name} DROP NOT NULL")
        out.append(f"COMMENT ON TABLE {table.name} IS {_quote(table.description)}")
        out += [f"COMMENT ON COLUMN {table.name}.{c.name} IS {_quote(c.description)}" for c in table.columns]
    return out


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def render_data_dictionary() -> str:
    """The markdown data dictionary, generated from the same objects as the DDL and the views'
    comments: the views analysts query first, then the tables beneath them."""
    from chiso.warehouse.views import VIEWS

    lines = ["# chiso data dictionary", "", "Generated by `python -m chiso.warehouse.schema`; do not edit.", "",
             "Views are what analysts query; `facts` is the contract (CONTRACT.md). Every view and column "
             "carries the same text as a `COMMENT ON` in the database (`SELECT * FROM duckdb_views()`)."]
    for view in VIEWS:
        lines += ["", f"## `{view.name}` (view)", "", view.description, "", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| {c.name} | {c.type} | {c.description} |" for c in view.columns]
    for table in TABLES:
        lines += ["", f"## `{table.name}`", "", table.description, "", "| column | type | null | meaning |", "|---|---|---|---|"]
        lines += [f"| {c.name}{' (key)' if c.name in table.primary_key else ''} | {c.type} | {'yes' if c.nullable else 'no'} | {c.description} |"
                  for c in table.columns]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_data_dictionary(), end="")
