"""The text reader recovers the seeds' tables: pipe rows with flattened merged headers (000,
003) and one-cell-per-line tables (004)."""

from __future__ import annotations

import pytest

from conftest import read_sample
from chiso.extractors.model import Table


def _annexes(name: str) -> list[Table]:
    return [t for t in read_sample(name).tables() if t.header_rows()]


def _header_paths(table: Table) -> list[str]:
    grid, n = table.grid(fill_spans=True), table.header_rows()
    return [" / ".join(dict.fromkeys(grid[r][c] for r in range(n) if grid[r][c])) for c in range(table.n_cols)]


def test_000_overdue_annex_three_level_header():
    table = _annexes("000_44dc49058ad32f91.txt")[2]
    assert _header_paths(table)[2:] == [
        "Tổng số hồ sơ quá hạn đang xử lý / Xử lý quá hạn (*) / Tổng",
        "Tổng số hồ sơ quá hạn đang xử lý / Xử lý quá hạn (*) / Cấp huyện",
        "Tổng số hồ sơ quá hạn đang xử lý / Xử lý quá hạn (*) / Cấp xã",
    ]
    rows = table.grid()[table.header_rows():]
    assert len(rows) == 47
    assert rows[3] == ["4", "UBND quận Ba Đình", "370", "179", "191"]
    assert rows[0] == ["1", "Sở Tư pháp", "11.212", "", ""]


def test_000_feedback_annex_groups_and_note_column():
    paths = _header_paths(_annexes("000_44dc49058ad32f91.txt")[3])
    assert paths[2].startswith("Số PAKN quá hạn / Tổng số")
    assert paths[3].startswith("Số PAKN quá hạn / Trong đó / Chưa tiếp nhận")
    assert paths[4].startswith("Số PAKN quá hạn / Trong đó / Chậm xử lý")
    assert paths[5] == "Ghi chú"


def test_003_par_and_sipas_tables_are_split():
    tables = _annexes("003_910b1e79badbb223.txt")
    assert [t.n_rows for t in tables] == [81, 31]
    assert _header_paths(tables[1])[2] == "Kết quả SIPAS 2021"
    assert tables[1].grid()[1][:4] == ["", "CHỈ SỐ CHUNG", "87.11", ">88.00"]


@pytest.mark.parametrize("index, width, first_row", [
    (0, 4, ["I", "Chỉ số tổng hợp của UBND tỉnh Thừa Thiên Huế", "54,1/100", "53,5/100"]),
    (1, 3, ["1.", "UBND huyện Nam Đông", "62,84/100"]),
    (2, 5, ["1", "UBND thành phố Huế - tỉnh Thừa Thiên Huế", "36/37", "106", "1"]),
    (3, 6, ["1", "UBND thành phố Huế - tỉnh Thừa Thiên Huế", "000.00.36.H57", "5009", "74.53%", "17.6%"]),
])
def test_004_flattened_tables_recover_their_grid(index, width, first_row):
    table = _annexes("004_4fe8e530b83874ca.txt")[index]
    assert table.n_cols == width
    assert table.grid()[1] == first_row


def test_004_empty_cells_stay_in_place():
    table = _annexes("004_4fe8e530b83874ca.txt")[3]
    row = next(r for r in table.grid() if r[1] == "Văn phòng UBND tỉnh - tỉnh Thừa Thiên Huế")
    assert row == ["27", "Văn phòng UBND tỉnh - tỉnh Thừa Thiên Huế", "000.00.02.H57", "2", "", ""]
    assert table.n_rows == 31


def test_rows_keep_their_line_numbers():
    table = _annexes("000_44dc49058ad32f91.txt")[1]
    assert table.row_provs[1].line_no == 84
    assert table.row_provs[1].row_no == 2


def _annex_facts(text: str) -> list[tuple[str, str, str]]:
    from chiso.extractors.parse.annex import parse_annexes
    from chiso.extractors.read.text import read_text

    doc = read_text(text.encode("utf-8"), "d", "t.txt")
    return [(f.subject or f.label, f.measure.value, f.value_text) for f in parse_annexes(doc)]


EXPECTED_RANKING = [("UBND huyện Bát Xát", "score", "90,04"), ("UBND huyện Bát Xát", "delta", "1,2"),
                    ("UBND thị xã Sa Pa", "score", "85,5"), ("UBND thị xã Sa Pa", "delta", "-0,3")]


def test_tab_separated_table():
    text = ("PHỤ LỤC 2\nĐIỂM XẾP HẠNG UBND CẤP HUYỆN THÁNG 5/2025\nSTT\tTên đơn vị\tSố điểm\tTăng/giảm so với tháng trước\n"
            "1\tUBND huyện Bát Xát\t90,04\tTăng 1,2\n2\tUBND thị xã Sa Pa\t85,5\tGiảm 0,3\n")
    assert _annex_facts(text) == EXPECTED_RANKING


def test_fixed_width_table():
    text = ("PHỤ LỤC 2\nĐIỂM XẾP HẠNG UBND CẤP HUYỆN THÁNG 5/2025\n"
            "STT  Tên đơn vị              Số điểm   Tăng/giảm so với tháng trước\n"
            "1    UBND huyện Bát Xát        90,04   Tăng 1,2\n"
            "2    UBND thị xã Sa Pa          85,5   Giảm 0,3\n")
    assert _annex_facts(text) == EXPECTED_RANKING


@pytest.mark.parametrize("name", ["000_44dc49058ad32f91.txt", "003_910b1e79badbb223.txt", "004_4fe8e530b83874ca.txt"])
def test_row_texts_are_each_rows_text(name):
    for table in read_sample(name).tables():
        assert table.row_texts() == [table.row_text(r) for r in range(table.n_rows)]
        assert "|" in table.row_texts()[-1]


def test_a_web_pages_header_cells_broken_over_lines_are_rejoined():
    """binh-duong_par_index_2017 (samples/real): a portal's table one cell per line with blank
    lines between, whose header cells wrap (`HUYỆN, THỊ XÃ,` / `THÀNH PHỐ`, `Điểm` / `thẩm định`
    / `(65)`, `Tổng điểm` / `(100)`): one header row as wide as the rows."""
    from chiso.extractors.read.text import read_text
    lines = ["STT", "", "HUYỆN, THỊ XÃ,", "", "THÀNH PHỐ", "", "Điểm", "", "thẩm định", "(65)", "", "Điểm ĐTXHH", "(35)", "",
             "Tổng điểm", "", "(100)", "", "Chỉ số CCHC -PAR INDEX 2017", "", "1", "", "Thành phố Thủ Dầu Một", "", "51,75", "",
             "32,83", "", "84,58", "", "84,58%", "", "2", "", "Thị xã Tân Uyên", "", "48,75", "", "33,25", "", "82,00", "", "82,00%"]
    tables = [t for t in read_text("\n".join(lines).encode(), "d", "t.txt").tables() if t.header_rows()]
    assert _header_paths(tables[0]) == ["STT", "HUYỆN, THỊ XÃ, THÀNH PHỐ", "Điểm thẩm định (65)", "Điểm ĐTXHH (35)",
                                        "Tổng điểm (100)", "Chỉ số CCHC -PAR INDEX 2017"]
    assert tables[0].grid()[1] == ["1", "Thành phố Thủ Dầu Một", "51,75", "32,83", "84,58", "84,58%"]
