"""Units named in prose, so that each number goes to the unit named beside it.

News and portal items name many units in one paragraph: `Cà Mau đạt 91,06 điểm ... Đứng thứ 2
là tỉnh Bình Định với 90,54 điểm`, `(1) Sở Tài chính đạt 90,05%, Sở Nội vụ đạt 90,02%`,
`Bộ Công Thương đứng đầu các Bộ ... với 83,15 điểm`. A mention is a type word before a proper
name (`tỉnh Bình Định`, `huyện Yên Lạc`), a body's name from its head word to the verb after it
(`Sở Lao động, Thương binh và Xã hội đạt`), or a bare proper name of two or more capitalised
syllables (`Cà Mau`), which the normaliser must find in the registry or refuse. Vietnamese
capitalises every syllable of a place's name and the first of a body's, and nothing else
mid-sentence, which is what this reads. The registry is not consulted here (extractors never
import it); a bare name that names nothing is the normaliser's to refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import NamedTuple

from chiso.extractors.phrases import (
    GENERIC_SUBJECT, MENTION_BODY_HEADS, MENTION_STOP_PAIRS, MENTION_STOP_WORDS, MENTION_TYPE_WORDS, NOT_A_BODY, OWN_VALUE_AFTER, PUBLISHER_AFTER,
    PUBLISHER_BEFORE,
)
from chiso.normalize.text import fold

# `Ea H’leo` keeps its apostrophe; `TP.Dĩ An`, printed without a space, is `TP.` + `Dĩ`.
_TOKEN = re.compile(r"(?:TP|TX|Tp|Tx)\.(?=\w)|[^\s,;:()\[\]\"“”!?]+")
_LEAD = ("ubnd", "uy ban nhan dan")
_MAX_NAME_TOKENS = 14
_MAX_PROPER_TOKENS = 4
# A body's head this long is a whole name (`Ủy ban Dân tộc`); shorter ones open one (`Sở`, `Kho bạc`).
_WHOLE_HEAD_WORDS = 3
_PERIOD_WORDS = frozenset({"nam", "thang", "quy", "tuan"})
# `BR-VT`, `TP.HCM`, and written solid, `TPHCM`, `HCM`: the registry keeps those that are places.
_ABBREVIATED_PLACE = re.compile(r"^(?:(?:[A-ZĐ]{1,3}[-.])+(?:[A-ZĐ]{2,}|[A-ZĐ][a-zà-ỹđ]+)|[A-ZĐ]{2,6})$")
# A body's name abbreviated after its head: `Sở TT&TT`, `Sở NN-PTNT`, `Sở LĐ-TB&XH`, `Bộ GTVT`.
_ABBREVIATED_NAME = re.compile(r"^[A-ZĐ]+(?:[&-][A-ZĐ]+)*$")
_PROVINCE_TYPE_WORDS = ("tinh", "thanh pho", "tp")
_REGION_WORDS = ("vùng", "khu vực")
# Lower-case words after a place's name that are never part of it.
_NAME_BREAKS = frozenset({"cua", "tren", "toan", "trong", "cac", "nay", "do", "nhat", "cung", "so", "ve", "tiep", "tuc", "voi", "va"})
_VALUE_VERBS = frozenset({"dat", "voi", "xep", "dung", "la", "co", "tang", "giam", "chiem", "dan", "tiep", "van", "luon", "giu", "nhan", "ap", "da", "cung", "duy",
                          "lan"})  # `Hải Phòng lần đầu tiên bứt phá ..., với kết quả đạt 91.80%`
# Words that open a rank in parentheses after a name: `Long An (hạng 7)`, `Đăk Lăk (Xếp hạng 28/63)`.
_RANK_WORDS = frozenset({"hang", "xep", "thu"})
# Folded, the stop words that no unit's name spells (`dung` is also dựng, `tai` tài, `nam` Nam).
_UNMARKED_STOP_WORDS = frozenset({"dat", "voi", "xep", "tang", "giam", "chiem", "duoc", "vuot", "thuoc", "luon", "nhung", "nham", "deu"})
_UNMARKED_STOP_PAIRS = frozenset({("dung", "dau"), ("dung", "thu"), ("dung", "vi"), ("dung", "hang"), ("cong", "bo"),
                                  ("ban", "hanh"), ("thong", "bao"), ("cho", "biet"), ("la", "don"), ("vuon", "len"),
                                  ("tut", "xuong"), ("co", "tong"), ("co", "so"), ("co", "ket"), ("co", "chi"), ("co", "diem"),
                                  ("co", "ty"), ("dan", "dau"), ("cung", "duoc")})


def _by_first_word(phrases: tuple[str, ...]) -> MappingProxyType[str, tuple[str, ...]]:
    """Phrases by their first word, in their order, so a token is tried only against the
    phrases it can start: trying all 26 type words and heads at every token was most of the
    parse time of a long letter."""
    grouped: dict[str, list[str]] = {}
    for phrase in phrases:
        grouped.setdefault(fold(phrase.split()[0]), []).append(phrase)  # looked up by a token's folded form
    return MappingProxyType({k: tuple(v) for k, v in grouped.items()})


_TYPE_WORDS_BY_FIRST = _by_first_word(MENTION_TYPE_WORDS)
_REGION_WORDS_BY_FIRST = _by_first_word(_REGION_WORDS)
_BODY_HEADS_BY_FIRST = _by_first_word(MENTION_BODY_HEADS)
_OPENERS_BY_FIRST = _by_first_word((*MENTION_BODY_HEADS, *MENTION_TYPE_WORDS))
# A mention opens at a capitalised word (a body's head, a bare name, a list's label) or at a
# region or type word's first word; no other token is tried (most words of a passage).
_OPENING_WORDS = frozenset((*_TYPE_WORDS_BY_FIRST, *_REGION_WORDS_BY_FIRST, *_BODY_HEADS_BY_FIRST))


@dataclass(frozen=True, slots=True)
class UnitMention:
    start: int
    end: int
    name: str
    is_bare: bool  # a proper name without a type word: only the registry can tell it is a unit
    is_generic: bool  # `tỉnh`, `UBND Thành phố`: the letter's own province
    is_region: bool = False  # `vùng Đồng bằng sông Hồng`: a region, whose figures no unit's


class _Token(NamedTuple):
    """One word of a passage. A named tuple, not a dataclass: a passage with figures is cut
    into all its words, and making each a frozen dataclass cost a tenth of naming its units."""

    start: int
    end: int
    text: str
    folded: str
    marked: bool  # the passage carries diacritics, so words are compared with them

    @property
    def word(self) -> str:
        """Lower case with its diacritics: `dựng` (Xây dựng) is not the verb `đứng`."""
        return self.text.lower().rstrip(".")

    @property
    def is_capitalised(self) -> bool:
        return _is_capitalised(self.text)


def find_unit_mentions(text: str, folded: str) -> list[UnitMention]:
    """Unit mentions in reading order; `folded` is `fold(text)` (same offsets)."""
    marked = any(c != f for c, f in zip(text, folded) if c.isalpha() and c.lower() != f)
    tokens = [_Token(m.start(), m.end(), m.group(), folded[m.start():m.end()].rstrip("."), marked) for m in _TOKEN.finditer(text)]
    mentions: list[UnitMention] = []
    i = 0
    while i < len(tokens):
        if not (tokens[i].folded in _OPENING_WORDS or tokens[i].is_capitalised):
            i += 1
            continue
        found = _region(tokens, i, text) or _typed(tokens, i, text) or _body(tokens, i, text, folded) or _bare(tokens, i, text)
        if found is None:
            i += 1
            continue
        mention, i = found
        if _is_subject(mention, folded):
            mentions.append(mention)
    return mentions


def find_place_names(text: str) -> list[str]:
    """Every proper name a text prints, wherever it stands: runs of two to four capitalised
    syllables (`Vĩnh Long`) and abbreviations (`BR-VT`, `TP.HCM`, `TPHCM`); the registry keeps those
    that are places. A news item that says only `của tỉnh` is about the place it names. Every
    line of such an item is read: its words are plain (start, end, word) tuples, and only those
    that open with a capital are tried as a name."""
    words = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    names = [word for _, _, word in words if word[:1].isupper() and _ABBREVIATED_PLACE.match(word)]
    i = 0
    while i < len(words):
        j = i
        while (j < len(words) and j - i < _MAX_PROPER_TOKENS and _is_capitalised(words[j][2])
               and (j == i or not text[words[j - 1][1]:words[j][0]].strip())):
            j += 1
        if j - i >= 2:
            names.append(text[words[i][0]:words[j - 1][1]])
        i = max(j, i + 1)
    return names


def _is_capitalised(word: str) -> bool:
    """`Long`, `Vĩnh`, `A`: a capital first letter, in a word not all capitals (`UBND`)."""
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


def _words(tokens: list[_Token], i: int, phrase: str) -> int:
    """How many tokens from i spell `phrase` (0 if they don't)."""
    parts, folded = _spellings(phrase)
    window = tokens[i:i + len(parts)]
    if window and window[0].marked:
        return len(parts) if tuple([t.word for t in window]) == parts else 0
    return len(parts) if tuple([t.folded for t in window]) == folded else 0


@cache
def _spellings(phrase: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A catalogue phrase's words as printed and folded, split once (phrases are constants)."""
    return tuple(phrase.split()), tuple(fold(phrase).split())


def _start_with_lead(tokens: list[_Token], i: int) -> int:
    """Index of a `UBND`/`Ủy ban nhân dân` right before token i, or i."""
    for lead in _LEAD:
        n = len(lead.split())
        if i >= n and _words(tokens, i - n, lead):
            return i - n
    return i


def _region(tokens: list[_Token], i: int, text: str) -> tuple[UnitMention, int] | None:
    """`vùng Đông Nam Bộ`, `khu vực Tây Nguyên`: named so that their figures go to no unit."""
    n = next((k for k in (_words(tokens, i, w) for w in _REGION_WORDS_BY_FIRST.get(tokens[i].folded, ())) if k), 0)
    if not n or i + n >= len(tokens) or not tokens[i + n].is_capitalised:
        return None
    j = i + n
    while j < len(tokens) and j - i - n < _MAX_PROPER_TOKENS and not _gap(tokens, j, text) and tokens[j].folded not in _VALUE_VERBS:
        j += 1
    return UnitMention(tokens[i].start, tokens[j - 1].end, text[tokens[i].start:tokens[j - 1].end], False, False, True), j


def _typed(tokens: list[_Token], i: int, text: str) -> tuple[UnitMention, int] | None:
    """`tỉnh Bình Định`, `UBND huyện Yên Lạc`, `TP Đà Nẵng`; a type word alone (`tỉnh`,
    `Thành phố`) is the generic mention of the letter's province. A name never runs past a full
    stop, nor after a whole type word that ends its sentence (`cơ quan.`, without diacritics
    `co quan.`, is no `quận`); `TP.` and `Q.` are abbreviations."""
    n = next((k for k in (_words(tokens, i, w) for w in _TYPE_WORDS_BY_FIRST.get(tokens[i].folded, ())) if k), 0)
    if not n:
        return None
    j = i + n
    while (j < len(tokens) and j - i - n < _MAX_PROPER_TOKENS + 1 and not _gap(tokens, j, text)
           and (tokens[j].is_capitalised or j == i + n + 1 and _lowercase_name_part(tokens, j))
           and not (tokens[j - 1].text.endswith(".") and (j > i + n or len(tokens[j - 1].folded) > 2))):
        j += 2 if _joins_name(tokens, j + 1) and j > i + n else 1
    start = tokens[_start_with_lead(tokens, i)].start
    name = text[start:tokens[j - 1].end]
    generic = j == i + n
    if generic and " ".join(t.folded for t in tokens[i:j]) not in _PROVINCE_TYPE_WORDS:
        return None  # `Xã hội`, `huyện` alone: no unit
    if generic and not tokens[i].is_capitalised and i and tokens[i - 1].folded not in ("cua", "ubnd") and not _sentence_start(tokens, i, text):
        return None  # `các tỉnh`, `cấp tỉnh`: no unit
    return UnitMention(start, tokens[j - 1].end, name, False, generic or bool(GENERIC_SUBJECT.pattern.match(name.lower()))), j


def _body(tokens: list[_Token], i: int, text: str, folded: str) -> tuple[UnitMention, int] | None:
    """`Sở Tư pháp tỉnh Vĩnh Phúc`, `Bộ Công Thương`, `Ban Quản lý Khu kinh tế Nghi Sơn và các
    Khu công nghiệp`, `Sở Văn hóa, Thể thao và Du lịch`: from the head to the verb after it."""
    n = next((k for k in (_words(tokens, i, h) for h in _BODY_HEADS_BY_FIRST.get(tokens[i].folded, ())) if k), 0)
    if not n or not tokens[i].is_capitalised or i + n >= len(tokens):
        return None
    if n == 1 and not (tokens[i + 1].is_capitalised or len(tokens[i + 1].text) > 1 and _ABBREVIATED_NAME.match(tokens[i + 1].text)):
        return None  # `Sở Tư pháp`, `Bộ Công an`, `Sở TT&TT`; not `Số hoá hồ sơ` or `Ban hành`
    if NOT_A_BODY.pattern.match(folded[tokens[i].start:tokens[min(i + n + 2, len(tokens) - 1)].end]):
        return None
    whole = n >= _WHOLE_HEAD_WORDS  # `Ủy ban Dân tộc năm 2014, đạt`: a head this long names the body by itself
    j = i + n
    while j < len(tokens) and j - i < _MAX_NAME_TOKENS:
        token = tokens[j]
        if _stops_name(tokens, j) and (j > i + n or whole) \
                or any(c.isdigit() for c in token.text) or tokens[j - 1].text.endswith("."):
            break
        gap = text[tokens[j - 1].end:token.start]
        if gap.strip() and not (gap.strip() in ",-–&" and token.is_capitalised):
            break  # `Sở Văn hóa, Thể thao và Du lịch` continues past its comma; `Sở Y tế, Sở Xây dựng` is two
        if gap.strip() in ("", ",") and _opens_unit(tokens, j):
            break  # the next unit's name: `Sở Y tế, Sở Xây dựng`
        if token.folded == "va" and _opens_unit(tokens, j + 1):
            break  # `Sở Lao động, Thương binh và Xã hội và quận Hoàn Kiếm`
        j += 1
    if j == i + n and not whole:
        return None
    start = tokens[_start_with_lead(tokens, i)].start
    return UnitMention(start, tokens[j - 1].end, text[start:tokens[j - 1].end], False, False), j


def _stops_name(tokens: list[_Token], j: int) -> bool:
    """The verb after a body's name: `Sở Nội vụ công bố`, `Bộ Công Thương đứng đầu`. Folded (no
    diacritics, or OCR's damaged ones), only words no name spells (`Xay dung` is Xây dựng; `dung
    dau`, `đứng đầu`)."""
    token, after = tokens[j], tokens[j + 1] if j + 1 < len(tokens) else None
    if token.folded in _PERIOD_WORDS and after is not None and after.text[:1].isdigit() and not token.is_capitalised:
        return True  # `năm 2014`, unmarked `nam 2014`: a period, never part of a name (`Hà Nam` is capitalised)
    if token.marked and (token.word in MENTION_STOP_WORDS or (after is not None and (token.word, after.word) in MENTION_STOP_PAIRS)):
        return True
    # Folded too when the text has diacritics: OCR drops or changes some (`dat`, `đat` for `đạt`).
    return token.folded in _UNMARKED_STOP_WORDS or (after is not None and (token.folded, after.folded) in _UNMARKED_STOP_PAIRS)


def _joins_name(tokens: list[_Token], j: int) -> bool:
    """A dash inside a name: `Bà Rịa - Vũng Tàu`."""
    return j + 1 < len(tokens) and tokens[j].text in ("-", "–") and tokens[j + 1].is_capitalised


def _lowercase_name_part(tokens: list[_Token], j: int) -> bool:
    """The second syllable of a name printed in lower case (`tỉnh Bình định với`), not the
    verb or preposition after a one-syllable name, nor a word before another name."""
    token = tokens[j]
    if j + 1 < len(tokens) and tokens[j + 1].is_capitalised:
        return False
    return token.text[:1].isalpha() and token.word not in MENTION_STOP_WORDS and token.folded not in _VALUE_VERBS \
        and token.folded not in _NAME_BREAKS


def _opens_unit(tokens: list[_Token], j: int) -> bool:
    """A head or type word followed by a proper name (`quận Hoàn Kiếm`, `Sở Y tế`), not the
    words inside a name (`và Xã hội`)."""
    for word in _OPENERS_BY_FIRST.get(tokens[j].folded, ()) if j < len(tokens) else ():
        n = _words(tokens, j, word)
        if n and j + n < len(tokens) and tokens[j + n].is_capitalised:
            return True
    return False


def _bare(tokens: list[_Token], i: int, text: str) -> tuple[UnitMention, int] | None:
    """Two to four capitalised syllables right before their value (`Cà Mau đạt`, `Buôn Đôn
    70,54 điểm`) or right after a rank (`thứ 3 là Hà Nội`), or a list's label before its colon (`Tài chính: 90,57%`, a department
    named without `Sở`)."""
    labelled = _list_label(tokens, i, text)
    if labelled is not None:
        return labelled
    if tokens[i].marked and tokens[i].word in _SENTENCE_OPENERS:
        return None  # `Còn Gia Lai đứng thứ 19`: the name starts after the sentence's opening word
    j, syllables = i, 0
    while (j < len(tokens) and syllables < _MAX_PROPER_TOKENS and tokens[j].is_capitalised and (j == i or not _gap(tokens, j, text))
           and not (j > i and tokens[j - 1].text.endswith("."))):
        syllables += 1
        j += 2 if _joins_name(tokens, j + 1) else 1  # `Bà Rịa - Vũng Tàu`
    if syllables < 2 or not (_says_a_value_next(tokens, j, text) or _ranked_before(tokens, i, text)):
        return None
    end = tokens[j - 1].end - tokens[j - 1].text.endswith(".")  # `là Hà Nội.`: the sentence's full stop
    return UnitMention(tokens[i].start, end, text[tokens[i].start:end], True, False), j


def _list_label(tokens: list[_Token], i: int, text: str) -> tuple[UnitMention, int] | None:
    """`; Giao thông vận tải: 81,41%`, `và Thông tin và Truyền thông: 80,90%`: a capitalised
    label after a list separator, ended by a colon and a number."""
    after_and = i > 0 and tokens[i - 1].folded == "va" and not text[tokens[i - 1].end:tokens[i].start].strip()
    if not tokens[i].is_capitalised or (i and text[tokens[i - 1].end:tokens[i].start].strip() not in (",", ";", ":") and not after_and):
        return None
    for j in range(i + 1, min(len(tokens), i + _MAX_NAME_TOKENS) + 1):
        gap = text[tokens[j - 1].end:tokens[j].start].strip() if j < len(tokens) else ""
        if gap == ":" and j < len(tokens) and tokens[j].text[:1].isdigit():
            return UnitMention(tokens[i].start, tokens[j - 1].end, text[tokens[i].start:tokens[j - 1].end], True, False), j
        if gap or j < len(tokens) and any(c.isdigit() for c in tokens[j].text):
            return None
    return None


# Capitalised at a sentence's start, never a place's first syllable (compared with diacritics:
# `Côn Đảo` is a place).
_SENTENCE_OPENERS = frozenset({"còn", "riêng", "và", "nhưng", "với", "tại", "ở", "trong", "theo", "đến", "tuy"})
# `đầu tiên là`, `tiếp đó là`, `thứ nhất / nhì / hai / ba là`.
_RANKED_BEFORE_WORDS = frozenset({"tien", "do", "nhat", "nhi", "hai", "ba", "tu", "nam"})


def _ranked_before(tokens: list[_Token], i: int, text: str) -> bool:
    """`thứ 3 là Hà Nội`, `xếp đầu tiên là Quảng Ninh, tiếp đó là Hải Phòng`: a name a rank
    introduces is its subject."""
    return i >= 2 and tokens[i - 1].folded == "la" and not text[tokens[i - 2].end:tokens[i - 1].start].strip() \
        and (tokens[i - 2].text.isdigit() or tokens[i - 2].folded in _RANKED_BEFORE_WORDS)


def _says_a_value_next(tokens: list[_Token], j: int, text: str) -> bool:
    """A bare name is a subject only when its value follows at once: `Cà Mau đạt`,
    `Quảng Ninh 91,02%`, `Hà Nội (84,02 điểm)`; not `Cổng Dịch vụ công`."""
    if j >= len(tokens):
        return False
    gap = text[tokens[j - 1].end:tokens[j].start].strip()
    if not gap and _years_running(tokens, j):
        j += 4 if j + 3 < len(tokens) and tokens[j + 3].folded == "tiep" else 3  # `Hà Nội hai năm liên tiếp giữ vị trí thứ 3`
        if j >= len(tokens):
            return False
    return gap in ("", "(", ":") and (tokens[j].folded in _VALUE_VERBS or tokens[j].text[:1].isdigit()
                                      or gap == "(" and tokens[j].folded in _RANK_WORDS)


_COUNT_WORDS = frozenset({"hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin", "muoi", "nhieu"})


def _years_running(tokens: list[_Token], j: int) -> bool:
    """`hai năm liên tiếp`, `3 năm liền`: how long a unit has held its place, said between its
    name and the verb."""
    return (j + 2 < len(tokens) and (tokens[j].folded in _COUNT_WORDS or tokens[j].text.isdigit())
            and tokens[j + 1].folded == "nam" and tokens[j + 2].folded in ("lien", "lien,"))


def _gap(tokens: list[_Token], j: int, text: str) -> bool:
    """Punctuation between token j-1 and j ends a name."""
    return bool(text[tokens[j - 1].end:tokens[j].start].strip())


def _sentence_start(tokens: list[_Token], i: int, text: str) -> bool:
    if i == 0:
        return True
    before = text[:tokens[i].start].rstrip()
    return not before or before[-1] in ".!?:\n" or tokens[i - 1].text.endswith(".")


def _is_subject(mention: UnitMention, folded: str) -> bool:
    """A body named as the publisher (`Bộ Nội vụ công bố`, `theo Bộ Nội vụ`) scores nothing; `của
    Bộ Tư pháp đạt` owns the value that follows."""
    if mention.is_generic:
        return True
    after = folded[mention.end:mention.end + 30]
    before = folded[max(0, mention.start - 12):mention.start]
    return not PUBLISHER_AFTER.pattern.match(after) and not (PUBLISHER_BEFORE.pattern.search(before) and not mention.is_bare
                                                             and folded[mention.start:mention.start + 3] == "bo "
                                                             and not OWN_VALUE_AFTER.pattern.match(after))
