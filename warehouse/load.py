"""Loading into DuckDB: dimensions replaced in bulk, each letter replaced in one transaction.

A letter's rows (facts, review, rejections, the letter itself) are deleted by doc_id and
inserted again from Arrow tables inside one transaction, so re-ingesting never duplicates and
a failure half-way leaves the previous version of the letter as it was (dlt-style: every row
carries the load_id, and the run's `core_runs` row is written last).
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from chiso.normalize.dimensions import english_labels, index_structure, indicator_maxima, measure_definitions
from chiso.normalize.fact import Fact, Letter, Rejection, ReviewItem
from chiso.normalize.indicators import Indicator
from chiso.normalize.lineage import FINGERPRINT_KEY, build_unit_graph, graph_fingerprint, prebuilt_graph_files, write_graph_files
from chiso.normalize.registry import Registry
from chiso.warehouse.schema import (DIMENSION_STATE, FACTS, INDEX_STRUCTURE, INDICATOR_MAXIMA, INDICATORS, LETTERS, LINEAGE, MEASURES, REJECTS, REVIEW, RUNS, SCHEMA_STATE,
                              STALE_LETTERS, STALE_PERIODS, UNIT_NAME_SPANS, UNIT_NAMES, UNITS, TableSpec, create_statements)
from chiso.warehouse.names import BUILD_NAME_SPANS
from chiso.warehouse.views import LETTER_KEYS, REFRESH_LETTER_KEYS, view_statements


@dataclass(frozen=True, slots=True)
class LoadResult:
    facts_added: int
    facts_replaced: int


def open_warehouse(path: Path | str) -> duckdb.DuckDBPyConnection:
    """Open or create the warehouse; schema and views are (re)created idempotently, in one
    transaction, and only when their DDL changed (its fingerprint is kept in the warehouse):
    the ~300 statements cost 0.4 s of CPU, and committed one by one, 2 s of a one-letter run on a busy disk."""
    con = duckdb.connect(str(path))
    statements = (*create_statements(), REFRESH_LETTER_KEYS, *view_statements())
    stamp = hashlib.sha256("\n".join(statements).encode()).hexdigest()
    known = con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND table_name = ?",
                        [SCHEMA_STATE.name]).fetchall()[0][0]
    if known and con.execute(f"SELECT ddl_sha256 FROM {SCHEMA_STATE.name}").fetchall() == [(stamp,)]:
        return con
    with _transaction(con):
        for statement in statements:
            con.execute(statement)
        con.execute(f"DELETE FROM {SCHEMA_STATE.name}")
        con.execute(f"INSERT INTO {SCHEMA_STATE.name} VALUES (?)", [stamp])
    return con


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All or nothing: a failure rolls back and re-raises."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _insert(con: duckdb.DuckDBPyConnection, table: TableSpec, rows: Sequence[dict[str, Any]],
            derived: Mapping[str, str] | None = None) -> None:
    """Rows inserted as whole columns (_insert_columns); a column a row lacks is NULL, unless
    `derived` computes it (column → SQL over the others)."""
    if rows:
        derived = derived or {}
        _insert_columns(con, table, {name: [row.get(name) for row in rows] for name in table.column_names if name not in derived}, derived)


def _insert_columns(con: duckdb.DuckDBPyConnection, table: TableSpec, columns: Mapping[str, list[Any]],
                    derived: Mapping[str, str] | None = None) -> None:
    """One INSERT ... SELECT of whole columns, never row by row. The columns go in as list
    parameters unnested side by side rather than as an Arrow table: building any Arrow array
    imports pandas (pyarrow probes for it), 0.3 s of every one-letter run, and costs the writer
    twice the CPU of the lists for a letter's facts."""
    names, derived = list(columns), derived or {}
    given = ", ".join(f"unnest(${i + 1}) AS {name}" for i, name in enumerate(names))
    con.execute(f"INSERT INTO {table.name} ({', '.join([*names, *derived])}) SELECT *{''.join(f', {sql}' for sql in derived.values())} "
                f"FROM (SELECT {given})", [columns[name] for name in names])


