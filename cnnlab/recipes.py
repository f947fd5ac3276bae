"""Full-mode training recipes: how each CNN of the course reaches its target on a CPU.

The lessons train in quick mode with simple settings (plain Adam or SGD, a few
thousand images) so that they run in seconds. A *recipe* is the tuned full-mode
setting of one model — found by timing runs on a 2-core CPU — and the
single place it is written down: ``benchmarks/bench_models.py`` trains exactly
these, and a lesson shows one with ``print(cnnlab.recipe("vgg"))``.

All recipes use the same ingredients:

* AdamW (Adam with decoupled weight decay) and a **OneCycle** schedule — the
  learning rate warms up to ``lr`` over the first 30 % of the steps, then
  anneals to almost 0, so the last epoch ends at a small step size;
* batch 128 (64 for LeNet-5), weight decay 0.01, **label smoothing** 0.1 for
  the deeper networks (the target puts 0.9 + 0.1/10 on the right class);
* the channels-last memory layout (``fit(channels_last=True)``), in which
  PyTorch's CPU max pooling is several times faster.

``train_recipe(name)`` runs one in a notebook: it builds the model, loads the
data and calls :func:`cnnlab.fit` with the recipe's settings (quick mode still
applies when ``CNNLAB_QUICK=1``).
"""

from dataclasses import dataclass

from torch import nn

from cnnlab.i18n import say
from cnnlab.models import (alexnet_small, googlenet_small, lenet5_loss, lenet_modern, nin_small,
                           resnet_small, vgg_small)
from cnnlab.models.lenet5 import faithful_lenet5

__all__ = ["Recipe", "RECIPES", "recipe", "train_recipe"]


@dataclass(frozen=True)
class Recipe:
    name: str                 # the key in RECIPES
    title_en: str
    title_zh: str
    build: object             # () → nn.Module, the model to train
    model_text: str           # how the model is built, as code (see its docstring)
    reference_en: str         # the figure to compare with: d2l's printed Fashion-MNIST test
    reference_zh: str         # accuracy (GPU, 10 epochs), or the paper's for LeNet-5
    goal_acc: float           # test accuracy to reach …
    budget_s: float           # … within this many seconds on a 2-core CPU
    epochs: int
    lr: float                 # OneCycle's peak learning rate
    batch_size: int = 128
    optimizer: str = "adamw"
    weight_decay: float = 0.01
    smoothing: float = 0.0    # label smoothing of the cross-entropy
    loss: str = "cross-entropy"   # or "MAP": LeNet-5's criterion, eq. 9 of the paper
    data: str = "fashion-mnist"

    def loss_fn(self):
        """The training criterion: cross-entropy (with label smoothing) or LeNet-5's MAP loss."""
        if self.loss == "MAP":
            return lambda outputs, target: lenet5_loss(outputs, target, j=0.1)
        return nn.CrossEntropyLoss(label_smoothing=self.smoothing)

    def fit_options(self):
        """The keyword arguments of :func:`cnnlab.fit` that make this recipe (all but ``epochs``)."""
        return dict(lr=self.lr, optimizer=self.optimizer, schedule="onecycle",
                    weight_decay=self.weight_decay, loss_fn=self.loss_fn(), channels_last=True)

    def __str__(self):
        # zh: " MAP" keeps a space between 为 and the Latin letters
        loss = (say(zh=" MAP（论文式 9）", en="MAP (the paper's eq. 9)") if self.loss == "MAP" else
                say(zh="交叉熵", en="cross-entropy")
                + (say(zh="（标签平滑 {s}）", en=" (label smoothing {s})", s=self.smoothing)
                   if self.smoothing else ""))
        return say(
            zh="{tz}：{model}\n  数据 {data}，批量 {b}，{opt} + OneCycleLR 调度（峰值学习率 {lr}），权重衰减 {wd}，"
               "损失函数为{loss}，最多 {e} 轮，内存格式 channels_last\n  完整模式目标（2 核 CPU）：测试准确率 ≥ {acc} 且 ≤ {sec:.0f} 秒"
               "（对照：{rz}）\n  在笔记本中按配方训练：cnnlab.train_recipe({name!r})",
            en="{te}: {model}\n  data {data}, batch {b}, {opt} + OneCycle (peak lr {lr}), weight decay {wd}, "
               "loss {loss}, at most {e} epochs, channels-last\n  full-mode goal (2-core CPU): test accuracy "
               "≥ {acc} in ≤ {sec:.0f} s (compare: {re})\n  train it in a notebook: cnnlab.train_recipe({name!r})",
            tz=self.title_zh, te=self.title_en, model=self.model_text, data=self.data, b=self.batch_size,
            opt="AdamW" if self.optimizer == "adamw" else self.optimizer, lr=self.lr,
            wd=self.weight_decay, loss=loss, e=self.epochs, acc=f"{self.goal_acc:.2f}",
            sec=self.budget_s, rz=self.reference_zh, re=self.reference_en, name=self.name)


