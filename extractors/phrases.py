"""The phrase catalogue of the extractors: every pattern a reader or parser matches, in one place.

Patterns run on folded text (`normalize.text.fold`: lower case, no diacritics, OCR digit
confusions undone, same length as the original), so one pattern covers `Tổng số điểm`,
`Tong so diem` and the OCR'd `Tong s6 diém`. Each pattern lists real examples; the test
`tests/test_phrases.py` runs every example.
"""

from __future__ import annotations

import re
from chiso.normalize.text import Phrase
from chiso.normalize.text import phrase as _phrase


def _opening(first: str, pattern: str) -> str:
    """`pattern`, tried only where `first` stands (what every match of it begins with).

    Python's re tries a pattern that opens with a word boundary, a lookbehind or a group of
    alternatives at every character of a passage; a leading lookahead of its opening letters turns
    most characters away at once (PERIOD scanned five times faster). An alternative whose
    first letters are not in `first` would never match: its examples would fail
    (tests/test_phrases.py), and a test runs each guarded pattern with and without its guard
    over the seeds and the tuning texts (tests/extractors/parse/test_phrase_openings.py).

    Faster still is a pattern each of whose alternatives opens with a letter (`\\bsipas` written
    `s(?<=\\bs)ipas`, `_word`): re then scans for those letters itself before trying it, twice as
    fast (FAMILY_SIPAS, FROM_TO); a group named in one alternative cannot be spread over several,
    so BODY_RANK keeps its guard.
    """
    return rf"(?={first})(?:{pattern})"


def _word(word: str) -> str:
    """`\\bword`, written to open with its letter (`s(?<=\\bs)o voi`), as `_opening` says why."""
    return rf"{word[0]}(?<=\b{word[0]}){word[1:]}"


# A number as printed: 62.28, 58,3, 242.300, 1.029.961, 304,285, 0, 88,54.
NUMBER = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"

ROW_CODE = _phrase(
    "row_code",
    r"^(?:\d+(?:[.\s]\d+){0,3}\.?|[ivxlc]+\.?|[a-z]\)|[a-z]\.)$",
    "1", "2.1", "2.4.1", "2 2", "1.", "iv", "ii.", "a)",
)
HEADER_START = _phrase("header_start", r"^(?:s[ot]t|tt|so tt|so thu tu|xep hang)$", "stt", "tt", "so tt", "xep hang")
# The letters HEADER_START's words open with: the table stage tries a table only at a line
# opening with one of them or holding a pipe (tested against HEADER_START's examples).
HEADER_INITIALS = frozenset("stx")
NUMBERING_CELL = _phrase("numbering_cell", r"^\(?[0-9a-e]+\)?(?:\s*=\s*\(?[0-9+\-x*/ ]+\)?)?$", "1=(2+3)", "2", "(3)", "a")
ANNEX_HEADING = _phrase("annex_heading", r"^(?:phu luc|bieu|bang)\b", "phu luc 1", "phu luc iv", "bieu tong hop")
ATTACHED_TO = _phrase("attached_to", r"^\(?\s*(?:kem theo|ban hanh kem|dinh kem)", "(kem theo van ban so 193", "(ban hanh kem cong van")
NOTE_COLUMN = _phrase(
    "note_column",
    r"^(?:ghi chu|chu tri|don vi chu tri|don vi thuc hien|co quan chu tri|don vi theo doi|nguyen nhan)",
    "ghi chu", "chu tri tham muu", "don vi chu tri theo doi", "don vi thuc hien",
)
UNIT_CODE_COLUMN = _phrase("unit_code_column", r"\b(?:ma|dinh danh)\b", "dinh danh", "ma don vi", "ma dinh danh")
UNIT_CODE = _phrase("unit_code", r"^[0-9a-z]{3}\.[0-9a-z]{2}\.[0-9a-z]{2}\.[a-z][0-9]{2}$", "000.00.36.h57")
LABEL_COLUMN = _phrase(
    "label_column",
    r"^(?:ten|don vi|noi dung|tieu chi|chi so|linh vuc|chi tieu|co quan|dia phuong)",
    "ten don vi", "noi dung", "tieu chi", "linh vuc/tieu chi/tieu chi thanh phan",
    "chi so tong hop cua ubnd cap huyen",
)

# A unit named at the start of a row or sentence (UBND huyện X, Sở Y, Ban Z, Văn phòng UBND...).
UNIT_NAME = _phrase(
    "unit_name",
    r"^(?:ubnd|uy ban nhan dan|so |ban (?!hanh )|van phong|thanh tra|quan |huyen |thi xa |thanh pho |tp\.?\s|tx\.?\s|xa |phuong |thi tran |dac khu "
    r"|trung tam|chi cuc|cuc |cong an|bhxh|bao hiem|kho bac|ngan hang|dien luc|vien |bo (?!chi so|tieu chi|tthc|thu tuc)|uy ban dan toc)",
    "ubnd quan tay ho", "so tu phap", "ban dan toc", "van phong ubnd tinh", "thanh tra tinh", "tp. hue", "phuong cam duong",
    "bo tu phap", "uy ban dan toc",
)

# Column header meanings, first match wins (checked in this order).
COLUMN_ROLES: tuple[tuple[str, Phrase], ...] = (
    ("delta", _phrase("col_delta", r"tang/giam|tang, giam|tang giam|so voi|bien dong|chenh lech", "tang/giam so voi thang 11", "so voi thang 11/2024")),
    ("national_average", _phrase("col_national", r"trung binh|ca nuoc", "diem trung binh ca nuoc")),
    ("target", _phrase("col_target", r"muc tieu|chi tieu|phan dau|ke hoach", "muc tieu nam 2022", "muc tieu sipas 2022 (%)")),
    ("max_score", _phrase("col_max", r"toi da|diem chuan|thang diem", "diem toi da")),
    ("rank", _phrase("col_rank", r"xep hang|thu hang|xep thu|^hang$", "xep hang", "thu hang")),
    ("percent", _phrase("col_percent", r"ty le|\(%\)|%", "ty le ho so dung han, trong han (%)")),
    ("score", _phrase("col_score", r"diem|ket qua|ty trong|chi so", "so diem", "diem cua tinh", "ket qua sipas 2021", "ty trong")),
    ("count", _phrase("col_count", r"so luong|tong so|so ho so|so pakn|(?<!so hoa )ho so|da trien khai|so don vi|\btong\b|cap huyen|cap xa|chua tiep nhan|cham xu ly|qua han", "so luong ho so hoan thanh", "tong so ho so qua han", "da trien khai")),
)

# Index families named in text or headers.
FAMILY_PAR = _phrase("family_par", r"par\s*-?\s*index|chi so (?:trung binh |binh quan )?(?:cai cach hanh chinh|cchc)", "chi so par index",
                     "chi so cai cach hanh chinh (par index)", "chi so trung binh cchc nam 2022")
# Each alternative opens with its letter (`_word`): a letter's names are searched whole, twice as fast.
_SERVED_BY = r" doi voi su phuc vu cua (?:cac )?co quan hanh chinh"
FAMILY_SIPAS = _phrase("family_sipas", _word("sipas") + r"\b|chi so (?:hai long (?:cua nguoi dan|ve su phuc vu)|(?:nguoi dan|to chuc)" + _SERVED_BY + ")"
                       r"|do luong (?:su|muc do) hai long|hai long cua nguoi dan(?:, to chuc)?" + _SERVED_BY,
                       "chi so sipas", "chi so hai long cua nguoi dan, to chuc", "ket qua do luong muc do hai long",
                       "su hai long cua nguoi dan, to chuc doi voi su phuc vu cua cac co quan hanh chinh nha nuoc",
                       "chi so nguoi dan doi voi su phuc vu cua co quan hanh chinh")
FAMILY_SERVICE = _phrase(
    "family_service",
    r"bo chi so (?:chi dao, dieu hanh va danh gia )?(?:chat luong )?phuc vu nguoi dan|766/qd-ttg|bo chi so phuc vu",
    "bo chi so phuc vu nguoi dan, doanh nghiep", "quyet dinh so 766/qd-ttg",
)

