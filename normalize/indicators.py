"""The indicator catalogue: every key a fact may carry, its Vietnamese label and maximum, and
the folded phrases letters use for it.

Decision 766/QĐ-TTg scores a province out of 100 in six groups (Công khai, minh bạch /18;
Tiến độ, kết quả giải quyết /20; Dịch vụ công trực tuyến /12; Thanh toán trực tuyến /10; Mức độ
hài lòng /18; Số hóa hồ sơ /22), or five where online service and payment are one group
(Cung cấp dịch vụ trực tuyến, whose maximum no source we read prints). The maxima are not
written here: a catalogued key carries a province's maximum in force today, read from
normalize/data/service_index_maxima.csv, the one place that says where each comes from and
holds the other layouts' and years'. Sub-indicators are `<group>.<name>`; a sub-row the catalogue
does not know keeps a key derived from its label (`online_service.con_lai`) and is marked
uncatalogued, so a new wording is loaded and visible instead of lost. PAR INDEX and SIPAS keep
the criterion code as published (`2.4.1`, SIPAS `I.1`), `total` for the aggregate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from chiso.normalize.dimensions import index_structure, indicator_maxima
from chiso.normalize.text import fold, fold_name

SERVICE = "service_index"
PAR = "par_index"
SIPAS = "sipas"


@dataclass(frozen=True, slots=True)
class Indicator:
    key: str
    family: str
    label: str
    max_score: float | None = None
    parent: str | None = None
    is_catalogued: bool = True


@dataclass(frozen=True, slots=True)
class _Entry:
    indicator: Indicator
    pattern: re.Pattern[str]


def _entry(key: str, label: str, pattern: str) -> _Entry:
    """Spaces in the pattern are optional: OCR glues words (`Quáhạn`)."""
    parent = key.rsplit(".", 1)[0] if "." in key else None
    return _Entry(Indicator(key, SERVICE, label, parent=parent), re.compile(pattern.replace(" ", " ?")))


TOTAL = _entry("total", "Tổng số điểm / Chỉ số tổng hợp", r"tong so diem|tong diem|tong hop|chi so chung|bo chi so|diem tong|tong so")

# Groups, most specific wording first.
GROUPS: tuple[_Entry, ...] = (
    _entry("transparency", "Công khai, minh bạch", r"cong khai,? minh bach|minh bach"),
    _entry("progress", "Tiến độ, kết quả giải quyết", r"tien do"),
    _entry("online", "Cung cấp dịch vụ trực tuyến", r"cung cap dich vu (?:cong )?truc tuyen|dich vu truc tuyen"),
    _entry("online_service", "Dịch vụ công trực tuyến", r"dich vu cong truc tuyen|dvc truc tuyen|dvctt"),
    _entry("online_payment", "Thanh toán trực tuyến", r"thanh toan truc tuyen"),
    _entry("satisfaction", "Mức độ hài lòng", r"muc do hai long|hai long"),
    _entry("digitization", "Số hóa hồ sơ", r"so hoa"),
)

SUBS: tuple[_Entry, ...] = (
    _entry("transparency.full_disclosure", "Công khai đầy đủ bộ phận", r"cong khai day du"),
    _entry("transparency.unsynced_dossiers", "Tỷ lệ hồ sơ chưa đồng bộ", r"chua dong bo"),
    _entry("transparency.synced_dossiers", "Tỷ lệ đồng bộ hồ sơ", r"dong bo"),
    _entry("progress.overdue_in_process", "Tổng số hồ sơ quá hạn đang xử lý", r"qua han dang xu ly"),
    _entry("progress.ontime", "Đúng hạn/Trong hạn", r"dung han|trong han"),
    _entry("progress.overdue", "Quá hạn", r"qua han"),
    _entry("online_service.partial", "DVC một phần", r"mot phan"),
    _entry("online_service.full_process", "DVC toàn trình", r"toan trinh"),
    _entry("online_service.other", "Còn lại", r"con lai"),
    _entry("online_service.online_ontime", "Hồ sơ trực tuyến xử lý đúng hạn", r"truc tuyen xu ly dung han"),
    _entry("online_service.online_overdue", "Hồ sơ trực tuyến xử lý quá hạn", r"truc tuyen xu ly qua han"),
    _entry("online_service.offline_submission", "Tỷ lệ hồ sơ nộp trực tiếp và hình thức khác", r"nop truc tiep"),
    _entry("online_service.online_submission", "Tỷ lệ nộp hồ sơ trực tuyến", r"nop (?:ho so )?truc tuyen"),
    _entry("online_payment.fee_procedures_on_portal", "TTHC có nghĩa vụ tài chính trên Cổng DVCQG", r"nghia vu tai chinh"),
    _entry("online_payment.offline_paid_dossiers", "Hồ sơ thanh toán trực tiếp và hình thức khác", r"ho so thanh toan truc tiep"),
    _entry("online_payment.online_paid_dossiers", "Hồ sơ thanh toán trực tuyến", r"ho so thanh toan truc tuyen"),
    _entry("online_payment.offline_payment_procedures", "Thanh toán trực tiếp/hình thức khác", r"thanh toan truc tiep"),
    _entry("online_payment.procedures_with_payment", "TTHC có giao dịch thanh toán trực tuyến", r"giao dich thanh toan"),
    _entry("satisfaction.feedback_ontime", "Tỷ lệ PAKN xử lý đúng hạn", r"(?:phan anh|pakn).{0,20}dung han"),
    _entry("satisfaction.feedback_handling", "Tỷ lệ hài lòng trong xử lý PAKN", r"hai long.{0,15}(?:pakn|phan anh)"),
    _entry("satisfaction.procedure_handling", "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC", r"hai long.{0,15}(?:tiep nhan|giai quyet|tthc|thu tuc)"),
    _entry("digitization.e_results", "Tỷ lệ hồ sơ cấp kết quả điện tử", r"ket qua dien tu"),
    _entry("digitization.reuse", "Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa", r"khai thac, su dung lai|su dung lai|tai su dung"),
    _entry("digitization.digitized", "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC", r"so hoa ho so"),
    _entry("digitization.data_queries", "Số lượt truy vấn, khai thác kho dữ liệu cá nhân", r"truy van"),
    _entry("digitization.verified_accounts", "Tài khoản được xác thực với CSDL quốc gia về dân cư", r"tai khoan.{0,80}xac thuc|xac thuc"),
    _entry("digitization.e_certification", "Chứng thực điện tử bản sao từ bản chính", r"chung thuc"),
)

# Per-unit annex columns (one unit per row). Checked against the column header path and the
# annex title; the first base that matches wins, then the breakdown from the header's leaf.
UNIT_BASES: tuple[_Entry, ...] = (
    _entry("e_certification", "Chứng thực điện tử bản sao từ bản chính", r"chung thuc dien tu"),
    _entry("overdue_feedback", "Phản ánh, kiến nghị quá hạn", r"(?:pakn|phan anh,? kien nghi).{0,40}qua han|qua han.{0,30}(?:pakn|phan anh)"),
    _entry("ontime_rate", "Tỷ lệ hồ sơ đúng hạn, trong hạn", r"ty le.{0,20}(?:dung han|trong han)"),
    _entry("online_submission_rate", "Tỷ lệ hồ sơ nộp trực tuyến", r"ty le.{0,20}nop.{0,10}truc tuyen"),
    _entry("overdue_dossiers", "Hồ sơ quá hạn", r"qua han"),
)
UNIT_BREAKDOWNS: tuple[_Entry, ...] = (
    _entry("overdue_dossiers.province_level", "Cấp tỉnh", r"cap tinh"),
    _entry("overdue_dossiers.district_level", "Cấp huyện", r"cap huyen"),
    _entry("overdue_dossiers.commune_level", "Cấp xã", r"cap xa"),
    _entry("overdue_feedback.not_received", "Chưa tiếp nhận", r"chua tiep nhan"),
    _entry("overdue_feedback.late_processing", "Chậm xử lý", r"cham xu ly"),
    _entry("e_certification.units_not_deployed", "Số đơn vị chưa triển khai", r"chua trien khai"),
    _entry("e_certification.deployed_units", "Đơn vị đã triển khai", r"da trien khai"),
    _entry("e_certification.completed_dossiers", "Số lượng hồ sơ hoàn thành", r"hoan thanh"),
)
_UNIT_TOTAL_COLUMN = re.compile(r"diem|chi so tong hop|tang/giam|tang, giam|so voi|xep hang|thu hang")
_NUMBERING = re.compile(r"^[\d()=+ ]+$")
# A column that prints its maximum in parentheses at its end: `Tổng điểm (100)`, `Điểm ĐTXHH (35)`.
_PART_MAXIMUM = re.compile(r"\((\d+(?:[.,]\d+)?)\s*(?:diem)?\)\s*$")
_PAR_SIPAS_TOTAL = re.compile(r"^(?:tong diem|tong so diem|tong cong|chi so chung|chi so (?:par index|sipas|cai cach hanh chinh|hai long)|tong)\b")
_ROMAN = re.compile(r"^[IVXLC]+$")


def catalogue() -> tuple[Indicator, ...]:
    """Every catalogued indicator, for the warehouse's dimension table and the docs, with a
    province's maximum in force today (no end year); SIPAS, a percentage, has none."""
    province = {m.indicator: m.max_score for m in indicator_maxima() if m.layout == "province" and m.year_to is None}
    par_total = next(c.max_score for c in index_structure() if (c.index_family, c.code) == (PAR, "total") and c.year_to is None)
    entries = (TOTAL, *GROUPS, *SUBS, *UNIT_BASES, *UNIT_BREAKDOWNS)
    par_sipas = (Indicator("total", PAR, "Chỉ số cải cách hành chính (PAR INDEX)", par_total),
                 Indicator("total", SIPAS, "Chỉ số hài lòng (SIPAS)"))
    return tuple(replace(e.indicator, max_score=province.get(e.indicator.key)) for e in entries) + par_sipas


