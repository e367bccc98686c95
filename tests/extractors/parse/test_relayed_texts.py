"""Real passages that relay a letter (samples/real, tune part): each category of issue 8 on the
passage where it was found. Facts are read back from the warehouse as analysts see them."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLES, fact_rows
from chiso.flows.pipeline import ingest

REAL = SAMPLES / "real"
PASSAGES = ("ca-mau_service_index_2024.txt", "thanh-hoa_par_index_2023.txt", "thanh-hoa_par_index_2024.txt",
            "ha-noi_par_index_2022.txt", "dak-lak_par_index_2024.txt", "bac-giang_pci_2022.txt",
            "toan-quoc_par_index_2024_regions.txt", "ngan-hang-nha-nuoc_par_index_2023.txt", "dong-nai_service_index_2025.txt",
            "quang-ninh_sipas_2023.txt", "lam-dong_service_index_2024.txt", "hai-phong_par_index_2024.txt",
            "quang-nam_service_index_2024.txt", "vinh-long_sipas_2024.txt", "ba-ria-vung-tau_par_index_sipas_2021.txt",
            "kon-tum_par_index_2023.txt", "hai-phong_par_index_sipas_2025.txt", "lao-cai_pci_2022.txt",
            "son-la_par_index_sipas_2022.txt", "kon-tum_par_index_sipas_2023.txt",
            "son-la_par_index_2024.txt", "toan-quoc_par_index_2023_regions.txt", "gia-lai_par_index_sipas_2022.txt",
            "ministries_par_index_2023_3.txt", "quang-binh_par_index_2022.txt", "an-giang_service_index_2023.txt",
            "ha-noi_par_index_2024_3.txt", "bac-giang_par_index_sipas_2023.txt",
            "toan-quoc_par_index_2024.txt", "quang-ngai_par_index_2021.txt", "vinh-phuc_par_index_2021.txt",
            "ho-chi-minh_service_index_2025.txt", "can-tho_sipas_2024.txt", "tra-vinh_par_index_2022.txt",
            "ba-ria-vung-tau_par_index_2024.txt", "binh-duong_service_index_2023.txt", "bac-giang_par_index_2022.txt",
            "thanh-hoa_par_index_sipas_2024.txt", "nghe-an_par_index_sipas_2023.txt",
            "ha-noi_par_index_2024_2.txt", "gia-lai_sipas_2023.txt", "ha-noi_par_index_2024.txt",
            "ha-noi_par_index_sipas_2023.txt", "nghe-an_sipas_2024.txt")


@pytest.fixture(scope="module")
def db(tmp_path_factory, registry) -> Path:
    path = tmp_path_factory.mktemp("real") / "real.duckdb"
    ingest([REAL / name for name in PASSAGES], path, registry)
    return path


def _facts(db: Path, source: str) -> set[tuple]:
    return fact_rows(db, "unit_name, index_family, CAST(period_start AS VARCHAR), indicator, measure, value", f"source_name = '{source}'")


def test_several_units_in_one_text_each_keep_their_numbers(db):
    """Category 4 (and 8, ministries): `Cà Mau đạt 91,06 điểm`, `Đứng thứ 2 là tỉnh Bình định
    với 90,54 điểm`, `Bộ Công thương đứng đầu ... với 83,15 điểm`, `Bảo hiểm xã hội Việt Nam`."""
    facts = _facts(db, "ca-mau_service_index_2024.txt")
    assert {("Tỉnh Cà Mau", "service_index", "2024-01-01", "total", "score", 91.06),
            ("Tỉnh Bình Định", "service_index", "2024-01-01", "total", "score", 90.54),
            ("Tỉnh Bình Định", "service_index", "2024-01-01", "total", "rank", 2.0),
            ("Tỉnh Bạc Liêu", "service_index", "2024-01-01", "total", "score", 58.4),
            ("Bộ Công Thương", "service_index", "2024-01-01", "total", "score", 83.15),
            ("Bộ Quốc phòng", "service_index", "2024-01-01", "total", "score", 80.87),
            ("Bảo hiểm xã hội Việt Nam", "service_index", "2024-01-01", "total", "score", 80.33)} <= facts
    assert not any(unit == "Tỉnh Cà Mau" and value in (90.54, 58.4, 83.15) for unit, *_, value in facts)


def test_ministries_have_no_province(db):
    rows = fact_rows(db, "unit_name, province_name", "source_name = 'ca-mau_service_index_2024.txt' AND unit_name LIKE 'Bộ %'")
    assert rows and all(province is None for _, province in rows)


def test_points_and_percentage_of_a_department_and_ranks_in_words(db):
    """Categories 3 and 6: `Ban Dân tộc tỉnh có tổng số điểm đạt được 68.32 điểm, chỉ số cải cách
    hành chính đạt 81.33%`; `đứng vị trí thứ nhất`."""
    facts = _facts(db, "thanh-hoa_par_index_2023.txt")
    assert {("Ban Dân tộc", "par_index", "2023-01-01", "total", "score", 68.32),
            ("Ban Dân tộc", "par_index", "2023-01-01", "total", "percent", 81.33),
            ("Sở Công Thương", "par_index", "2023-01-01", "total", "rank", 1.0),
            ("Sở Giao thông vận tải", "par_index", "2023-01-01", "total", "rank", 2.0)} <= facts


def test_a_numbered_list_of_departments_two_paragraphs_after_the_index_is_named(db):
    """Category 3: `(1) Sở Tài chính đạt 90,05%, ... (11) Sở Kế hoạch và Đầu tư đạt 85,1%`;
    the average `bình quân đạt 85,41%` is no one's (category 6)."""
    facts = _facts(db, "thanh-hoa_par_index_2024.txt")
    assert {("Sở Tài chính", "par_index", "2024-01-01", "total", "rank", 1.0),
            ("Sở Tài chính", "par_index", "2024-01-01", "total", "score", 90.05),
            ("Sở Kế hoạch và Đầu tư", "par_index", "2024-01-01", "total", "score", 85.1),
            ("Sở Giáo dục và Đào tạo", "par_index", "2024-01-01", "total", "score", 76.53)} <= facts
    assert not any(value == 85.41 for *_, value in facts)