# Numbers in cells and sentences.
SCORE_OF = _phrase(
    "score_of",
    rf"(?P<value>{NUMBER})\s*(?:diem)?\s*/\s*(?P<max>{NUMBER})\s*(?:diem)?",
    "62.28/100 diem", "54,1/100", "10.4/18 diem", "72,36 diem/100 diem",
)
VALUE_PERCENT_IN_PARENS = _phrase("value_percent", rf"^(?P<value>{NUMBER})\s*(?P<word>[a-z ]*?)\s*\((?P<pct>{NUMBER})\s*%\)$", "242.300 (70.87%)", "593 tthc (41.04%)")
PERCENT = _phrase("percent", rf"^(?P<value>{NUMBER})\s*%$", "100%", "77,93%")
# `giảm` as OCR spells it without its marks (`giam`, `gidm`, `glam`).
FALL = _word("g") + r"[il1][a-z]?m\b"
DELTA = _phrase(
    "delta",
    rf"(?P<dir>tang|{FALL})\s*(?:them\s*)?(?P<value>{NUMBER})\s*(?P<unit>%|diem|bac)?|(?P<same>bang diem|khong thay doi|giu nguyen)",
    "tang 3.21 diem", "giam 0.2 diem", "bang diem", "tang 5.37%", "tang 6.566", "gidm 0,2 diem",
)
FRACTION = _phrase("fraction", rf"^(?P<value>{NUMBER})\s*/\s*(?P<of>{NUMBER})$", "36/37", "1/9")
PLAIN_NUMBER = _phrase("plain_number", rf"^(?P<value>{NUMBER})\s*(?P<word>[a-z ]*)$", "26.258 ho so", "1.004.398", "89", "697 tthc")
LABEL_VALUE = _phrase("label_value", rf":\s*(?P<value>{NUMBER})\s*(?P<word>%|[a-z ]*)$", "ty le hai long trong xu ly phan anh, kien nghi: 94%", "...: 304,285", "...: 0 ho so")
HAS_DIGIT = re.compile(r"\d")
# A decimal number (`83,15`): what a value said without its unit must print (BODY_BARE_VALUE).
HAS_DECIMAL = re.compile(r"\d[.,]\d")
NUMERIC_CELL = _phrase("numeric_cell", rf"^[^a-z]*(?:{NUMBER})", "89", "62,84/100", ">88.00")
# id/class fragments of portal chrome: menus, breadcrumbs, sidebars, share buttons, footers.
BOILERPLATE_MARKERS = ("menu", "nav", "breadcrumb", "sidebar", "side-bar", "footer", "header", "banner", "search",
                       "share", "social", "related", "lien-quan", "tin-khac", "widget", "advert", "quang-cao", "cookie", "login")
COUNT_WORDS = re.compile(r"\b(?:ho so|tthc|tai khoan|luot|don vi|van ban|pakn|thu tuc|nguoi|doanh nghiep)\b")

# The letter's identity.
LETTER_NUMBER = _phrase(
    "letter_number",
    _opening("^|so|co|va|ke|qu|th|ba", r"(?:^|\bso hieu\s*:|\b(?:cong van|van ban|ke hoach|quyet dinh|thong bao|bao cao) so\s|^so\s*:|^so\s+)\s*"
             r"(?P<number>\d{1,6}\s*/\s*(?=[a-z0-9đ]*[a-zđ])[a-z0-9đ]+(?:\s*-\s*[a-z0-9đ]+)*)"),  # a symbol with letters: 17/04 is a date
    "so: 193/ubnd-ksthc", "so:1591 /ubnd-nc", "so hieu: 193/ubnd-ksthc", "cong van so 1444/ubnd-ksthc",
)
LETTER_DATE = _phrase(
    "letter_date",
    r"(?P<place>[a-z][a-z .]{1,40}?)?,?\s*ngay\s*(?P<day>\d{1,2})\s*[/ ]?\s*thang\s*(?P<month>\d{1,2})\s*[/ ]?\s*nam\s*(?P<year>\d{4})",
    "ha noi, ngay 17 thang 01 nam 2025", "ha noi, ngay2/thang4 nam 2025", "thua thien hue, ngay 08 thang 3 nam 2023", needs=("thang",),
)
ISSUED_ON_FIELD = _phrase("issued_on_field", r"ngay ban hanh\s*:\s*(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})", "ngay ban hanh: 17/01/2025")
# ISSUER and PROVINCE_MENTION open each alternative with its letter, as FAMILY_SIPAS does.
ISSUER = _phrase(
    "issuer",
    r"(?:noi ban hanh\s*:\s*|cua\s+|ubnd\s+|uy ban nhan dan\s+)(?P<name>(?:tinh|thanh pho|tp\.?)\s+[a-z][a-z ]{1,30}?)"
    r"(?=$|[,.;)(]|\s+(?:vua|ve|ban hanh|cong|ngay|da|thong|quy|de)\b)",
    "cua ubnd thanh pho ha noi)", "noi ban hanh: thanh pho ha noi", "ubnd thanh pho ha noi vua co cong van",
)
PROVINCE_MENTION = _phrase(
    "province_mention",
    _word("t") + r"(?:inh|hanh pho)\s+(?P<name>[a-z][a-z]+(?:\s[a-z][a-z]+){0,3}?)"
    r"(?=\s+(?:dat|xep|dung|co|da|la|vua|trong|tiep|tang|giam|nam|thang|gom|ve|duoc|van|luon)\b|[,.;:)])",
    "tinh quang ninh dat 90,45 diem", "thanh pho ha noi xep thu 61/63", "cua tinh lao cai,", "cua tinh kon tum nam 2023",
)
# A web page's own date line, printed near its title: `Ngày đăng: 14/06/2024`, `Thứ Hai,
# 03/10/2022 08:30`, `Cập nhật lúc 16:30 ngày 30/09/2025`, `14/06/2024 | 08:30`.
PUBLISHED_LINE = _phrase(
    "published_line",
    r"^(?:(?:ngay dang|dang ngay|ngay dang tin|ngay cap nhat|cap nhat|ngay xuat ban|xuat ban|thoi gian dang|ngay|dang luc|dang)\s*(?:luc\s*)?:?\s*"
    r"|(?:thu (?:hai|ba|tu|nam|sau|bay)|chu nhat)\s*,?\s*(?:ngay\s*)?|\d{1,2}[:h]\d{2}(?:\s*(?:am|pm))?\s*,?\s*(?:ngay\s*)?)?"
    r"(?:\d{1,2}[:h]\d{2}\s*(?:ngay\s*)?)?"
    r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2})(?:\s*[|,-]?\s*\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:am|pm|gmt\+7))?)?\s*$",
    "ngay dang: 14/06/2024", "thu hai, 03/10/2022 08:30", "cap nhat luc 16:30 ngay 30/09/2025", "14/06/2024 | 08:30",
    "ngay cap nhat 14/06/2024", "08:30 14/06/2024", "chu nhat, ngay 2/3/2025",
)
# The same line in ISO form, as page metadata prints it: `2025-11-26`, `date 2025-11-26 06:19`.
PUBLISHED_ISO_LINE = _phrase(
    "published_iso_line",
    r"^(?:(?:date|published|ngay dang|ngay cap nhat|ngay xuat ban)\s*:?\s*)?(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[t ]\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:?\d{2}|z)?)?\s*$",
    "date 2025-11-26", "2024-06-14t08:00:00+07:00", "ngay dang: 2022-10-03 08:30",
)
# Portals print the date among a clock, a weekday, a label, a time zone and a view count, in
# that order with the clock before or after, joined by commas, dashes or pipes (folded, a pipe
# is `l`): `10:20, Thứ Năm, 23-2-2023` (baoquangbinh.vn), `Thứ 4, ngày 13/05/2020 | 03:59 PM (GMT +7)`, `Cập nhật ngày:
# 14/12/2022 - 10:19`, `08:24 | 18/04/2024`, `Ngày đăng: 25/04/2024  13:52 Lượt xem: 413`. The line
# holds nothing else: a site's clock beside its menu (`Thứ tư 01/05/2024 13:17 24h qua English
# RSS`) or a line cut after its dash is not the article's date, and a two-digit year (`8-6-25`)
# is the day the page was viewed. A clock's `10:20` is a part of the line, never a date's.
_LABEL = (r"(?:ngay dang(?: tin)?|dang ngay|ngay cap nhat|cap nhat(?: ngay| luc)?|ngay xuat ban|xuat ban|thoi gian dang"
          r"|dang luc|dang)\s*:?\s*")
