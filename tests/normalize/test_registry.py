"""The registry against facts of Vietnamese administrative history it must hold."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from chiso.normalize.matching import match_unit
from chiso.normalize.registry import DATA, UnitLevel, load_registry

HANOI, HUE = "01", "46"
IN_2022, DEC_2024, MAY_2025, AFTER_MERGER = date(2022, 1, 1), date(2024, 12, 1), date(2025, 5, 1), date(2025, 7, 1)


def districts(registry, province_id, on):  # type: ignore[no-untyped-def]
    return sorted(u.name_on(on) for u in registry.in_province(province_id)
                  if u.level is UnitLevel.DISTRICT and u.exists_on(on))


def test_63_provinces_before_the_merger_and_34_after(registry):
    provinces = registry.provinces()
    assert len(provinces) == 63
    assert sum(p.exists_on(DEC_2024) for p in provinces) == 63
    after = [p for p in provinces if p.exists_on(AFTER_MERGER)]
    assert len(after) == 34
    assert {"Thành phố Hà Nội", "Thành phố Huế", "Tỉnh Tuyên Quang", "Tỉnh Lào Cai", "Thành phố Hồ Chí Minh"} \
        <= {p.name_on(AFTER_MERGER) for p in after}


def test_merged_province_ends_and_points_at_the_survivor_which_keeps_its_id(registry):
    ha_giang, tuyen_quang = registry.get("02"), registry.get("08")
    assert ha_giang.name_on(DEC_2024) == "Tỉnh Hà Giang"
    assert ha_giang.names[-1].valid_to == date(2025, 6, 30)
    assert ha_giang.successor_id == "08" and not ha_giang.exists_on(AFTER_MERGER)
    assert tuyen_quang.exists_on(DEC_2024) and tuyen_quang.exists_on(AFTER_MERGER)
    assert registry.get("02.so-tu-phap").successor_id == "08.so-tu-phap"
    assert not registry.get("02.so-tu-phap").exists_on(AFTER_MERGER)


def test_hanoi_has_30_districts_which_end_with_district_level_government(registry):
    assert len(districts(registry, HANOI, DEC_2024)) == 30
    assert "Quận Tây Hồ" in districts(registry, HANOI, DEC_2024)
    assert "Thị xã Sơn Tây" in districts(registry, HANOI, DEC_2024)
    assert districts(registry, HANOI, AFTER_MERGER) == []


def test_hue_province_keeps_one_id_across_its_2025_rename(registry):
    hue = registry.get(HUE)
    assert hue.name_on(IN_2022) == "Tỉnh Thừa Thiên Huế"
    assert hue.name_on(date(2024, 12, 31)) == "Tỉnh Thừa Thiên Huế"
    assert hue.name_on(date(2025, 1, 1)) == "Thành phố Huế"
    assert hue.name_on(None) == "Thành phố Huế"
    assert hue.exists_on(AFTER_MERGER) and hue.successor_id is None


def test_hue_districts_before_and_after_1_january_2025(registry):
    assert districts(registry, HUE, IN_2022) == [
        "Huyện A Lưới", "Huyện Nam Đông", "Huyện Phong Điền", "Huyện Phú Lộc", "Huyện Phú Vang",
        "Huyện Quảng Điền", "Thành phố Huế", "Thị xã Hương Thủy", "Thị xã Hương Trà"]
    assert districts(registry, HUE, MAY_2025) == [
        "Huyện A Lưới", "Huyện Phú Lộc", "Huyện Phú Vang", "Huyện Quảng Điền", "Quận Phú Xuân",
        "Quận Thuận Hóa", "Thị xã Hương Thủy", "Thị xã Hương Trà", "Thị xã Phong Điền"]
    assert registry.get("46.nam-dong").successor_id == "46.phu-loc"
    phong_dien = registry.get("46.phong-dien")
    assert (phong_dien.name_on(IN_2022), phong_dien.name_on(MAY_2025)) == ("Huyện Phong Điền", "Thị xã Phong Điền")


def test_thu_duc_replaced_three_districts_in_2021(registry):
    assert registry.get("79.quan-2").name_on(date(2020, 6, 1)) == "Quận 2"
    assert registry.get("79.quan-2").successor_id == "79.thu-duc"
    assert not registry.get("79.quan-9").exists_on(date(2021, 1, 1))
    assert registry.get("79.thu-duc").exists_on(date(2021, 1, 1))
    assert not registry.get("79.thu-duc").exists_on(date(2020, 12, 31))


@pytest.mark.parametrize(("unit_id", "before", "after"), [
    ("01.so-nong-nghiep", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và Môi trường"),
    ("46.ban-dan-toc", "Ban Dân tộc", "Sở Dân tộc và Tôn giáo"),
    ("01.so-noi-vu", "Sở Nội vụ", "Sở Nội vụ"),
    ("46.van-phong-ubnd", "Văn phòng UBND tỉnh", "Văn phòng UBND Thành phố"),
    ("46.thanh-tra", "Thanh tra tỉnh", "Thanh tra Thành phố"),
    ("01.van-phong-ubnd", "Văn phòng UBND Thành phố", "Văn phòng UBND Thành phố"),
])
def test_department_names_before_and_after_the_2025_mergers(registry, unit_id, before, after):
    unit = registry.get(unit_id)
    assert unit.level is UnitLevel.DEPARTMENT
    assert (unit.name_on(IN_2022), unit.name_on(MAY_2025)) == (before, after)


@pytest.mark.parametrize(("merged", "into"), [
    ("so-ke-hoach-dau-tu", "so-tai-chinh"),
    ("so-tai-nguyen-moi-truong", "so-nong-nghiep"),
    ("so-giao-thong-van-tai", "so-xay-dung"),
    ("so-lao-dong", "so-noi-vu"),
    ("so-thong-tin-truyen-thong", "so-khoa-hoc-cong-nghe"),
])
def test_departments_merged_in_march_2025_end_with_a_successor(registry, merged, into):
    for province_id in (HANOI, HUE):
        unit = registry.get(f"{province_id}.{merged}")
        assert unit.exists_on(DEC_2024) and not unit.exists_on(MAY_2025)
        assert unit.successor_id == f"{province_id}.{into}"


def test_departments_are_units_of_their_province(registry):
    hanoi, hue = registry.get("01.so-tu-phap"), registry.get("46.so-tu-phap")
    assert hanoi is not hue and (hanoi.province_id, hue.province_id) == (HANOI, HUE)
    hanoi_kinds = {u.unit_id for u in registry.in_province(HANOI) if u.level is UnitLevel.DEPARTMENT}
    assert {"01.so-du-lich", "01.so-van-hoa-the-thao", "01.so-quy-hoach-kien-truc", "01.bql-khu-cong-nghiep"} <= hanoi_kinds
    assert "01.so-van-hoa-the-thao-du-lich" not in hanoi_kinds
    assert registry.get("49.so-van-hoa-the-thao-du-lich").name_on(DEC_2024) == "Sở Văn hóa, Thể thao và Du lịch"
    assert all(u.unit_id != HANOI for u in registry.in_province(HANOI))


def test_communes_of_the_34_provinces_start_on_1_july_2025(registry):
    communes = [u for u in registry.units() if u.level is UnitLevel.COMMUNE]
    assert len(communes) == 3321
    assert all(not c.exists_on(date(2025, 6, 30)) and c.exists_on(AFTER_MERGER) for c in communes)
    assert registry.get("01.phuong-ba-dinh").name_on(None) == "Phường Ba Đình"


def test_by_code_finds_portal_codes_printed_in_seed_004(registry):
    assert registry.by_code("000.00.36.H57").unit_id == "46.hue"
    assert registry.by_code(" 000.00.21.h57 ").unit_id == "46.bql-khu-kinh-te"
    assert registry.by_code("000.00.99.H57") is None


def test_alias_file_adds_spellings_without_touching_the_packaged_registry(tmp_path: Path):
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("unit_id,alias\n46.hue,Thành phố cố đô\n", encoding="utf-8")
    base = load_registry()
    extended = load_registry((aliases,))
    assert "Thành phố cố đô" in extended.get("46.hue").aliases
    assert "Thành phố cố đô" not in base.get("46.hue").aliases
    assert match_unit("UBND Thành phố cố đô", extended, HUE, IN_2022).unit.unit_id == "46.hue"
    assert match_unit("UBND Thành phố cố đô", base, HUE, IN_2022).unit is None
    assert load_registry() is base


def test_alias_for_an_unknown_unit_fails_loudly(tmp_path: Path):
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("unit_id,alias\n46.khong-co,Huyện Không Có\n", encoding="utf-8")
    with pytest.raises(ValueError, match="46.khong-co"):
        load_registry((aliases,))


def test_name_on_outside_a_units_life_gives_the_nearest_name(registry):
    assert registry.get("02").name_on(AFTER_MERGER) == "Tỉnh Hà Giang"
    assert registry.get("46.phu-xuan").name_on(IN_2022) == "Quận Phú Xuân"
    assert not registry.get("46.phu-xuan").exists_on(IN_2022)


@pytest.mark.parametrize("path", sorted(DATA.glob("*.csv")), ids=lambda p: p.name)
def test_data_files_are_utf8_nfc(path: Path):
    text = path.read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text