def test_departments_listed_without_their_head_word(db):
    """Category 4: `Tài chính: 90,57%; Tư pháp: 90,42%` under `Chỉ số cụ thể các sở khác như sau`."""
    facts = _facts(db, "ha-noi_par_index_2022.txt")
    assert {("Sở Tài chính", "par_index", "2022-01-01", "total", "score", 90.57),
            ("Sở Tư pháp", "par_index", "2022-01-01", "total", "score", 90.42),
            ("Sở Nội vụ", "par_index", "2022-01-01", "total", "rank", 2.0)} <= facts
    assert not any(unit == "Thành phố Hà Nội" for unit, *_ in facts)


def test_districts_in_prose_with_their_ranks(db):
    """Category 4: `UBND TP. Buôn Ma Thuột ... với 95,86 điểm; huyện Krông Năng đạt 92,16 điểm,
    xếp thứ 2`; `Ea H’leo 78,39 điểm, xếp thứ 14`."""
    facts = _facts(db, "dak-lak_par_index_2024.txt")
    assert {("Thành phố Buôn Ma Thuột", "par_index", "2024-01-01", "total", "score", 95.86),
            ("Huyện Krông Năng", "par_index", "2024-01-01", "total", "rank", 2.0),
            ("Huyện Buôn Đôn", "par_index", "2024-01-01", "total", "score", 70.54)} <= facts


@pytest.mark.parametrize("source", ["toan-quoc_par_index_2023_regions.txt", "bac-giang_pci_2022.txt", "toan-quoc_par_index_2024_regions.txt"])
def test_other_indices_and_regions_load_nothing(db, source):
    """Category 5: PCI figures are never filed as PAR INDEX; regions are no units (CONTRACT.md)."""
    assert _facts(db, source) == set()


def test_a_gap_to_another_unit_is_no_score(db):
    """Category 6: `(kém Bộ Tư pháp 0,06 điểm)` is neither Bộ Tư pháp's score nor the bank's."""
    facts = _facts(db, "ngan-hang-nha-nuoc_par_index_2023.txt")
    assert ("Ngân hàng Nhà nước Việt Nam", "par_index", "2023-01-01", "total", "score", 89.89) in facts
    assert not any(value == 0.06 for *_, value in facts)


def test_a_period_said_with_a_spaced_dash_and_the_34_provinces(db):
    """Category 1: `tính đến cuối tháng 8- 2025`, `xếp thứ 3/34`, `tăng 3 bậc` (rank_change)."""
    assert _facts(db, "dong-nai_service_index_2025.txt") >= {
        ("Tỉnh Đồng Nai", "service_index", "2025-08-01", "total", "score", 85.75),
        ("Tỉnh Đồng Nai", "service_index", "2025-08-01", "total", "rank_of", 34.0),
        ("Tỉnh Đồng Nai", "service_index", "2025-08-01", "total", "rank_change", 3.0)}


def test_the_countrys_figures_belong_to_no_province(db):
    """Category 6: `SIPAS ... trong cả nước năm 2023 ở mức 82,66%, tăng 2,58% so với năm 2022
    (80,08%)`; only Quảng Ninh's `90,61%` is a unit's."""
    facts = _facts(db, "quang-ninh_sipas_2023.txt")
    assert not any(value in (82.66, 80.08, 2.58) for *_, value in facts)


def test_a_text_naming_no_province_is_about_its_districts_province(db):
    """Category 8: `Điểm số cao nhất là 97,63 điểm (UBND huyện Lâm Hà)`, the unit after its value;
    the province is the one the districts lie in."""
    facts = _facts(db, "lam-dong_service_index_2024.txt")
    assert ("Huyện Lâm Hà", "service_index", "2024-04-01", "total", "score", 97.63) in facts
    assert ("Huyện Di Linh", "service_index", "2024-04-01", "total", "score", 90.96) in facts


def test_the_year_after_the_index_name_and_the_provinces_average(db):
    """Category 2: `(PAR Index 2024) với 96,17/100 điểm`; category 6: the provinces' average
    `giá trị trung bình ... đạt 88,37%` is the national average beside Hải Phòng's own score,
    and `Bình Thuận (+6.39%)` is no score of Hải Phòng's."""
    facts = _facts(db, "hai-phong_par_index_2024.txt")
    assert ("Thành phố Hải Phòng", "par_index", "2024-01-01", "total", "score", 96.17) in facts
    assert ("Thành phố Hải Phòng", "par_index", "2024-01-01", "total", "national_average", 88.37) in facts
    assert not any(unit == "Thành phố Hải Phòng" and measure == "score" and value in (88.37, 6.39)
                   for unit, _, _, _, measure, value in facts)