_WEEKDAY = r"(?:thu\s*(?:hai|ba|tu|nam|sau|bay|[2-7])|chu nhat|cn)"
_CLOCK = r"\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:am|pm))?"
_ZONE = r"\(?\s*gmt\s*[+-]\s*\d{1,2}\s*\)?"
_VIEWS = r"luot xem\s*:?\s*\d[\d.,]*"
_JOIN = r"(?:\s*[,|\-–]\s*|\s+l\s+|\s+)"
DATE_LINE = _phrase(
    "date_line",
    rf"^(?:{_CLOCK}{_JOIN})?(?:{_WEEKDAY}{_JOIN})?(?:{_LABEL})?(?:{_CLOCK}{_JOIN})?(?:ngay\s*:?\s*)?"
    r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2})"
    rf"(?:{_JOIN}{_CLOCK})?(?:{_JOIN}?{_ZONE})?(?:{_JOIN}{_VIEWS})?\s*$",
    "10:20, thu nam, 23-2-2023", "thu hai, 06/03/2023 - 14:35", "cap nhat: 08:15 06/03/2023", "ngay dang: 23-02-2023 10:20",
    "cap nhat ngay: 14/12/2022 - 10:19", "08:24 l 18/04/2024", "thu 4, ngay 13/05/2020 l 03:59 pm (gmt +7)",
    "thu tu - 02/10/2024 09:14", "thu tu, 03/04/2024, 13:14 (gmt+7)", "ngay dang: 25/04/2024  13:52 luot xem: 413",
)
ISO_DATE = _phrase("iso_date", r"^(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?:[t ]|$)", "2024-06-14t08:00:00+07:00", "2022-10-03")
PROVINCE_LINE = _phrase("province_line", r"^(?:tinh|thanh pho)\s+[a-z][a-z ]{1,30}$", "tinh thua thien hue", "thanh pho ha noi")

# Body sentences. A score statement: `đạt 54,1/100 điểm`, `62.28/100 điểm`, `đạt 72,36 điểm/100
# điểm`, `8,8/18 điểm`, `là 50,72/100 điểm`; the value must not be a date (`23/6/2022`) or a
# document number, hence the guards on both sides.
BODY_SCORE = _phrase(
    "body_score",
    _opening(r"\d", rf"(?<![\d/.,])(?P<value>{NUMBER})\s*(?:diem\s*)?/\s*(?P<max>{NUMBER})(?![\d/])(?:\s*diem)?"),
    "dat: 54,1/100 diem", "62.28/100 diem", "72,36 diem/100 diem", "8,8/18 diem", needs=("/",),
)
# The maximum said as the scale: `đạt 90,09 điểm trên thang điểm 100`.
SCORE_ON_SCALE = _phrase(
    "score_on_scale",
    _opening(r"\d", rf"(?<![\d/.,])(?P<value>{NUMBER})\s*diem\s+tren\s+thang\s+(?:diem\s+)?(?P<max>{NUMBER})(?![\d/.,]\d)"),
    "dat 90,09 diem tren thang diem 100", "85 diem tren thang 100", needs=("thang",),
)
BODY_POINTS = _phrase(
    "body_points",
    _opening("dat|la|voi|:|da", rf"(?:\bdat(?:\s+duoc)?|\bla|(?<!so )\bvoi|:|\bdanh gia)\s*(?P<value>{NUMBER})\s*(?P<unit>diem|%)(?!\s*/)"),
    "dat 90,04 diem", "chi so par index cua thanh pho dat 88,54%", "dat duoc: 72,5 diem", "xep thu 60/63 voi 55,12 diem",
    "duoc danh gia 80,2 diem", needs=("diem", "%"),
)
BODY_RANK = _phrase(
    "body_rank",
    _opening("xep|dung|o vi|vi tri|thu|hang|xuong|len|duy tri|giu", r"(?:(?:xep hang|dung hang|xep th[a-z]{1,2}|dung th[a-z]{1,2}|(?:xuong|len|duy tri|giu vung|giu)\s+th[a-z]{1,2}|(?:dung |xep )?(?:o )?vi tri(?: th[a-z]{1,2}| so)?|thu hang)\s*(?:thu\s*(?:tu\s+)?)?:?\s*(?P<rank>\d{1,3})"
    # `xếp hạng 63 tỉnh, thành phố` counts what is ranked: no rank.
    r"(?:\s*(?:/|tren(?: tong so)?|trong(?: tong)?(?: so)?)\s*(?P<of>\d{1,3})|(?!\s*(?:tinh,?\s*thanh|dia phuong|don vi|co quan)\b))"
    r"|\b(?:hang|thu|xep)\s*(?P<rank2>\d{1,3})\s*/\s*(?P<of2>\d{1,3})"
    r"|\bhang\s*(?P<rank3>\d{1,2})(?=\s+voi\b|\s*[,;.)])"
    r"|\bthu\s*(?P<rank4>\d{1,2})\s+la\b"
    r"|\bthu\s*(?P<rank5>\d{1,2})(?=\s+(?:ca nuoc\s+)?(?:ve|chi so)\b)"
    r"|\bthu\s*(?P<rank6>\d{1,2})(?=\s+(?:tinh|thanh pho|tp|huyen|quan|thi xa)\s+(?!thanh\b)[a-z])"
    r"|\b(?:dung|xep)\s+(?:chot|cuoi|bet|dau)(?:\s+bang)?\s*\(\s*(?P<rank7>\d{1,3})\s*/\s*(?P<of3>\d{1,3})\s*\))(?![\d/]|[.,]\d)"),
    "xep hang 61/63 tinh", "xep thu 30/63", "dung thu 5 ca nuoc", "thu 1/9", "xep hang: 28/63", "xep hang 5/63.",
    "dung thu 12 tren 34 tinh", "dung vi tri thu 4 tren tong so 63 tinh", "xep thu 30 trong 63 tinh", "dung hang 34 chi so", "xep thir 61/63", "xep 8/63 tinh", "dung o vi tri thu 39/63", "hang 3 voi 86,8 diem", "thu 2 la so noi vu", "thu 5 ve chi so sipas", "thu 10 chi so par index", "tut xuong thu 13", "duy tri thu 13", "; thu 3 tinh hai duong dat",
    "dung chot bang (19/19)", "xep hang thu tu 16/19 don vi", "nam vi tri so 44",
)
BODY_DELTA = _phrase(
    "body_delta",
    rf"(?P<dir>tang|{FALL}|{_word('tut')}\b)\s*(?P<value>{NUMBER})\s*(?P<unit>diem|%|bac|hang)?",
    "tang 1.29 diem so voi thang 11/2024", "giam 3.2", "tang 2.47% so voi nam 2020", "giam 1,2 diem", "glam 1,2 diem",
    "tut 5 bac so voi nam 2014",
)
BODY_NATIONAL = _phrase(
    "body_national",
    rf"(?:(?:trung binh|chung) (?:cua )?ca nuoc(?:\s+nam\s+(?:19|20)\d{{2}})?\s*(?:\(|la|dat|:|chi)?"
    rf"|\bnoi chung\b[^.;]{{0,40}}?\btrong ca nuoc\s*)"
    rf"\s*(?:la|dat|:)?\s*(?P<value>{NUMBER})(?:\s*/\s*(?P<max>{NUMBER}))?\s*(?:diem)?",
    "diem trung binh ca nuoc la 53,5 diem", "cao hon trung binh ca nuoc (53,5/100 diem)", "trung binh ca nuoc: 70,1",
    "chi so sipas chung ca nuoc nam 2022 la 80,08%", "nha nuoc noi chung (chi so sipas 2024) trong ca nuoc la 83,94%", needs=("ca nuoc",),
)
# Unchanged: the value (`bằng điểm`), or the place when said of it (`giữ nguyên thứ hạng`: a move of 0).
DELTA_SAME = _phrase("delta_same", _opening("ba|kh|gi", r"\b(?:bang diem|khong thay doi|giu nguyen(?P<place>\s+(?:thu hang|vi tri|xep hang|hang))?)\b"),
                     "bang diem", "giu nguyen", "giu nguyen thu hang nhu nam 2017", needs=("bang diem", "khong thay doi", "giu nguyen"))
