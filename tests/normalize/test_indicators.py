"""Labels and column headers as printed in the seeds → catalogue keys."""

from __future__ import annotations

import pytest

from chiso.normalize.indicators import catalogue, is_part_column, match_area, match_criterion, match_group, match_sub, match_unit_column


@pytest.mark.parametrize("label, key", [
    ("Tổng số điểm Thành phố đạt được tháng 12/2024", "total"),
    ("Tong s6 diém Thanh pho dat duoc thang 03/2025", "total"),
    ("Tổng hợp", "total"),
    ("Công khai, minh bạch", "transparency"),
    ("Công khai minh bạch đạt", "transparency"),
    ("Chỉ số tiến độ, giải quyết", "progress"),
    ("Dịch vụ công trực tuyến", "online_service"),
    ("Chỉ số thanh toán trực tuyến", "online_payment"),
    ("Chỉ số mức độ hài lòng", "satisfaction"),
    ("Số hoá hồ sơ đạt", "digitization"),
    ("Cung cấp dịch vụ trực tuyến", "online"),
    ("theo Quyết định 766 trên Cổng Dịch vụ công quốc gia được công bố đạt", None),
])
def test_match_group(label, key):
    assert match_group(label) == key


@pytest.mark.parametrize("group, label, key", [
    ("transparency", "Tỷ lệ đồng bộ hồ sơ", "transparency.synced_dossiers"),
    ("transparency", "Tỷ lệ hồ sơ chưa đồng bộ", "transparency.unsynced_dossiers"),
    ("online_service", "Còn lại", "online_service.other"),
    ("progress", "Quáhạn", "progress.overdue"),  # words glued by OCR
    ("satisfaction", "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị: 94%", "satisfaction.feedback_handling"),
    ("digitization", "Số lượng tài khoản Cổng Dịch vụ công quốc gia được xác thực với cơ sở dữ liệu quốc gia về dân cư: 304,285", "digitization.verified_accounts"),
])
def test_match_sub(group, label, key):
    assert match_sub(group, label) == (key, True)


def test_unknown_sub_row_keeps_a_derived_key():
    assert match_sub("progress", "Hồ sơ trả lại") == ("progress.ho_so_tra_lai", False)


@pytest.mark.parametrize("column, context, key", [
    ("Số điểm", "ĐIỂM TỔNG HỢP XẾP HẠNG UBND CÁC QUẬN, HUYỆN, THỊ XÃ THÁNG 12/2024", "total"),
    ("Tăng/giảm so với tháng 11", "ĐIỂM TỔNG HỢP XẾP HẠNG", "total"),
    ("Tổng số hồ sơ quá hạn đang xử lý / Xử lý quá hạn (*) / Tổng", "HỒ SƠ XỬ LÝ QUÁ HẠN", "overdue_dossiers"),
    ("Tổng số hồ sơ quá hạn đang xử lý / Xử lý quá hạn (*) / Cấp huyện", "", "overdue_dossiers.district_level"),
    ("Số PAKN quá hạn / Trong đó / Chưa tiếp nhận / 2", "PAKN QUÁ HẠN", "overdue_feedback.not_received"),
    ("Số PAKN quá hạn / Tổng số / 1=(2+3)", "PAKN QUÁ HẠN", "overdue_feedback"),
    ("Tỷ lệ hồ sơ đúng hạn, trong hạn (%)", "", "ontime_rate"),
    ("Tỷ lệ hồ sơ nộp trực tuyến (%)", "", "online_submission_rate"),
    ("Đã triển khai", "KẾT QUẢ THỰC HIỆN CHỨNG THỰC ĐIỆN TỬ BẢN SAO TỪ BẢN CHÍNH", "e_certification.deployed_units"),
    ("Công khai, minh bạch (18 điểm)", "ĐIỂM CÁC NHÓM CHỈ SỐ CỦA UBND CẤP HUYỆN", "transparency"),
    ("Cung cấp dịch vụ công trực tuyến (22)", "", "online"),
    ("Tổng điểm (100)", "", "total"),
    ("Xếp hạng", "", "total"),
])
def test_match_unit_column(column, context, key):
    assert match_unit_column(column, context) == (key, True)


@pytest.mark.parametrize("column, part", [
    ("Điểm ĐTXHH (35)", True), ("Điểm thẩm định (65)", True), ("Tổng điểm (100)", False), ("Chỉ số CCHC -PAR INDEX 2017", False)])
def test_a_column_printing_a_maximum_below_100_holds_a_part(column, part):
    """binh-duong_par_index_2017 (samples/real): a district's PAR INDEX as appraisal /65,
    survey /35 and total /100; only the total is the unit's."""
    assert is_part_column(column) is part


@pytest.mark.parametrize("family, label, code, group, key", [
    ("par_index", "TỔNG ĐIỂM", None, "8", "total"),
    ("par_index", "Theo dõi thi hành pháp luật", "2.1", "2", "2.1"),
    ("sipas", "CHỈ SỐ CHUNG", None, None, "total"),
    ("sipas", "Trụ sở cơ quan gọn gàng", "2", "I", "I.2"),
    ("sipas", "Tiếp cận dịch vụ", "I", None, "I"),
])
def test_match_criterion(family, label, code, group, key):
    assert match_criterion(family, label, code, group) == key


def test_catalogue_covers_contract_keys():
    keys = {(i.family, i.key) for i in catalogue()}
    for key in ("total", "transparency", "progress", "online_service", "online_payment", "satisfaction", "digitization",
                "online", "overdue_dossiers", "overdue_feedback", "ontime_rate", "online_submission_rate"):
        assert ("service_index", key) in keys
    assert ("par_index", "total") in keys and ("sipas", "total") in keys


@pytest.mark.parametrize("text, code", [
    ("Chỉ số xây dựng và phát triển chính quyền điện tử, chính quyền số xếp hạng", "7"),  # kon-tum_par_index_sipas_2023
    ("ve chi so thanh phan chi dao, dieu hanh cchc", "1"),  # ministries_par_index_2017, said after the figures
    ("Cụ thể, lĩnh vực xây dựng và tổ chức thực hiện thể chế thuộc phạm vi quản lý nhà nước của Bộ Tư pháp đạt", "2"),
])
def test_match_area(text, code):
    assert match_area("par_index", text) == code
