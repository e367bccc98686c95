"""Tables printed with one space between cells (issue 9): a row is one line of words, cut into
cells by their shapes, in a text letter and a PDF alike. Rows and headers are the seeds' (000's
Phụ lục 1 to 4, 004's Phụ lục I and IV) and those the issue quotes (`12 UBND huyện Yên Lạc
70,15 Giảm 2,06`, `5 Sở Xây dựng 96,5 88.20 91.40% Tốt`)."""

from __future__ import annotations

from chiso.extractors.model import Line, Table
from chiso.extractors.read.text import read_text


def _tables(text: str) -> list[list[list[str]]]:
    doc = read_text(text.encode("utf-8"), "d", "t.txt")
    return [t.grid() for t in doc.tables()]


def test_a_ranking_is_cut_into_code_name_and_value_cells():
    grid, = _tables("STT Tên đơn vị Số điểm Tăng/giảm so với tháng trước\n"
                    "11 UBND huyện Vĩnh Tường 71,35 Tăng 1,8\n12 UBND huyện Yên Lạc 70,15 Giảm 2,06\n")
    assert grid == [["STT", "Tên đơn vị", "Số điểm", "Tăng/giảm so với tháng trước"],
                    ["11", "UBND huyện Vĩnh Tường", "71,35", "Tăng 1,8"], ["12", "UBND huyện Yên Lạc", "70,15", "Giảm 2,06"]]


def test_an_upper_case_header_and_a_grade_column():
    grid, = _tables("STT TÊN CƠ QUAN Điểm tối đa Điểm thẩm định Tỷ lệ đạt Xếp loại\n"
                    "4 Sở Tư pháp 96,5 90.10 93.37% Tốt\n5 Sở Xây dựng 96,5 88.20 91.40% Tốt\n")
    assert grid[0] == ["STT", "TÊN CƠ QUAN", "Điểm tối đa", "Điểm thẩm định", "Tỷ lệ đạt", "Xếp loại"]
    assert grid[2] == ["5", "Sở Xây dựng", "96,5", "88.20", "91.40%", "Tốt"]


def test_value_cells_keep_their_words_and_an_uncoded_row_is_a_row():
    grid, = _tables("STT Tiêu chí Tỷ trọng So với tháng 11/2024\n"
                    "2.2 Tỷ lệ đồng bộ hồ sơ 242.300 (70.87%) Tăng 7.28%\n"
                    "4 Dịch vụ công trực tuyến 6.8/12 điểm Bằng điểm\n"
                    "4.2 DVC toàn trình 155 TTHC (10.73%)\nCòn lại 697 TTHC (48.24%)\n"
                    "4.3 Kết quả đảm bảo tính công bằng 89.18 90.00\n")
    assert grid[1:] == [["2.2", "Tỷ lệ đồng bộ hồ sơ", "242.300 (70.87%)", "Tăng 7.28%"],
                        ["4", "Dịch vụ công trực tuyến", "6.8/12 điểm", "Bằng điểm"],
                        ["4.2", "DVC toàn trình", "155 TTHC (10.73%)", ""],
                        ["", "Còn lại", "697 TTHC (48.24%)", ""],
                        ["4.3", "Kết quả đảm bảo tính công bằng", "89.18", "90.00"]]


def test_a_unit_code_column_and_a_label_that_keeps_its_value():
    grid, = _tables("STT Tên đơn vị định danh Tổng số hồ sơ xử lý quá hạn Tỷ lệ hồ sơ đúng hạn (%)\n"
                    "1 UBND thành phố Huế - tỉnh Thừa Thiên Huế 000.00.36.H57 5009 74.53%\n"
                    "2 Sở Tư pháp 000.00.15.H57 145 90.12%\n"
                    "2.1 Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị: 94%\n")
    assert grid[0] == ["STT", "Tên đơn vị", "định danh", "Tổng số hồ sơ xử lý quá hạn", "Tỷ lệ hồ sơ đúng hạn (%)"]
    assert grid[1] == ["1", "UBND thành phố Huế - tỉnh Thừa Thiên Huế", "000.00.36.H57", "5009", "74.53%"]
    assert grid[3] == ["2.1", "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị: 94%", "", "", ""]


def test_a_merged_header_printed_line_by_line_keeps_its_spans():
    grid, = _tables("STT Tên đơn vị Số PAKN quá hạn Ghi chú\nTổng số Trong đó\nChưa tiếp nhận Chậm xử lý\n1=(2+3) 2 3\n"
                    "1 Sở Tài nguyên và Môi trường 45 0 45\n2 Sở Giáo dục và Đào tạo 34 0 34\n")
    assert grid[:4] == [["STT", "Tên đơn vị", "Số PAKN quá hạn", "", "", "Ghi chú"],
                        ["", "", "Tổng số", "Trong đó", "", ""],
                        ["", "", "", "Chưa tiếp nhận", "Chậm xử lý", ""],
                        ["", "", "1=(2+3)", "2", "3", ""]]
    assert grid[4] == ["1", "Sở Tài nguyên và Môi trường", "45", "0", "45", ""]


def test_a_row_with_fewer_values_fills_the_first_value_columns():
    grid, = _tables("STT Tên đơn vị Tổng số hồ sơ quá hạn đang xử lý\nXử lý quá hạn (*)\nTổng Cấp huyện Cấp xã\n"
                    "1 Sở Tư pháp 11.212\n4 UBND quận Ba Đình 370 179 191\n")
    assert grid[3:] == [["1", "Sở Tư pháp", "11.212", "", ""], ["4", "UBND quận Ba Đình", "370", "179", "191"]]


def test_the_table_ends_at_the_first_line_that_is_no_row():
    doc = read_text("STT Tên đơn vị Số điểm\n1 UBND huyện Bát Xát 90,04\n2 UBND thị xã Sa Pa 85,5\n"
                    "Công văn 193/UBND-KSTTHC năm 2025 công khai kết quả\n".encode(), "d", "t.txt")
    assert [type(b) for b in doc.blocks] == [Table, Line]


def test_a_prose_line_ending_in_a_pipe_is_prose():
    doc = read_text("Lãnh đạo tỉnh làm việc với Sở Tư pháp. Ảnh minh họa |\nNăm 2024, tỉnh đạt 85,5 điểm.\n".encode(), "d", "t.txt")
    assert [b.text for b in doc.blocks if isinstance(b, Line)][0] == "Lãnh đạo tỉnh làm việc với Sở Tư pháp. Ảnh minh họa |"
    assert not list(doc.tables())