def test_a_yearless_dateline_takes_the_year_the_page_names(db):
    """Category 1: a portal's print view with no date of its own; `Ngày 19/8, Văn phòng UBND
    tỉnh đã công bố ...` dates the figures, `xếp hạng ... năm 2024` gives the year; and `Số hóa
    hồ sơ 15.6/22 điểm` is a group's score, not a number after `số`."""
    facts = _facts(db, "quang-nam_service_index_2024.txt")
    assert {("Tỉnh Quảng Nam", "service_index", "2024-08-01", "total", "score", 80.1),
            ("Tỉnh Quảng Nam", "service_index", "2024-08-01", "total", "rank", 21.0),
            ("Tỉnh Quảng Nam", "service_index", "2024-08-01", "digitization", "score", 15.6),
            ("Tỉnh Quảng Nam", "service_index", "2024-08-01", "digitization", "max_score", 22.0)} <= facts
    assert all(period == "2024-08-01" for _, _, period, *_ in facts)


def test_the_province_named_bare_its_previous_rank_and_unnamed_peers(db):
    """Categories 2 and 4: `SIPAS năm 2024 của tỉnh đạt 81,75%` on a page that names only
    `Vĩnh Long`; `So với năm 2023, tăng 1,64% nhưng giảm 5 bậc (năm 2023 đứng thứ 48/63)` goes
    on about that result, its aside dated 2023; the gap `là 4,79%` and the unnamed `tỉnh thấp
    nhất đạt 80,21%` are no one's."""
    facts = _facts(db, "vinh-long_sipas_2024.txt")
    assert facts == {("Tỉnh Vĩnh Long", "sipas", "2024-01-01", "total", "percent", 81.75),
                     ("Tỉnh Vĩnh Long", "sipas", "2024-01-01", "total", "rank", 53.0),
                     ("Tỉnh Vĩnh Long", "sipas", "2024-01-01", "total", "rank_of", 63.0),
                     ("Tỉnh Vĩnh Long", "sipas", "2024-01-01", "total", "delta", 1.64),
                     ("Tỉnh Vĩnh Long", "sipas", "2024-01-01", "total", "rank_change", -5.0),
                     ("Tỉnh Vĩnh Long", "sipas", "2023-01-01", "total", "rank", 48.0),
                     ("Tỉnh Vĩnh Long", "sipas", "2023-01-01", "total", "rank_of", 63.0),
                     ("Tỉnh Vĩnh Long", "sipas", "2024-01-01", "total", "national_average", 83.94)}


def test_an_abbreviated_province_and_a_headline_of_plans(db):
    """Categories 1 and 5: `Phấn đấu đến năm 2025, BR-VT trong nhóm ...` is a headline (its
    plan words do not make the next sentence a plan) naming the page's province; PCI and PAPI
    in the same sentence are not loaded."""
    facts = _facts(db, "ba-ria-vung-tau_par_index_sipas_2021.txt")
    assert facts == {("Tỉnh Bà Rịa - Vũng Tàu", "par_index", "2021-01-01", "total", "score", 87.61),
                     ("Tỉnh Bà Rịa - Vũng Tàu", "par_index", "2021-01-01", "total", "delta", 1.59),
                     ("Tỉnh Bà Rịa - Vũng Tàu", "par_index", "2021-01-01", "total", "rank_change", -7.0),
                     ("Tỉnh Bà Rịa - Vũng Tàu", "sipas", "2021-01-01", "total", "percent", 86.72),
                     ("Tỉnh Bà Rịa - Vũng Tàu", "sipas", "2021-01-01", "total", "rank", 38.0),
                     ("Tỉnh Bà Rịa - Vũng Tàu", "sipas", "2021-01-01", "total", "rank_of", 63.0)}


def test_areas_named_without_a_code_and_parts_that_name_none(db):
    """Categories 3 and 6 (Kon Tum's Sở Nội vụ portal): `- Lĩnh vực Cải cách thể chế` heads
    `Đạt 9,42/10 điểm, chỉ số đạt 94,15%`, area 2 of the structure; `điểm thẩm định là
    54.95/61.5` names no area and is refused, never filed as the total; the rank said after the
    parentheses of parts is the total's again; other provinces' national ranks in a regional
    comparison (`Lâm Đồng (46/63)`) are theirs."""
    facts = _facts(db, "kon-tum_par_index_2023.txt")
    assert {("Tỉnh Kon Tum", "par_index", "2023-01-01", "2", "score", 9.42),
            ("Tỉnh Kon Tum", "par_index", "2023-01-01", "2", "max_score", 10.0),
            ("Tỉnh Kon Tum", "par_index", "2023-01-01", "2", "percent", 94.15),
            ("Tỉnh Kon Tum", "par_index", "2022-01-01", "2", "score", 9.1),
            ("Tỉnh Kon Tum", "par_index", "2023-01-01", "3", "rank", 34.0),
            ("Tỉnh Kon Tum", "par_index", "2023-01-01", "total", "delta", 4.79),
            ("Tỉnh Lâm Đồng", "par_index", "2023-01-01", "total", "rank", 46.0)} <= facts
    totals = {value for _, family, _, indicator, measure, value in facts if family == "par_index" and indicator == "total" and measure == "score"}
    assert totals == {86.14}