# Words that make a sentence a plan or a target, not a result.
TARGET_WORDS = _phrase("target_words", r"\b(?:phan dau|muc tieu|chi tieu|phai dat|can dat|dat tu|tro len|toi thieu|dam bao)\b", "phan dau dat tu 99% tro len", "tang toi thieu 1- 2 bac")
# A period mention; `so với <period>` names the comparison period, not the fact's.
PERIOD = _phrase(
    "period",
    _opening(r"t[uhi]|gi|s[oi]|q|[369]|\(|n[ag]|nhu |pa|ca|cu|ky", r"(?P<span>\btu\s+(?:nam\s*)?(?:19|20)\d{2}\s*(?:den|toi|-)\s*(?:nay|nam\s*(?:19|20)\d{2}|(?:19|20)\d{2})"
    r"|\bgiai doan\s*(?:19|20)\d{2}\s*-\s*(?:19|20)\d{2})"
    r"|(?P<cmp>so voi\s+(?:(?:ket qua|diem so|xep hang|chi so)\s+(?:cua\s+)?)?|\bnhu\s+|(?:(?<=bac )|(?<=hang )|(?<=% ))so\s+)?(?:(?P<part>\b[369]\s*thang\s*(?:dau\s*|cuoi\s*)?nam\s*(?:19|20)\d{2})"
    r"|(?P<week>tuan)\s*(?:thu\s*)?(?P<w>\d{1,2})\s*(?:[/-]|\s+nam\s+)\s*(?P<wy>\d{4})"
    r"|(?P<quarter>quy)\s*(?P<q>[1-4]|iv|iii|ii|i)\s*(?:[/-]|\s+nam\s+)\s*(?P<qy>\d{4})"
    r"|(?P<asof>(?:tinh den(?: het)?|\(|(?:so lieu|thoi diem)[^()]{0,16}?)\s*ngay)\s*(?P<ad>\d{1,2})\s*[/-]\s*(?P<am>\d{1,2})\s*[/-]\s*(?P<ay>\d{4})"
    r"|(?P<month>thang)\s*(?P<m>\d{1,2})\s*(?:[/-]|\s+nam\s+)\s*(?P<my>\d{4})"
    r"|(?P<year>nam)\s*(?P<y>(?:19|20)\d{2})(?![\d/])"
    r"|(?P<iyear>par\s*-?\s*index|sipas)\s*(?P<iy>(?:19|20)\d{2})(?![\d/])"
    r"|(?P<asof2>(?:tinh den(?: het)?|so lieu(?: luc [0-9hg: ]{0,8})?|cap nhat(?: luc [0-9hg: ]{0,8})?) ngay)\s*\d{1,2}\s*[/-]\s*\d{1,2}(?!\s*[/-]?\s*\d)"
    r"|(?P<dateline>(?<![\w/])(?<!den )(?<!tu )ngay)\s*\d{1,2}\s*[/-]\s*\d{1,2}\s*,"
    r"|(?<![\d ]\s)(?<!\d)(?P<month2>thang)\s*(?:1[0-2]|0?[1-9])(?!\s*[/-]?\s*\d|\s+nam\s+\d)"
    r"|(?<!\w)(?P<week2>tuan)\s*(?:thu\s*)?(?:[1-4]\d|5[0-3]|0?[1-9])(?!\s*[/-]?\s*\d|\s+nam\s+\d)"
    r"|(?P<trailing>thang truoc|tuan truoc|ky truoc|cung ky))"),
    "thang 12/2024", "thang 4-2024", "nam 2022", "quy i/2024", "tuan 03/2024", "tinh den ngay 29/8/2025",
    "so voi thang 11/2024", "thang 03 nam 2025", "6 thang dau nam 2025", "tu nam 2015 den nay", "tinh den ngay 14/6",
    "so lieu luc 16h30 ngay 30/9", "thang 9", "par index 2023", "sipas 2023", "ngay 19/8, van phong ubnd tinh da cong bo",
    "(ngay 27/3/2023 tinh dat", "so lieu tai thoi diem 17h00 ngay 31/5/2023", "(tuan thu 47)", "so voi ket qua cua nam 2013", "duy tri vi tri thu 2 nhu nam 2016", "giam 3 bac so nam 2018",
)
# `Năm nay` (this year): the year the text reports, which its own first period names, not the
# year named last (`(Năm 2014, Ngân hàng Nhà nước đứng thứ 3)`); not `Việt Nam nay`.
THIS_YEAR = _phrase("this_year", r"(?<!viet )\bnam nay\b", "nam nay, thanh pho nay co chi so dat 93,31%")
HEADER_YEAR = _phrase("header_year", r"(?<!\d)(?P<y>(?:19|20)\d{2})(?![\d/])", "ket qua sipas 2021", "muc tieu sipas 2022 (%)")
PARENTHESIS = re.compile(r"[()]")
# Not after `TP.`, `TX.`, `TT.`, `Q.`, `P.`, `H.`; after an acronym that ends a sentence (`PCI.`), yes.
# The full stop's lookbehinds follow it, so that every alternative opens with its one character,
# which re finds by a scan of the text for `;`, `.` or a line break (fourteen times as fast as
# trying the lookbehinds at every character).
CLAUSE_BREAK = re.compile(r";|\.(?<!\bTP\.)(?<!\bTX\.)(?<!\bTT\.)(?<!\b[A-ZĐ]\.)(?=\s+[A-ZĐÀ-Ỹa-z])|\n")

# Layout and guards used by the parsers.
LIST_MARKER = _phrase("list_marker", r"^\s*(?:[-+•*]\s|[a-zđ]\)|\d+(?:\.\d+)*[.)]\s|[IVX]+\.\s)", "- Các chỉ số", "a) Tập trung", "2. Trung tâm", "II. Nội dung")
# A figure closing a bracket opened on the line before (`Long An (hạng` / `7) và Hậu Giang`): no list item.
CLOSING_FIGURE = _phrase("closing_figure", r"^\s*\d+(?:[.,]\d+)?\)", "7) va hau giang", "19)")
# A line ending on a unit's kind: its name follows on the next line (`... là Bộ` / `Khoa học ...`).
NAME_AHEAD = _phrase(
    "name_ahead",
    r"(?:^|[^a-z0-9])(?<!dia )(?<!co )(?:bo|so|ban|ubnd|uy ban nhan dan|tinh|huyen|quan|thi xa|thanh pho|xa|phuong|thi tran)$",
    "duoi 80% la bo", "xep thu 3 la ubnd huyen", "ket qua cua tinh",
)
# A sentence ended inside a line: the line is prose, no headline.
SENTENCE_INSIDE = _phrase("sentence_inside", r"[.;!?] (?P<next>\w)", "cai cach. Cu the", "(kem Bo Tu phap 0,06 diem). Trong do")
SENTENCE_END = _phrase("sentence_end", r"[.;:!?*]\s*$", "thành phố*", "như sau:", "theo quy định./.")
GENERIC_SUBJECT = _phrase("generic_subject", r"^(?:ubnd|uy ban nhan dan)?\s*(?:tinh|thanh pho|tp)?$", "ubnd thanh pho", "tinh")
# `số 193/2025` is a number, but `Số hóa hồ sơ 15.6/22 điểm` a group's score.
NOT_A_SCORE_BEFORE = _phrase("not_a_score_before", r"(?:thang|ngay|nam|(?<!ho )(?<!tong )so|tuan|quy)\s*$", "thang ", "ngay ", "so ")
SCORE_INTRO = _phrase("score_intro", r"(?:dat|la|:)\s*$", "dat ", "la ", ": ")
INDEX_WORD = _phrase("index_word", r"\bchi so\b", "chi so hai long")
THOUSANDS = _phrase("thousands", r"^\d{1,3}(?:[.,]\d{3}){2,}$|^\d{4,}$", "1.004.398", "5009")
NUMBERS_ONLY = _phrase("numbers_only", r"^[\d.,%/ ]+$", "62,84/100", "74.53%")
SIGNED_NUMBER = _phrase("signed_number", r"^(?P<sign>[+-])?\s*(?P<value>[\d.,]+)\s*(?P<pct>%)?", "+0.5", "-1,2%")
ROMAN = _phrase("roman", r"^[ivxlc]+$", "iv", "ii")
# Column gaps in fixed-width tables: two or more spaces (or a tab) between fields.
COLUMN_GAP = re.compile(r"\t|\s{2,}")