def load_unit_graph(con: duckdb.DuckDBPyConnection, registry: Registry) -> None:
    """Units, their names and lineage, replaced only when what they are built from changed
    (normalize.lineage.graph_fingerprint). They are read from the Parquet files prebuilt for
    the packaged registry (normalize/data/unit_graph_*.parquet); a registry those files were not
    built from (a run's own aliases) has its graph built and written here first, a second."""
    stamp = graph_fingerprint(registry)
    # A warehouse made before the name spans were kept has the graph's stamp but no spans.
    if con.execute(f"SELECT sha256 FROM {DIMENSION_STATE.name} WHERE name = 'unit_graph' AND EXISTS (FROM {UNIT_NAME_SPANS.name})").fetchall() == [(stamp,)]:
        return
    files = prebuilt_graph_files()
    if _graph_stamps(con, files) == {stamp}:
        _replace_unit_graph(con, files, stamp)
        return
    with tempfile.TemporaryDirectory(prefix="chiso-graph-") as scratch:
        _replace_unit_graph(con, write_graph_files(build_unit_graph(registry), stamp, Path(scratch)), stamp)


def _graph_stamps(con: duckdb.DuckDBPyConnection, files: Mapping[str, Path]) -> set[str]:
    """The fingerprints the graph files carry (none when a file is missing)."""
    if not all(path.exists() for path in files.values()):
        return set()
    rows = con.execute("SELECT file_name, decode(value) FROM parquet_kv_metadata($1) WHERE decode(key) = $2",
                       [[str(path) for path in files.values()], FINGERPRINT_KEY]).fetchall()
    return {stamp for _, stamp in rows} if len(rows) == len(files) else set()


def _replace_unit_graph(con: duckdb.DuckDBPyConnection, files: Mapping[str, Path], stamp: str) -> None:
    """Replace units, names (and their spans, warehouse/names.py) and lineage from the graph's
    files in one transaction. When the warehouse has facts and a unit, level, province or name
    changed, every fact is named and every figure rebuilt again."""
    tables = ((UNITS, files["units"]), (UNIT_NAMES, files["unit_names"]), (LINEAGE, files["unit_lineage"]))
    with _transaction(con):
        has_facts = con.execute(f"SELECT EXISTS (FROM {FACTS.name})").fetchall()[0][0]
        if has_facts:
            con.execute(f"CREATE OR REPLACE TEMP TABLE units_before AS FROM {UNITS.name}")
            con.execute(f"CREATE OR REPLACE TEMP TABLE unit_names_before AS FROM {UNIT_NAMES.name}")
        for table, path in tables:
            con.execute(f"DELETE FROM {table.name}")
            con.execute(f"INSERT INTO {table.name} BY NAME SELECT * FROM read_parquet($1)", [str(path)])
        con.execute(f"DELETE FROM {UNIT_NAME_SPANS.name}")
        con.execute(BUILD_NAME_SPANS)
        if has_facts:
            pairs = (("units_before", UNITS.name), ("unit_names_before", UNIT_NAMES.name))
            changed = con.execute("SELECT " + " OR ".join(f"EXISTS (FROM {a} EXCEPT ALL FROM {b}) OR EXISTS (FROM {b} EXCEPT ALL FROM {a})"
                                                          for a, b in pairs)).fetchall()[0][0]
            con.execute("DROP TABLE units_before")
            con.execute("DROP TABLE unit_names_before")
            if changed:
                _mark_all_stale(con, names_too=True)  # names, levels and provinces written onto facts and figures
        _remember_loaded(con, "unit_graph", stamp)


