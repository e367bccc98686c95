"""The sources file (TOML): where each province's letters are found and how politely to fetch.

```toml
[fetch]
allowed_hosts = ["hanoi.gov.vn"]   # only these hosts (and their subdomains) are fetched
timeout_s = 30
max_bytes = 52428800
retries = 3
backoff_s = 2.0
delay_s = 1.0

[[source]]
name = "hanoi-portal"
province = "Hà Nội"
kind = "index"                     # index | urls | inbox
url = "https://hanoi.gov.vn/van-ban"
link_pattern = "chi-so|766"        # optional
```
Mistakes are reported with the source's name before anything is fetched.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from extractors.read.readers import SUPPORTED_SUFFIXES
from flows.limits import LimitsError, RunLimits

KINDS = ("index", "urls", "inbox")


class SourcesError(ValueError):
    """The sources file is wrong; the message says where."""


@dataclass(frozen=True, slots=True)
class FetchSettings:
    allowed_hosts: tuple[str, ...] = ()
    timeout_s: float = 30.0
    max_bytes: int = 50 * 1024 * 1024
    retries: int = 3
    backoff_s: float = 2.0
    delay_s: float = 1.0
    user_agent: str = "chiso/0.1 (+https://github.com/chiso; data pipeline)"


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    province: str
    kind: str
    url: str | None = None
    urls: tuple[str, ...] = ()
    path: Path | None = None
    link_pattern: str | None = None


@dataclass(frozen=True, slots=True)
class SourcesConfig:
    fetch: FetchSettings
    sources: tuple[Source, ...]
    limits: RunLimits = RunLimits()


def host_allowed(url: str, allowed_hosts: tuple[str, ...]) -> bool:
    """http(s) URL whose host is one of the allowed hosts or a subdomain of one."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return parts.scheme in ("http", "https") and any(host == h or host.endswith("." + h) for h in allowed_hosts)


def load_sources(path: Path) -> SourcesConfig:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SourcesError(f"cannot read sources file {path}: {error.strerror}") from error
    return parse_sources(text, path.parent)


def parse_sources(text: str, base_dir: Path) -> SourcesConfig:
    """Parse and check a sources file; relative inbox paths are relative to `base_dir`."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SourcesError(f"sources file is not valid TOML: {error}") from error
    fetch = _fetch_settings(raw.get("fetch", {}))
    limits_table = raw.get("limits", {})
    if not isinstance(limits_table, dict):
        raise SourcesError("[limits] must be a table of NAME = value")
    try:
        limits = RunLimits().with_settings(limits_table)
    except LimitsError as error:
        raise SourcesError(f"[limits]: {error}") from error
    sources: list[Source] = []
    for entry in raw.get("source", []):
        source = _source(entry, base_dir, fetch.allowed_hosts)
        if any(s.name == source.name for s in sources):
            raise SourcesError(f"source {source.name!r}: the name is used twice")
        sources.append(source)
    return SourcesConfig(fetch, tuple(sources), limits)


def inbox_files(source: Source) -> list[Path]:
    """Letters in an inbox folder (recursively), in a stable order."""
    assert source.path is not None
    if not source.path.is_dir():
        return []
    return sorted(p for p in source.path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)


def _fetch_settings(raw: dict[str, Any]) -> FetchSettings:
    defaults = FetchSettings()
    unknown = set(raw) - set(FetchSettings.__slots__)  # type: ignore[attr-defined]
    if unknown:
        raise SourcesError(f"[fetch]: unknown setting(s) {', '.join(sorted(unknown))}")
    try:
        return FetchSettings(
            allowed_hosts=tuple(str(h).lower() for h in raw.get("allowed_hosts", ())),
            timeout_s=float(raw.get("timeout_s", defaults.timeout_s)),
            max_bytes=int(raw.get("max_bytes", defaults.max_bytes)),
            retries=int(raw.get("retries", defaults.retries)),
            backoff_s=float(raw.get("backoff_s", defaults.backoff_s)),
            delay_s=float(raw.get("delay_s", defaults.delay_s)),
            user_agent=str(raw.get("user_agent", defaults.user_agent)),
        )
    except (TypeError, ValueError) as error:
        raise SourcesError(f"[fetch]: {error}") from error


def _source(entry: dict[str, Any], base_dir: Path, allowed: tuple[str, ...]) -> Source:
    name = str(entry.get("name") or "").strip()
    if not name:
        raise SourcesError("a [[source]] has no name")
    kind = entry.get("kind")
    if kind not in KINDS:
        raise SourcesError(f"source {name!r}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    province = str(entry.get("province", ""))
    pattern = entry.get("link_pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as error:
            raise SourcesError(f"source {name!r}: link_pattern is not a valid regular expression: {error}") from error
    if kind == "inbox":
        if not entry.get("path"):
            raise SourcesError(f"source {name!r}: an inbox needs a path")
        return Source(name, province, kind, path=(base_dir / str(entry["path"])).resolve())
    urls = (entry["url"],) if kind == "index" and entry.get("url") else tuple(entry.get("urls", ()))
    if not urls:
        raise SourcesError(f"source {name!r}: {'an index needs a url' if kind == 'index' else 'a url list needs urls'}")
    for url in urls:
        if not host_allowed(str(url), allowed):
            raise SourcesError(f"source {name!r}: {url} is not on an allowed host ([fetch] allowed_hosts)")
    if kind == "index":
        return Source(name, province, kind, url=str(urls[0]), link_pattern=pattern)
    return Source(name, province, kind, urls=tuple(map(str, urls)), link_pattern=pattern)
