"""History: the per-epoch record of a training run, shown as a table or as one line."""

from dataclasses import dataclass, field

from cnnlab.i18n import say


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
        head = say(zh="  轮    损失  训练准确率  测试准确率   样本/秒     秒",
                   en="epoch    loss  train acc   test acc   examples/s  seconds")
        rows = [head]
        for e, l, a, b, r, s in zip(self.epoch, self.loss, self.train_acc, self.test_acc,
                                    self.examples_per_s, self.seconds):
            b = "      -" if b is None else f"{b:7.4f}"
            rows.append(f"{e:5d}  {l:6.4f}    {a:7.4f}    {b}   {r:10,.0f}  {s:7.1f}")
        return "\n".join(rows)

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
