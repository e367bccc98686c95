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

from chiso.extractors.read.readers import SUPPORTED_SUFFIXES
from chiso.flows.limits import LimitsError, RunLimits

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
    entries = raw.get("source", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise SourcesError("sources are an array of tables: write each one under [[source]] (two brackets)")
    unknown = set(raw) - {"fetch", "source", "limits"}
    if unknown:
        raise SourcesError(f"unknown section(s) {', '.join(sorted(unknown))}; the sections are [fetch], [limits] and [[source]]")
    sources: list[Source] = []
    for entry in entries:
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


# A host name: dot-separated labels of letters, digits and inner hyphens (an IPv4 address is one too).
_HOST = re.compile(r"(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*")
# setting → (type, lowest, highest): a typo such as `delay_s = 1e9` is an error, not a stalled night.
_FETCH_BOUNDS: dict[str, tuple[type, float, float]] = {
    "timeout_s": (float, 0.1, 600), "max_bytes": (int, 1, 2_000_000_000), "retries": (int, 0, 10),
    "backoff_s": (float, 0, 600), "delay_s": (float, 0, 60),
}


def _fetch_settings(raw: object) -> FetchSettings:
    if not isinstance(raw, dict):
        raise SourcesError(f"[fetch] must be a table of settings, not {raw!r}")
    unknown = set(raw) - set(FetchSettings.__slots__)  # type: ignore[attr-defined]
    if unknown:
        raise SourcesError(f"[fetch]: unknown setting(s) {', '.join(sorted(unknown))}")
    hosts = raw.get("allowed_hosts", [])
    if not isinstance(hosts, list) or not all(isinstance(h, str) for h in hosts):
        raise SourcesError(f"[fetch] allowed_hosts must be a list of host names, e.g. [\"hanoi.gov.vn\"], not {hosts!r}")
    for host in hosts:
        if not _HOST.fullmatch(host.strip().lower()):
            raise SourcesError(f"[fetch] allowed_hosts: {host!r} is not a host name")
    numbers = {name: _number(f"[fetch] {name}", raw[name], *bounds) for name, bounds in _FETCH_BOUNDS.items() if name in raw}
    agent = raw.get("user_agent", FetchSettings().user_agent)
    if not isinstance(agent, str) or not agent.strip():
        raise SourcesError("[fetch] user_agent must be a non-empty string")
    return FetchSettings(allowed_hosts=tuple(h.strip().lower() for h in hosts), user_agent=agent, **numbers)  # type: ignore[arg-type]


def _number(what: str, value: object, kind: type, low: float, high: float) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or kind is int and not isinstance(value, int):
        raise SourcesError(f"{what} must be {'a whole number' if kind is int else 'a number'}, not {value!r}")
    if not low <= value <= high:
        raise SourcesError(f"{what} must be between {low:g} and {high:g}, not {value!r}")
    return kind(value)  # type: ignore[no-any-return]


def _text(entry: dict[str, Any], key: str, name: str) -> str | None:
    value = entry.get(key)
    if value is not None and not isinstance(value, str):
        raise SourcesError(f"source {name!r}: {key} must be a string, not {value!r}")
    return value


def _source(entry: dict[str, Any], base_dir: Path, allowed: tuple[str, ...]) -> Source:
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SourcesError(f"a [[source]] has no name (a string): {entry!r}"[:200])
    name = name.strip()
    kind = entry.get("kind")
    if kind not in KINDS:
        raise SourcesError(f"source {name!r}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    province = _text(entry, "province", name) or ""
    pattern = _text(entry, "link_pattern", name)
    _text(entry, "url", name)
    _text(entry, "path", name)
    urls_given = entry.get("urls", [])
    if not isinstance(urls_given, list) or not all(isinstance(u, str) for u in urls_given):
        raise SourcesError(f"source {name!r}: urls must be a list of strings, not {urls_given!r}")
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