def test_units_created_during_the_period_and_block_averages(db):
    """Categories 4 and 8: Hải Phòng's PAR INDEX 2025 ranks the wards and communes created on
    1 July 2025 (`phường Hồng Bàng`, `đặc khu Cát Hải`), in force during the year though not on
    its first day; `khối phường 92,26%` is a block's average, no unit's."""
    facts = _facts(db, "hai-phong_par_index_sipas_2025.txt")
    assert {("Phường Hồng Bàng", "par_index", "2025-01-01", "total", "rank", 1.0),
            ("Đặc khu Cát Hải", "par_index", "2025-01-01", "total", "rank", 1.0),
            ("Xã Vĩnh Am", "par_index", "2025-01-01", "total", "rank", 68.0)} <= facts
    assert not any(value in (92.67, 93.95, 92.26, 91.87) for *_, value in facts)


def test_a_text_about_another_index_loads_nothing(db):
    """Category 5: Lào Cai's PCI 2022 ranks the region's provinces (`Phú Thọ (hạng 24/63 với
    66,30 điểm)`) without naming one of the three families: nothing is loaded."""
    assert not _facts(db, "lao-cai_pci_2022.txt")


def test_a_change_told_by_its_two_ends(db):
    """Categories 2 and 3: `từ 87,61% xuống 86,78%` gives 2021's value and 2022's; `từ vị trí 15
    lên 13 trong cả nước` two ranks; `từ 90,30% (2021)` its own year; the regional move `tăng 1
    bậc từ vị trí thứ 5 lên thứ 4 trong vùng`, the broken `(8, 12%)` and the provinces' shares
    `Có 10 tỉnh (15,87%)` are not loaded."""
    facts = _facts(db, "son-la_par_index_sipas_2022.txt")
    assert {("Tỉnh Sơn La", "par_index", "2021-01-01", "total", "score", 87.61),
            ("Tỉnh Sơn La", "par_index", "2022-01-01", "total", "score", 86.78),
            ("Tỉnh Sơn La", "par_index", "2021-01-01", "total", "rank", 15.0),
            ("Tỉnh Sơn La", "par_index", "2022-01-01", "total", "rank", 13.0),
            ("Tỉnh Sơn La", "sipas", "2021-01-01", "total", "percent", 90.3),
            ("Tỉnh Sơn La", "sipas", "2022-01-01", "total", "rank", 17.0)} <= facts
    assert not any(value in (1.0, 4.0, 5.0, 12.0, 15.87, 84.13) for *_, value in facts)


def test_a_rank_naming_its_unit_after_and_a_list_of_components(db):
    """Categories 3 and 4: `xếp vị trí thứ 2 là thành phố Hải Phòng`; `Chỉ số hài lòng ... của
    tỉnh xếp hạng thứ 35/63` is the page's province (Kon Tum, not the first province named);
    `... gồm: Chỉ số về công tác chỉ đạo, điều hành ... xếp hạng 52/63; Chỉ số cải cách thể chế
    xếp hạng 22/63` ranks areas 1 and 2; `17/04/2024` is no letter number."""
    facts = _facts(db, "kon-tum_par_index_sipas_2023.txt")
    assert {("Thành phố Hải Phòng", "par_index", "2023-01-01", "total", "rank", 2.0),
            ("Tỉnh Kon Tum", "sipas", "2023-01-01", "total", "rank", 35.0),
            ("Tỉnh Kon Tum", "par_index", "2023-01-01", "1", "rank", 52.0),
            ("Tỉnh Kon Tum", "par_index", "2023-01-01", "2", "rank", 22.0),
            ("Tỉnh Kon Tum", "par_index", "2023-01-01", "2", "rank_of", 63.0)} <= facts
    assert not any(unit == "Tỉnh Quảng Ninh" for unit, *_ in facts)


def test_hyphenated_names_regional_ranks_and_gaps_to_the_average(db):
    """Categories 3, 4 and 6: `tỉnh Sơn La đạt 90,02%` (its `La` is no verb); `cao hơn giá trị
    trung bình của cả nước 1,65%` is a gap; `đứng thứ 4/14 tỉnh Trung du và miền núi phía Bắc`
    a regional rank; `Xếp vị trí thứ 2/63 là tỉnh Bà Rịa - Vũng Tàu`; `cao hơn 4,30% ... so với
    năm 2023` Hải Phòng's change."""
    facts = _facts(db, "son-la_par_index_2024.txt")
    assert {("Tỉnh Sơn La", "par_index", "2024-01-01", "total", "score", 90.02),
            ("Tỉnh Sơn La", "par_index", "2024-01-01", "total", "national_average", 88.37),
            ("Tỉnh Bà Rịa - Vũng Tàu", "par_index", "2024-01-01", "total", "rank", 2.0),
            ("Thành phố Hải Phòng", "par_index", "2024-01-01", "total", "delta", 4.3)} <= facts
    assert not any(value in (1.65, 14.0, 7.0) for *_, value in facts)


