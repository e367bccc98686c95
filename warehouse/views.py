"""The views analysts query, as code: each view's SQL beside its description and its columns',
rendered to `CREATE VIEW`, `COMMENT ON VIEW/COLUMN` and the data dictionary.

`facts` is the contract's (CONTRACT.md, binding; columns are only ever added at its end).
unit_name and province_name are the names in force on the fact's period_start (a 2022 fact
about Huế's province says `Tỉnh Thừa Thiên Huế`, a 2025 one `Thành phố Huế`), falling back to
the unit's latest name; an unresolved unit has a NULL unit_name and the letter's province; a
ministry has no province (CONTRACT.md). province_id is the id, which does not change with the
name: group by it for series. These are written onto the facts, figures and checks by the
post-load step (warehouse/names.py), so the views analysts scan join nothing at query time.
"""

from __future__ import annotations

from dataclasses import dataclass

from chiso.normalize.dimensions import issuer_codes
from chiso.warehouse import scorecard
from chiso.warehouse.names import name_on
from chiso.warehouse.schema import Column, _c, _quote


@dataclass(frozen=True, slots=True)
class ViewSpec:
    name: str
    description: str
    columns: tuple[Column, ...]
    sql: str

    def statements(self) -> list[str]:
        out = [f"CREATE OR REPLACE VIEW {self.name} ({', '.join(c.name for c in self.columns)}) AS\n{self.sql}",
               f"COMMENT ON VIEW {self.name} IS {_quote(self.description)}"]
        return out + [f"COMMENT ON COLUMN {self.name}.{c.name} IS {_quote(c.description)}" for c in self.columns]


# A letter's number as its copies share it: folded, upper case, no spaces (`193/UBND-KSTTHC`).
NUMBER_KEY = "regexp_replace(upper(strip_accents(replace(replace({number}, 'đ', 'd'), 'Đ', 'D'))), '\\s', '', 'g')"
# Who issued a letter, as its copies share it: the province, else the ministry whose code is one
# of the parts of its number after the slash (876/QĐ-BNV → bo.noi-vu), else `?`.
_CODES, _MINISTRIES = zip(*sorted(issuer_codes().items()))
_CODE_LIST = "[" + ", ".join(f"'{code}'" for code in _CODES) + "]"
ISSUER_KEY = (f"coalesce({{letter}}province_id, ([{', '.join(repr(m) for m in _MINISTRIES)}])[list_position({_CODE_LIST}, list_intersect("
              f"string_split(regexp_replace({NUMBER_KEY.format(number='{letter}doc_number')}, '^[^/]*/', ''), '-'), {_CODE_LIST})[1])], '?')")
# Both keys are stored on each letter as it loads (core_letters.issuer_key, number_key): folding
# every letter's number again cost each run's post-load step 12 ms over 7,000 letters. They
# are computed again for every letter when this SQL changes (it is part of the schema's DDL).
LETTER_KEYS = {"issuer_key": ISSUER_KEY.format(letter=""), "number_key": NUMBER_KEY.format(number="doc_number")}
REFRESH_LETTER_KEYS = "UPDATE core_letters SET " + ", ".join(f"{column} = {sql}" for column, sql in LETTER_KEYS.items())

# The precedence that picks a figure's value, written once for the README, the view comment and
# the SQL in warehouse/reconcile.py (which orders by exactly these, in this order).
PRECEDENCE = (
    "When the sources disagree beyond rounding, the latest letter (issued_on) wins: a later letter corrects an earlier one",
    "text, HTML and PDF copies win over OCR'd scans",
    "among values agreeing to rounding, the most precise wins (62.28 over 62.3)",
    "the letter's body wins over its annex",
    "then the lowest doc_id and seq, so the choice is stable",
)

_KEY = (
    _c("unit_id", "VARCHAR", "Registry id of the unit."),
    _c("index_family", "VARCHAR", "service_index, par_index or sipas."),
    _c("period_grain", "VARCHAR", "week, month, quarter or year."),
    _c("period_start", "DATE", "First day of the period measured."),
    _c("indicator", "VARCHAR", "Indicator catalogue key."),
    _c("measure", "VARCHAR", "What the number measures (see the measures view)."),
)

