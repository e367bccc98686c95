"""The fetcher against a real server on 127.0.0.1: allowed hosts (every redirect hop), size cap,
retries, polite delay, conditional requests, links found on an index page; and the sources file."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLES
from chiso.flows.archive import RawArchive
from chiso.flows.fetch import Fetcher
from chiso.flows.sources import FetchSettings, Source, SourcesError, parse_sources
from letter_site import LetterSite, index_page

LETTER = (SAMPLES / "004_4fe8e530b83874ca.txt").read_bytes()


@pytest.fixture()
def site():
    site = LetterSite(pages={"/letters/a.txt": (LETTER, "text/plain; charset=utf-8"),
                             "/letters/flaky.txt": (LETTER, "text/plain; charset=utf-8")}).start()
    yield site
    site.stop()


def _fetcher(tmp_path: Path, **settings) -> Fetcher:
    options = dict(allowed_hosts=("127.0.0.1",), timeout_s=0.5, retries=2, backoff_s=0.01, delay_s=0.0) | settings
    return Fetcher(FetchSettings(**options), RawArchive(tmp_path / "archive"))


def test_new_then_unchanged_by_etag(site, tmp_path):
    with _fetcher(tmp_path) as fetcher:
        first = fetcher.fetch(f"{site.base}/letters/a.txt", "s")
        second = fetcher.fetch(f"{site.base}/letters/a.txt", "s")
    assert (first.status, second.status) == ("new", "unchanged")
    assert first.doc == second.doc and fetcher.archive.get(first.doc.sha256) == LETTER
    assert [r.status for r in site.log] == [200, 304]
    assert site.log[1].headers["if-none-match"] and site.log[1].headers["if-modified-since"]
    assert [r.status for r in fetcher.archive.records()] == [200, 304]


def test_same_bytes_without_validators_are_unchanged_by_hash(site, tmp_path):
    site.validators = False
    with _fetcher(tmp_path) as fetcher:
        results = [fetcher.fetch(f"{site.base}/letters/a.txt", "s").status for _ in range(2)]
    assert results == ["new", "unchanged"] and len(fetcher.archive.documents()) == 1


def test_server_errors_are_retried_then_reported(site, tmp_path):
    with _fetcher(tmp_path) as fetcher:
        result = fetcher.fetch(f"{site.base}/broken/x.pdf", "s")
    assert (result.status, result.reason, result.attempts) == ("failed", "HTTP 500 after 3 attempts", 3)
    assert len(site.requests("/broken")) == 3


def test_a_flaky_server_succeeds_after_retries(site, tmp_path):
    with _fetcher(tmp_path) as fetcher:
        result = fetcher.fetch(f"{site.base}/flaky/a.txt", "s")
    assert (result.status, result.attempts) == ("new", 3)


def test_a_timeout_is_reported(site, tmp_path):
    site.slow_s = 1.5
    with _fetcher(tmp_path, retries=0) as fetcher:
        result = fetcher.fetch(f"{site.base}/slow/a.txt", "s")
    assert (result.status, result.reason) == ("failed", "timed out after 0.5 s after 1 attempts")


def test_hosts_not_allowed_are_never_contacted_even_by_redirect(site, tmp_path):
    site.redirect_to = f"http://localhost:{site.base.rsplit(':', 1)[1]}/letters/a.txt"
    with _fetcher(tmp_path) as fetcher:
        direct = fetcher.fetch(site.redirect_to, "s")
        redirected = fetcher.fetch(f"{site.base}/moved/a.txt", "s")
    assert (direct.status, direct.reason) == ("failed", "host not allowed: localhost")
    assert (redirected.status, redirected.reason) == ("failed", "host not allowed: localhost")
    assert [r.path for r in site.log] == ["/moved/a.txt"]


def test_a_body_over_the_size_cap_is_refused(site, tmp_path):
    with _fetcher(tmp_path, max_bytes=1_000_000) as fetcher:
        result = fetcher.fetch(f"{site.base}/huge/a.txt", "s")
    assert result.status == "failed" and result.reason.startswith("larger than 1000000 bytes")
    assert not fetcher.archive.documents()


def test_requests_to_one_host_are_spaced_by_the_polite_delay(site, tmp_path):
    with _fetcher(tmp_path, delay_s=0.5) as fetcher:
        for _ in range(3):
            fetcher.fetch(f"{site.base}/letters/a.txt", "s")
    starts = [r.started for r in site.log]
    # Seen by the server, so allow for its own scheduling jitter; without the delay gaps are ~1 ms.
    assert all(b - a >= 0.4 for a, b in zip(starts, starts[1:]))


def test_discover_keeps_letter_links_on_allowed_hosts(site, tmp_path):
    site.pages["/index.html"] = (index_page({
        "Kết quả Bộ Chỉ số phục vụ người dân tháng 12": "/tin-tuc/ket-qua.html",
        "Công văn (PDF)": "files/cv.pdf#trang-1",
        "Lịch công tác": "/lich.html",
        "Bản scan ở nơi khác": "https://cdn.example.com/a.pdf",
    }), "text/html")
    with _fetcher(tmp_path) as fetcher:
        found = fetcher.discover(Source("p", "-", "index", url=f"{site.base}/index.html"))
        patterned = fetcher.discover(Source("p", "-", "index", url=f"{site.base}/index.html", link_pattern=r"lich"))
    assert found.links == (f"{site.base}/tin-tuc/ket-qua.html", f"{site.base}/files/cv.pdf")
    assert patterned.links == (f"{site.base}/lich.html",)


@pytest.mark.parametrize(("text", "message"), [
    ('[[source]]\nname = "a"\nkind = "ftp"', "source 'a': kind must be one of index, urls, inbox, not 'ftp'"),
    ('[[source]]\nname = "a"\nkind = "index"', "source 'a': an index needs a url"),
    ('[[source]]\nname = "a"\nkind = "urls"\nurls = ["https://evil.example/x.pdf"]',
     "source 'a': https://evil.example/x.pdf is not on an allowed host ([fetch] allowed_hosts)"),
    ('[fetch]\nallowed_hosts = ["hue.gov.vn"]\n[[source]]\nname = "a"\nkind = "inbox"\npath = "in"\n'
     '[[source]]\nname = "a"\nkind = "inbox"\npath = "in2"', "source 'a': the name is used twice"),
    ('[[source]]\nname = "a"\nkind = "inbox"\npath = "in"\nlink_pattern = "("', "source 'a': link_pattern is not a valid"),
    ('[fetch]\ntimeout = 3', "[fetch]: unknown setting(s) timeout"),
    ("[[source]\n", "sources file is not valid TOML"),
])
def test_mistakes_in_the_sources_file_name_the_source(text, message, tmp_path):
    with pytest.raises(SourcesError) as error:
        parse_sources(text, tmp_path)
    assert str(error.value).startswith(message)


def test_the_example_sources_file_parses():
    example = parse_sources((SAMPLES.parent / "sources.example.toml").read_text(encoding="utf-8"), SAMPLES.parent)
    assert [s.kind for s in example.sources] == ["index", "urls", "inbox"]
    assert example.fetch.allowed_hosts and example.sources[2].path == (SAMPLES.parent / "inbox").resolve()
