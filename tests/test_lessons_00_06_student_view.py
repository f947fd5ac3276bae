"""What lessons 00–06 show a student before and around their exercises (issue 23, §4–§5)."""

import numpy as np
import pytest

from cnnlab.tools.pipeline.notebooks import read_notebook
from cnnlab.viz import ConvolutionExplorer
from tests.helpers import ROOT


def _code(stem, lang):
    return [cell.source for cell in read_notebook(ROOT / "solutions" / lang / f"{stem}.ipynb").cells
            if cell.cell_type == "code"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_library_corr2d_is_shown_only_after_exercise_1(lang):
    cells = _code("02_convolution", lang)
    shown = [i for i, source in enumerate(cells) if "show_source(corr2d)" in source]
    checked = [i for i, source in enumerate(cells) if 'check_function("corr2d"' in source]
    assert len(shown) == 1 and len(checked) == 1 and shown[0] > checked[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_explorer_starts_on_section_2s_example(lang):
    """§2 works through X (1 in the bottom-left corner) with padding 1: first output 23. The explorer
    must show the same (it once numbered the input from the top left and showed 7)."""
    cells = _code("03_padding_stride", lang)
    assert any("ConvolutionExplorer(x=X, kernel=K, p=1, s=1)" in source for source in cells)
    assert not any("kernel_002" in source for source in cells)        # the unexplained "−8" window is gone
    X = np.arange(1, 17).reshape(4, 4)[::-1].copy()                    # as in §2's cell
    K = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])
    assert ConvolutionExplorer(x=X, kernel=K, p=1, s=1).output[0, 0] == 23
    assert ConvolutionExplorer(n=4, k=3, p=1, s=1).output[0, 0] == 7    # the default input differs


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_screen_of_nan_outputs(lang):
    assert not any("print(demo.output_values)" in source for source in _code("03_padding_stride", lang))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_erf_figure_is_drawn_by_the_library(lang):
    cells = _code("04_receptive_field", lang)
    figure = [source for source in cells if "plot_effective_fields(" in source]
    assert len(figure) == 1 and len(figure[0].splitlines()) <= 4
    assert not any("Rectangle(" in source for source in cells)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_erf_figure_draws_maps_squares_and_growth(language, lang):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from cnnlab.viz.erf import plot_effective_fields
    lang(language)
    erfs = {d: np.ones((41, 41)) for d in (2, 4, 8, 16)}
    theory = {d: 2 * d + 1 for d in erfs}
    holding = {2: 5, 4: 9, 8: 15, 16: 21}
    fig = plot_effective_fields(erfs, theory, holding, shown=[4, 8, 16])
    maps, growth = fig.axes[:3], fig.axes[3]
    assert [len(ax.patches) for ax in maps] == [2, 2, 2]           # theoretical field, 95 % square
    assert [list(line.get_ydata()) for line in growth.lines] == [[5, 9, 17, 33], [5, 9, 15, 21]]
    assert "√" not in growth.get_title()                             # the measured trend is not √d
    plt.close(fig)
