"""Issue 22: the size of a student's environment, measured from the installed packages.

A student's venv holds cnnlab's runtime dependencies (pyproject.toml) and, recursively,
theirs. This script adds up the files each of those distributions installed (their
RECORD, as ``importlib.metadata`` lists them) in the environment running it, so it
needs no network and no second venv. Run it with the course's venv:

    .venv/bin/python benchmarks/venv_size.py                    # today's dependencies
    .venv/bin/python benchmarks/venv_size.py --plus mlxtend     # as if mlxtend were still one

It prints the total and the largest distributions. pip itself, cnnlab and the
test extra are not counted. Python's own standard library is not in a venv.
"""

import argparse
import importlib.metadata as metadata
import sys
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def closure(requirements):
    """Canonical names of ``requirements`` and of what they require, recursively (as installed)."""
    seen, todo = set(), [r for r in requirements if r.marker is None or r.marker.evaluate()]
    while todo:
        name = canonicalize_name(todo.pop().name)
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        todo += [r for r in map(Requirement, requires) if r.marker is None or r.marker.evaluate({"extra": ""})]
    return seen


def installed_bytes(name):
    """Bytes on disk of the files the distribution ``name`` installed (0 when it is not installed)."""
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return 0
    total = 0
    for file in dist.files or []:
        path = Path(dist.locate_file(file))
        if path.is_file():
            total += path.stat().st_size
    return total


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plus", nargs="*", default=[], help="extra requirements, e.g. mlxtend")
    args = parser.parse_args(argv)
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = closure([Requirement(text) for text in declared + args.plus]) - {"cnnlab"}
    sizes = sorted(((installed_bytes(name), name) for name in names), reverse=True)
    missing = [name for size, name in sizes if size == 0]
    total = sum(size for size, _ in sizes)
    print(f"{len(names)} distributions, {total / 2**20:,.0f} MiB"
          f" (torch {installed_bytes('torch') / 2**20:,.0f} MiB, the rest {(total - installed_bytes('torch')) / 2**20:,.0f} MiB)")
    for size, name in sizes[:12]:
        print(f"  {name:28} {size / 2**20:8,.1f} MiB")
    if missing:
        print("not installed here (not counted):", ", ".join(missing), file=sys.stderr)


if __name__ == "__main__":
    main()
