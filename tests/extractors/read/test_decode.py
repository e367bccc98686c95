"""Letters arrive in UTF-8, UTF-16 (with or without BOM) and Windows-1258; junk is refused."""

from __future__ import annotations

import unicodedata

import pytest

from conftest import SEEDS, encode_windows_1258
from chiso.extractors.read.decode import decode_text
from chiso.extractors.errors import UnreadableDocument

SEED = SEEDS[0].read_text(encoding="utf-8")




@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: t.encode("utf-8-sig"),
    lambda t: t.encode("utf-16"),
    lambda t: t.encode("utf-16-le"),
    lambda t: t.encode("utf-16-be"),
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be"])
def test_unicode_encodings(encode):
    assert decode_text(encode(SEED)) == unicodedata.normalize("NFC", SEED)


def test_windows_1258_becomes_nfc():
    line = "- Tổng số điểm Thành phố đạt được tháng 12/2024: 62.28/100 điểm (tăng 1.29 điểm so với tháng 11/2024)"
    assert decode_text(encode_windows_1258(line)) == line


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\t ", "empty file"),
    (bytes(range(256)) * 20, "binary content, not text"),
])
def test_refused(data, reason):
    with pytest.raises(UnreadableDocument, match=reason):
        decode_text(data)


def test_control_characters_are_unicodes_but_breaks_and_tabs():
    """The one-regex count of control characters counts exactly Unicode's category Cc."""
    from chiso.extractors.read.decode import _CONTROL

    counted = {chr(c) for c in range(0x110000) if _CONTROL.match(chr(c))}
    assert counted == {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cc"} - set("\r\n\t\f\v")