# Prose that names many units (issue 8): who a number belongs to, and which index.
# Words that open a unit's name in prose, folded: a type word before a proper name
# (`tỉnh Bắc Giang`, `huyện Yên Lạc`) or the head of a body's name (`Sở Tư pháp`, `Bộ Công an`).
# Written with their marks: `cơ quan` is no `quận`, `số` no `Sở` (text without any marks, as
# OCR leaves it, is compared folded).
MENTION_TYPE_WORDS = ("thành phố", "thị trấn", "thị xã", "tỉnh", "huyện", "quận", "phường", "xã", "tp", "tx", "đặc khu")
MENTION_BODY_HEADS = ("sở", "bộ", "ban", "văn phòng", "thanh tra", "ngân hàng", "bảo hiểm", "kho bạc", "cục", "ủy ban dân tộc",
                      "uỷ ban dân tộc", "trung tâm", "công an", "chi cục")
# Heads that start no unit: `Bộ Chỉ số`, `Ban hành`, `Sở dĩ`.
NOT_A_BODY = _phrase("not_a_body", r"^(?:bo (?:chi so|tieu chi|thu tuc|tthc|may|phan)|ban (?:hanh|dau|chi dao)|so (?:di|lieu|diem|ho so|luong)"
                     r"|van phong (?:dang ky)|trung tam (?:phuc vu hanh chinh cong|hanh chinh cong))",
                     "bo chi so", "ban hanh", "so lieu", "trung tam phuc vu hanh chinh cong")
# Words that end a unit's name in prose: the verb or preposition that follows it.
MENTION_STOP_WORDS = frozenset({"đạt", "với", "xếp", "có", "là", "đứng", "tăng", "giảm", "chiếm", "dẫn", "ở", "tại", "trong", "năm",
                                "được", "vượt", "thuộc", "tiếp", "cho", "về", "đã", "vẫn", "luôn", "giữ", "tháng", "quý", "tuần",
                                "ngày", "nhưng", "vừa", "cùng", "theo", "nhằm", "để", "cũng", "còn", "thì", "đều"})
# Two-word verbs that end a name: `Sở Nội vụ công bố`, `Sở Tư pháp ban hành` (not `Sở Công Thương`).
MENTION_STOP_PAIRS = frozenset({("công", "bố"), ("ban", "hành"), ("thông", "báo"), ("cho", "biết")})
# A body named as the one who publishes (`Bộ Nội vụ công bố`, `theo Bộ Nội vụ`) is no subject.
PUBLISHER_AFTER = _phrase("publisher_after", r"^\s*(?:vua |da |chinh thuc )?(?:cong bo|ban hanh|thong bao|danh gia|cho biet|cho hay|phe duyet|to chuc|trien khai|chu tri)",
                          " cong bo", " vua cong bo", " chinh thuc cong bo")
PUBLISHER_BEFORE = _phrase("publisher_before", r"(?:\btheo|\bcua|\bdo|\bvoi su)\s*$", "theo ", "do ")
# ... unless its own value follows: `kết quả công tác chỉ đạo ... của Bộ Tư pháp được đánh giá 11.50/12 điểm`.
OWN_VALUE_AFTER = _phrase("own_value_after", r"^\s*(?:duoc danh gia|dat|xep|dung thu)\b", " duoc danh gia 11.50/12", " dat 14.78/17 diem")
# Other indices that share sentences with ours: their figures are never loaded (CONTRACT.md).
FAMILY_OTHER = _phrase(
    "family_other",
    _opening("p[cag]|dd|dt|ic|gr|na|hi|ch|sa|to|th|ty", r"\b(?:pci|papi|ddci|dti|pgi|ict index|ict|grdp)\b|nang luc canh\b|hieu qua quan tri|chuyen doi so|chi so xanh|san sang cho phat trien"
    r"|tong san pham|thu ngan sach|ty dong"),
    "chi so pci", "chi so papi", "chi so nang luc canh tranh cap tinh", "chi so nang luc canh canh (pcti)", "chi so chuyen doi so (dti)", "tong san pham trong tinh (grdp)",
)
# The service index named in a sentence (also headlined `chỉ số phục vụ người dân và doanh nghiệp`).
FAMILY_SERVICE_CUE = _phrase("family_service_cue", r"phuc vu nguoi dan|766/qd-ttg|chi so chi dao, dieu hanh", "chi so phuc vu nguoi dan va doanh nghiep")
# Averages over a group of units (`bình quân đạt 85,41%`, `trung bình của 17 bộ`): no unit's figure.
GROUP_AVERAGE = _phrase("group_average", r"\b(?:binh quan|trung binh(?! ca nuoc| chung ca nuoc)|(?:tang|giam) (?:cao|thap|nhieu|it) nhat)\b",
                        "binh quan dat", "diem trung binh cua cac so", "tang cao nhat la")
# A ranked list numbers its units: `(1) Sở Tài chính đạt 90,05%`.
LIST_RANK = _phrase("list_rank", r"\((?P<rank>\d{1,3})\)\s*$", "(1) ", "(12)")
# Ranks in words: `xếp thứ nhất`, `đứng thứ hai`.
ORDINAL_RANK = _phrase(
    "ordinal_rank",
    _opening("xe|du|vi|thu", r"\b(?:(?:xep|dung|vi tri)\s*(?:hang\s*)?(?:thu|hang)\s*(?P<word>nhat|nhi|hai|ba|tu|nam|sau|bay|tam|chin|muoi)\b(?!\s*(?:/|tren|\d))"
    r"|(?<![a-z] )thu\s*(?P<word2>nhat|nhi|hai|ba|tu|nam)\s+la\b)"),
    "xep thu nhat", "dung thu hai", "xep hang ba", "; thu hai  la van phong ubnd tinh", "xep hang thu nhat voi 98,24%", needs=("thu", "hang"),
)
ORDINALS = {"nhat": "1", "nhi": "2", "hai": "2", "ba": "3", "tu": "4", "nam": "5", "sau": "6", "bay": "7", "tam": "8", "chin": "9", "muoi": "10"}
# A value said without `điểm` or `%` after `đạt`/`là`, ended by punctuation or the next clause:
# `Tổng điểm của UBND tỉnh X là 83,15,`; `năm 2022 là 86,12 xếp thứ 24/63`.
BODY_BARE_VALUE = _phrase(
    "body_bare_value",
    rf"(?:{_word('dat')}(?:\s+duoc)?|{_word('la')}|{_word('xuong')}|{_word('len')}|{_word('so diem')}|{_word('tong diem')}"
    rf"|{_word('voi chi so')}|{_word('voi gia tri')})"
    rf"\s*(?P<value>\d{{1,3}}[.,]\d{{1,2}})(?=\s*[,;.)]|\s*$|\s+(?:xep|dung|tang|giam|va|so voi)\b|\s*\(\s*%)",
    "la 83,15,", "la 86,12 xep thu 24/63", "dat 85,10, tang", "dat 84,79 (%/100 diem toi da)", "voi so diem 84,12.",
    "voi chi so 93,31.", "dat chi so cao nhat voi gia tri 89,42.",
)
# A score with its unit and no verb before it: `tỉnh Hải Dương 82,99 điểm`, `(84,02 điểm)`, `xuống 87,05%`.
# Not a share of a count (`Có 10 tỉnh (15,87%) tăng điểm`) nor a decimal split by a stray space (`(8, 12%)`).
BODY_UNIT_VALUE = _phrase("body_unit_value", _opening(r"\d", rf"(?<![\d.,/])(?<!\d, )(?<!\d,)(?P<value>{NUMBER})\s*(?P<unit>diem|%)(?!\s*/)"), "82,99 diem", "87,05%", needs=("diem", "%"))
# Before a number with its unit, words that make it a gap or an old value, not a score:
# `cao hơn 5,2 điểm`, `từ 88,20% xuống 87,05%`, `tăng thêm 3%`.
NOT_A_VALUE_BEFORE = _phrase("not_a_value_before", r"(?:\bhon|\btang|\bgiam|\blech|\bcach|\bthem|\bkhoang|\btu|\bgan|\btren|\bduoi|[+\-–]"
                             r"|\d+\s+(?:tinh|thanh pho|huyen|xa|phuong|so|don vi|dia phuong|co quan)\s*\()\s*$",
                             "cao hon ", "tu ", "tang them ", "(+", "co 10 tinh (")
