"""The unit registry as one prebuilt file, so a run loads it in milliseconds.

Building the registry from its sources reads the `vietnamadminunits` SQLite tables, seven CSV
files and folds every one of ~9,000 spellings (0.3-0.5 s, a third of a one-letter run). The
result only changes when those sources or the code that reads them change, so it is built
once into `normalize/data/registry_index.json.gz` (`python -m chiso.normalize.registry_index`) with a
fingerprint of its inputs. A run whose inputs no longer match the fingerprint builds from the
sources as before (never a stale registry), and a test fails until the file is regenerated. The
same command writes the registry's unit graph (`unit_graph_*.parquet`, normalize/lineage.py),
which a fresh warehouse loads as it is instead of building it (0.7 s of a one-letter run).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
from datetime import date
from importlib.metadata import version
from pathlib import Path
from types import MappingProxyType
from typing import Any

from chiso.normalize import registry, text
from chiso.normalize.lineage import build_unit_graph, graph_fingerprint, write_graph_files
from chiso.normalize.registry import DATA, NameKey, Registry, Unit, UnitLevel, UnitName, _Abbreviation

INDEX = DATA / "registry_index.json.gz"
# Everything the registry is built from: the package's data, the CSVs and the code that reads them.
_SOURCE_FILES = ("abbreviations.csv", "aliases.csv", "codes.csv", "departments.csv", "ministries.csv", "unit_history.csv")
FORMAT = 1


def fingerprint() -> str:
    """sha256 of the registry's inputs: the CSVs, registry.py and text.py (folding), and the
    version of vietnamadminunits."""
    digest = hashlib.sha256(f"format {FORMAT}; vietnamadminunits {version('vietnamadminunits')}".encode())
    for path in (*(DATA / name for name in _SOURCE_FILES), Path(registry.__file__), Path(text.__file__)):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def encode_registry(reg: Registry, stamp: str) -> dict[str, Any]:
    """The registry as plain JSON values: units, each spelling's folded key, abbreviations."""
    units = reg.units()
    spellings = {s for u in units for s in (*(n.name for n in u.names), *u.aliases)}
    return {
        "fingerprint": stamp,
        "units": [[u.unit_id, u.level.value, u.province_id, u.code, u.successor_id,
                   [[n.name, _iso(n.valid_from), _iso(n.valid_to)] for n in u.names], list(u.aliases)] for u in units],
        "keys": {s: [k.type_word, k.core] for s in sorted(spellings) for k in (reg.key_of(s),)},
        "abbreviations": {k: [[list(a.expansion), a.context] for a in v] for k, v in sorted(reg.abbreviations().items())},
    }


def decode_registry(encoded: dict[str, Any]) -> Registry:
    units = tuple(Unit(uid, UnitLevel(level), province, tuple(UnitName(n, _day(f), _day(t)) for n, f, t in names), code,
                       tuple(aliases), successor)
                  for uid, level, province, code, successor, names, aliases in encoded["units"])
    abbreviations = {k: tuple(_Abbreviation(tuple(e), c) for e, c in v) for k, v in encoded["abbreviations"].items()}
    keys = {s: NameKey(t, c) for s, (t, c) in encoded["keys"].items()}
    return Registry(units, MappingProxyType(abbreviations), MappingProxyType(keys))


def read_index(path: Path = INDEX) -> dict[str, Any] | None:
    """The prebuilt index, or None when it is missing."""
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        encoded: dict[str, Any] = json.load(handle)
    return encoded


def load_prebuilt(path: Path = INDEX) -> Registry | None:
    """The registry from the index, or None when the index is missing or its inputs changed."""
    encoded = read_index(path)
    if encoded is None or encoded["fingerprint"] != fingerprint():
        return None
    return decode_registry(encoded)


def write_index(reg: Registry, path: Path = INDEX) -> None:
    """Write the index reproducibly (no timestamp in the gzip header), so regenerating an
    unchanged registry leaves the file byte for byte as it was."""
    body = json.dumps(encode_registry(reg, fingerprint()), ensure_ascii=False, separators=(",", ":")).encode()
    path.write_bytes(gzip.compress(body, mtime=0))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


@functools.cache
def _day(iso: str | None) -> date | None:
    """A validity date; some twenty distinct ones stand on 11,000 names, so each is parsed once
    (a fifth of decoding the index, which every reading worker does as it starts)."""
    return date.fromisoformat(iso) if iso else None


if __name__ == "__main__":
    built = registry.build_registry()
    write_index(built)
    print(f"wrote {INDEX}")
    # The unit graph of the same registry, which a run on a fresh warehouse loads as it is.
    files = write_graph_files(build_unit_graph(built), graph_fingerprint(built), DATA)
    print("wrote " + ", ".join(str(path) for path in files.values()))
