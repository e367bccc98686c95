"""Every pattern in both phrase catalogues matches the examples it documents."""

from __future__ import annotations

import pytest

import chiso.extractors.phrases as extractor_phrases
import chiso.normalize.phrases as normalize_phrases
from chiso.normalize.text import Phrase

PHRASES = [
    (module.__name__, value)
    for module in (extractor_phrases, normalize_phrases)
    for value in vars(module).values()
    if isinstance(value, Phrase)
] + [("chiso.extractors.phrases", phrase) for _, phrase in extractor_phrases.COLUMN_ROLES]


@pytest.mark.parametrize("module, phrase", PHRASES, ids=[f"{m}:{p.name}" for m, p in PHRASES])
def test_examples_match(module, phrase):
    assert phrase.examples, f"{phrase.name} documents no example"
    for example in phrase.examples:
        assert phrase.pattern.search(example), f"{phrase.name} does not match {example!r}"