def test_the_index_named_in_the_paragraph_before_and_the_countrys_average(db):
    """Categories 5 and 6: `Về Chỉ số PAR Index, các tỉnh đứng đầu gồm: ...` then `Tỉnh Gia
    Lai đạt 80,35/100 điểm, xếp vị trí 58/63 tỉnh thành, thấp hơn 16 bậc so với năm 2021` is
    PAR INDEX in a page about SIPAS; `Chỉ số SIPAS chung cả nước năm 2022 là 80,08%`."""
    facts = _facts(db, "gia-lai_par_index_sipas_2022.txt")
    assert {("Tỉnh Gia Lai", "par_index", "2022-01-01", "total", "score", 80.35),
            ("Tỉnh Gia Lai", "par_index", "2022-01-01", "total", "rank", 58.0),
            ("Tỉnh Gia Lai", "par_index", "2022-01-01", "total", "rank_change", -16.0),
            ("Tỉnh Gia Lai", "sipas", "2022-01-01", "total", "national_average", 80.08),
            ("Tỉnh Gia Lai", "sipas", "2022-01-01", "total", "percent", 82.52)} <= facts
    assert not any(family == "sipas" and value == 58.0 for _, family, *_, value in facts)


def test_a_ranking_of_ministries_printed_one_cell_per_line(db):
    """Categories 7 and 8 (chinhphu.vn): `Xếp hạng / Các bộ, cơ quan ngang bộ / Điểm thẩm định
    / Điểm điều tra XHH / Tổng điểm đạt được / Chỉ số tổng hợp`, one cell per line: the rank
    column comes first, the points are the score and the index beside them its share; the
    assessment and survey parts name no code of the index and are not loaded."""
    facts = _facts(db, "ministries_par_index_2023_3.txt")
    assert {("Bộ Tư pháp", "par_index", "2023-01-01", "total", "rank", 1.0),
            ("Bộ Tư pháp", "par_index", "2023-01-01", "total", "score", 89.95),
            ("Bộ Tư pháp", "par_index", "2023-01-01", "total", "percent", 89.95),
            ("Ngân hàng Nhà nước Việt Nam", "par_index", "2023-01-01", "total", "rank", 2.0)} <= facts
    assert not any(value in (61.86, 28.1, 62.67, 27.21) for *_, value in facts)


def test_ranks_said_in_words_before_the_unit(db):
    """Category 3: `thứ hai là Văn phòng UBND tỉnh 95,43 điểm; thứ ba là Sở Nội vụ 95,39 điểm`."""
    facts = _facts(db, "quang-binh_par_index_2022.txt")
    assert {("Văn phòng UBND tỉnh", "par_index", "2022-01-01", "total", "rank", 2.0),
            ("Sở Nội vụ", "par_index", "2022-01-01", "total", "rank", 3.0),
            ("Huyện Tuyên Hóa", "par_index", "2022-01-01", "total", "rank", 3.0)} <= facts


def test_an_earlier_value_dated_in_its_parentheses(db):
    """Category 2: in May's result, `(ngày 27/3/2023 tỉnh đạt 65.2/100 điểm, xếp hạng thứ 10/63)`
    is March's, not May's."""
    facts = _facts(db, "an-giang_service_index_2023.txt")
    assert {("Tỉnh An Giang", "service_index", "2023-03-01", "total", "score", 65.2),
            ("Tỉnh An Giang", "service_index", "2023-03-01", "total", "rank", 10.0),
            ("Tỉnh An Giang", "service_index", "2023-05-01", "total", "score", 69.63)} <= facts
    assert ("Tỉnh An Giang", "service_index", "2023-05-01", "total", "score", 65.2) not in facts


def test_values_given_respectively(db):
    """Category 4: `Sở Nội vụ và quận Long Biên có chỉ số ... của Hà Nội với các chỉ số lần lượt
    là 95,77% và 95,39%`: each value its unit, none Hà Nội's."""
    assert _facts(db, "ha-noi_par_index_2024_3.txt") == {
        ("Sở Nội vụ", "par_index", "2024-01-01", "total", "score", 95.77),
        ("Quận Long Biên", "par_index", "2024-01-01", "total", "score", 95.39)}


def test_each_clause_of_a_list_of_indices_keeps_its_own(db):
    """Category 5: `chỉ số năng lực cạnh tranh ... (xếp thứ 4/63); chỉ số cải cách hành chính đạt
    91,16 điểm ...; Chỉ số tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước, xếp thứ
    38/63 ...; Chỉ số hiệu quả quản trị và hành chính công xếp thứ 10/63`: PCI and PAPI ranks are
    not loaded, the organisations' satisfaction rank is SIPAS."""
    facts = _facts(db, "bac-giang_par_index_sipas_2023.txt")
    assert {("Tỉnh Bắc Giang", "par_index", "2023-01-01", "total", "score", 91.16),
            ("Tỉnh Bắc Giang", "sipas", "2023-01-01", "total", "rank", 38.0)} <= facts
    assert not any(value == 10.0 or (family == "par_index" and value == 38.0) for _, family, *_, value in facts)


