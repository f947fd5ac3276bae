"""The layer families of cnnlab.tracing name torch.nn's public classes, and together they still cover
every class of the private torch bases they replace (a new torch release that adds a layer fails here)."""

import inspect

import pytest
import torch
from torch import nn

from cnnlab import tracing

PRIVATE_BASES = {   # private torch base -> the public families that must cover its subclasses
    "conv._ConvNd": tracing.CONVS + tracing.TRANSPOSED_CONVS,
    "conv._ConvTransposeNd": tracing.TRANSPOSED_CONVS,
    "pooling._MaxPoolNd": tracing.MAX_POOLS,
    "pooling._AvgPoolNd": tracing.AVG_POOLS,
    "pooling._AdaptiveMaxPoolNd": tracing.ADAPTIVE_MAX_POOLS,
    "pooling._AdaptiveAvgPoolNd": tracing.ADAPTIVE_AVG_POOLS,
    "batchnorm._BatchNorm": tracing.BATCH_NORMS,
    "instancenorm._InstanceNorm": tracing.INSTANCE_NORMS,
    "dropout._DropoutNd": tracing.DROPOUTS,
}


def _private(path):
    module, name = path.split(".")
    base = getattr(getattr(nn.modules, module, None), name, None)
    if base is None:
        pytest.fail(f"torch.nn.modules.{path} is gone: nothing to compare the family with (update this test)")
    return base


@pytest.mark.parametrize("path", sorted(PRIVATE_BASES))
def test_every_public_subclass_of_the_private_base_is_in_its_family(path):
    base = _private(path)
    public = [cls for cls in vars(nn).values() if inspect.isclass(cls) and issubclass(cls, base) and cls is not base
              and not cls.__name__.startswith("_")]
    assert public, path
    missing = [cls.__name__ for cls in public if not issubclass(cls, PRIVATE_BASES[path])]
    assert missing == []


@pytest.mark.parametrize("family", ["CONVS", "TRANSPOSED_CONVS", "MAX_POOLS", "AVG_POOLS", "BATCH_NORMS", "DROPOUTS"])
def test_families_hold_only_public_torch_nn_classes(family):
    assert all(getattr(nn, cls.__name__) is cls for cls in getattr(tracing, family))


def test_a_new_layer_type_is_one_entry_in_each_rule_table(monkeypatch):
    """model_summary and archlabels look a layer's class up along its hierarchy: a subclass of a known
    layer gets its rule, and one table entry teaches both about a new type."""
    from cnnlab import model_summary
    from cnnlab.viz import archlabels

    class Wide(nn.Conv2d):
        pass

    layer = Wide(1, 2, 3)
    x = torch.zeros(1, 1, 5, 5)
    out = layer(x)                                                  # (1, 2, 3, 3): 18 outputs of 9 MACs each
    assert model_summary.layer_counts(layer, (x,), out) == (18 * 9, 18 * 9 + 18)
    assert archlabels.module_label(layer, (2, 3, 3))[0] == "conv"

    class Mystery(nn.Module):
        def forward(self, x):
            return x

    assert model_summary.layer_counts(Mystery(), (out,), out) == (0, 0)
    monkeypatch.setitem(model_summary.READS, Mystery, lambda module, inputs, output: 7)
    monkeypatch.setitem(archlabels.LABEL_RULES, Mystery, lambda module, shape: ("layer", "mystery"))
    assert model_summary.layer_counts(Mystery(), (out,), out) == (0, 7)
    assert archlabels.module_label(Mystery(), (2, 3, 3)) == ("layer", "mystery")