@lru_cache(maxsize=4096)
def match_group(label: str) -> str | None:
    """The group or total a label names; the phrase nearest the end of the label wins
    (`... Bộ Chỉ số ... trên Cổng Dịch vụ công quốc gia được công bố đạt` is the total).
    Each label read once: a row's label and its group's are asked for every value of the row."""
    folded = fold(label)
    best: tuple[int, str] | None = None
    for entry in (*GROUPS, TOTAL):
        for m in entry.pattern.finditer(folded):
            if best is None or m.end() > best[0]:
                best = (m.end(), entry.indicator.key)
    return best[1] if best else None


@lru_cache(maxsize=4096)
def match_sub(group: str, label: str) -> tuple[str, bool]:
    """A sub-indicator of `group` for a sub-row label: (key, is_catalogued)."""
    folded = fold(label)
    for entry in SUBS:
        if entry.indicator.parent == group and entry.pattern.search(folded):
            return entry.indicator.key, True
    return f"{group}.{slug(label)}", False


def match_unit_column(column: str | None, context: str | None) -> tuple[str, bool] | None:
    """The indicator of a per-unit annex column, from its header path and the annex title:
    `Tổng số hồ sơ quá hạn đang xử lý / Xử lý quá hạn (*) / Cấp huyện` is
    overdue_dossiers.district_level; `Công khai, minh bạch (18 điểm)` in a district ranking is
    that group; `Số điểm` in a ranking annex is the unit's total."""
    parts = [p.strip() for p in (column or "").split(" / ") if p.strip() and not _NUMBERING.match(p.strip())]
    folded_column = fold(" / ".join(parts))
    for text in (folded_column, fold(context or "")):
        for base in UNIT_BASES:
            if not base.pattern.search(text):
                continue
            key = base.indicator.key
            leaf = fold(parts[-1]) if parts else ""
            for sub in UNIT_BREAKDOWNS:
                if sub.indicator.parent == key and sub.pattern.search(leaf):
                    return sub.indicator.key, True
            if key == "e_certification" and parts:
                return f"{key}.{slug(parts[-1])}", False
            return key, True
    group = match_group(" / ".join(parts))
    if group is not None:
        return group, True
    if _UNIT_TOTAL_COLUMN.search(folded_column):
        return "total", True
    return None