# A share of dossiers or replies, not an index's result: `tỷ lệ hồ sơ đúng hạn đạt 98%`.
RATE_WORDS = _phrase("rate_words", r"(?<!chiem )\bty le\b(?! diem)(?!.*\bchi so\b)", "ty le ho so dung han dat ", "ty le giai quyet ")
# The satisfaction rate that is SIPAS's own value, once SIPAS is named before it: `Chỉ số SIPAS năm
# 2019 tỉnh Quảng Ninh ... vươn lên vị trí dẫn đầu ... với tỷ lệ hài lòng đạt 95,26%`.
SIPAS_RATE = _phrase("sipas_rate", r"ty le (?:danh gia )?hai long\s*(?:dat|la|:)?\s*$", "ty le hai long dat ", "ty le danh gia hai long la ")
# A service-index group label that OCR stripped of its marks reads like a department's name
# (`So hoa hò sơ` for `Số hóa hồ sơ`, folding like `Sở ...`): never a unit.
GROUP_NOT_UNIT = _phrase("group_not_unit", r"^so hoa\b", "so hoa ho so", "so hoa ho so, ket qua giai quyet tthc")
# A value said as the gap to another unit or level: `(kém Bộ Tư pháp 0,06 điểm)`, `thấp hơn 2,19%`.
GAP_BEFORE = _phrase("gap_before", r"\b(?:kem|thua|cach|hon|chenh lech)\b[^,;()]{0,40}$", "kem bo tu phap ", "thap hon ", "khoang cach chenh lech la ")
# A figure of the whole country or a region, not of a unit: `trong cả nước năm 2023 ở mức 82,66%`,
# `So với 13 tỉnh, thành phố khu vực ĐBSCL, Vĩnh Long đứng thứ 11/13`.
NATIONAL_SCOPE = _phrase("national_scope", r"\b(?:ca nuoc|toan quoc)\b", "chung trong ca nuoc nam 2023", "toan quoc")
# `vùng`, but not the places named Vũng (`Bà Rịa - Vũng Tàu`, `Vũng Liêm`) nor `vững`, folded
# the same (`giữ vững`, `bền vững`, `vững chắc`, `vững vị trí thứ 3`).
REGIONAL_SCOPE = _phrase("regional_scope", r"\b(?:khu vuc|(?<!giu )(?<!ben )vung(?!\s+(?:tau|liem|chac|manh|vang|vi tri|o|thu|hang|xep)\b)|mien nui|trung du|tay nguyen|tay bac|dong bac|dong bang song|duyen hai|(?:bac|nam) trung bo|dong nam bo|dbscl|dbsh)\b",
                         "so voi 13 tinh, thanh pho khu vuc dbscl", "vung dong bang song hong", "4/14 tinh trung du va mien nui phia bac")
# A level taken together is no unit: `UBND cấp huyện đạt 82,91%`, `trung bình của cả 3 cấp`.
LEVEL_AGGREGATE = _phrase("level_aggregate", r"\bcap (?:huyen|xa|tinh|so)\b|\bca \d cap\b|\bcac (?:so|huyen|tinh|bo|dia phuong)\b"
                          r"|\bkhoi (?:so|phuong|xa|huyen|co quan|dia phuong)\b",
                          "ubnd cap huyen dat ", "ca 3 cap", "cac so, ban, nganh", "khoi phuong 92,26%")
# A value said without a verb stands at the end of its clause or before a change or rank:
# `Buôn Đôn 70,54 điểm, xếp thứ 15`; not `xử lý 100% các vấn đề`, `vượt 100% chỉ tiêu`.
VALUE_ENDS_CLAUSE = _phrase("value_ends_clause", r"\s*(?:$|[,.;:)(–-]|(?:so voi|tang|giam|xep|dung|va|cao|thap|dan|tro|diem|nam)\b)",
                            ", xep thu 15", ")", " tang 1,2", "")
# A value of its own inside parentheses (so the period there dates only it): a decimal, a share,
# points, a rank; `(năm 2021 là 85,40%)`, `(năm 2023 đứng thứ 48/63)`, not `(PAR Index 2024)`.
# A year alone in parentheses dates the number before it: `từ vị trí thứ 12 (năm 2023) vươn lên ...`.
# `(tháng 9/2024)` alone is a period, not a value: a fraction after `tháng` or `quý` is none.
ASIDE_VALUE = _phrase("aside_value", r"\d[.,]\d|\d\s*(?:%|diem)|(?<!tuan )thu\s*\d|(?<!thang )(?<!quy )(?<![\d\w])\d+\s*/\s*\d"
                      r"|\(\s*(?:nam\s*)?(?:19|20)\d{2}\s*$",
                      "nam 2021 la 85,40%", "nam 2023 dung thu 48/63", "(nam 2023")

# Cells of a table printed with one space between cells (`12 UBND huyện Yên Lạc 70,15 Giảm
# 2,06`): a value cell is a number with its sign, direction, unit word or share in
# parentheses, or a grade. Matched token by token on folded text.
SPACED_NUMBER = _phrase(
    "spaced_number",
    rf"^[(]?[<>≤≥+\-]?(?:{NUMBER})(?:\s*/\s*(?:{NUMBER}))?%?[)]?[,;]?$",
    "62.3", "10.4/18", "(70.87%)", ">88.00", "-1,2%", "4573",
)
SPACED_DIRECTION = _phrase("spaced_direction", r"^(?:tang|giam)$", "tang", "giam")
# `Bằng điểm` (unchanged) is a cell; `bằng` before a number ends a label (`tính công bằng 89.18`).
SPACED_SAME = _phrase("spaced_same", r"^bang$", "bang")
SPACED_UNIT_WORD = _phrase("spaced_unit_word", r"^(?:diem|%|bac|tthc|pakn|luot|ho|so|tai|khoan|thu|tuc|nguoi)$",
                           "diem", "ho", "so", "tthc", "bac")
SPACED_GRADE = _phrase("spaced_grade", r"^(?:xuat sac|tot|kha|trung binh|yeu|kem|dat|khong dat|hoan thanh|chua hoan thanh)$",
                       "tot", "xuat sac", "trung binh", "khong dat")
# A share or score printed with a fixed number of decimals (`89.28`, `>91.00`, `77,93%`): the
# shape of a column whose cell OCR read without its point (`8947`).
DECIMAL_SHARE = _phrase("decimal_share", r"^[<>]?\s*\d{1,2}[.,](?P<decimals>\d{1,3})\s*%?$", "89.28", ">91.00", "77,93%")
AVERAGE_WORD = _phrase("average_word", r"\b(?:binh quan|trung binh)\b", "gia tri trung binh", "binh quan")
# The provinces taken together: their average is the national average.
NATIONAL_PEERS = _phrase("national_peers", r"\bcac tinh, thanh(?: pho)?\b|\bcua cac tinh\b(?!\s+(?:trong\s+)?(?:vung|khu vuc)\b)|\bca nuoc\b|\btoan quoc\b|\b63 tinh\b|\b34 tinh\b",
                         "cua cac tinh, thanh pho", "ca nuoc", "63 tinh, thanh pho", "chi so trung binh cchc nam 2022 cua cac tinh dat")
