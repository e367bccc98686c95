"""The raw archive answers a URL's last fetch, a document's first and the list of documents from
its index (fetches.sqlite), which follows the fetch log (fetches.jsonl): built from a log made
before it existed, brought up to date with lines another process appended, rebuilt when
deleted, and never thrown off by a line a crash tore."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from chiso.flows.archive import RawArchive

PORTAL = "https://ubnd.example.gov.vn/van-ban/"


def _put(archive: RawArchive, data: bytes, name: str, day: int, status: int = 200) -> None:
    archive.put(data, url=PORTAL + name, source="portal", fetched_at=datetime(2025, 1, day, 2), headers={"ETag": f'"{day}"'}, status=status)


def _summary(archive: RawArchive) -> tuple[list[tuple[str, str]], str | None, str | None]:
    """The documents (first URL, first fetch day) in order, and the ETags of two URLs' last fetches."""
    latest_a, latest_b = archive.latest(PORTAL + "a.pdf"), archive.latest(PORTAL + "b.pdf")
    return ([(doc.url.rsplit("/", 1)[1], doc.fetched_at[:10]) for doc in archive.documents()],
            latest_a.etag if latest_a else None, latest_b.etag if latest_b else None)


def test_an_archive_answers_first_and_last_fetches(tmp_path: Path) -> None:
    archive = RawArchive(tmp_path)
    _put(archive, b"letter one", "a.pdf", 1)
    _put(archive, b"letter two", "b.pdf", 2)
    _put(archive, b"letter one", "a-copy.pdf", 3)  # the same bytes at another address: still first fetched as a.pdf
    _put(archive, b"letter one, corrected", "a.pdf", 4)
    expected = ([("a.pdf", "2025-01-01"), ("b.pdf", "2025-01-02"), ("a.pdf", "2025-01-04")], '"4"', '"2"')
    assert _summary(archive) == expected
    assert archive.record_not_modified(PORTAL + "b.pdf", "portal", datetime(2025, 1, 5)) is not None
    assert _summary(archive)[2] == '"2"'  # a 304 keeps the validators of the fetch it confirms
    assert [r.status for r in archive.records()] == [200, 200, 200, 200, 304]

    (tmp_path / "fetches.sqlite").unlink()  # derived data: rebuilt from the log
    assert _summary(RawArchive(tmp_path)) == expected


def test_an_archive_made_before_the_index_is_indexed_from_its_log(tmp_path: Path) -> None:
    for day, (name, data) in enumerate([("a.pdf", b"one"), ("b.pdf", b"two")], start=1):
        _put(RawArchive(tmp_path), data, name, day)
    (tmp_path / "fetches.sqlite").unlink()
    assert _summary(RawArchive(tmp_path)) == ([("a.pdf", "2025-01-01"), ("b.pdf", "2025-01-02")], '"1"', '"2"')


def test_lines_another_process_appended_are_seen(tmp_path: Path) -> None:
    reader, writer = RawArchive(tmp_path), RawArchive(tmp_path)
    _put(writer, b"one", "a.pdf", 1)
    assert _summary(reader) == ([("a.pdf", "2025-01-01")], '"1"', None)
    _put(writer, b"two", "b.pdf", 2)
    assert _summary(reader) == ([("a.pdf", "2025-01-01"), ("b.pdf", "2025-01-02")], '"1"', '"2"')


def test_a_line_torn_by_a_crash_costs_only_itself(tmp_path: Path) -> None:
    _put(RawArchive(tmp_path), b"one", "a.pdf", 1)
    with (tmp_path / "fetches.jsonl").open("a", encoding="utf-8") as log:
        log.write(json.dumps({"url": PORTAL + "lost.pdf", "source": "portal"})[:30])  # the crash
    archive = RawArchive(tmp_path)
    assert _summary(archive) == ([("a.pdf", "2025-01-01")], '"1"', None)
    _put(archive, b"two", "b.pdf", 2)
    assert _summary(archive) == ([("a.pdf", "2025-01-01"), ("b.pdf", "2025-01-02")], '"1"', '"2"')
    assert [r.url for r in archive.records()] == [PORTAL + "a.pdf", PORTAL + "b.pdf"]
