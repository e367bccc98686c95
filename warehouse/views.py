"""The public views: `facts` (CONTRACT.md, binding) and `review_queue`, `rejects` for humans.

unit_name and province_name are the names in force on the fact's period_start (a 2022 fact
about Huế's province says `Tỉnh Thừa Thiên Huế`, a 2025 one `Thành phố Huế`), falling back to
the unit's latest name; an unresolved unit has a NULL unit_name and the letter's province; a
ministry has no province (CONTRACT.md).
"""

from __future__ import annotations

FACTS_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("doc_id", "VARCHAR", "sha256 of the source document"),
    ("source_name", "VARCHAR", "file name or URL ingested"),
    ("doc_number", "VARCHAR", "the letter's number as published"),
    ("issued_on", "DATE", "the letter's date"),
    ("index_family", "VARCHAR", "service_index, par_index or sipas"),
    ("period_grain", "VARCHAR", "week, month, quarter or year"),
    ("period_start", "DATE", "first day of the period measured"),
    ("unit_id", "VARCHAR", "registry id of the unit"),
    ("unit_name", "VARCHAR", "canonical name in force during the period"),
    ("province_name", "VARCHAR", "province-level unit it belongs to, name in force"),
    ("indicator", "VARCHAR", "indicator catalogue key"),
    ("measure", "VARCHAR", "what the number measures"),
    ("value", "DOUBLE", "the number"),
    ("label", "VARCHAR", "line or row label as published"),
    ("raw_text", "VARCHAR", "source line or table row"),
    ("page", "INTEGER", "1-based page for PDFs and scans"),
    ("extractor", "VARCHAR", "text, html, pdf or ocr"),
    ("line_no", "INTEGER", "1-based line or text block"),
    ("row_no", "INTEGER", "1-based table row"),
    ("published_unit", "VARCHAR", "unit name as printed"),
    ("load_id", "VARCHAR", "load that wrote the fact"),
)

_NAME_ON = """(SELECT n.name FROM core_unit_names n WHERE n.unit_id = {unit}
   ORDER BY (coalesce(n.valid_from, DATE '1900-01-01') <= {on} AND coalesce(n.valid_to, DATE '9999-12-31') >= {on}) DESC,
            coalesce(n.valid_to, DATE '9999-12-31') DESC LIMIT 1)"""

VIEWS: tuple[str, ...] = (
    f"""CREATE OR REPLACE VIEW facts AS
SELECT f.doc_id, l.source_name, l.doc_number, l.issued_on, f.index_family, f.period_grain, f.period_start,
       f.unit_id,
       {_NAME_ON.format(unit='f.unit_id', on='f.period_start')} AS unit_name,
       CASE WHEN u.level = 'ministry' THEN NULL
            ELSE {_NAME_ON.format(unit='coalesce(u.province_id, l.province_id)', on='f.period_start')} END AS province_name,
       f.indicator, f.measure, f.value, f.label, f.raw_text, f.page, f.extractor,
       f.line_no, f.row_no, f.published_unit, f.load_id
FROM core_facts f
JOIN core_letters l USING (doc_id)
LEFT JOIN core_units u ON u.unit_id = f.unit_id""",
    """CREATE OR REPLACE VIEW review_queue AS
SELECT r.published_unit, l.source_name, r.province_id, r.reason, r.candidates,
       (SELECT count(*) FROM core_facts f WHERE f.doc_id = r.doc_id AND f.published_unit = r.published_unit) AS facts
FROM core_review r JOIN core_letters l USING (doc_id)""",
    """CREATE OR REPLACE VIEW rejects AS
SELECT source_name, doc_id, stage, reason, raw_text, load_id, rejected_at FROM core_rejects""",
    """CREATE OR REPLACE VIEW runs AS
SELECT load_id AS run_id, flow, started_at, finished_at, status, documents_new, documents_unchanged, documents_failed,
       facts_added, facts_replaced, rejected, reasons, prefect_flow_run_id
FROM core_runs ORDER BY started_at DESC""",
)