# A year a text aims at, not one it reports: `đến năm 2030`, `trước năm 2026`.
TARGET_YEAR = _phrase("target_year", r"\b(?:den|toi|truoc|sau)\s*$", "den ", "truoc ")
# A passage that goes on about the previous one's result: `So với năm 2023, tăng 1,64% nhưng giảm 5 bậc`.
COMPARISON_OPENER = _phrase("comparison_opener", r"^\s*(?:so voi|so cung ky|thu hang\b|(?:tang|giam)\s*\d)", "so voi nam 2023, tang 1,64%", "tang 2 bac so voi",
                              "thu hang van thuoc top cao, nhung da giam 11 bac")
# A gap to another unit said at length: `Khoảng cách chênh lệch giữa tỉnh với đơn vị cao nhất khu vực là 4,79%`.
GAP_CLAUSE = _phrase("gap_clause", r"\b(?:khoang cach|chenh lech)\b[^,;()]{0,70}$", "khoang cach chenh lech giua tinh voi don vi cao nhat khu vuc la ")
# A unit said only by its rank among others: `tỉnh có mức độ hài lòng cao nhất khu vực đạt 86,58%`.
# (`tỉnh đạt điểm cao nhất` is the province itself).
UNNAMED_PEER = _phrase("unnamed_peer", r"\b(?:tinh|thanh pho|don vi|dia phuong|co quan)(?:\s+co\s+[^,;]{0,30}?)?\s+(?:cao nhat|thap nhat)\b",
                       "tinh thap nhat dat", "tinh co muc do hai long cao nhat khu vuc dat", "don vi cao nhat")
# The peers a rank counts, said to be the province's (`xếp vị trí thứ 8/9 địa phương cấp huyện của
# tỉnh`, `trong 10 huyện, thị xã, thành phố của tỉnh`): that `tỉnh` names where, not who.
PEERS_OF = _phrase("peers_of", r"\b(?:dia phuong|don vi|co quan|huyen|thi xa|thanh pho|nganh|xa|phuong|thi tran)(?:\s+cap\s+(?:huyen|xa|tinh))?\s+cua\s*$",
                   "8/9 dia phuong cap huyen cua ", "trong 10 huyen, thi xa, thanh pho cua ", "cac so, ban, nganh cua ")
# A caption under or over a table or picture: it dates the table, not the prose after it.
CAPTION = _phrase("caption", r"^\s*(?:bang|bieu|hinh|anh|bieu do)\s+(?:xep hang|tong hop|ket qua|diem|chi so)", "bang xep hang chi so parindex nam 2022", "bieu do ket qua")
# A heading naming the area or group its figures belong to: `- Lĩnh vực Cải cách thể chế`, `b) Nhóm chỉ số Công khai, minh bạch`.
AREA_HEADING = _phrase("area_heading", r"^\W*(?:(?:\d+(?:\.\d+)*|[a-zđ]|[ivx]+)[.)]\s*)?(?:linh vuc|chi so thanh phan|nhom chi so|nhom tieu chi)\b",
                       "- linh vuc cai cach the che", "b) nhom chi so cong khai, minh bach", "2. chi so thanh phan cai cach tthc")
# A figure in a line: a heading has none (`1. Các lĩnh vực tăng bậc so với năm 2022` names only a year).
BODY_FIGURE = _phrase("body_figure", r"\d[.,]\d|\d\s*(?:%|diem|/\s*\d)|(?:thu|hang)\s*\d", "dat 9,42/10 diem", "xep thu 22")
# A rank out of the country's provinces (63 until July 2025, 34 after), never a region's.
NATIONAL_COUNT = _phrase("national_count", r"(?:/|tren|trong so)\s*(?:63|34)\b", "28/63", "thu 12 tren 34")
# A rank in parentheses after a name: `Lâm Đồng (46/63)`, `Bộ Giáo dục và Đào tạo (18/19)`; out of
# more units than a region counts (15 or more), so that it is no regional rank.
# A number opening parentheses: where a rank beside a name (PAREN_RANK, LIST_RANK) can stand.
PAREN_NUMBER = _phrase("paren_number", r"\(\s*\d", "(46/63)", "( 1)")
PAREN_RANK = _phrase("paren_rank", r"\s*\(\s*(?P<rank>\d{1,2})\s*/\s*(?P<of>63|34|1[5-9]|[2-9]\d)\s*\)", " (46/63)", "(51/63)", " (18/19)")
# A change told by its two ends, `từ 87,61% xuống 86,78%`, `từ vị trí 15 lên 13`, `từ 90,30% (2021)
# xuống 82,18%`: the first is the earlier period's value, the second the period's own.
FROM_TO = _phrase(
    "from_to",
    rf"{_word('tu')}\s+(?P<rankword>(?:vi tri|hang|thu hang)\s+(?:thu\s+)?)?(?P<from>{NUMBER})\s*(?P<u1>%|diem)?"
    rf"\s*(?:\(\s*(?:nam\s*)?(?P<fy>(?:19|20)\d{{2}})\s*\)\s*)?(?:(?:vuon|tut|nhay|tang|giam)\s+)?(?:xuong|len|thanh)\s+(?:(?:vi tri|hang)\s+)?(?:thu\s+)?"
    rf"(?:(?P<to>{NUMBER})(?![\d/])\s*(?P<u2>%|diem)?|(?P<toword>nhat|nhi|hai|ba|tu|nam)\b)",
    "tu 87,61% xuong 86,78%", "tu vi tri 15 len 13", "tu 90,30% (2021) xuong 82,18%", "tu vi tri thu 6  xuong 17", "tu 40,14 len 40,87",
    "tu vi tri thu 12 (nam 2023) vuon len vi tri thu nhat", needs=("xuong", "len", "thanh"),
)
# The rank a comparison names for its own period: `tăng 3 bậc so với năm 2013 là 19/19 đơn vị`,
# or the place a rise started from: `Từ vị trí 63 của năm 2020`.
EARLIER_RANK = _phrase(
    "earlier_rank",
    rf"{_word('so voi')}\s+(?:nam\s*)?(?P<y>(?:19|20)\d{{2}})\s*(?:la|:)\s*(?:(?:xep|dung)\s*)?(?:(?:thu|hang|vi tri)\s*(?:thu\s*)?)?"
    rf"(?P<rank>\d{{1,3}})\s*/\s*(?P<of>\d{{1,3}})(?![\d/])"
    # `Từ vị trí 63 của năm 2020, ... đứng ở vị trí thứ 39/63`: the place it rose from, dated.
    rf"|{_word('tu')}\s+(?:vi tri|hang|thu hang)\s+(?:thu\s+)?(?P<rank2>\d{{1,3}})\s+(?:cua\s+)?nam\s+(?P<y2>(?:19|20)\d{{2}})\b",
    "so voi nam 2013 la 19/19 don vi", "so voi nam 2022 la xep thu 40/63", "tu vi tri 63 cua nam 2020,",
)
# The period a change is measured from: `tăng 25 bậc so năm 2016`, `giảm 3 bậc so với năm 2018`.
CHANGE_SINCE = _phrase("change_since", r"\s*so(?:\s+voi)?\s+(?:nam\s+)?(?P<y>(?:19|20)\d{2})\b", " so nam 2016", " so voi nam 2018")
# The previous period's value in parentheses after this one's: `85,16 điểm (tuần trước 84,43 điểm)`.
PREVIOUS_VALUE = _phrase(
    "previous_value",
    _opening(r"\(", rf"\(\s*(?:tuan|thang|quy|nam|ky)\s+truoc\s*(?:la|dat|:)?\s*(?P<value>{NUMBER})\s*(?P<unit>%|diem)\s*\)"),
    "(tuan truoc 84,43 diem)", "(thang truoc: 80,1 diem)", "(ky truoc la 75%)", needs=("truoc",),
)
# Between a rank and the unit it names next: `xếp vị trí thứ 2 là thành phố Hải Phòng`.
RANK_IS = _phrase("rank_is", r"\s*(?:la|thuoc ve|:)\s*", " la ", " thuoc ve ")
# A clause of a list of one unit's components: `; Chỉ số cải cách thể chế xếp hạng 22/63`.
LISTED_COMPONENT = _phrase("listed_component", r"\W*(?:chi so|linh vuc|noi dung|nhom chi so)\b", " chi so cai cach the che xep hang", "; linh vuc")
# A change said as a comparison with an earlier period: `cao hơn 4,30% và tăng 01 bậc xếp hạng so với năm 2023`.
HIGHER_THAN_BEFORE = _phrase(
    "higher_than_before",
    _opening("ca|th", rf"\b(?P<dir>cao hon|thap hon)\s*(?P<value>{NUMBER})\s*(?P<unit>diem|%|bac|hang)?(?=[^.;()]{{0,50}}?\bso voi (?:nam|thang|quy|tuan|cung ky|ky))"),
    "cao hon 4,30% va tang 01 bac xep hang so voi nam 2023", "thap hon 1,2 diem so voi thang truoc", "thap hon 16 bac so voi nam 2021", needs=("so voi",),
)
# An annex's first column holding ranks, not row codes.
RANK_FIRST_COLUMN = _phrase("rank_first_column", r"^(?:xep hang|thu hang|hang)$", "xep hang")
# A ranking's points column and its index column: printed together, the index is the share.
TOTAL_POINTS_COLUMN = _phrase("total_points_column", r"\btong (?:so )?diem\b", "tong diem dat duoc")
INDEX_COLUMN = _phrase("index_column", r"^chi so\b", "chi so tong hop (par index 2023)")
# A ranking's average row: `Trung bình`, `Bình quân chung`, `Trung bình cả nước`.
AVERAGE_ROW = _phrase("average_row", r"^(?:diem |gia tri )?(?:trung binh|binh quan)\b", "trung binh", "binh quan chung", "trung binh ca nuoc",
                      "gia tri trung binh chi so cchc cua cac huyen, thi xa, thanh pho")