FACTS = ViewSpec("facts", "One row per published number with its provenance (the analyst contract, CONTRACT.md). "
                 "A number printed in several copies of a letter, or in its body and its annex, is several rows: use figures for one value per key.", (
    _c("doc_id", "VARCHAR", "sha256 of the source document."),
    _c("source_name", "VARCHAR", "File name or URL ingested."),
    _c("doc_number", "VARCHAR", "The letter's number as published."),
    _c("issued_on", "DATE", "The letter's date."),
    _c("index_family", "VARCHAR", "service_index, par_index or sipas."),
    _c("period_grain", "VARCHAR", "week, month, quarter or year."),
    _c("period_start", "DATE", "First day of the period measured."),
    _c("unit_id", "VARCHAR", "Registry id of the unit."),
    _c("unit_name", "VARCHAR", "Canonical name in force during the period."),
    _c("province_name", "VARCHAR", "Province-level unit it belongs to, name in force during the period."),
    _c("indicator", "VARCHAR", "Indicator catalogue key."),
    _c("measure", "VARCHAR", "What the number measures."),
    _c("value", "DOUBLE", "The number."),
    _c("label", "VARCHAR", "Line or row label as published."),
    _c("raw_text", "VARCHAR", "Source line or table row."),
    _c("page", "INTEGER", "1-based page for PDFs and scans."),
    _c("extractor", "VARCHAR", "text, html, pdf or ocr."),
    _c("line_no", "INTEGER", "1-based line or text block."),
    _c("row_no", "INTEGER", "1-based table row (annex facts)."),
    _c("published_unit", "VARCHAR", "Unit name as printed."),
    _c("load_id", "VARCHAR", "Load that wrote the fact."),
    _c("unit_level", "VARCHAR", "province, district, commune or department (NULL when the unit is in review)."),
    _c("province_id", "VARCHAR", "Id of the province-level unit; unchanged across renames (Huế 2025-01-01), so group series by it."),
    _c("seq", "INTEGER", "Position of the fact in its letter: (doc_id, seq) is the fact's key, as figures and checks cite it."),
), """SELECT f.doc_id, l.source_name, l.doc_number, l.issued_on, f.index_family, f.period_grain, f.period_start,
       f.unit_id, f.unit_name, f.province_name, f.indicator, f.measure, f.value, f.label, f.raw_text, f.page, f.extractor,
       f.line_no, f.row_no, f.published_unit, f.load_id, f.unit_level, f.province_id, f.seq
FROM core_facts f
JOIN core_letters l USING (doc_id)""")

LETTERS = ViewSpec("letters", "One row per ingested document, with letter_key shared by every copy and rendering of the same letter "
                   "(text, HTML, PDF, scan): issuer + number + date, normalised.", (
    _c("doc_id", "VARCHAR", "sha256 of the document's bytes."),
    _c("letter_key", "VARCHAR", "issuer id (province, else ministry, else ?) | number folded (no spaces, no diacritics, upper case) | issued_on; a copy whose date "
       "could not be read takes the one date its other copies agree on; a document without a number is keyed by its doc_id."),
    _c("doc_number", "VARCHAR", "The letter's number as printed."),
    _c("issuer_id", "VARCHAR", "Registry id of the issuer: the province, else the ministry whose code its number carries "
       "(876/QĐ-BNV: bo.noi-vu; normalize/data/issuer_codes.csv); NULL when neither is known."),
    _c("issued_on", "DATE", "The letter's date as printed in it."),
    _c("published_on", "DATE", "The page's own date: its printed date line, else its HTML metadata, else the day the bytes were "
       "first fetched or archived. Dates printed without a year take it from issued_on, else from this."),
    _c("source_name", "VARCHAR", "File name or URL the document was ingested as."),
    _c("source_url", "VARCHAR", "URL it was first archived from (file:// for local files)."),
    _c("extractor", "VARCHAR", "text, html, pdf or ocr."),
    _c("n_pages", "INTEGER", "Pages of a PDF or scan."),
    _c("parser_version", "VARCHAR", "Parser version that produced its facts."),
    _c("loaded_at", "TIMESTAMP", "When it was loaded."),
), """SELECT doc_id,
       CASE WHEN number_key IS NULL THEN 'doc:' || doc_id
            ELSE issuer_key || '|' || number_key || '|' || coalesce(CAST(coalesce(issued_on,
                 CASE WHEN min(issued_on) OVER copies = max(issued_on) OVER copies THEN min(issued_on) OVER copies END) AS VARCHAR), '')
       END,
       doc_number, nullif(issuer_key, '?'), issued_on, coalesce(published_on, fetched_on), source_name, source_url, extractor, n_pages, parser_version, loaded_at
FROM core_letters
WINDOW copies AS (PARTITION BY issuer_key, number_key)""")