def match_criterion(family: str, label: str, code: str | None, group_code: str | None) -> str | None:
    """PAR INDEX / SIPAS: `total` for the aggregate row or sentence, else the criterion code;
    SIPAS numbers its criteria 1..n under each Roman section, so `1` under `II` is `II.1`."""
    if _PAR_SIPAS_TOTAL.match(fold(label).strip()) or code is None and group_code is None:
        return "total" if code is None else code
    if code is None:
        return None
    if family == SIPAS and group_code and _ROMAN.match(group_code) and not _ROMAN.match(code) and "." not in code:
        return f"{group_code}.{code}"
    return code


# PAR INDEX areas by the words that name them, stable across the 2021-22 and 2023- structures
# (`Cải cách thể chế` took the place of `Xây dựng và tổ chức thực hiện văn bản QPPL` as area 2).
# `Tác động` is left out: the impact area of 2021-22 and the surveys' points of later years
# (`điểm đánh giá tác động ... 31,19/38.5`) share the word but not the code.
_PAR_AREAS = tuple((code, re.compile(pattern)) for code, pattern in (
    ("1", r"chi dao,? dieu hanh"),
    ("2", r"the che|van ban quy pham|vbqppl"),
    ("3", r"thu tuc hanh chinh|\btthc\b"),
    ("4", r"to chuc bo may"),
    ("5", r"che do cong vu|doi ngu can bo|cong chuc,? vien chuc"),
    ("6", r"tai chinh cong"),
    ("7", r"chinh (?:phu|quyen) (?:dien tu|so)|hien dai hoa"),
))
# Words that name a part of an index, whose code the text must give for the number to load.
_COMPONENT_WORDS = re.compile(r"\b(?:linh vuc|chi so thanh phan|tieu chi|tham dinh|tac dong|khao sat|dieu tra|nhom chi so)\b")


