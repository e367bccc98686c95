"""The prebuilt registry index (normalize/data/registry_index.json.gz) is the registry its
sources build, and says so in its fingerprint; regenerate it with
`python -m chiso.normalize.registry_index` after changing the data, registry.py or text.py."""

from __future__ import annotations

from chiso.normalize.registry import build_registry
from chiso.normalize.registry_index import decode_registry, encode_registry, fingerprint, read_index

REGENERATE = "stale registry index: run `.venv/bin/python -m chiso.normalize.registry_index` and commit the file"


def test_the_index_is_built_from_the_current_sources() -> None:
    encoded = read_index()
    assert encoded is not None, REGENERATE
    assert encoded["fingerprint"] == fingerprint(), REGENERATE
    assert encoded == encode_registry(build_registry(), fingerprint()), REGENERATE


def test_the_index_decodes_to_the_registry_the_sources_build() -> None:
    encoded = read_index()
    assert encoded is not None, REGENERATE
    built, decoded = build_registry(), decode_registry(encoded)
    assert decoded.units() == built.units()
    assert dict(decoded.abbreviations()) == dict(built.abbreviations())
    assert decoded.entries(None) == built.entries(None)
    assert decoded.province_entries() == built.province_entries()