UNITS = ViewSpec("units", "Every unit of the registry: provinces (63 before 2025-07-01, 34 after), districts (to 2025-06-30), communes "
                 "(before 2025-07-01 as the package lists them on 2025-06-30, each with its district; from 2025-07-01 the new ones) and departments, with the name in force today.", (
    _c("unit_id", "VARCHAR", "Registry id."),
    _c("level", "VARCHAR", "province, district, commune, department or ministry."),
    _c("unit_name", "VARCHAR", "Name in force today, or the last name of a unit that has ended."),
    _c("province_id", "VARCHAR", "Province the unit belongs to (itself for a province; NULL for a ministry)."),
    _c("parent_id", "VARCHAR", "Unit one level up: a district's or department's province; a commune's district before 2025."),
    _c("code", "VARCHAR", "Official code printed by letters, e.g. 000.00.36.H57."),
    _c("valid_from", "DATE", "First day of the unit (NULL: before the registry's memory)."),
    _c("valid_to", "DATE", "Last day of the unit (NULL: still exists)."),
), f"""SELECT u.unit_id, u.level, any_value(un.name), u.province_id, u.parent_id, u.code,
       CASE WHEN bool_or(n.valid_from IS NULL) THEN NULL ELSE min(n.valid_from) END,
       CASE WHEN bool_or(n.valid_to IS NULL) THEN NULL ELSE max(n.valid_to) END
FROM core_units u JOIN core_unit_names n USING (unit_id)
{name_on('un', 'u.unit_id', 'current_date')}
GROUP BY u.unit_id, u.level, u.province_id, u.parent_id, u.code""")

UNIT_LINEAGE = ViewSpec("unit_lineage", "Which units took over which, and when, many-to-many: the 63 → 34 provinces, each district and each "
                        "commune of 2025-06-30 → the communes and wards that took its territory (2025-07-01; earlier commune mergers "
                        "are not in the source, the vietnamadminunits package), the March 2025 department mergers, renames and upgrades "
                        "(Huế 2025-01-01). event: merge, split, rename, upgrade, absorb (the unit continues with added territory), abolish.", (
    _c("from_unit_id", "VARCHAR", "Unit before the event."),
    _c("from_unit_name", "VARCHAR", "Its name on the day before the event."),
    _c("to_unit_id", "VARCHAR", "Unit after the event (the same unit for rename, upgrade and absorb)."),
    _c("to_unit_name", "VARCHAR", "Its name on the day of the event."),
    _c("event", "VARCHAR", "merge, split, rename, upgrade, absorb or abolish."),
    _c("effective_on", "DATE", "First day the change was in force."),
    _c("old_wards", "INTEGER", "District → commune: how many of the district's pre-2025 communes went there."),
    _c("note", "VARCHAR", "Source or resolution behind the event."),
), f"""SELECT g.from_unit_id, fn.name, g.to_unit_id, tn.name, g.event, g.effective_on, g.old_wards, g.note
FROM core_unit_lineage g
{name_on('fn', 'g.from_unit_id', 'g.effective_on - 1')}
{name_on('tn', 'g.to_unit_id', 'g.effective_on')}""")

INDICATORS = ViewSpec("indicators", "The indicator catalogue with Vietnamese and English labels, a province's maxima and parent group; "
                      "maxima per layout and year are in indicator_maxima, PAR INDEX and SIPAS codes are named in index_structure.", (
    _c("index_family", "VARCHAR", "service_index, par_index or sipas."),
    _c("indicator", "VARCHAR", "Catalogue key (facts.indicator)."),
    _c("label_vi", "VARCHAR", "Vietnamese label."),
    _c("label_en", "VARCHAR", "English label (NULL for keys derived from an uncatalogued label)."),
    _c("max_score", "DOUBLE", "A province's maximum in force today (NULL where no source prints it: online, the five-group layout's "
       "group); indicator_maxima gives the maximum per layout and year, and a letter's own max_score figures prevail."),
    _c("parent", "VARCHAR", "Group key of a sub-indicator."),
    _c("is_catalogued", "BOOLEAN", "False for keys derived from a label the catalogue does not know."),
), """SELECT index_family, indicator, label, label_en, max_score, parent, is_catalogued FROM core_indicators""")

