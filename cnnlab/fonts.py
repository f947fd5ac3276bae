"""Chinese text in matplotlib figures.

Matplotlib's default font (DejaVu Sans) has no Chinese glyphs: they render as
empty boxes with a "Glyph … missing from font(s)" warning. ``use_cjk_font``
puts the first installed CJK font of a list that covers Linux, macOS and
Windows in front of matplotlib's sans-serif list (matplotlib then falls back
glyph by glyph, so Latin text keeps working).

Matplotlib caches its list of system fonts the first time it runs; a font
installed after that (``apt-get install fonts-noto-cjk`` on a machine that
already ran matplotlib) is not in the cache. ``installed_cjk_fonts`` therefore
looks at the system's font files once more when the cache knows no CJK font,
and adds the ones it finds.
"""

import re

from cnnlab.i18n import say

# Linux (Debian fonts-noto-cjk, fonts-wqy-microhei), macOS, Windows, then Adobe/Google names.
CJK_FONTS = (
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei", "PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti",
    "Microsoft YaHei", "SimHei", "Source Han Sans SC", "Source Han Sans CN",
    "Arial Unicode MS",
)

# File names of those fonts, for a font cache made before the font was installed.
CJK_FONT_FILES = re.compile(r"NotoSans(CJK|SC)|wqy-(microhei|zenhei)|PingFang|Hiragino Sans GB|STHeiti|"
                            r"msyh|simhei|SourceHanSans|Arial Unicode", re.I)

def install_hint():
    """What to do when no CJK font is installed, in the course language."""
    return say(zh="没有找到中文（CJK）字体，图中的中文会显示成方框：请安装一种"
                  "（Debian/Ubuntu：apt-get install fonts-noto-cjk；或 pip install mplfonts）",
               en="no CJK font found, Chinese text in figures will show as boxes: install one "
                  "(Debian/Ubuntu: apt-get install fonts-noto-cjk; or pip install mplfonts)")


def _known_cjk_fonts(font_manager):
    available = {font.name for font in font_manager.fontManager.ttflist}
    return [name for name in CJK_FONTS if name in available]


def _add_uncached_cjk_files(font_manager):
    """Add CJK font files that exist on the system but not in matplotlib's font cache."""
    cached = {font.fname for font in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in cached and CJK_FONT_FILES.search(path):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):  # an unreadable font file: skip it
                pass


def installed_cjk_fonts():
    """The names from CJK_FONTS that matplotlib can find on this machine, in order."""
    from matplotlib import font_manager
    found = _known_cjk_fonts(font_manager)
    if not found:
        _add_uncached_cjk_files(font_manager)
        found = _known_cjk_fonts(font_manager)
    return found


def use_cjk_font(quiet=False):
    """Make matplotlib draw Chinese text; return the font used, or None (with a one-line hint)."""
    import matplotlib
    found = installed_cjk_fonts()
    if not found:
        if not quiet:
            print(install_hint())
        return None
    current = [f for f in matplotlib.rcParams["font.sans-serif"] if f not in found]
    matplotlib.rcParams["font.sans-serif"] = found + current
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False  # CJK fonts often lack U+2212
    return found[0]
