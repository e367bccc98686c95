"""Bytes to text for letters published as plain text or HTML.

Portals serve UTF-8, older Windows exports are UTF-16 (with or without BOM) or Windows-1258,
whose Vietnamese tones are combining marks (`a` + U+0301), so everything is NFC-normalised
afterwards. Binary junk is refused rather than decoded into noise.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from chiso.extractors.errors import UnreadableDocument

_MAX_CONTROL_SHARE = 0.02
# Unicode's control characters (category Cc: U+0000-001F, U+007F-009F) but line breaks and
# tabs, found by one regex scan instead of asking the category of every character.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def decode_text(data: bytes) -> str:
    """Decode letter bytes, trying BOMs, UTF-8, UTF-16 without BOM, then Windows-1258."""
    if not data.strip():
        raise UnreadableDocument("empty file")
    text = _decode(data)
    text = unicodedata.normalize("NFC", text)
    controls = len(_CONTROL.findall(text))
    if controls > _MAX_CONTROL_SHARE * len(text) or text.count("\ufffd") > _MAX_CONTROL_SHARE * len(text):
        raise UnreadableDocument("binary content, not text")
    return text


def _decode(data: bytes) -> str:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = data[:4000]
    if sample.count(0) > len(sample) // 4:
        even_nuls = sample[0::2].count(0)
        return data.decode("utf-16-be" if even_nuls > sample[1::2].count(0) else "utf-16-le", errors="replace")
    return data.decode("cp1258", errors="replace")