MEASURES = ViewSpec("measures", "What each measure means, in Vietnamese and English.", (
    _c("measure", "VARCHAR", "Measure key (facts.measure)."),
    _c("label_vi", "VARCHAR", "Vietnamese label."),
    _c("label_en", "VARCHAR", "English label."),
    _c("definition", "VARCHAR", "What the number is, with an example."),
), "SELECT measure, label_vi, label_en, definition FROM core_measures")

INDEX_STRUCTURE = ViewSpec("index_structure", "PAR INDEX and SIPAS areas and criteria of a province by year, with maxima, so their codes "
                           "have names: PAR INDEX 2021-2022 from 192/KH-UBND's table (areas 1-8, criteria such as 2.4.1), 2023 from Kon Tum's "
                           "published result (areas 1-7 and the appraisal / impact-survey split); SIPAS's five factors 2017-2020 and its "
                           "areas and criteria 2021-2022 (I, I.1 ... V.4). One row per code and year; join on year(period_start) BETWEEN "
                           "year_from AND coalesce(year_to, 9999).", (
    _c("index_family", "VARCHAR", "par_index or sipas."),
    _c("code", "VARCHAR", "Criterion code as printed (facts.indicator); total for the index; appraisal, impact and impact.* name the "
       "2023 split into appraisal points and impact-survey points, which letters print in prose."),
    _c("year_from", "INTEGER", "First year scored so."),
    _c("year_to", "INTEGER", "Last year scored so (NULL: no end known)."),
    _c("label_vi", "VARCHAR", "Vietnamese name."),
    _c("label_en", "VARCHAR", "English name."),
    _c("max_score", "DOUBLE", "Maximum points (SIPAS percentages: 100; NULL where no source prints it)."),
    _c("parent_code", "VARCHAR", "Code of the area or criterion it belongs to (total for an area)."),
    _c("source", "VARCHAR", "Where the name and maximum come from (normalize/data/SOURCES.md quotes each passage)."),
), "SELECT index_family, code, year_from, year_to, label_vi, label_en, max_score, parent_code, source FROM core_index_structure")

INDICATOR_MAXIMA = ViewSpec("indicator_maxima", "The most points an indicator gives, per layout (the level of the unit scored) and years "
                            "in force: the service index's per layout (a province's groups /18 /20 /12 /10 /18 /22 since Decision 766/QĐ-TTg "
                            "of 2022; other layouts' group maxima are NULL where no source prints them), and the PAR INDEX and SIPAS "
                            "structure's, which are a province's. Join a figure on layout = unit_level AND year(period_start) BETWEEN "
                            "year_from AND coalesce(year_to, 9999).", (
    _c("index_family", "VARCHAR", "service_index, par_index or sipas."),
    _c("indicator", "VARCHAR", "Indicator key or criterion code (facts.indicator)."),
    _c("layout", "VARCHAR", "Level of the unit scored (facts.unit_level): province, ministry, department, district or commune."),
    _c("year_from", "INTEGER", "First year in force."),
    _c("year_to", "INTEGER", "Last year in force (NULL: no end known)."),
    _c("max_score", "DOUBLE", "Maximum points; NULL where no source prints it (the row says so in source)."),
    _c("source", "VARCHAR", "The letters or items that print the maximum, or why it is missing."),
), """SELECT index_family, indicator, layout, year_from, year_to, max_score, source FROM core_indicator_maxima
UNION ALL
SELECT index_family, code, 'province', year_from, year_to, max_score, source FROM core_index_structure""")