def match_area(family: str, text: str | None) -> str | None:
    """The code of the PAR INDEX area a sentence or heading names (`Lĩnh vực Cải cách thể chế`
    → `2`), so a component named without its code takes the structure's (CONTRACT.md)."""
    if family != PAR or not text:
        return None
    folded = fold(text)
    if not _COMPONENT_WORDS.search(folded) and not folded.lstrip(" -+•*").startswith(("cai cach", "chi so", "cong tac")):
        return None
    return next((code for code, pattern in _PAR_AREAS if pattern.search(folded)), None)


def is_part_column(column: str) -> bool:
    """`Điểm ĐTXHH (35)`, `Điểm thẩm định (65)`: a column printing a maximum below 100 holds a
    part of a unit's total (`Tổng điểm (100)` holds the total)."""
    part = _PART_MAXIMUM.search(fold(column))
    return part is not None and float(part.group(1).replace(",", ".")) < 100


def names_component(text: str) -> bool:
    """`điểm thẩm định là 54.95/61.5`, `Chỉ số thành phần ...`: a part of the index, not its total."""
    return bool(_COMPONENT_WORDS.search(fold(text)))


def slug(label: str) -> str:
    """A stable key part from a label: `Còn lại` → `con_lai` (first six words)."""
    words = fold_name(label).replace("&", " ").split()
    return "_".join(words[:6]) or "unnamed"
