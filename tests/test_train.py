"""cnnlab.train and the modern LeNet: learning really happens, measurements agree, output is right."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

import cnnlab  # noqa: E402
from cnnlab import liveplot, train  # noqa: E402
from cnnlab.data import loader, loaders, mnist  # noqa: E402
from cnnlab.models import lenet_modern  # noqa: E402
from tests.helpers import needs_fashion_mnist  # noqa: E402


@pytest.fixture(scope="module")
def digits():
    """The MNIST sample shipped with cnnlab: small batches for fast, deterministic checks."""
    return (loader(mnist("train", source="sample", verbose=False), 100),
            loader(mnist("test", source="sample", verbose=False), 250))


# ---------------------------------------------------------------------------- the model

def test_lenet_modern_shapes_and_parameters():
    model = lenet_modern()
    assert model(torch.zeros(3, 1, 28, 28)).shape == (3, 10)
    assert sum(p.numel() for p in model.parameters()) == 61_932
    plain = lenet_modern(batch_norm=False)
    assert not any(isinstance(m, nn.modules.batchnorm._BatchNorm) for m in plain.modules())
    assert sum(p.numel() for p in plain.parameters()) == 61_706
    assert sum(isinstance(m, nn.MaxPool2d) for m in model) == 2 and sum(isinstance(m, nn.ReLU) for m in model) == 4
    assert lenet_modern(num_classes=5, in_channels=3)(torch.zeros(2, 3, 28, 28)).shape == (2, 5)


def test_lenet_intermediate_shapes_match_the_docstring():
    x, shapes = torch.zeros(1, 1, 28, 28), []
    for layer in lenet_modern():
        x = layer(x) if not isinstance(layer, nn.BatchNorm1d) else x
        if isinstance(layer, (nn.MaxPool2d, nn.Flatten)):
            shapes.append(tuple(x.shape[1:]))
    assert shapes == [(6, 14, 14), (16, 5, 5), (400,)]


# ---------------------------------------------------------------------------- measuring

def test_accuracy_of_hand_made_logits():
    logits = torch.tensor([[2.0, 1.0], [0.0, 3.0], [5.0, -1.0], [0.1, 0.2]])
    assert train.accuracy(logits, torch.tensor([0, 1, 1, 0])) == 0.5


def test_evaluate_and_confusion_matrix_agree(digits):
    _, test = digits
    torch.manual_seed(0)
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))
    result = train.evaluate(model, test)
    X = test.dataset.images.float() / 255
    logits = model(X)
    assert result.count == 1_000
    assert result.accuracy == pytest.approx(train.accuracy(logits, test.dataset.labels))
    assert result.loss == pytest.approx(nn.functional.cross_entropy(logits, test.dataset.labels).item(), rel=1e-5)
    cm = train.confusion_matrix(model, test, num_classes=10)
    assert cm.shape == (10, 10) and cm.sum() == 1_000
    assert torch.equal(cm.sum(1), torch.full((10,), 100))                  # rows: true classes
    assert cm.trace().item() / 1_000 == pytest.approx(result.accuracy)
    ax = train.plot_confusion_matrix(cm, classes=[str(i) for i in range(10)])
    assert len(ax.texts) == 100
    plt.close("all")


def test_evaluate_restores_training_mode(digits):
    model = lenet_modern().train()
    train.evaluate(model, digits[1], max_examples=250)
    assert model.training


# ---------------------------------------------------------------------------- fitting

@needs_fashion_mnist
def test_fit_learns_fashion_mnist_in_quick_mode(monkeypatch, capsys, lang):
    lang("en")
    monkeypatch.setenv("CNNLAB_QUICK", "1")
    cnnlab.seed(0)
    tr, te = loaders("fashion-mnist", batch_size=64)
    history = cnnlab.fit(lenet_modern(), tr, te, epochs=10, lr=0.01, optimizer="adam", progress=False)
    out = capsys.readouterr()
    assert history.epoch == [1, 2] and history.quick                         # 10 asked, 2 in quick mode
    assert "quick mode: at most 2 epochs (asked for 10)" in out.out + out.err
    assert history.test_acc[-1] > 0.6                                        # chance is 0.10
    assert history.loss[1] < history.loss[0] < 2.3
    assert all(r > 0 for r in history.examples_per_s) and history.seconds[1] > history.seconds[0]
    assert "epoch 2/2  loss" in out.out + out.err                           # one line per epoch
    assert "History(2 epochs on cpu, quick mode: loss" in repr(history)
    rows = history.table().splitlines()
    assert len(rows) == 3 and rows[0].split()[:2] == ["epoch", "loss"]


def test_fit_is_reproducible_with_a_seed(digits):
    tr, te = digits
    runs = []
    for _ in range(2):
        cnnlab.seed(7)
        h = train.fit(lenet_modern(), tr, te, epochs=2, lr=0.01, optimizer="adam",
                      schedule="onecycle", quick=True, verbose=False)
        runs.append((h.loss, h.test_acc))
    assert runs[0] == runs[1]
    assert runs[0][1][-1] > 0.5


def test_fit_channels_last_changes_the_layout_not_the_training(digits):
    tr, te = digits
    runs = {}
    for layout in (False, True):
        cnnlab.seed(3)
        model = lenet_modern()
        h = train.fit(model, tr, te, epochs=2, lr=0.01, optimizer="adam", schedule="onecycle",
                      channels_last=layout, quick=True, verbose=False)
        runs[layout] = (h, model)
    plain, fast = runs[False][0], runs[True][0]
    assert fast.loss == pytest.approx(plain.loss, rel=1e-3)
    # float sums in another order: the same run up to rounding, amplified a little by training
    assert fast.test_acc[-1] == pytest.approx(plain.test_acc[-1], abs=0.01) and fast.test_acc[-1] > 0.5
    conv2 = [runs[layout][1][4] for layout in (False, True)]   # 6 → 16 channels (C1's 1 channel fits both)
    assert all(isinstance(c, nn.Conv2d) and c.in_channels == 6 for c in conv2)
    assert conv2[1].weight.is_contiguous(memory_format=torch.channels_last)
    assert not conv2[0].weight.is_contiguous(memory_format=torch.channels_last)


def test_fit_full_mode_uses_all_batches_and_a_ready_optimizer(digits):
    tr, _ = digits
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))
    h = train.fit(model, tr, None, epochs=1, optimizer=torch.optim.SGD(model.parameters(), lr=0.1),
                  quick=False, verbose=False)
    assert h.test_acc == [None] and h.train_acc[0] > 0.5
    assert round(h.examples_per_s[0] * 1) > 0 and "test acc -" in repr(h)
    with pytest.raises(ValueError, match="unknown optimizer"):
        train.fit(model, tr, None, optimizer="lion", verbose=False)


def test_device_is_the_cpu_here_and_says_so(capsys, lang):
    lang("en")
    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    assert cnnlab.device() == torch.device("cpu")
    n = torch.get_num_threads()
    assert f"using the CPU ({n} thread{'' if n == 1 else 's'})" in capsys.readouterr().out
    lang("zh")
    cnnlab.device()
    assert "使用 CPU" in capsys.readouterr().out
    assert 1 <= train.threads() <= torch.get_num_threads()


# ---------------------------------------------------------------------------- live plot

class FakeHandle:
    def __init__(self):
        self.updates = []

    def update(self, fig):
        self.updates.append(fig)


def test_notebook_live_plot_updates_one_figure_in_place(digits, monkeypatch):
    shown = []

    def display(fig, display_id=False):
        assert display_id is True
        shown.append(fig)
        return handle

    handle = FakeHandle()
    monkeypatch.setattr(liveplot, "in_notebook", lambda: True)
    monkeypatch.setattr("IPython.display.display", display)
    plt.close("all")
    tr, te = digits
    h = train.fit(nn.Sequential(nn.Flatten(), nn.Linear(784, 10)), tr, te, epochs=3, lr=0.1,
                  quick=False, progress=False)
    assert len(h.epoch) == 3
    assert len(shown) == 1 and handle.updates == [shown[0], shown[0]]    # one figure, updated twice
    loss_ax, acc_ax = shown[0].axes
    assert list(loss_ax.lines[0].get_xdata()) == [1, 2, 3] and len(acc_ax.lines) == 2
    assert plt.get_fignums() == []                                        # closed: no second copy


def test_text_live_plot_prints_one_line_per_epoch(lang):
    lang("zh")
    lines = []
    plot = liveplot.LivePlot(epochs=4, notebook=False, write=lines.append)
    h = train.History()
    h.add(epoch=1, loss=0.5, train_acc=0.8, test_acc=0.75, examples_per_s=1000.0, seconds=2.0)
    plot.update(h)
    plot.close()
    assert lines == ["第 1/4 轮  损失 0.5000  训练准确率 0.800  测试准确率 0.750  1,000 样本/秒  2.0 秒"]
    assert not liveplot.in_notebook()
