"""A provincial portal on 127.0.0.1 for the tests: pages with ETag and Last-Modified (answering
304 to conditional requests), an index page, and routes that fail, hang, redirect or flake."""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(slots=True)
class Request:
    """A request as the server saw it; logged before it is answered, so a client that has its
    response always finds its request in the log."""

    path: str
    headers: dict[str, str]
    started: float
    status: int = 0


@dataclass(slots=True)
class LetterSite:
    """Routes: path → (bytes, content type). Behaviours by path prefix: /broken (500),
    /slow (sleeps `slow_s`), /flaky (500 `flaky_failures` times, then a page), /moved (302 to
    `redirect_to`), /huge (a body of `huge_bytes`), /drip (200 bytes, one every `drip_s`), /liar
(a Content-Length of 2,000 and 100 bytes), /short (`/files/short.pdf` with half its length declared)."""

    pages: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    validators: bool = True
    slow_s: float = 2.0
    flaky_failures: int = 2
    redirect_to: str = ""
    huge_bytes: int = 3_000_000
    drip_s: float = 0.1
    log: list[Request] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _flaky_seen: int = 0

    @property
    def base(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> LetterSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                self.request_record = Request(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
                site.log.append(self.request_record)
                site.answer(self)

            def send_response(self, code: int, message: str | None = None) -> None:
                self.request_record.status = code  # before the client can read the answer
                super().send_response(code, message)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def requests(self, prefix: str = "/") -> list[Request]:
        return [r for r in self.log if r.path.startswith(prefix)]

    def answer(self, handler: BaseHTTPRequestHandler) -> int:
        path = handler.path
        if path.startswith("/broken"):
            return _send(handler, 500, b"server error", "text/plain")
        if path.startswith("/slow"):
            time.sleep(self.slow_s)
            return _send(handler, 200, b"late", "text/plain")
        if path.startswith("/flaky"):
            self._flaky_seen += 1
            if self._flaky_seen <= self.flaky_failures:
                return _send(handler, 503, b"busy", "text/plain")
            return _send(handler, 200, self.pages["/letters/flaky.txt"][0], "text/plain")
        if path.startswith("/moved"):
            handler.send_response(302)
            handler.send_header("Location", self.redirect_to)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return 302
        if path.startswith("/drip"):  # a byte every `drip_s`: each read is quick, the whole is not
            handler.send_response(200)
            handler.send_header("Content-Type", "text/plain")
            handler.send_header("Content-Length", "200")
            handler.end_headers()
            for _ in range(200):
                try:
                    handler.wfile.write(b"x")
                    handler.wfile.flush()
                except OSError:
                    return 200
                time.sleep(self.drip_s)
            return 200
        if path.startswith("/short"):  # a PDF whose Content-Length is half its size
            body = self.pages["/files/short.pdf"][0]
            handler.send_response(200)
            handler.send_header("Content-Type", "application/pdf")
            handler.send_header("Content-Length", str(len(body) // 2))
            handler.end_headers()
            try:
                handler.wfile.write(body)
            except OSError:  # the client stopped at the declared length and hung up
                pass
            handler.close_connection = True
            return 200
        if path.startswith("/liar"):  # says 2,000 bytes, sends 100 and hangs up
            handler.send_response(200)
            handler.send_header("Content-Type", "text/plain")
            handler.send_header("Content-Length", "2000")
            handler.end_headers()
            handler.wfile.write(b"y" * 100)
            handler.wfile.flush()
            handler.close_connection = True
            return 200
        if path.startswith("/huge"):
            return _send(handler, 200, b"x" * self.huge_bytes, "text/plain")
        if path not in self.pages:
            return _send(handler, 404, b"not found", "text/plain")
        body, kind = self.pages[path]
        etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
        modified = formatdate(1_700_000_000, usegmt=True)
        if self.validators and (handler.headers.get("If-None-Match") == etag or handler.headers.get("If-Modified-Since") == modified):
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.end_headers()
            return 304
        extra = {"ETag": etag, "Last-Modified": modified} if self.validators else {}
        return _send(handler, 200, body, kind, extra)


def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, kind: str, extra: dict[str, str] | None = None) -> int:
    handler.send_response(status)
    handler.send_header("Content-Type", kind)
    handler.send_header("Content-Length", str(len(body)))
    for key, value in (extra or {}).items():
        handler.send_header(key, value)
    handler.end_headers()
    handler.wfile.write(body)
    return status


def index_page(links: dict[str, str]) -> bytes:
    """A portal page: navigation links, then the letters (text → href)."""
    items = "".join(f'<li><a href="{href}">{text}</a></li>' for text, href in links.items())
    return (f'<html><head><meta charset="utf-8"></head><body><nav><a href="/gioi-thieu.html">Giới thiệu</a>'
            f'<a href="https://facebook.com/ubnd">Facebook</a></nav><ul>{items}</ul></body></html>').encode()