def load_dimensions(con: duckdb.DuckDBPyConnection) -> None:
    """Replace the measure definitions, the PAR INDEX / SIPAS structures and the service index's
    maxima per layout (static data), when they changed since the warehouse last got them."""
    measures = [dict(measure=m.measure, label_vi=m.label_vi, label_en=m.label_en, definition=m.definition) for m in measure_definitions()]
    structure = [dict(index_family=c.index_family, code=c.code, year_from=c.year_from, year_to=c.year_to, label_vi=c.label_vi,
                      label_en=c.label_en, max_score=c.max_score, parent_code=c.parent_code, source=c.source) for c in index_structure()]
    maxima = [dict(index_family=m.index_family, indicator=m.indicator, layout=m.layout, year_from=m.year_from, year_to=m.year_to,
                   max_score=m.max_score, source=m.source) for m in indicator_maxima()]
    stamp = _stamp(measures, structure, maxima)
    if _loaded_from(con, "dimensions") == stamp:
        return
    with _transaction(con):
        before = (_contents(con, INDEX_STRUCTURE.name), _contents(con, INDICATOR_MAXIMA.name))
        for table, rows in ((MEASURES, measures), (INDEX_STRUCTURE, structure), (INDICATOR_MAXIMA, maxima)):
            con.execute(f"DELETE FROM {table.name}")
            _insert(con, table, rows)
        if (_contents(con, INDEX_STRUCTURE.name), _contents(con, INDICATOR_MAXIMA.name)) != before:
            _mark_all_stale(con)  # the maxima checks compare against
        _remember_loaded(con, "dimensions", stamp)


def load_indicators(con: duckdb.DuckDBPyConnection, indicators: Iterable[Indicator]) -> None:
    """Replace the catalogued indicators when the catalogue changed since the warehouse last got
    it; keys derived from labels (is_catalogued false) stay. A catalogued key without an English
    label is an error (normalize/data/indicator_labels_en.csv)."""
    english = english_labels()
    rows = [dict(indicator=i.key, index_family=i.family, label=i.label, max_score=i.max_score, parent=i.parent,
                 is_catalogued=i.is_catalogued, label_en=english[(i.family, i.key)]) for i in indicators]
    stamp = _stamp(rows)
    if _loaded_from(con, "indicators") == stamp:
        return
    with _transaction(con):
        before = _contents(con, INDICATORS.name, "is_catalogued")
        con.execute(f"DELETE FROM {INDICATORS.name} WHERE is_catalogued")
        _insert(con, INDICATORS, rows)
        if _contents(con, INDICATORS.name, "is_catalogued") != before:
            _mark_all_stale(con)  # catalogue maxima, which checks compare against
        _remember_loaded(con, "indicators", stamp)


def _stamp(*rows: Sequence[dict[str, Any]]) -> str:
    """The fingerprint of static rows: rewriting them and comparing was a fifth of the CPU a
    one-letter run spends on its warehouse, every run, for data that changes with a release."""
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _loaded_from(con: duckdb.DuckDBPyConnection, dimension: str) -> str | None:
    rows = con.execute(f"SELECT sha256 FROM {DIMENSION_STATE.name} WHERE name = ?", [dimension]).fetchall()
    return rows[0][0] if rows else None


def _remember_loaded(con: duckdb.DuckDBPyConnection, dimension: str, stamp: str) -> None:
    con.execute(f"DELETE FROM {DIMENSION_STATE.name} WHERE name = ?", [dimension])
    con.execute(f"INSERT INTO {DIMENSION_STATE.name} VALUES (?, ?)", [dimension, stamp])


_FACT_FIELDS: tuple[str, ...] = tuple(field.name for field in fields(Fact))


@dataclass(frozen=True, slots=True)
class LetterToLoad:
    """One letter and everything known about it, as resolving left it."""

    letter: Letter
    facts: Sequence[Fact]
    review: Sequence[ReviewItem] = ()
    rejections: Sequence[Rejection] = ()
    extra_indicators: Sequence[tuple[str, str, str]] = ()  # (key, family, label) derived from labels


