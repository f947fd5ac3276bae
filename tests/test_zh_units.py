"""Large counts read in the units of the course language: 万 / 亿 in Chinese, K / M / G in English
(issue 23 §3), and the live plot's and History's words are Chinese in a zh lesson."""

import pytest
from torch import nn

import cnnlab
from cnnlab.text import scaled


@pytest.mark.parametrize("n,en,zh", [
    (11_689_512, "11.7 M", "1,169 万"),        # ResNet-18's parameters
    (1_814_073_344, "1.81 G", "18.1 亿"),      # its MACs
    (133_000_000, "133 M", "1.33 亿"),
    (714_188_480, "714 M", "7.14 亿"),
    (9_999, "10.0 K", "9,999"),
    (123, "123", "123"),
])
def test_scaled_counts(n, en, zh):
    assert scaled(n, lang="en") == en
    assert scaled(n, lang="zh") == zh


def test_scaled_follows_the_course_language(lang):
    lang("zh")
    assert scaled(61_100_840) == "6,110 万"
    lang("en")
    assert scaled(61_100_840) == "61.1 M"


def test_summary_totals_use_wan_and_yi_in_chinese(lang):
    model = nn.Sequential(nn.Conv2d(3, 64, 3, padding=1), nn.Conv2d(64, 64, 3, padding=1))
    assert 3 * 9 * 64 * 64 * 64 + 64 * 9 * 64 * 64 * 64 == 158_072_832    # MACs: c_in·k²·c_out·H·W per conv
    lang("zh")
    macs_line = [line for line in str(cnnlab.summary(model, (3, 64, 64))).splitlines() if "乘加次数" in line][0]
    assert macs_line.endswith("158,072,832（1.58 亿）") and not macs_line.endswith(("M)", "G)"))
    lang("en")
    macs_line = [line for line in str(cnnlab.summary(model, (3, 64, 64))).splitlines() if "MACs per" in line][0]
    assert macs_line.endswith("158,072,832 (158.073 M)")


def test_live_plot_axis_and_history_table_read_lun(lang):
    import matplotlib
    matplotlib.use("Agg")
    from cnnlab.liveplot import LivePlot
    from cnnlab.train import History
    lang("zh")
    shown = []
    plot = LivePlot(epochs=2, notebook=True, display=lambda fig, **kw: shown.append(fig))
    history = History()
    history.add(epoch=1, loss=0.5, train_acc=0.8, test_acc=0.85, examples_per_s=100.0, seconds=1.0)
    plot.update(history)
    labels = [ax.get_xlabel() for fig in shown for ax in fig.axes]
    header = history.table().splitlines()[0].split()
    plot.close()
    assert header[0] == "轮" and "轮次" not in history.table()
    assert labels and set(labels) == {"轮"}