FIGURES = ViewSpec("figures", "One trusted value per key (unit_id, index_family, period_grain, period_start, indicator, measure), "
                   "chosen from every fact printing it. Precedence: " + "; ".join(PRECEDENCE) + ". "
                   "Keys whose sources disagree are also in conflicts. Facts whose unit is in review have no figure.", (
    *_KEY,
    _c("unit_name", "VARCHAR", "Name in force during the period."),
    _c("unit_level", "VARCHAR", "province, district, commune or department."),
    _c("province_id", "VARCHAR", "Province-level unit's id (stable across renames)."),
    _c("province_name", "VARCHAR", "Province-level unit's name in force during the period."),
    _c("value", "DOUBLE", "The chosen value."),
    _c("doc_id", "VARCHAR", "Document the chosen value comes from."),
    _c("seq", "INTEGER", "The chosen fact's position in it: facts WHERE doc_id = … AND seq = … shows its provenance."),
    _c("letter_key", "VARCHAR", "Letter the chosen value comes from (letters.letter_key)."),
    _c("extractor", "VARCHAR", "text, html, pdf or ocr, of the chosen fact."),
    _c("n_facts", "INTEGER", "How many printed numbers carry this key (every copy, body and annex)."),
    _c("n_letters", "INTEGER", "How many distinct letters printed it."),
    _c("n_values", "INTEGER", "How many distinct values were printed."),
    _c("is_agreed", "BOOLEAN", "True when every printed value agrees to the rounding of the least precise one."),
    _c("min_value", "DOUBLE", "Smallest value printed."),
    _c("max_value", "DOUBLE", "Largest value printed."),
), """SELECT unit_id, index_family, period_grain, period_start, indicator, measure, unit_name, unit_level, province_id, province_name,
       value, doc_id, seq, letter_key, extractor, n_facts, n_letters, n_values, is_agreed, min_value, max_value
FROM core_figures""")

CONFLICTS = ViewSpec("conflicts", "Every fact of a key whose sources disagree beyond rounding (figures.is_agreed false), each value "
                     "with its provenance and whether figures chose it.", (
    *_KEY,
    _c("unit_name", "VARCHAR", "Name in force during the period."),
    _c("value", "DOUBLE", "The value this source printed."),
    _c("is_chosen", "BOOLEAN", "True for the fact figures chose."),
    _c("doc_id", "VARCHAR", "Document."),
    _c("seq", "INTEGER", "Fact's position in the document."),
    _c("letter_key", "VARCHAR", "Letter (shared by its copies)."),
    _c("source_name", "VARCHAR", "File name or URL."),
    _c("extractor", "VARCHAR", "text, html, pdf or ocr."),
    _c("is_annex", "BOOLEAN", "True for a number read from an annex table, false for the letter's body."),
    _c("page", "INTEGER", "Page for PDFs and scans."),
    _c("raw_text", "VARCHAR", "Source line or table row."),
), """SELECT g.unit_id, g.index_family, g.period_grain, g.period_start, g.indicator, g.measure,
       g.unit_name, f.value, f.doc_id = g.doc_id AND f.seq = g.seq,
       f.doc_id, f.seq, l.letter_key, l.source_name, f.extractor, f.row_no IS NOT NULL, f.page, f.raw_text
FROM core_figures g
JOIN core_facts f ON f.unit_id = g.unit_id AND f.index_family = g.index_family AND f.period_grain = g.period_grain
     AND f.period_start = g.period_start AND f.indicator = g.indicator AND f.measure = g.measure
JOIN letters l ON l.doc_id = f.doc_id
WHERE NOT g.is_agreed""")

CHECKS = ViewSpec("checks", "Results of the consistency rules run after every load (warehouse/checks.py): one row per rule and "
                  "key checked, passed or not. They record, never delete.", (
    _c("rule", "VARCHAR", "groups_vs_total, value_within_max, rank_within_rank_of, breakdown_sum, delta_vs_previous, body_vs_annex."),
    _c("severity", "VARCHAR", "error (the number cannot be right) or warning (sources or the letter's own arithmetic disagree)."),
    _c("is_passed", "BOOLEAN", "True when the rule holds."),
    _c("unit_id", "VARCHAR", "Unit checked."),
    _c("unit_name", "VARCHAR", "Its name in force during the period."),
    _c("index_family", "VARCHAR", "Index family."),
    _c("period_grain", "VARCHAR", "Period grain."),
    _c("period_start", "DATE", "Period checked."),
    _c("indicator", "VARCHAR", "Indicator checked."),
    _c("measure", "VARCHAR", "Measure checked."),
    _c("expected", "DOUBLE", "What the rule expects."),
    _c("found", "DOUBLE", "What was found."),
    _c("fact_refs", "VARCHAR[]", "Facts involved, as doc_id:seq."),
    _c("detail", "VARCHAR", "The rule's reading, in words."),
), """SELECT rule, severity, is_passed, unit_id, unit_name, index_family, period_grain, period_start, indicator, measure, expected, found,
       fact_refs, detail
FROM core_checks""")

