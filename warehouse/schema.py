"""The warehouse schema as code: every column declared once, rendered to DDL and to the data
dictionary (`python -m warehouse.schema > docs/data_dictionary.md`; a test fails when stale).

Internal tables carry `core_` prefixes; the `facts` view (warehouse/views.py) is the only
public surface, as CONTRACT.md requires.
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
), ("doc_id",))

UNITS = TableSpec("core_units", "Canonical units: provinces, districts, communes, departments, ministries.", (
    _c("unit_id", "VARCHAR", "Registry id.", False),
    _c("level", "VARCHAR", "province, district, commune, department or ministry.", False),
    _c("province_id", "VARCHAR", "Province the unit belongs to (itself for a province; NULL for a ministry)."),
    _c("code", "VARCHAR", "Official unit code printed by letters, e.g. 000.00.36.H57."),
    _c("successor_id", "VARCHAR", "Unit that took over after a merger."),
), ("unit_id",))

UNIT_NAMES = TableSpec("core_unit_names", "Names of units with the dates they were in force.", (
    _c("unit_id", "VARCHAR", "Registry id.", False),
    _c("name", "VARCHAR", "Official name with its type word.", False),
    _c("valid_from", "DATE", "First day in force (NULL: since before the registry)."),
    _c("valid_to", "DATE", "Last day in force (NULL: still in force)."),
))

INDICATORS = TableSpec("core_indicators", "The indicator catalogue, plus keys derived from uncatalogued labels.", (
    _c("indicator", "VARCHAR", "Catalogue key.", False),
    _c("index_family", "VARCHAR", "service_index, par_index or sipas.", False),
    _c("label", "VARCHAR", "Vietnamese label.", False),
    _c("max_score", "DOUBLE", "Maximum score where the index defines one."),
    _c("parent", "VARCHAR", "Group key of a sub-indicator."),
    _c("is_catalogued", "BOOLEAN", "False for keys derived from a label the catalogue does not know.", False),
), ("indicator", "index_family"))

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
), ("load_id",))

TABLES: tuple[TableSpec, ...] = (LETTERS, UNITS, UNIT_NAMES, INDICATORS, FACTS, REVIEW, REJECTS, RUNS)


def create_statements() -> list[str]:
    """DDL for every table, idempotent, with the descriptions as comments."""
    out = []
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
    """The markdown data dictionary, generated from the same objects as the DDL."""
    from warehouse.views import FACTS_COLUMNS

    lines = ["# chiso data dictionary", "", "Generated by `python -m warehouse.schema`; do not edit.", "",
             "## `facts` (view, the public surface)", "", "| column | type | meaning |", "|---|---|---|"]
    lines += [f"| {name} | {type_} | {meaning} |" for name, type_, meaning in FACTS_COLUMNS]
    for table in TABLES:
        lines += ["", f"## `{table.name}`", "", table.description, "", "| column | type | null | meaning |", "|---|---|---|---|"]
        lines += [f"| {c.name}{' (key)' if c.name in table.primary_key else ''} | {c.type} | {'yes' if c.nullable else 'no'} | {c.description} |"
                  for c in table.columns]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_data_dictionary(), end="")
