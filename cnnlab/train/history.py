"""History: the per-epoch record of a training run, shown as a table or as one line."""

from dataclasses import dataclass, field

from cnnlab.i18n import say
from cnnlab.text import table


@dataclass
class History:
    """Per-epoch record of a training run; ``seconds`` is wall time since the start."""

    epoch: list = field(default_factory=list)
    loss: list = field(default_factory=list)
    train_acc: list = field(default_factory=list)
    test_acc: list = field(default_factory=list)
    examples_per_s: list = field(default_factory=list)
    seconds: list = field(default_factory=list)
    device: str = "cpu"
    quick: bool = False

    def add(self, **row):
        for key, value in row.items():
            getattr(self, key).append(value)

    def table(self):
        """The history as a text table, one row per epoch."""
        header = [say(zh="轮", en="epoch"), say(zh="损失", en="loss"), say(zh="训练准确率", en="train acc"),
                  say(zh="测试准确率", en="test acc"), say(zh="样本/秒", en="examples/s"), say(zh="秒", en="seconds")]
        rows = [[f"{e:d}", f"{l:.4f}", f"{a:.4f}", "-" if b is None else f"{b:.4f}", f"{r:,.0f}", f"{s:.1f}"]
                for e, l, a, b, r, s in zip(self.epoch, self.loss, self.train_acc, self.test_acc,
                                            self.examples_per_s, self.seconds)]
        return "\n".join(table(header, rows, right=range(len(header)), rule=None))

    def __repr__(self):
        if not self.epoch:
            return say(zh="训练记录（空）", en="History(empty)")
        test = "-" if self.test_acc[-1] is None else f"{self.test_acc[-1]:.3f}"
        return say(
            zh="训练记录（{e} 轮，设备 {dev}{quick}：损失 {loss:.4f}，训练准确率 {tr:.3f}，测试准确率 {te}，"
               "每秒 {rate:,.0f} 个样本，用时 {sec:.1f} 秒）",
            en="History({e} epochs on {dev}{quick}: loss {loss:.4f}, train acc {tr:.3f}, test acc {te}, "
               "{rate:,.0f} examples/s, {sec:.1f} s)",
            e=len(self.epoch), dev=self.device,
            quick=(say(zh="，快速模式", en=", quick mode") if self.quick else ""),
            loss=self.loss[-1], tr=self.train_acc[-1], te=test, rate=self.examples_per_s[-1],
            sec=self.seconds[-1])
