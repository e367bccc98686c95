"""Polite HTTP: only allowed hosts, a size cap, retries with backoff, a delay per host, and
conditional requests, so a nightly run re-downloads nothing the server says is unchanged.

Network trouble never raises: every fetch ends as `new`, `unchanged` or `failed` with a reason
a person can act on ("HTTP 500 after 4 attempts", "host not allowed: evil.example"). A request
has one deadline, `timeout_s`, for its whole body (a server dripping a byte a second never holds
a night), checked as the body arrives; a body shorter than its Content-Length is refused, never
stored as complete; a server's Retry-After is honoured up to `_MAX_RETRY_AFTER_S`.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from types import TracebackType
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx
from bs4 import BeautifulSoup

from chiso.flows.archive import ArchivedDoc, RawArchive
from chiso.flows.sources import FetchSettings, Source, host_allowed
from chiso.normalize.text import fold

_MAX_REDIRECTS = 5
_MAX_RETRY_AFTER_S = 10.0
_ATTACHMENT = re.compile(r"\.(pdf|png|jpe?g|tiff?|txt)$", re.IGNORECASE)
# Without a link_pattern, an index page's links to letters are attachments or pages whose
# link text or address names the index (folded: no diacritics).
_LETTER_WORDS = re.compile(r"chi so|chi-so|766|par[ -]?index|sipas|phuc vu nguoi dan")


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str
    source: str
    status: str  # new | unchanged | failed
    doc: ArchivedDoc | None = None
    reason: str | None = None
    attempts: int = 0


@dataclass(frozen=True, slots=True)
class Discovery:
    """Letter links found on an index page, and how fetching the page went."""

    links: tuple[str, ...]
    result: FetchResult


@dataclass(frozen=True, slots=True)
class _Response:
    url: str
    status_code: int
    headers: dict[str, str]
    body: bytes


@dataclass(slots=True)
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    last_start: float = float("-inf")


class Fetcher:
    """One HTTP client for a run, shared by the threads that collect sources."""

    def __init__(self, settings: FetchSettings, archive: RawArchive, *, client: httpx.Client | None = None) -> None:
        self.settings = settings
        self.archive = archive
        self.client = client or httpx.Client(timeout=settings.timeout_s, follow_redirects=False,
                                             headers={"User-Agent": settings.user_agent,
                                                                      "Accept-Encoding": "gzip, deflate"})
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.client.close()

    def fetch(self, url: str, source: str) -> FetchResult:
        """Fetch a document into the archive, conditionally when it was fetched before."""
        previous = self.archive.latest(url)
        headers: dict[str, str] = {}
        if previous is not None and self.archive.has(previous.sha256):
            if previous.etag:
                headers["If-None-Match"] = previous.etag
            if previous.last_modified:
                headers["If-Modified-Since"] = previous.last_modified
        response, reason, attempts = self._get(url, headers)
        if response is None:
            return FetchResult(url, source, "failed", reason=reason, attempts=attempts)
        now = datetime.now(timezone.utc)
        if response.status_code == 304:
            return FetchResult(url, source, "unchanged", self.archive.record_not_modified(url, source, now), attempts=attempts)
        known = self.archive.has(hashlib.sha256(response.body).hexdigest())
        doc = self.archive.put(response.body, url=url, source=source, fetched_at=now, headers=response.headers, status=response.status_code)
        return FetchResult(url, source, "unchanged" if known else "new", doc, attempts=attempts)

    def discover(self, source: Source) -> Discovery:
        """Links to letters on an index page (the page itself changes daily and is not archived)."""
        assert source.url is not None
        response, reason, attempts = self._get(source.url, {})
        if response is None:
            return Discovery((), FetchResult(source.url, source.name, "failed", reason=reason, attempts=attempts))
        pattern = re.compile(source.link_pattern, re.IGNORECASE) if source.link_pattern else None
        links: dict[str, None] = {}
        for anchor in BeautifulSoup(response.body, "lxml").find_all("a", href=True):
            try:
                link = urldefrag(urljoin(response.url, str(anchor["href"]).strip()))[0]
                if not host_allowed(link, self.settings.allowed_hosts):
                    continue
            except ValueError:  # `http://[::1` : a broken link is skipped, the page's others are kept
                continue
            if pattern.search(link) if pattern else (_ATTACHMENT.search(urlsplit(link).path)
                                                     or _LETTER_WORDS.search(fold(f"{anchor.get_text(' ')} {link}"))):
                links.setdefault(link)
        return Discovery(tuple(links), FetchResult(source.url, source.name, "unchanged", attempts=attempts))

    def _get(self, url: str, headers: dict[str, str]) -> tuple[_Response | None, str | None, int]:
        """GET with retries on timeouts, connection errors, 429 and 5xx; redirects followed by
        hand so every hop is checked against the allowed hosts."""
        reason = "not attempted"
        attempts = 0
        for attempt in range(self.settings.retries + 1):
            attempts = attempt + 1
            response, reason, retry_after = self._attempt(url, headers)
            if response is not None or retry_after is None:
                return response, reason, attempts
            if attempt < self.settings.retries:
                time.sleep(min(_MAX_RETRY_AFTER_S, max(retry_after, self.settings.backoff_s * 2 ** attempt)))
        return None, f"{reason} after {attempts} attempts", attempts

    def _attempt(self, url: str, headers: dict[str, str]) -> tuple[_Response | None, str | None, float | None]:
        """One try: a response, or a reason and (when worth retrying) a delay before the next."""
        current = url
        for _ in range(_MAX_REDIRECTS + 1):
            if not host_allowed(current, self.settings.allowed_hosts):
                return None, f"host not allowed: {urlsplit(current).hostname or current}", None
            self._wait_turn(urlsplit(current).hostname or "")
            try:
                with self.client.stream("GET", current, headers=headers) as response:
                    if response.is_redirect and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        continue
                    return self._read(current, response, time.monotonic() + self.settings.timeout_s)
            except httpx.TimeoutException:
                return None, f"timed out after {self.settings.timeout_s:g} s", 0.0
            except httpx.TransportError as error:
                return None, f"connection failed: {error}", 0.0
            except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as error:
                return None, f"invalid URL {current!r}: {error}", None
        return None, f"more than {_MAX_REDIRECTS} redirects", None

    def _read(self, url: str, response: httpx.Response, deadline: float) -> tuple[_Response | None, str | None, float | None]:
        code = response.status_code
        if code == 429 or code >= 500:
            return None, f"HTTP {code}", _retry_after(response.headers.get("retry-after"))
        if code == 304:
            return _Response(url, code, dict(response.headers), b""), None, None
        if code >= 400:
            return None, f"HTTP {code}", None
        cap = self.settings.max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            return None, f"larger than {cap} bytes ({declared} declared)", None
        body = bytearray()
        for chunk in response.iter_raw():
            body += chunk
            if len(body) > cap:
                return None, f"larger than {cap} bytes", None
            if time.monotonic() > deadline:
                return None, f"not received within timeout_s = {self.settings.timeout_s:g} s ({len(body)} bytes by then)", 0.0
        if declared and declared.isdigit() and len(body) != int(declared):
            return None, f"truncated: {len(body)} bytes received, Content-Length says {declared}", 0.0
        decoded = _decoded(bytes(body), response.headers.get("content-encoding"), cap)
        if decoded is None:
            return None, f"larger than {cap} bytes once decompressed, or not decompressible", None
        if decoded[:1024].lstrip().startswith(b"%PDF") and b"%%EOF" not in decoded[-1024:]:
            # A Content-Length smaller than the file cuts it short with no error on the wire;
            # a PDF ends with %%EOF, so at least a cut PDF is never stored as complete.
            return None, f"truncated: a PDF of {len(decoded)} bytes without %%EOF at its end", 0.0
        return _Response(url, code, dict(response.headers), decoded), None, None

    def _wait_turn(self, host: str) -> None:
        """At least `delay_s` between the starts of two requests to one host."""
        with self._hosts_lock:
            state = self._hosts.setdefault(host, _Host())
        with state.lock:
            wait = state.last_start + self.settings.delay_s - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            state.last_start = time.monotonic()


def _decoded(body: bytes, encoding: str | None, cap: int) -> bytes | None:
    """The body without its gzip/deflate content encoding, inflated no further than `cap`
    (a gzip bomb stops at the cap); None when it is larger or broken."""
    kind = (encoding or "").strip().lower()
    if kind not in ("gzip", "deflate", "x-gzip"):
        return body
    try:
        out = zlib.decompressobj(zlib.MAX_WBITS | 32).decompress(body, cap + 1)
    except zlib.error:
        return None
    return out if len(out) <= cap else None


def _retry_after(value: str | None) -> float:
    return float(value) if value and value.strip().isdigit() else 0.0