def load_letter(con: duckdb.DuckDBPyConnection, letter: Letter, facts: Sequence[Fact], review: Sequence[ReviewItem],
                rejections: Sequence[Rejection], load_id: str,
                extra_indicators: Sequence[tuple[str, str, str]] = ()) -> LoadResult:
    """Replace everything known about one letter, in one transaction."""
    return load_letters(con, [LetterToLoad(letter, facts, review, rejections, extra_indicators)], load_id)[0]


def load_letters(con: duckdb.DuckDBPyConnection, letters: Sequence[LetterToLoad], load_id: str) -> list[LoadResult]:
    """Replace everything known about these letters (each doc_id once), in one transaction with
    one statement per table: a letter loaded alone is eight statements and a commit, which
    cost the single writer 16 ms of CPU a letter while two workers kept both cores busy."""
    doc_ids = [item.letter.doc_id for item in letters]
    if len(set(doc_ids)) != len(doc_ids):
        raise ValueError("a batch of letters holds one doc_id twice; load the second in a later batch")
    now = datetime.now()
    facts = [f for item in letters for f in item.facts]
    fact_columns = {name: [getattr(f, name) for f in facts] for name in _FACT_FIELDS}
    fact_columns |= {"seq": [i for item in letters for i in range(len(item.facts))], "load_id": [load_id] * len(facts)}
    review_rows = [dict(doc_id=r.doc_id, published_unit=r.published_unit, province_id=r.province_id, reason=r.reason,
                        candidates=json.dumps([dict(unit_id=c.unit_id, unit_name=c.unit_name, score=round(c.score, 1)) for c in r.candidates],
                                              ensure_ascii=False), load_id=load_id) for item in letters for r in item.review]
    reject_rows = [dict(_rejection_dict(r), load_id=load_id, rejected_at=now) for item in letters for r in item.rejections]
    # A key derived from a label is the last letter's that prints it, unless the catalogue has it.
    derived = {(key, family): dict(indicator=key, index_family=family, label=label, parent=key.rsplit(".", 1)[0] if "." in key else None,
                                   is_catalogued=False) for item in letters for key, family, label in item.extra_indicators}
    letter_rows = [dict(_letter_dict(item.letter), load_id=load_id, loaded_at=now) for item in letters]
    with _transaction(con):
        known = [row[0] for row in con.execute(f"SELECT doc_id FROM {LETTERS.name} WHERE doc_id IN (SELECT unnest($1))",
                                                [doc_ids]).fetchall()]
        replaced: dict[str, int] = {}
        if known:
            # Loaded before: their old facts go, so their periods, and their copies', are rebuilt.
            # New letters (most of a run's) have nothing to delete: facts are written with their letter.
            replaced = dict(con.execute(f"SELECT doc_id, count(*) FROM {FACTS.name} WHERE doc_id IN (SELECT unnest($1)) GROUP BY doc_id",
                                        [known]).fetchall())
            for doc_id in known:
                _mark_periods_of_letter(con, doc_id)
            for table in (FACTS, REVIEW, LETTERS):
                con.execute(f"DELETE FROM {table.name} WHERE doc_id IN (SELECT unnest($1))", [known])
        con.execute(f"DELETE FROM {REJECTS.name} WHERE doc_id IN (SELECT unnest($1)) OR (doc_id IS NULL AND source_name IN (SELECT unnest($2)))",
                    [doc_ids, [item.letter.source_name for item in letters]])
        if derived:
            con.execute(f"DELETE FROM {INDICATORS.name} WHERE NOT is_catalogued AND (indicator, index_family) IN "
                        f"(SELECT (i, f) FROM (SELECT unnest($1) AS i, unnest($2) AS f))", [[k for k, _ in derived], [f for _, f in derived]])
            present = {tuple(r) for r in con.execute(f"SELECT indicator, index_family FROM {INDICATORS.name}").fetchall()}
            _insert(con, INDICATORS, [row for key, row in derived.items() if key not in present])
        _insert(con, LETTERS, letter_rows, LETTER_KEYS)
        if facts:
            _insert_columns(con, FACTS, fact_columns)
        _insert(con, REVIEW, review_rows)
        _insert(con, REJECTS, reject_rows)
        # Their facts are named, and the periods they and their copies' facts feed are rebuilt,
        # once per run for every letter loaded (warehouse/post_load.py), not here.
        con.execute(f"INSERT INTO {STALE_LETTERS.name} SELECT unnest($1)", [doc_ids])
    return [LoadResult(len(item.facts), replaced.get(item.letter.doc_id, 0)) for item in letters]


