"""One display width and one text table (cnnlab.text) for every printed table: Chinese columns line up."""

import pytest
from torch import nn

import cnnlab
from cnnlab.text import display_width, table
from cnnlab.train.history import History


def column_starts(line, cells):
    """Display column at which each cell of ``line`` starts (cells found left to right)."""
    starts, position = [], 0
    for cell in cells:
        index = line.index(cell, position)
        starts.append(display_width(line[:index]))
        position = index + len(cell)
    return starts


def column_ends(line, cells):
    return [start + display_width(cell) for start, cell in zip(column_starts(line, cells), cells)]


def test_display_width_counts_wide_and_full_width_characters_twice():
    assert display_width("abc") == 3
    assert display_width("感受野 r") == 8
    assert display_width("（，）") == 6            # full-width signs
    assert display_width("×—…⌊") == 4            # narrow or ambiguous signs take one column


def test_chinese_and_latin_cells_start_at_the_same_columns():
    header, rows = ["层", "类型", "输出"], [["features.0", "Conv2d", "55"], ["池化", "MaxPool2d", "27"]]
    lines = table(header, rows)
    assert lines[1] == "-" * display_width(lines[0])
    starts = {tuple(column_starts(line, cells)) for line, cells in zip([lines[0], *lines[2:]], [header, *rows])}
    assert len(starts) == 1                       # every line: the same three starting columns


def test_right_aligned_columns_end_together_and_a_frame_surrounds_the_table():
    header, rows = ["名称", "参数量"], [["conv", "1,000"], ["全连接", "61,100,840"]]
    lines = table(header, rows, right=[1], rule="=", frame=True)
    assert lines[0] == lines[2] == lines[-1] == "=" * display_width(lines[1])
    assert len({column_ends(line, cells)[1] for line, cells in zip([lines[1], *lines[3:-1]], [header, *rows])}) == 1


def test_strip_drops_trailing_spaces_and_no_rule_leaves_it_out():
    lines = table(["id", "name"], [["0", "a"], ["1", "longer"]], strip=True, rule=None)
    assert lines == ["id  name", "0   a", "1   longer"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_history_table_columns_line_up_in_both_languages(lang, language):
    lang(language)
    history = History()
    for epoch, rate in ((1, 82_442.0), (2, 107_757.0)):
        history.add(epoch=epoch, loss=0.5, train_acc=0.8, test_acc=None if epoch == 1 else 0.85,
                    examples_per_s=rate, seconds=0.6 * epoch)
    head, *rows = history.table().splitlines()
    ends = {display_width(line) for line in [head, *rows]}
    assert len(ends) == 1                         # right-aligned: every line ends at the same column


@pytest.mark.parametrize("language", ["zh", "en"])
def test_summary_and_receptive_tables_keep_their_columns_in_chinese(lang, language):
    lang(language)
    model = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.MaxPool2d(2))
    summary_lines = str(cnnlab.summary(model, (3, 32, 32))).splitlines()
    framed = [line for line in summary_lines[:summary_lines.index(summary_lines[0], 3) + 1]]
    assert len({display_width(line) for line in framed}) == 1         # rules, header and rows: one width
    rf_lines = str(cnnlab.receptive_field(model, (3, 32, 32))).splitlines()
    assert rf_lines[1] == "-" * display_width(rf_lines[0])
