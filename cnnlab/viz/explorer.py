"""The convolution explorer: a kernel sliding over a zero-padded input, one output at a time.

    from cnnlab.viz import ConvolutionExplorer
    ConvolutionExplorer(n=5, k=3, p=1, s=2)        # the last line of a cell shows the widget

Sliders set the input size ``n``, kernel size ``k``, per-side padding ``p``, stride ``s`` and
dilation ``d``. The picture is one ``ipywidgets.HTML`` of two tables: the padded input (grey:
padding zeros; orange: the window read now, each cell with its kernel weight; red: cells no
window ever reaches, the rows/columns the floor in the formula drops) and the output filling
in. Below them the sum for the current output and the size formula from
``cnnlab.conv_output_size(..., explain=True)``. A setting the formula rejects (a kernel larger
than the padded input) shows the library's message instead of a picture.

For tests and lessons the state can be read and driven without a browser: ``.step()``,
``.position`` (i, j), ``.window`` (padded-grid cells read now), ``.output_values`` (NaN where
not computed yet), ``.output`` (the whole result), ``.formula_text``, ``.error``,
``.controls`` (the five sliders by name), ``.slider`` (output position), ``.play``.
The input defaults to 1, 2, …, n² row by row and the kernel to a checkerboard of 1s and 0s
(for k = 3 the rows 1 0 1 / 0 1 0 / 1 0 1, a kernel whose sums are easy to follow by hand); pass ``x=`` or ``kernel=`` (square arrays) to use
your own, kept while the slider sizes match them.
"""

from html import escape
from numbers import Integral

import ipywidgets as widgets
import numpy as np

from cnnlab.arith import conv_output_size
from cnnlab.i18n import say
from cnnlab.ops import conv2d

RANGES = {"n": (1, 10), "k": (1, 7), "p": (0, 4), "s": (1, 4), "d": (1, 3)}
LABELS = {"n": ("输入 n", "input n"), "k": ("卷积核 k", "kernel k"), "p": ("填充 p", "padding p"),
          "s": ("步幅 s", "stride s"), "d": ("膨胀率 d", "dilation d")}
COLOURS = {"pad": "#e9ecef", "window": "#ffc078", "never": "#ffc9c9", "new": "#ffc078", "plain": "#fff"}


def _setting(name, value):
    low, high = RANGES[name]
    if isinstance(value, bool) or not isinstance(value, Integral) or not low <= value <= high:
        raise ValueError(say(zh="{arg} 必须是 {lo} 到 {hi} 之间的整数（滑块的范围），收到 {v!r}",
                             en="{arg} must be an integer from {lo} to {hi} (the slider's range), got {v!r}",
                             arg=say(*LABELS[name]), lo=low, hi=high, v=value))
    return int(value)


def _square(array, name, limit):
    a = np.asarray(array, dtype=float)
    if a.ndim != 2 or a.shape[0] != a.shape[1] or not 1 <= a.shape[0] <= limit:
        raise ValueError(say(zh="{arg} 必须是边长 1 到 {lim} 的正方形二维数组，收到形状 {s}",
                             en="{arg} must be a square 2-D array of side 1 to {lim}, got shape {s}",
                             arg=name, lim=limit, s=a.shape))
    return a


def _number(v):
    return f"{v:g}" if v == v else ""