def test_a_change_said_after_its_verb(db):
    """Categories 4 and 6: `tỉnh Bình Thuận tăng mạnh nhất với 6,39%; Lai Châu có mức tăng thấp
    nhất là 0,19%` are changes of those provinces, not their scores."""
    facts = _facts(db, "toan-quoc_par_index_2024.txt")
    assert {("Tỉnh Bình Thuận", "par_index", "2024-01-01", "total", "delta", 6.39),
            ("Tỉnh Lai Châu", "par_index", "2024-01-01", "total", "delta", 0.19)} <= facts
    assert not any(measure == "score" and value in (6.39, 0.19) for *_, measure, value in facts)


def test_a_province_named_before_cung_is_the_sentences_subject(db):
    """Category 4: `Trong khi đó, Vĩnh Phúc cũng có lần đầu tiên lọt nhóm 5 địa phương dẫn đầu,
    với kết quả năm 2021 đạt 89.28%, xếp vị trí thứ 5` in Quảng Ngãi's news item is Vĩnh Phúc's."""
    facts = _facts(db, "quang-ngai_par_index_2021.txt")
    assert {("Tỉnh Vĩnh Phúc", "par_index", "2021-01-01", "total", "score", 89.28),
            ("Tỉnh Vĩnh Phúc", "par_index", "2021-01-01", "total", "rank", 5.0)} <= facts
    assert not any(unit == "Tỉnh Quảng Ngãi" and value == 89.28 for unit, *_, value in facts)


def test_central_agencies_and_the_economic_zone_board_are_units_of_the_province(db):
    """Category 8: `Nhóm các cơ quan Trung ương đóng trên địa bàn tỉnh gồm 6 cơ quan. Kho bạc nhà
    nước tỉnh là đơn vị đứng vị trí thứ nhất ..., đạt 90,86 điểm` (Vĩnh Phúc); `Ban Quản lý khu
    kinh tế xếp thứ 14 trong tổng số 14 sở, ban, ngành` (Hải Phòng): units of their province, not
    loaded without a unit."""
    assert {("Kho bạc Nhà nước tỉnh", "par_index", "2021-01-01", "total", "score", 90.86),
            ("Kho bạc Nhà nước tỉnh", "par_index", "2021-01-01", "total", "rank", 1.0)} <= _facts(db, "vinh-phuc_par_index_2021.txt")
    assert {("Ban Quản lý Khu kinh tế", "par_index", "2025-01-01", "total", "rank", 14.0),
            ("Ban Quản lý Khu kinh tế", "par_index", "2025-01-01", "total", "rank_of", 14.0)} <= _facts(db, "hai-phong_par_index_sipas_2025.txt")
    rows = fact_rows(db, "unit_id, province_name", "unit_name IN ('Kho bạc Nhà nước tỉnh', 'Ban Quản lý Khu kinh tế')")
    assert {unit_id for unit_id, _ in rows} == {"26.kho-bac", "31.bql-khu-kinh-te"}
    assert {province for _, province in rows} == {"Tỉnh Vĩnh Phúc", "Thành phố Hải Phòng"}


def test_a_weekly_notice_relayed_with_no_year_and_last_weeks_total(db):
    """Categories 1, 6 and 8 on a 2025 item: `(tuần thứ 47)` with no year, the page dated
    `2025-11-26` in ISO form, the city named `TPHCM`, `85,16 điểm (tuần trước 84,43 điểm)`,
    `dịch vụ trực tuyến đạt 16,1/22 điểm` (the five-group layout's online group), `Sở Xây dựng
    cũng được xếp hạng xuất sắc với 90,45 điểm`, a department of that city only; `Về mức độ hài
    lòng, đạt 17,94/18 điểm. Trong đó, tỷ lệ ... đạt 99,98%; ...; tỷ lệ hài lòng trong tiếp nhận,
    giải quyết thủ tục hành chính đạt 93,93%`: the group's sub-indicators, never its score."""
    facts = fact_rows(db, "unit_name, period_grain, CAST(period_start AS VARCHAR), indicator, measure, value",
                      "source_name = 'ho-chi-minh_service_index_2025.txt'")
    week, before = "2025-11-17", "2025-11-10"
    assert {("Thành phố Hồ Chí Minh", "week", week, "total", "score", 85.16),
            ("Thành phố Hồ Chí Minh", "week", before, "total", "score", 84.43),
            ("Thành phố Hồ Chí Minh", "week", week, "online", "score", 16.1),
            ("Thành phố Hồ Chí Minh", "week", week, "online", "max_score", 22.0),
            ("Sở Xây dựng", "week", week, "total", "score", 90.45),
            ("Sở An toàn thực phẩm", "week", week, "total", "score", 90.71),
            ("Sở Quy hoạch - Kiến trúc", "week", week, "total", "score", 57.0)} <= facts
    city = "Thành phố Hồ Chí Minh"
    assert {(city, "week", week, "satisfaction.feedback_ontime", "percent", 99.98),
            (city, "week", week, "satisfaction.feedback_handling", "percent", 99.0),
            (city, "week", week, "satisfaction.procedure_handling", "percent", 93.93)} <= facts
    assert {(indicator, measure) for *_, indicator, measure, value in facts if value == 93.93} == {
        ("satisfaction.procedure_handling", "percent")}


