"""Chinese text in figures: with the CJK font of .ci/install (Debian fonts-noto-cjk) a figure
with a Chinese title, labels and legend renders without a missing-glyph warning; with
matplotlib's default font alone the same figure does warn (so the check can fail)."""

import matplotlib
import pytest
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from cnnlab import fonts
from tests.helpers import missing_glyphs, needs_cjk_font


def render_chinese_figure():
    """Draw a small figure with Chinese text to PNG; return the missing-glyph messages."""
    fig = Figure(figsize=(4, 3))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.plot([1, 2, 3], [0.9, 0.5, 0.2], label="训练损失")
    ax.plot([1, 2, 3], [0.3, 0.6, 0.8], label="测试准确率")
    ax.set_title("卷积核 [1, −1] 的特征图")
    ax.set_xlabel("轮次")
    ax.set_ylabel("数值（−1 到 1）")
    ax.legend(title="图例")
    return missing_glyphs(fig)


@needs_cjk_font
def test_the_debian_cjk_font_is_found():
    found = fonts.installed_cjk_fonts()
    assert "Noto Sans CJK SC" in found, f"install fonts-noto-cjk (.ci/install does); found {found}"


@needs_cjk_font
def test_chinese_figure_renders_without_missing_glyphs():
    with matplotlib.rc_context():
        assert fonts.use_cjk_font(quiet=True) == "Noto Sans CJK SC"
        drawn_with = font_manager.findfont(font_manager.FontProperties())
        assert "NotoSansCJK" in drawn_with
        assert render_chinese_figure() == []


def test_default_font_alone_warns_about_missing_glyphs():
    # The negative control: without a CJK font, the very same figure warns.
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        messages = render_chinese_figure()
    assert messages and all("DejaVu Sans" in m for m in messages)
    assert any("CJK UNIFIED IDEOGRAPH" in m for m in messages)


def test_one_line_hint_when_no_cjk_font(monkeypatch, capsys):
    monkeypatch.setattr(fonts, "installed_cjk_fonts", lambda: [])
    with matplotlib.rc_context():
        before = list(matplotlib.rcParams["font.sans-serif"])
        assert fonts.use_cjk_font() is None
        assert matplotlib.rcParams["font.sans-serif"] == before
    out = capsys.readouterr().out
    assert out == fonts.install_hint() + "\n" and "fonts-noto-cjk" in out
    assert fonts.use_cjk_font(quiet=True) is None and capsys.readouterr().out == ""


@needs_cjk_font
def test_font_installed_after_the_cache_was_made_is_found(monkeypatch):
    # matplotlib's font cache predates the font: installed_cjk_fonts finds the file anyway.
    stale = [font for font in font_manager.fontManager.ttflist if not fonts.CJK_FONT_FILES.search(font.fname)]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    assert fonts._known_cjk_fonts(font_manager) == []
    assert fonts.installed_cjk_fonts()[0] == "Noto Sans CJK SC"


@needs_cjk_font
def test_use_cjk_font_puts_the_font_first_once():
    with matplotlib.rc_context():
        fonts.use_cjk_font(quiet=True)
        fonts.use_cjk_font(quiet=True)
        family = matplotlib.rcParams["font.sans-serif"]
        assert family[0] == "Noto Sans CJK SC" and family.count("Noto Sans CJK SC") == 1
        assert "DejaVu Sans" in family and matplotlib.rcParams["axes.unicode_minus"] is False