RECIPES = {r.name: r for r in [
    Recipe("lenet", "modern LeNet", "现代 LeNet", lenet_modern, "lenet_modern()",
           "d2l's LeNet 0.779", "d2l 的 LeNet 0.779", 0.90, 90, epochs=8, lr=0.01),
    Recipe("alexnet", "scaled AlexNet", "缩小版 AlexNet", alexnet_small, "alexnet_small()",
           "d2l 0.883", "d2l 0.883", 0.90, 180, epochs=12, lr=0.003, smoothing=0.1),
    Recipe("vgg", "scaled VGG", "缩小版 VGG", lambda: vgg_small(batch_norm=True), "vgg_small(batch_norm=True)",
           "d2l 0.920", "d2l 0.920", 0.92, 180, epochs=10, lr=0.01, smoothing=0.1),
    Recipe("nin", "scaled NiN", "缩小版 NiN", nin_small, "nin_small()",
           "d2l 0.790", "d2l 0.790", 0.88, 180, epochs=10, lr=0.003),
    Recipe("googlenet", "scaled GoogLeNet", "缩小版 GoogLeNet", googlenet_small, "googlenet_small()",
           "d2l 0.886", "d2l 0.886", 0.90, 180, epochs=6, lr=0.01, smoothing=0.1),
    Recipe("resnet", "scaled ResNet", "缩小版 ResNet", resnet_small, "resnet_small()",
           "d2l 0.893", "d2l 0.893", 0.92, 180, epochs=10, lr=0.01, smoothing=0.1),
    Recipe("lenet5", "LeNet-5 (1998), MNIST sample", "LeNet-5（1998），MNIST 样本", faithful_lenet5,
           "nn.Sequential(PaperInput(), lenet5())",
           "LeCun et al. 1998: 0.95 % error on the full MNIST", "LeCun 等 1998：完整 MNIST 上错误率 0.95 %",
           0.97, 60, epochs=20, lr=0.003, batch_size=64, weight_decay=0.0, loss="MAP", data="mnist-sample"),
]}


def recipe(name):
    """The :class:`Recipe` called ``name`` (one of ``RECIPES``); ``print`` it to read it."""
    if name not in RECIPES:
        raise ValueError(say(zh="name={n!r} 不是已有的配方：可用 {names}",
                             en="name={n!r} is not a recipe: use one of {names}",
                             n=name, names=", ".join(RECIPES)))
    return RECIPES[name]


def train_recipe(name, epochs=None, quick=None, seed=0, **fit_options):
    """Train the model of recipe ``name`` with its settings → (model, History).

    ``epochs`` (default: the recipe's) and ``fit_options`` (e.g. ``plot=False``)
    override the recipe; ``quick`` follows ``CNNLAB_QUICK`` unless given.
    """
    from cnnlab.data import loaders
    from cnnlab.train import fit, seed as set_seed

    r = recipe(name)
    train, test = loaders(r.data, r.batch_size, quick=quick)
    set_seed(seed)
    model = r.build()
    options = {**r.fit_options(), "quick": quick, **fit_options}
    history = fit(model, train, test, epochs=epochs or r.epochs, **options)
    return model, history