def test_a_regional_rank_after_tinh_thanh_and_a_total_after_tong_so(db):
    """`xếp thứ 34/63 tỉnh, thành (giảm 11 bậc ...), ... thứ 5/13 tỉnh, thành phố vùng Đồng bằng
    sông Cửu Long`: the 5/13 is regional; `đứng thứ hạng 50/63 ..., với tổng số 83,00/100 điểm`:
    `tổng số` is no `số` of a document."""
    assert {("Thành phố Cần Thơ", "sipas", "2024-01-01", "total", "rank", 34.0),
            ("Thành phố Cần Thơ", "sipas", "2024-01-01", "total", "rank_of", 63.0)} <= _facts(db, "can-tho_sipas_2024.txt")
    assert not any(value in (5.0, 13.0) for *_, value in _facts(db, "can-tho_sipas_2024.txt"))
    assert ("Tỉnh Trà Vinh", "par_index", "2022-01-01", "total", "score", 83.0) in _facts(db, "tra-vinh_par_index_2022.txt")


def test_vung_tau_is_no_region(db):
    """`tỉnh Bà Rịa - Vũng Tàu xếp thứ 2 cả nước về Chỉ số cải cách hành chính (sau Hải Phòng),
    tăng 3 bậc`: the `vũng` of Vũng Tàu does not make the rank regional."""
    assert {("Tỉnh Bà Rịa - Vũng Tàu", "par_index", "2024-01-01", "total", "rank", 2.0),
            ("Tỉnh Bà Rịa - Vũng Tàu", "par_index", "2024-01-01", "total", "rank_change", 3.0)} <= _facts(db, "ba-ria-vung-tau_par_index_2024.txt")


def test_a_rank_after_its_unit_and_a_ward_located_by_its_district(db):
    """`TP.Dĩ An 87,7 điểm, huyện Bắc Tân Uyên hạng 3 với 86,8 điểm`: the rank is Bắc Tân
    Uyên's, not Dĩ An's; `Phường Tân Bình (TP.Dĩ An) hạng nhất với 90,47 điểm`: the district in
    parentheses locates the ward, whose score is never filed under the district."""
    facts = _facts(db, "binh-duong_service_index_2023.txt")
    assert {("Huyện Bắc Tân Uyên", "service_index", "2023-01-01", "total", "rank", 3.0),
            ("Thành phố Dĩ An", "service_index", "2023-01-01", "total", "score", 87.7)} <= facts
    assert not any(unit in ("Thành phố Dĩ An", "Thành phố Thủ Dầu Một") and value in (3.0, 90.47, 90.29)
                   for unit, *_, value in facts)


def test_a_rank_out_of_a_total_said_in_words_and_a_count_of_what_is_ranked(db):
    """`đứng vị trí thứ 4 trên tổng số 63 tỉnh, thành phố`; `để đánh giá, xếp hạng 63 tỉnh, thành
    phố` counts the provinces ranked: no rank 63."""
    facts = _facts(db, "bac-giang_par_index_2022.txt")
    assert {("Tỉnh Bắc Giang", "par_index", "2022-01-01", "total", "rank", 4.0),
            ("Tỉnh Bắc Giang", "par_index", "2022-01-01", "total", "rank_of", 63.0)} <= facts
    assert ("Tỉnh Bắc Giang", "par_index", "2022-01-01", "total", "rank", 63.0) not in facts


def test_a_change_after_a_score_is_that_scores_even_before_the_next_unit(db):
    """`tỉnh Hải Dương 82,99 điểm giảm 1,25% và TP Đà Nẵng 65,95 điểm, giảm 4,73%`."""
    facts = _facts(db, "ca-mau_service_index_2024.txt")
    assert {("Tỉnh Hải Dương", "service_index", "2024-01-01", "total", "delta", -1.25),
            ("Thành phố Đà Nẵng", "service_index", "2024-01-01", "total", "delta", -4.73)} <= facts
    assert ("Thành phố Đà Nẵng", "service_index", "2024-01-01", "total", "delta", -1.25) not in facts


def test_ranks_of_indices_said_without_their_unit_and_a_sentence_ended_by_an_acronym(db):
    """`... về 4 Chỉ số PAPI, PAR INDEX, SIPAS, PCI. Tuy nhiên, chỉ có năm 2022 Thanh Hóa xếp thứ 3
    cả nước về Chỉ số PAPI, xếp thứ 5 Chỉ số SIPAS, thứ 10 Chỉ số PAR INDEX`: the target sentence
    ends at `PCI.`; `năm 2023 Chỉ số PAPI và SIPAS tụt xuống thứ 13` (`giữ vững` is no `vùng`),
    `Năm 2024, ..., SIPAS xếp thứ 22 và PAR INDEX xếp thứ 24`: the text's province's ranks; PAPI's
    and PCI's are not loaded."""
    facts = _facts(db, "thanh-hoa_par_index_sipas_2024.txt")
    assert facts == {("Tỉnh Thanh Hóa", family, f"{year}-01-01", "total", "rank", rank)
                     for family, year, rank in (("sipas", 2022, 5.0), ("par_index", 2022, 10.0), ("sipas", 2023, 13.0),
                                                ("par_index", 2023, 25.0), ("sipas", 2024, 22.0), ("par_index", 2024, 24.0))}