# Values given in the order their units were named: `A và B ... lần lượt là 95,77% và 95,39%`.
RESPECTIVELY = _phrase("respectively", r"\blan luot\b", "voi cac chi so lan luot la 95,77% va 95,39%")
# The area a clause names after its figures: `11.50/12 điểm, đạt 95.83% về Chỉ số thành phần Chỉ đạo, điều hành CCHC`.
AREA_NAMED_AFTER = _phrase("area_named_after", _opening("ve", r"\bve\s+(?:chi so thanh phan|linh vuc|nhom chi so)\b"),
                           "ve chi so thanh phan chi dao, dieu hanh cchc", "ve linh vuc cai cach the che")
# Words that name a group or area of an index before its figure: `nhóm chỉ số`, `lĩnh vực`, `chỉ số thành phần`.
GROUP_WORDS = _phrase("group_words", r"\b(?:nhom chi so|nhom|linh vuc|chi so thanh phan)\b", "trong do, nhom chi so cong khai minh bach")
# A rank followed by the index it is about: `thứ 5 về Chỉ số SIPAS và thứ 10 về ...`.
RANK_ABOUT = _phrase("rank_about", r"\s*(?:ca nuoc\s*)?(?:ve|trong bang|(?=chi so\b))\s*[^,;.]*?(?=\s+va\s+(?:thu|lan)\b|[,;.]|$)", " ve chi so sipas va thu 10", " ca nuoc ve chi so papi,",
                     " trong bang chi so cai cach hanh chinh (par index) va lan thu 3 lien tiep xep thu 1",
                     " chi so sipas, thu 10")
# A change whose size is said after the verb: `tỉnh Bình Thuận tăng mạnh nhất với 6,39%`,
# `Lai Châu có mức tăng thấp nhất là 0,19%`.
CHANGE_OF_VALUE = _phrase(
    "change_of_value",
    _opening("ta|gi", rf"\b(?P<dir>tang|giam)\s+(?:manh|nhieu|it|thap|cao)\s+nhat\s+(?:voi|la|o muc)\s*(?P<value>{NUMBER})\s*(?P<unit>%|diem)"),
    "tang manh nhat voi 6,39%", "muc tang thap nhat la 0,19%", "giam nhieu nhat la 2,94%", needs=("nhat",),
)
# A rate said under a group's score: `Về mức độ hài lòng, đạt 17,94/18 điểm. Trong đó, tỷ lệ phản
# ánh, kiến nghị xử lý đúng hạn đạt 99,98%; tỷ lệ hài lòng ... đạt 99%`.
# `tỷ lệ điểm số đạt 83,62%` is a unit's score as a share of its maximum (PAR INDEX), no rate.
GROUP_RATE = _phrase("group_rate", _opening("ty", rf"\bty le\b(?! diem)[^;.%]{{3,120}}?\b(?:dat|la)\s*(?P<value>{NUMBER})\s*%"),
                     "trong do, ty le phan anh, kien nghi xu ly dung han dat 99,98%", "ty le hai long trong xu ly phan anh, kien nghi dat 99%", needs=("ty le",))
# Units that share one value: `Sở Tư pháp và Sở Y tế cùng đạt 95 điểm`, `... đều đạt 100%`.
SHARED_VALUE = _phrase("shared_value", r"\s*(?:cung|deu)\s+(?:dat(?:\s+duoc)?|xep|co|la)\b", " cung dat ", " deu dat duoc ")
# A change said as the gap to the same figure of an earlier year: `tỷ lệ hài lòng đạt 95,26% cao hơn
# tỷ lệ đánh giá hài lòng chung của tỉnh năm 2018 là 4,11%` (a gap to an average is none: the code
# drops a match that names one).
HIGHER_THAN_YEAR = _phrase(
    "higher_than_year",
    _opening("ca|th", rf"\b(?P<dir>cao hon|thap hon)\s+[^.;%]{{0,80}}?\bnam (?:19|20)\d{{2}}\s+la\s+(?P<value>{NUMBER})\s*(?P<unit>%|diem)"),
    "cao hon ty le danh gia hai long chung cua tinh nam 2018 la 4,11%", "thap hon ket qua nam 2020 la 1,2 diem", needs=("hon",),
)
# The last place out of a count, said without its number: `xếp cuối trong 45 phường`, `đứng vị trí
# thứ cuối bảng trong tổng số 20 Sở, ban ngành` (the count is the ranking's size; the place no number).
LAST_OF = _phrase("last_of", _opening("xe|du", r"\b(?:xep|dung)(?:\s+o)?(?:\s+vi tri)?(?:\s+thu)?\s+cuoi(?:\s+bang)?\s+trong\s+(?:tong so\s+)?(?P<of>\d{1,3})\b"),
                  "xep cuoi trong 45 phuong", "dung vi tri thu cuoi bang trong tong so 20 so, ban nganh",
                  "dung vi tri cuoi bang trong tong so 27 huyen", needs=("cuoi",))
# A move said in words: `tăng một bậc so với xếp hạng năm 2023`.
MOVE_IN_WORDS = _phrase("move_in_words", rf"(?P<dir>{_word('tang')}|{_word('giam')}|{FALL}|{_word('len')}|{_word('xuong')}|{_word('tut')})"
                        r"\s+(?P<word>mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+(?:bac|hang)\b",
                        "tang mot bac so voi", "giam hai hang", "len mot bac so", needs=("bac", "hang"))
CARDINALS = {"mot": "1", "hai": "2", "ba": "3", "bon": "4", "nam": "5", "sau": "6", "bay": "7", "tam": "8", "chin": "9", "muoi": "10"}
# The same with the unit between: `tăng cao nhất là Bình Thuận (+6,39%)`, its value in parentheses
# after the unit's name.
EXTREME_CHANGE_NAMED = _phrase(
    "extreme_change_named",
    _opening("ta|gi", rf"\b(?P<dir>tang|giam)\s+(?:manh|nhieu|it|thap|cao)\s+nhat\s+(?:la|thuoc ve)\s+[^()\d;.]{{2,40}}?\s*\(\s*[+-]?\s*(?P<value>{NUMBER})\s*(?P<unit>%|diem)\s*\)"),
    "tang cao nhat la binh thuan (+6,39%)", "tang thap nhat la lai chau (0,19 diem)", needs=("nhat",),
)
