"""Values that cross between the student's kernel and the trusted grader: data only, as JSON text.

Only these kinds cross, in either direction (anything else is refused with ``NotData``)::

    None, bool, int, float, str             JSON itself (NaN and ±inf as JSON's NaN/Infinity)
    complex                                 {"complex": [re, im]}
    bytes                                   {"bytes": base64}
    list / tuple / dict                     [...] / {"tuple": [...]} / {"dict": [[key, value], ...]}
    NumPy arrays and scalars                {"ndarray": dtype, "shape": [...], "data": base64}
                                            {"npscalar": dtype, "data": base64}
    torch tensors                           {"tensor": dtype, "shape": [...], "data": base64}

Arrays travel as their raw bytes (exact, no rounding) with a dtype that must be a
number or boolean kind (never ``object``); a decoded value is always a fresh object
of a NumPy/torch/builtin class, never one of the sender's classes, and no pickle is
involved. Sizes and nesting depth are capped.
"""

import base64
import json
import math

MAX_DEPTH = 20
MAX_ITEMS = 10_000_000      # elements of all arrays in one message
_KINDS = "biufc"           # NumPy dtype kinds that may cross (bool, int, uint, float, complex)


class NotData(TypeError):
    """The value holds something that is not plain data (the message names its type)."""


def _b64(raw):
    return base64.b64encode(raw).decode("ascii")


def _torch():
    import sys
    return sys.modules.get("torch")


def to_data(value, depth=0):
    """``value`` as JSON-compatible data (see the module docstring); NotData otherwise."""
    import numpy as np
    if depth > MAX_DEPTH:
        raise NotData("nested too deeply")
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is float:
        return value
    if kind is complex:
        return {"complex": [value.real, value.imag]}
    if kind is bytes:
        return {"bytes": _b64(value)}
    if kind is list:
        return [to_data(item, depth + 1) for item in value]
    if kind is tuple:
        return {"tuple": [to_data(item, depth + 1) for item in value]}
    if kind is dict:
        return {"dict": [[to_data(k, depth + 1), to_data(v, depth + 1)] for k, v in value.items()]}
    if kind is np.ndarray:
        if value.dtype.kind not in _KINDS:
            raise NotData(f"a NumPy array of dtype {value.dtype}")
        array = np.ascontiguousarray(value)
        return {"ndarray": array.dtype.str, "shape": list(array.shape), "data": _b64(array.tobytes())}
    if isinstance(value, np.generic) and type(value).__module__ == "numpy":
        if value.dtype.kind not in _KINDS:
            raise NotData(f"a NumPy scalar of dtype {value.dtype}")
        return {"npscalar": value.dtype.str, "data": _b64(value.tobytes())}
    torch = _torch()
    if torch is not None and kind in (torch.Tensor, torch.nn.Parameter):
        tensor = value.detach().cpu().contiguous()
        name = str(tensor.dtype).replace("torch.", "")
        if tensor.dtype in (torch.bfloat16,):
            tensor = tensor.float()
        array = tensor.resolve_conj().resolve_neg().numpy()
        return {"tensor": name, "shape": list(array.shape), "data": _b64(array.tobytes()), "as": array.dtype.str}
    raise NotData(f"a {_type_name(value)}")


def _type_name(value):
    kind = type(value)
    module = getattr(kind, "__module__", "") or ""
    name = getattr(kind, "__qualname__", kind.__name__)
    return name if module in ("builtins", "__main__", "") else f"{module}.{name}"


def dumps(value):
    return json.dumps(to_data(value), allow_nan=True, separators=(",", ":"))


def from_data(data, depth=0, budget=None):
    """The value ``to_data`` described: fresh builtin/NumPy/torch objects; ValueError if malformed."""
    import numpy as np
    budget = budget if budget is not None else [MAX_ITEMS]
    if depth > MAX_DEPTH:
        raise ValueError("nested too deeply")
    if data is None or type(data) in (bool, int, float, str):
        return data
    if type(data) is list:
        return [from_data(item, depth + 1, budget) for item in data]
    if type(data) is not dict or len(data) == 0:
        raise ValueError(f"unexpected {type(data).__name__}")
    if "complex" in data:
        re_, im = data["complex"]
        return complex(float(re_), float(im))
    if "bytes" in data:
        return base64.b64decode(data["bytes"])
    if "tuple" in data:
        return tuple(from_data(item, depth + 1, budget) for item in data["tuple"])
    if "dict" in data:
        return {_key(from_data(k, depth + 1, budget)): from_data(v, depth + 1, budget) for k, v in data["dict"]}
    if "npscalar" in data:
        dtype = _dtype(data["npscalar"])
        return np.frombuffer(base64.b64decode(data["data"]), dtype=dtype, count=1)[0].copy()
    if "ndarray" in data or "tensor" in data:
        dtype = _dtype(data.get("as") or data["ndarray"])
        shape = tuple(int(n) for n in data["shape"])
        if any(n < 0 for n in shape):
            raise ValueError("negative dimension")
        count = math.prod(shape)
        budget[0] -= count
        if budget[0] < 0:
            raise ValueError("too many numbers")
        raw = base64.b64decode(data["data"])
        if len(raw) != count * dtype.itemsize:
            raise ValueError("array data does not match its shape")
        array = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
        if "ndarray" in data:
            return array
        import torch
        tensor = torch.from_numpy(array)
        wanted = getattr(torch, str(data["tensor"]), None)
        if isinstance(wanted, torch.dtype) and wanted != tensor.dtype:
            tensor = tensor.to(wanted)
        return tensor
    raise ValueError(f"unknown tag {sorted(data)[:1]}")


def _key(key):
    if isinstance(key, (list, dict)):
        raise ValueError("an unhashable dictionary key")
    return key


def _dtype(text):
    import numpy as np
    dtype = np.dtype(str(text))
    if dtype.kind not in _KINDS or dtype.hasobject:
        raise ValueError(f"dtype {dtype} may not cross")
    return dtype


def loads(text):
    return from_data(json.loads(text))
