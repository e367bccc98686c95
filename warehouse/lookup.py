"""What the published warehouse already holds, asked before a run decides what to read.

Read-only connections, closed at once: they never block an analyst or the run's own writer.
"""

from __future__ import annotations

from pathlib import Path

import duckdb


def _read(db_path: Path, sql: str, params: list[object]) -> list[tuple]:
    if not db_path.exists():
        return []
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def settled_documents(db_path: Path, parser_version: str) -> set[str]:
    """Documents a nightly run need not read again: loaded by this parser version, or
    refused as unreadable (a new parser version reprocesses those with `reprocess`)."""
    rows = _read(db_path, "SELECT doc_id FROM core_letters WHERE parser_version = ? "
                          "UNION SELECT doc_id FROM core_rejects WHERE stage = 'read' AND doc_id IS NOT NULL", [parser_version])
    return {r[0] for r in rows}


def documents_of_month(db_path: Path, month: str) -> list[tuple[str, str]]:
    """(doc_id, source_name) of the letters with a fact for the month `YYYY-MM`."""
    return _read(db_path, "SELECT DISTINCT l.doc_id, l.source_name FROM core_letters l JOIN core_facts f USING (doc_id) "
                          "WHERE strftime(f.period_start, '%Y-%m') = ? ORDER BY l.source_name, l.doc_id", [month])
