"""A live plot of loss and accuracy that redraws *one* figure in place.

In a Jupyter notebook, :class:`LivePlot` shows a figure with two panels
(loss | accuracy) once, through an IPython display handle, and replaces its
image after every epoch — so a 10-epoch run leaves one figure, not ten.
Anywhere else (a terminal, CI, a script) it prints one line per epoch.
"""

from cnnlab.i18n import say


def in_notebook():
    """True inside a Jupyter kernel (where rich display works)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and "IPKernelApp" in getattr(shell, "config", {})


def epoch_line(history, epochs=None):
    """One line describing the last epoch of ``history``."""
    i = len(history.epoch) - 1
    total = f"/{epochs}" if epochs else ""
    test = history.test_acc[i]
    return say(
        zh="第 {e}{t} 轮  损失 {l:.4f}  训练准确率 {a:.3f}  测试准确率 {b}  {r:,.0f} 样本/秒  {s:.1f} 秒",
        en="epoch {e}{t}  loss {l:.4f}  train acc {a:.3f}  test acc {b}  {r:,.0f} examples/s  {s:.1f} s",
        e=history.epoch[i], t=total, l=history.loss[i], a=history.train_acc[i],
        b="-" if test is None else f"{test:.3f}", r=history.examples_per_s[i], s=history.seconds[i])


class LivePlot:
    """Show training curves: a figure updated in place (notebook) or printed lines (elsewhere).

    ``update(history)`` after each epoch, ``close()`` at the end (always — use try/finally).
    ``write`` prints a line in text mode (``tqdm.write`` keeps progress bars intact).
    """

    def __init__(self, epochs=None, notebook=None, write=print, display=None):
        self.epochs, self.write = epochs, write
        self.notebook = in_notebook() if notebook is None else notebook
        self.fig = self.handle = None
        self._display = display       # injectable for tests; defaults to IPython.display.display

    def update(self, history):
        if not self.notebook:
            self.write(epoch_line(history, self.epochs))
            return
        if self.fig is None:
            import matplotlib.pyplot as plt

            self.fig, self.axes = plt.subplots(1, 2, figsize=(8, 3), layout="constrained")
        self._draw(history)
        if self.handle is None:
            if self._display is None:
                from IPython.display import display
                self._display = display
            self.handle = self._display(self.fig, display_id=True)
        else:
            self.handle.update(self.fig)

    def _draw(self, history):
        loss_ax, acc_ax = self.axes
        for ax in self.axes:
            ax.clear()
            ax.set_xlabel(say(zh="轮", en="epoch"))
            ax.grid(alpha=0.3)
            if self.epochs:
                ax.set_xlim(0.5, self.epochs + 0.5)
        loss_ax.plot(history.epoch, history.loss, "o-", label=say(zh="训练损失", en="train loss"))
        acc_ax.plot(history.epoch, history.train_acc, "o-", label=say(zh="训练准确率", en="train acc"))
        tests = [(e, a) for e, a in zip(history.epoch, history.test_acc) if a is not None]
        if tests:
            acc_ax.plot(*zip(*tests), "s--", label=say(zh="测试准确率", en="test acc"))
        acc_ax.set_ylim(0, 1)
        for ax in self.axes:
            ax.legend(loc="best")

    def close(self):
        """Release the matplotlib figure; the last image stays in the notebook output."""
        if self.fig is not None:
            import matplotlib.pyplot as plt

            plt.close(self.fig)
            self.fig = None
