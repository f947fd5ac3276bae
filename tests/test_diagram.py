"""Architecture diagrams: the boxes, arrows and numbers come from the module itself.

The boxes are checked against what the model contains (its leaf modules) and
against cnnlab.summary (shapes, parameters, one row per layer call); branches
against the blocks' own submodules; the picture for its language, its font and
its size."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import FancyBboxPatch  # noqa: E402
from torch import nn  # noqa: E402

import cnnlab  # noqa: E402
from cnnlab import models  # noqa: E402
from cnnlab.viz import diagram, diagramlayout  # noqa: E402
from cnnlab.viz.archgraph import architecture_graph  # noqa: E402
from tests.helpers import missing_glyphs  # noqa: E402

MNIST = (1, 28, 28)
SMALL_RGB = (3, 32, 32)     # the ImageNet models at 32×32: same layers and parameters, fast
SMALL_MODELS = {
    "lenet5": (models.lenet5, (1, 32, 32)),
    "vgg_small": (models.vgg_small, MNIST),
    "nin_small": (models.nin_small, MNIST),
    "googlenet_small": (models.googlenet_small, MNIST),
    "resnet_small": (models.resnet_small, MNIST),
    "plain_small": (models.plain_small, MNIST),
}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def leaves(model):
    return {name for name, m in model.named_modules() if not any(m.children())}


def layer_boxes(graph):
    return [n for n in graph.nodes if n.source == "module"]


# ----------------------------------------------------------------------------
# the boxes are the module's layers, with summary's numbers
# ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", SMALL_MODELS)
def test_one_box_per_leaf_module_with_summarys_shapes_and_params(name):
    build, shape = SMALL_MODELS[name]
    model = build()
    graph = architecture_graph(model, shape)
    boxes = layer_boxes(graph)
    assert {n.name for n in boxes} == leaves(model)
    rows = cnnlab.summary(model, shape).rows          # one row per layer call, in forward order
    assert [(n.name, n.call, n.output_shape, n.params) for n in boxes] == \
        [(r.name, r.call, r.output_shape[1:], r.params) for r in rows]
    assert sum(n.params for n in graph.nodes) == graph.total_params == \
        sum(p.numel() for p in model.parameters())
    assert graph.nodes[0].kind == "input" and graph.nodes[0].output_shape == shape


def test_lenet5_boxes_are_lecuns_layers():
    graph = architecture_graph(models.lenet5(), (1, 32, 32), fuse=True)
    named = [n for n in graph.nodes if n.name in ("c1", "s2", "c3", "s4", "c5", "f6", "output")]
    shown = [(diagramlayout._shown_name(n.name), diagramlayout.shape_text(n.output_shape), n.params)
             for n in named]
    assert shown == [
        ("C1", "6@28×28", 156), ("S2", "6@14×14", 12), ("C3", "16@10×10", 1516),
        ("S4", "16@5×5", 32), ("C5", "120@1×1", 48120), ("F6", "84", 10164), ("output", "10", 0)]
    # the squashing function is applied after c1 … f6: six calls of one shared module
    assert sum(n.fused.count("squash") for n in graph.nodes) == 6
    plain = architecture_graph(models.lenet5(), (1, 32, 32))
    assert [n.call for n in plain.nodes if n.name == "squash"] == [1, 2, 3, 4, 5, 6]


def test_every_box_is_connected_in_forward_order():
    graph = architecture_graph(models.resnet_small(), MNIST)
    ids = [n.id for n in graph.nodes]
    assert all(a in ids and b in ids and a < b for a, b in graph.edges)
    targets = {b for _, b in graph.edges}
    assert set(ids[1:]) <= targets                     # every box but the input has an arrow in
    sources = {a for a, _ in graph.edges}
    assert set(ids[:-1]) <= sources                    # every box but the last has an arrow out


# ----------------------------------------------------------------------------
# branches
# ----------------------------------------------------------------------------
def test_inception_block_has_its_four_branches_side_by_side():
    model = models.googlenet_small()
    graph = architecture_graph(model, MNIST, block="inception3a")
    (block,) = graph.branches
    assert len(block.paths) == len([m for m in ("branch1", "branch2", "branch3", "branch4")
                                    if hasattr(model.inception3a, m)]) == 4
    nodes = {n.id: n for n in graph.nodes}
    for k, path in enumerate(block.paths):
        names = {nodes[i].name for i in path if nodes[i].source == "module"}
        assert names == {f"inception3a.branch{k + 1}.{n}"
                         for n in leaves(getattr(model.inception3a, f"branch{k + 1}"))
                         } == {f"inception3a.{n}" for n in leaves(model.inception3a)
                               if n.startswith(f"branch{k + 1}.")}
        assert all(nodes[i].branch == (k,) for i in path)
    merge = nodes[block.merge]
    assert merge.kind == "concat" and merge.branch == ()
    channels = [nodes[path[-1]].output_shape[0] for path in block.paths]
    assert merge.output_shape[0] == sum(channels) == model.inception3a(
        cnnlab.receptive.example_input(model, (1, 32, 14, 14))).shape[1]
    assert {(block.source, p[0]) for p in block.paths} <= set(graph.edges)
    assert {(p[-1], block.merge) for p in block.paths} <= set(graph.edges)


def test_residual_blocks_have_two_paths_identity_or_projection():
    model = models.resnet_small(depth=14)
    graph = architecture_graph(model, MNIST)
    blocks = [m for m in model.modules() if isinstance(m, models.resnet.BasicBlock)]
    assert len(graph.branches) == len(blocks) == 6
    nodes = {n.id: n for n in graph.nodes}
    for found, block in zip(graph.branches, blocks):
        main, shortcut = found.paths
        assert len(found.paths) == 2 and nodes[found.merge].kind == "add"
        assert (shortcut == []) == (block.downsample is None)
        if shortcut:                                   # projection: 1×1 conv + BN
            assert [nodes[i].type for i in shortcut] == ["Conv2d", "BatchNorm2d"]
            assert all(".downsample." in nodes[i].name for i in shortcut)
        else:                                          # identity: an arrow straight into the add
            assert (found.source, found.merge) in graph.edges
        assert [nodes[i].type for i in main] == ["Conv2d", "BatchNorm2d", "ReLU", "Conv2d", "BatchNorm2d"]


def test_a_plain_network_has_no_branches():
    assert architecture_graph(models.plain_small(depth=14), MNIST).branches == []


# ----------------------------------------------------------------------------
# collapse, fuse, depth
# ----------------------------------------------------------------------------
def test_identical_blocks_collapse_with_their_count():
    model = models.resnet_small(depth=20)               # three stages of n = 3 blocks
    full = architecture_graph(model, MNIST)
    graph = architecture_graph(model, MNIST, collapse=True)
    # stage 1: all three blocks alike; stages 2 and 3: the first has a projection, then 2 alike
    assert [r.times for r in graph.repeats] == [3, 2, 2]
    assert full.repeats == [] and all(n.repeat == 1 for n in full.nodes)
    shown = {n.name for n in graph.nodes}
    assert "layer1.0.conv1" in shown and "layer1.1.conv1" not in shown and "layer1.2.conv1" not in shown
    assert "layer2.0.conv1" in shown and "layer2.1.conv1" in shown and "layer2.2.conv1" not in shown
    assert graph.node("layer1.0.conv1").repeat == 3 and graph.node("layer2.0.conv1").repeat == 1
    assert graph.node("layer2.1.conv2").repeat == 2
    hidden = len(full.nodes) - len(graph.nodes)
    per_block = len([n for n in full.nodes if n.name.startswith("layer1.1.")])
    assert hidden == per_block * (2 + 1 + 1)


def test_vgg16_stages_collapse_repeated_convolutions():
    graph = architecture_graph(models.vgg16(), SMALL_RGB, collapse=True, fuse=True)
    assert [r.times for r in graph.repeats] == [2, 2, 3]
    convs = [n for n in graph.nodes if n.kind == "conv"]
    assert sum(n.repeat for n in convs) == 13          # VGG-16: 13 convolutions + 3 linear
    assert sum(n.repeat for n in graph.nodes if n.kind == "linear") == 3
    assert sum(n.params * n.repeat for n in graph.nodes) == 138_357_544


def test_resnet_stages_collapse_to_the_first_block_and_the_identical_rest():
    model = models.resnet34()                           # BasicBlocks × [3, 4, 6, 3]
    graph = architecture_graph(model, SMALL_RGB, depth=2, collapse=True)
    # layer1 keeps 64 channels (no projection): 3 alike; layers 2–4: a projection block, then alike
    assert [r.times for r in graph.repeats] == [3, 3, 5, 2]
    assert [n.name for n in graph.nodes if n.kind == "block"] == [
        "layer1.0", "layer2.0", "layer2.1", "layer3.0", "layer3.1", "layer4.0", "layer4.1"]
    assert sum(n.params * n.repeat for n in graph.nodes) == sum(p.numel() for p in model.parameters())


def test_fuse_folds_norm_and_activation_into_the_box_above(lang):
    lang("en")
    model = models.googlenet_small()
    graph = architecture_graph(model, MNIST, block="inception3a", fuse=True)
    assert [n.kind for n in graph.nodes].count("norm") == 0
    first = graph.node("inception3a.branch1.conv")
    assert first.label == "conv 1×1 + BN + ReLU" and first.fused == [
        "inception3a.branch1.bn", "inception3a.branch1.relu"]
    assert first.params == sum(p.numel() for p in model.inception3a.branch1.parameters())
    assert sum(n.params for n in graph.nodes) == sum(p.numel() for p in model.inception3a.parameters())


def test_depth_draws_blocks_as_single_boxes():
    model = models.googlenet_small()
    graph = architecture_graph(model, MNIST, depth=1)
    assert [n.name for n in graph.nodes if n.kind == "block"] == [
        "conv1", "inception3a", "inception4a", "inception4b"]
    assert graph.node("inception4a").params == sum(p.numel() for p in model.inception4a.parameters())
    assert graph.node("inception4b").output_shape == (160, 7, 7)


def test_a_sub_block_gets_the_input_it_has_inside_the_model():
    model = models.vgg16()
    graph = architecture_graph(model, SMALL_RGB, block="features.5")
    assert graph.input_shape == (64, 16, 16)
    assert [n.name for n in layer_boxes(graph)] == ["features.5"]
    conv = architecture_graph(nn.Conv2d(3, 8, 3), (3, 10, 10))
    assert [(n.name, n.output_shape, n.params) for n in layer_boxes(conv)] == [("Conv2d", (8, 8, 8), 224)]
    nin = architecture_graph(models.nin(), (3, 96, 96), block="features.0")
    assert [n.type for n in layer_boxes(nin)] == ["Conv2d", "ReLU"] * 3
    assert nin.nodes[-1].output_shape == (96, 22, 22)          # (96 − 11)/4 + 1


# ----------------------------------------------------------------------------
# language, font, size
# ----------------------------------------------------------------------------
def texts(fig):
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]


@pytest.mark.parametrize("language, words", [
    ("zh", ["输入", "卷积 3×3", "拼接", "最大池化 3×3", "批量归一化", "输出 ", "参数 "]),
    ("en", ["input", "conv 3×3", "concat", "max pool 3×3", "batch norm", "out ", "params "]),
])
def test_labels_in_the_lesson_language(lang, language, words):
    lang(language)
    fig = cnnlab.draw_architecture(models.googlenet_small(), MNIST, block="inception3a")
    shown = "\n".join(texts(fig))
    assert all(word in shown for word in words), shown
    other = "卷积" if language == "en" else "conv"
    assert other not in shown


def test_residual_labels_in_both_languages(lang):
    lang("zh")
    zh = "\n".join(texts(cnnlab.draw_architecture(models.resnet_small(), MNIST, block="layer1.0")))
    lang("en")
    en = "\n".join(texts(cnnlab.draw_architecture(models.resnet_small(), MNIST, block="layer1.0")))
    assert "相加" in zh and "恒等捷径" in zh and "add" in en and "identity shortcut" in en
    lang("zh")
    graph = architecture_graph(models.vgg_small(), MNIST)
    assert {"全连接", "展平"} <= {n.label for n in graph.nodes}


def test_chinese_diagram_has_no_missing_glyphs(lang):
    lang("zh")
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        fig = cnnlab.draw_architecture(models.lenet5(), (1, 32, 32), fuse=True, names=True,
                                       collapse=True, title="LeNet-5（1998）")
        assert any("卷积" in t for t in texts(fig))
        assert missing_glyphs(fig) == []
        # the negative control: the same text with DejaVu Sans alone does miss glyphs
        for text in fig.findobj(matplotlib.text.Text):
            text.set_family("DejaVu Sans")
        assert missing_glyphs(fig)


def test_readable_at_notebook_width():
    fig = cnnlab.draw_architecture(models.googlenet(), SMALL_RGB, block="inception3a", fuse=True)
    width, height = fig.get_size_inches()
    assert 8 <= width <= 10 and height < width
    assert min(t.get_fontsize() for t in fig.findobj(matplotlib.text.Text) if t.get_text()) >= 8
    graph = architecture_graph(models.googlenet(), SMALL_RGB, block="inception3a", fuse=True)
    boxes = [p for p in fig.axes[0].patches if isinstance(p, FancyBboxPatch)]
    assert len(boxes) == len(graph.nodes)
    narrow = cnnlab.draw_architecture(models.lenet5(), (1, 32, 32))
    assert narrow.get_size_inches()[0] <= 10


def test_collapsed_blocks_are_drawn_once_with_their_count():
    fig = cnnlab.draw_architecture(models.resnet_small(depth=20), MNIST, collapse=True, fuse=True)
    assert [t for t in texts(fig) if t.startswith("×")] == ["×3", "×2", "×2"]


# ----------------------------------------------------------------------------
# bad arguments
# ----------------------------------------------------------------------------
@pytest.mark.parametrize("language, words", [("en", "nn.Module"), ("zh", "需要一个 nn.Module")])
def test_not_a_module_is_a_clear_error(lang, language, words):
    lang(language)
    with pytest.raises(TypeError, match=words):
        cnnlab.draw_architecture("lenet5", (1, 32, 32))


@pytest.mark.parametrize("shape", [(1, -28, 28), (1, 28.0, 28), "1x28x28", (1, 2, 3, 4, 5), (True, 28, 28)])
def test_a_malformed_input_shape_is_a_clear_error(lang, shape):
    lang("en")
    with pytest.raises(ValueError, match=r"input_shape must be the shape of one input"):
        architecture_graph(models.lenet5(), shape)
    lang("zh")
    with pytest.raises(ValueError, match="input_shape 应是一张输入的形状"):
        architecture_graph(models.lenet5(), shape)


def test_an_input_shape_the_model_cannot_take_is_a_clear_error(lang, capsys):
    lang("en")
    with pytest.raises(ValueError, match=r"LeNet5 cannot run on an input of shape \(1, 1, 28, 28\)"):
        architecture_graph(models.lenet5(), MNIST)       # LeNet-5 needs 32×32
    assert capsys.readouterr() == ("", "")              # no traceback printed on the way
    lang("zh")
    with pytest.raises(ValueError, match="不能处理形状为"):
        architecture_graph(models.vgg_small(), (3, 28, 28))


def test_an_unknown_block_is_a_clear_error(lang):
    lang("en")
    with pytest.raises(ValueError, match="no submodule 'inception9z'.*inception3a"):
        architecture_graph(models.googlenet_small(), MNIST, block="inception9z")
    with pytest.raises(ValueError, match="depth must be"):
        architecture_graph(models.googlenet_small(), MNIST, depth=0)


def test_a_model_that_does_not_trace_is_a_clear_error(lang):
    class DataDependent(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(1, 1, 3)

        def forward(self, x):
            return self.conv(x) if x.sum() > 0 else -x

    lang("en")
    with pytest.raises(TypeError, match="could not trace the forward of DataDependent"):
        architecture_graph(DataDependent(), (1, 4, 4))


def test_the_module_is_left_as_it_was():
    model = models.resnet_small()
    model.train()
    architecture_graph(model, MNIST, block="layer2.0")
    assert model.training and all(m.training for m in model.modules())
    assert not any(m._forward_hooks or m._forward_pre_hooks for m in model.modules())


def test_a_long_chain_is_cut_into_columns_never_inside_a_block():
    graph = architecture_graph(models.resnet_small(depth=20), MNIST, collapse=True, fuse=True)
    layout = diagramlayout.Layout(graph)
    one_column = diagramlayout.Layout(graph, columns=1)
    assert layout.columns == 2 and one_column.columns == 1
    assert layout.height < 0.7 * one_column.height
    for block in graph.branches:                      # a block and its shortcut stay in one column
        inside = [i for path in block.paths for i in path] + [block.merge]
        assert {layout.column[i] for i in inside} == {layout.column[block.merge]}
        if [] in block.paths:
            assert layout.column[block.source] == layout.column[block.merge]
    crossing = [(a, b) for a, b in graph.edges if layout.column[a] != layout.column[b]]
    assert len(crossing) == 2                         # into the projection block's two paths
    fig = diagram.draw_graph(graph)
    width, height = fig.get_size_inches()
    assert width <= 10 and height <= 11


def test_vgg16_fits_a_notebook_page():
    fig = cnnlab.draw_architecture(models.vgg16(), SMALL_RGB, collapse=True, fuse=True)
    width, height = fig.get_size_inches()
    assert 8 <= width <= 10 and height <= 9


def test_the_graph_prints_as_a_table(lang):
    lang("en")
    graph = architecture_graph(models.resnet_small(), MNIST, block="layer2", fuse=True)
    lines = str(graph).splitlines()
    assert len(lines) == len(graph.nodes) + 3
    assert lines[0].split() == ["id", "name", "label", "output", "params", "branch", "×N"]
    row = next(line for line in lines if "layer2.0.downsample.0" in line)
    assert "conv 1×1 /2 + BN" in row and "32×7×7" in row and "576" in row and row.split()[-1] == "1"
    assert lines[-1] == "5 arrows; 1 blocks of branches; 0 repeated blocks"


def test_the_diagram_shows_forward_as_in_eval_mode():
    model = models.googlenet(aux_logits=True)          # auxiliary heads run in training only
    model.train()
    graph = architecture_graph(model, (3, 64, 64), depth=1)
    assert not any(n.name.startswith("aux") for n in graph.nodes) and graph.branches == []
    assert graph.nodes[-1].name == "fc" and model.training and model.aux1.training


def overflowing(fig):
    """The lines of text that stick out of their box (measured with the Agg renderer)."""
    renderer = fig.canvas.get_renderer()
    boxes = [p.get_window_extent(renderer) for p in fig.axes[0].patches
             if isinstance(p, FancyBboxPatch)]
    lines = [t for t in fig.axes[0].texts if t.get_zorder() == 4]          # the lines in boxes
    assert len(lines) >= 2 * len(boxes)
    out = []
    for text in lines:
        extent = text.get_window_extent(renderer)
        centre = ((extent.x0 + extent.x1) / 2, (extent.y0 + extent.y1) / 2)
        (box,) = [b for b in boxes if b.contains(*centre)]
        if not box.x0 < extent.x0 < extent.x1 < box.x1:
            out.append(text.get_text())
    return out


def long_labels():
    return nn.Sequential(nn.ConvTranspose2d(3, 8, 4, stride=2), nn.BatchNorm2d(8), nn.ReLU(),
                         nn.AdaptiveMaxPool2d(3), nn.Dropout(0.25))


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("build, shape, options", [
    (models.vgg16, SMALL_RGB, dict(collapse=True, fuse=True)),
    (models.lenet5, (1, 32, 32), dict(fuse=True, names=True)),
    (models.googlenet, SMALL_RGB, dict(depth=1)),
    (long_labels, (3, 8, 8), dict(fuse=True)),
])
def test_every_line_fits_inside_its_box(lang, language, build, shape, options):
    lang(language)
    assert overflowing(cnnlab.draw_architecture(build(), shape, **options)) == []


def test_boxes_of_the_default_width_would_be_too_narrow_for_long_labels(lang, monkeypatch):
    lang("en")
    monkeypatch.setattr(diagramlayout, "box_width", lambda graph, names=False: diagramlayout.BOX_W)
    assert overflowing(cnnlab.draw_architecture(long_labels(), (3, 8, 8), fuse=True)) == [
        "transposed conv 4×4 /2 + BN + ReLU", "adaptive max pool + dropout p=0.25"]


def test_a_block_passed_directly_draws_the_same_boxes():
    model = models.googlenet_small()
    inside = architecture_graph(model, MNIST, block="inception3a", fuse=True)
    alone = architecture_graph(model.inception3a, (32, 14, 14), fuse=True)
    assert [(n.label, n.output_shape, n.params) for n in alone.nodes] == \
        [(n.label, n.output_shape, n.params) for n in inside.nodes]
    assert [n.name for n in alone.nodes[1:]] == [n.name.removeprefix("inception3a.") for n in inside.nodes[1:]]
    assert alone.edges == inside.edges