class ConvolutionExplorer:
    """Interactive convolution of an n×n input with a k×k kernel (padding p, stride s, dilation d)."""

    def __init__(self, n=4, k=3, p=1, s=1, d=1, *, x=None, kernel=None):
        self._x = None if x is None else _square(x, "x", RANGES["n"][1])
        self._kernel = None if kernel is None else _square(kernel, "kernel", RANGES["k"][1])
        n = n if self._x is None else self._x.shape[0]
        k = k if self._kernel is None else self._kernel.shape[0]
        values = {name: _setting(name, v) for name, v in zip("nkpsd", (n, k, p, s, d))}
        self.controls = {name: widgets.IntSlider(value=values[name], min=lo, max=hi, description=say(*LABELS[name]),
                                                 style={"description_width": "initial"})
                         for name, (lo, hi) in RANGES.items()}
        self.slider = widgets.IntSlider(value=0, min=0, max=0, description=say(zh="输出位置", en="output position"),
                                        style={"description_width": "initial"})
        self.play = widgets.Play(value=0, min=0, max=0, interval=800)
        widgets.link((self.play, "value"), (self.slider, "value"))
        self.button = widgets.Button(description=say(zh="下一步 ▶", en="step ▶"))
        self.button.on_click(lambda _button: self.step())
        self.view = widgets.HTML()
        for control in self.controls.values():
            control.observe(self._settings_changed, names="value")
        self.slider.observe(lambda _change: self._render(), names="value")
        sliders = list(self.controls.values())
        self.box = widgets.VBox([widgets.HBox(sliders[:3]), widgets.HBox(sliders[3:]),
                                 widgets.HBox([self.play, self.slider, self.button]), self.view])
        self._settings_changed()

    # --- state ----------------------------------------------------------------------------
    @property
    def settings(self):
        return {name: control.value for name, control in self.controls.items()}

    @property
    def x(self):
        n = self.controls["n"].value
        if self._x is not None and self._x.shape[0] == n:
            return self._x
        return np.arange(1, n * n + 1, dtype=float).reshape(n, n)

    @property
    def kernel(self):
        k = self.controls["k"].value
        if self._kernel is not None and self._kernel.shape[0] == k:
            return self._kernel
        return ((np.arange(k)[:, None] + np.arange(k)) % 2 == 0).astype(float)   # checkerboard

    @property
    def position(self):
        """(i, j) of the output value being computed; None when the setting is invalid."""
        return None if self.error else divmod(self.slider.value, self.output.shape[1])

    @property
    def window(self):
        """Cells (row, column) of the padded input that the current output reads."""
        if self.error:
            return []
        (i, j), st = self.position, self.settings
        span = [a * st["d"] for a in range(st["k"])]
        return [(i * st["s"] + a, j * st["s"] + b) for a in span for b in span]

    @property
    def output_values(self):
        """The output as filled in so far: values up to the current position, NaN after it."""
        shown = np.full(self.output.shape, np.nan)
        count = 0 if self.error else self.slider.value + 1
        shown.flat[:count] = self.output.flat[:count]
        return shown

    def never_visited(self):
        """Cells of the padded input that no window covers (what the floor drops)."""
        st = self.settings
        size = st["n"] + 2 * st["p"]
        covered = np.zeros((size, size), bool)
        reach = [o * st["s"] + a * st["d"] for o in range(self.output.shape[0]) for a in range(st["k"])]
        covered[np.ix_(reach, reach)] = True
        return {(int(r), int(c)) for r, c in np.argwhere(~covered)}

    def step(self):
        """Move to the next output position (back to the first after the last)."""
        if not self.error:
            self.slider.value = (self.slider.value + 1) % self.output.size

    # --- updating -------------------------------------------------------------------------
    def _settings_changed(self, _change=None):
        st = self.settings
        try:
            self.formula_text = str(conv_output_size(st["n"], st["k"], s=st["s"], p=st["p"], d=st["d"], explain=True))
            self.error = ""
            self.output = conv2d(self.x[None, None], self.kernel[None, None], stride=st["s"],
                                 padding=st["p"], dilation=st["d"])[0, 0]          # (out, out)
        except ValueError as err:
            self.formula_text, self.error, self.output = "", str(err), np.zeros((0, 0))
        self.slider.value = 0
        self.slider.max = self.play.max = max(self.output.size - 1, 0)
        for widget in (self.slider, self.play, self.button):
            widget.disabled = bool(self.error)
        self._render()

    def _render(self):
        if self.error:
            self.view.value = (f'<div style="color:#a61e1e;background:#fff5f5;border:1px solid #ffa8a8;'
                               f'padding:8px;max-width:640px">⚠ {escape(self.error)}</div>')
            return
        st, (i, j) = self.settings, self.position
        padded = np.pad(self.x, st["p"])
        window, never, weights = self.window, self.never_visited(), self.kernel.ravel()
        cells = {}
        for (r, c), w in zip(window, weights):
            cells[(r, c)] = (COLOURS["window"], f'{_number(padded[r, c])}<sub style="color:#862e9c">×{w:g}</sub>')
        rows = []
        for r in range(padded.shape[0]):
            tds = []
            for c in range(padded.shape[1]):
                inside = st["p"] <= r < st["p"] + st["n"] and st["p"] <= c < st["p"] + st["n"]
                colour = COLOURS["never"] if (r, c) in never else COLOURS["plain" if inside else "pad"]
                colour, text = cells.get((r, c), (colour, _number(padded[r, c])))
                tds.append(f'<td style="background:{colour}">{text}</td>')
            rows.append("<tr>" + "".join(tds) + "</tr>")
        values = self.output_values
        out_rows = ["<tr>" + "".join(
            f'<td style="background:{COLOURS["new"] if (a, b) == (i, j) else COLOURS["plain"]}">'
            f'{_number(values[a, b])}</td>' for b in range(values.shape[1])) + "</tr>"
            for a in range(values.shape[0])]
        terms = " + ".join(f"{w:g}·{_number(padded[r, c])}" for (r, c), w in zip(window, weights))
        style = ('<style>.cnnlab-x td{border:1px solid #adb5bd;width:2.6em;height:1.9em;'
                 'text-align:center;font-family:monospace}.cnnlab-x table{border-collapse:collapse}</style>')
        title = ('<div style="display:flex;gap:32px;align-items:flex-start"><div><b>{}</b><table>{}</table></div>'
                 '<div><b>{}</b><table>{}</table></div></div>')
        self.view.value = (
            f'<div class="cnnlab-x">{style}'
            + title.format(say(zh="填充后的输入", en="padded input"), "".join(rows),
                           say(zh="输出（特征图）", en="output (feature map)"), "".join(out_rows))
            + f'<p>Y[{i},{j}] = {terms} = <b>{self.output[i, j]:g}</b></p>'
            + f'<pre>{escape(self.formula_text)}</pre>'
            + '<p style="font-size:90%">' + say(
                zh="灰色：填充的 0；橙色：当前窗口（×w：与该格相乘的卷积核权重）；红色：任何窗口都到不了的格子",
                en="grey: padding zeros; orange: the current window (subscript ×w: kernel weight); "
                   "red: cells no window ever reaches") + "</p></div>")

    # --- display --------------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)

    def __repr__(self):
        st = self.settings
        return f"ConvolutionExplorer(n={st['n']}, k={st['k']}, p={st['p']}, s={st['s']}, d={st['d']})"