def test_a_rank_naming_a_bare_province_after_it_and_a_move_before_a_regional_rank(db):
    """`xếp đầu tiên là Quảng Ninh, tiếp đó là Hải Phòng và thứ 3 là Hà Nội.`; `PARINDEX của tỉnh
    được xếp thứ 15, tăng 1 bậc so với năm 2022 và đứng đầu trong 6 tỉnh Bắc Trung bộ`: the move
    is national, the region is the next verb's."""
    facts = _facts(db, "nghe-an_par_index_sipas_2023.txt")
    assert {("Thành phố Hà Nội", "par_index", "2023-01-01", "total", "rank", 3.0),
            ("Tỉnh Nghệ An", "par_index", "2023-01-01", "total", "rank_change", 1.0),
            ("Tỉnh Nghệ An", "sipas", "2023-01-01", "total", "rank_change", 2.0)} <= facts
    assert ("Tỉnh Nghệ An", "par_index", "2023-01-01", "total", "rank", 3.0) not in facts


def test_a_rank_in_words_naming_a_hyphenated_province_after_it(db):
    """`TP Hải Phòng đứng đầu cả nước ..., xếp thứ hai là Bà Rịa - Vũng Tàu, TP Hà Nội xếp thứ ba`."""
    facts = _facts(db, "ha-noi_par_index_2024_2.txt")
    assert {("Tỉnh Bà Rịa - Vũng Tàu", "par_index", "2024-01-01", "total", "rank", 2.0),
            ("Thành phố Hà Nội", "par_index", "2024-01-01", "total", "rank", 3.0)} <= facts
    assert ("Thành phố Hải Phòng", "par_index", "2024-01-01", "total", "rank", 2.0) not in facts


def test_ranks_before_their_unit_a_sentences_opening_word_and_a_regional_lead_after_a_move(db):
    """`đứng thứ 2 tỉnh Thái Nguyên đạt 90,29%; thứ 3 tỉnh Hải Dương đạt 90,23%. Còn Gia Lai đứng
    thứ 19, đạt 83,84% (giảm 3 bậc so với năm 2022, nhưng dẫn đầu khu vực Tây Nguyên)`."""
    facts = _facts(db, "gia-lai_sipas_2023.txt")
    assert {("Tỉnh Thái Nguyên", "sipas", "2023-01-01", "total", "rank", 2.0),
            ("Tỉnh Hải Dương", "sipas", "2023-01-01", "total", "rank", 3.0),
            ("Tỉnh Gia Lai", "sipas", "2023-01-01", "total", "percent", 83.84),
            ("Tỉnh Gia Lai", "sipas", "2023-01-01", "total", "rank", 19.0),
            ("Tỉnh Gia Lai", "sipas", "2023-01-01", "total", "rank_change", -3.0)} <= facts


def test_a_move_to_a_place_said_in_words_from_a_place_dated_in_parentheses(db):
    """`quận Long Biên đã có sự bứt phá từ vị trí thứ 12 (năm 2023) vươn lên vị trí thứ nhất`."""
    assert _facts(db, "ha-noi_par_index_2024.txt") >= {
        ("Quận Long Biên", "par_index", "2023-01-01", "total", "rank", 12.0),
        ("Quận Long Biên", "par_index", "2024-01-01", "total", "rank", 1.0)}


@pytest.mark.parametrize("source, unit, family, value", [
    # `giá trị trung bình năm 2023 đạt 86,98%`; the item names Tỉnh Quảng Ninh and thành phố Hà Nội
    # once each with their type word, Hà Nội four more times bare: it is about Hà Nội.
    ("ha-noi_par_index_sipas_2023.txt", "Thành phố Hà Nội", "par_index", 86.98),
    # `mức độ hài lòng ... Nhà nước nói chung (Chỉ số SIPAS 2024) trong cả nước là 83,94%`
    ("nghe-an_sipas_2024.txt", "Tỉnh Nghệ An", "sipas", 83.94),
    # `Chỉ số trung bình CCHC năm 2022 của các tỉnh đạt 84,79 (%/100 điểm tối đa)`
    ("son-la_par_index_sipas_2022.txt", "Tỉnh Sơn La", "par_index", 84.79),
])
def test_the_countrys_average_said_in_other_words(db, source, unit, family, value):
    rows = fact_rows(db, "unit_name, index_family, measure, value", f"source_name = '{source}' AND value = {value}")
    assert rows == {(unit, family, "national_average", value)}


def test_the_largest_and_smallest_rise_named_before_their_unit_and_a_move_in_words(db):
    """`tăng cao nhất là Bình Thuận (+6.39%), tăng thấp nhất là Lai Châu (+0.19%); ..., tỉnh giảm
    nhiều nhất là 2.94%` (no unit: not loaded); `TP Hải Phòng đứng đầu cả nước ... với 96,17/100
    điểm; tăng một bậc so với xếp hạng năm 2023`."""
    facts = _facts(db, "hai-phong_par_index_2024.txt")
    assert {("Tỉnh Bình Thuận", "par_index", "2024-01-01", "total", "delta", 6.39),
            ("Tỉnh Lai Châu", "par_index", "2024-01-01", "total", "delta", 0.19),
            ("Thành phố Hải Phòng", "par_index", "2024-01-01", "total", "rank_change", 1.0)} <= facts
    assert not any(value in (2.94, -2.94) for *_, value in facts)