REVIEW_QUEUE = ViewSpec("review_queue", "Unit names not resolved with confidence, with their best candidates; their facts keep unit_id NULL.", (
    _c("published_unit", "VARCHAR", "Name as printed."),
    _c("source_name", "VARCHAR", "Letter it appears in."),
    _c("province_id", "VARCHAR", "Province the match was restricted to."),
    _c("reason", "VARCHAR", "Why no unit was chosen."),
    _c("candidates", "VARCHAR", "Best candidates as JSON: [{unit_id, unit_name, score}]."),
    _c("facts", "BIGINT", "Facts waiting on this name."),
), """SELECT r.published_unit, l.source_name, r.province_id, r.reason, r.candidates, coalesce(w.facts, 0)
FROM core_review r JOIN core_letters l USING (doc_id)
LEFT JOIN (SELECT doc_id, published_unit, count(*) AS facts FROM core_facts
           WHERE (doc_id, published_unit) IN (SELECT (doc_id, published_unit) FROM core_review) GROUP BY ALL) w
       ON w.doc_id = r.doc_id AND w.published_unit = r.published_unit""")

REJECTS = ViewSpec("rejects", "Files and numbers not loaded, with the reason.", (
    _c("source_name", "VARCHAR", "File name or URL."),
    _c("doc_id", "VARCHAR", "sha256 of the bytes when they could be read."),
    _c("stage", "VARCHAR", "read, parse or normalize."),
    _c("reason", "VARCHAR", "Why."),
    _c("raw_text", "VARCHAR", "The text concerned."),
    _c("load_id", "VARCHAR", "Run that rejected it."),
    _c("rejected_at", "TIMESTAMP", "When."),
), "SELECT source_name, doc_id, stage, reason, raw_text, load_id, rejected_at FROM core_rejects")

RUNS = ViewSpec("runs", "Every run, newest first: when, what it loaded, what it rejected.", (
    _c("run_id", "VARCHAR", "The run's load_id."),
    _c("flow", "VARCHAR", "ingest, nightly, backfill or reprocess."),
    _c("started_at", "TIMESTAMP", "Start."),
    _c("finished_at", "TIMESTAMP", "End."),
    _c("status", "VARCHAR", "completed."),
    _c("documents_new", "INTEGER", "Letters read and loaded."),
    _c("documents_unchanged", "INTEGER", "Letters skipped as unchanged."),
    _c("documents_failed", "INTEGER", "Documents that could not be fetched or read."),
    _c("facts_added", "INTEGER", "Facts loaded."),
    _c("facts_replaced", "INTEGER", "Facts of earlier loads these replaced."),
    _c("rejected", "INTEGER", "Inputs rejected."),
    _c("reasons", "VARCHAR", "JSON list of {source, stage, reason}."),
    _c("prefect_flow_run_id", "VARCHAR", "Prefect flow run id, when there is one."),
    _c("post_load_seconds", "DOUBLE", "Seconds of the post-load step (names, figures, checks) within the run: its share of "
       "finished_at - started_at is what the step costs a run."),
), """SELECT load_id, flow, started_at, finished_at, status, documents_new, documents_unchanged, documents_failed,
       facts_added, facts_replaced, rejected, reasons, prefect_flow_run_id, post_load_seconds
FROM core_runs ORDER BY started_at DESC""")

SCORECARD = ViewSpec("scorecard", scorecard.DESCRIPTION, scorecard.COLUMNS, scorecard.SQL)

# In dependency order: figures and conflicts read letters; the scorecard reads figures.
VIEWS: tuple[ViewSpec, ...] = (FACTS, LETTERS, UNITS, UNIT_LINEAGE, INDICATORS, MEASURES, INDEX_STRUCTURE, INDICATOR_MAXIMA, FIGURES, CONFLICTS, CHECKS,
                               REVIEW_QUEUE, REJECTS, RUNS, SCORECARD)


def view_statements() -> list[str]:
    return [statement for view in VIEWS for statement in view.statements()]