def _mark_periods_of_letter(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    """Note the periods whose figures a letter's facts feed before they are deleted: the periods
    of those facts, and of every copy of the letter (its going changes their n_letters)."""
    con.execute(f"""INSERT INTO {STALE_PERIODS.name}
        SELECT DISTINCT f.unit_id, f.index_family, f.period_grain, f.period_start FROM {FACTS.name} f
        WHERE f.unit_id IS NOT NULL AND (f.doc_id = $1 OR f.doc_id IN (
          SELECT l.doc_id FROM {LETTERS.name} l JOIN {LETTERS.name} k USING (issuer_key, number_key) WHERE k.doc_id = $1))""",
                [doc_id])


def _mark_all_stale(con: duckdb.DuckDBPyConnection, names_too: bool = False) -> None:
    """Every figure and check to be rebuilt (the catalogue changed); with `names_too`, every
    fact to be named again (the registry changed)."""
    con.execute(f"INSERT INTO {STALE_PERIODS.name} (unit_id) VALUES ('*')")
    if names_too:
        con.execute(f"INSERT INTO {STALE_LETTERS.name} VALUES ('*')")


def _contents(con: duckdb.DuckDBPyConnection, table: str, where: str = "true") -> list[tuple[Any, ...]]:
    return con.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY ALL").fetchall()


def record_rejection(con: duckdb.DuckDBPyConnection, rejection: Rejection, load_id: str) -> None:
    """An input that never became a letter; replaces an earlier rejection of the same file."""
    with _transaction(con):
        con.execute(f"DELETE FROM {REJECTS.name} WHERE source_name = ? AND stage = ?", [rejection.source_name, rejection.stage])
        _insert(con, REJECTS, [dict(_rejection_dict(rejection), load_id=load_id, rejected_at=datetime.now())])


@dataclass(frozen=True, slots=True)
class RunRecord:
    """What a run did, as the `runs` view shows it."""

    flow: str
    started_at: datetime
    documents_new: int
    documents_unchanged: int
    documents_failed: int
    facts_added: int
    facts_replaced: int
    rejections: tuple[Rejection, ...]
    prefect_flow_run_id: str | None = None
    post_load_seconds: float | None = None


def new_load_id(started_at: datetime) -> str:
    """A run id from its start time, so ids increase with time and sort as text."""
    return started_at.strftime("%Y%m%dT%H%M%S.%f")


def record_run(con: duckdb.DuckDBPyConnection, load_id: str, run: RunRecord) -> None:
    """The run's row, written last, in the copy that is about to be published."""
    reasons = json.dumps([dict(source=r.source_name, stage=r.stage, reason=r.reason) for r in run.rejections], ensure_ascii=False)
    _insert(con, RUNS, [dict(load_id=load_id, flow=run.flow, started_at=run.started_at, finished_at=datetime.now(), status="completed",
                             documents_new=run.documents_new, documents_unchanged=run.documents_unchanged,
                             documents_failed=run.documents_failed, facts_added=run.facts_added,
                             facts_replaced=run.facts_replaced, rejected=len(run.rejections), reasons=reasons,
                             prefect_flow_run_id=run.prefect_flow_run_id, post_load_seconds=run.post_load_seconds)])


def _letter_dict(letter: Letter) -> dict[str, Any]:
    return {name: getattr(letter, name) for name in letter.__slots__}  # type: ignore[attr-defined]


def _rejection_dict(r: Rejection) -> dict[str, Any]:
    return dict(source_name=r.source_name, doc_id=r.doc_id, stage=r.stage, reason=r.reason, raw_text=r.raw_text)
