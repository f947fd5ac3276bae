"""The receptive-field recurrence: one layer maps (r, jump, start) to the next, per axis."""

from dataclasses import dataclass

from cnnlab.i18n import say

__all__ = ["Field", "merge", "squeeze"]


@dataclass(frozen=True)
class Field:
    """The receptive field of one layer's units, per axis (h, w).

    ``r``: extent in input pixels (first to last pixel that can influence the
    unit; with dilation or stride > kernel some pixels inside it cannot — holes);
    ``jump``: input pixels between two neighbouring units; ``start``: centre of the first unit's field, in input coordinates.
    One layer (kernel k, dilation d → k_eff = d·(k−1)+1, stride s, padding p) maps
    r → r + (k_eff − 1)·jump,  jump → jump·s,  start → start + ((k_eff − 1)/2 − p)·jump.
    """
    r: tuple
    jump: tuple
    start: tuple

    @staticmethod
    def of_input():
        return Field(r=(1, 1), jump=(1, 1), start=(0.0, 0.0))

    # k_eff is geometry.effective_kernel written out: lesson 04 prints this method (show_source).
    def through(self, kernel, stride, padding, dilation):
        """The field after a layer with these (h, w) settings; padding is top/left."""
        r, jump, start = [], [], []
        for axis in range(2):
            k_eff = dilation[axis] * (kernel[axis] - 1) + 1
            r.append(self.r[axis] + (k_eff - 1) * self.jump[axis])
            jump.append(self.jump[axis] * stride[axis])
            start.append(self.start[axis] + ((k_eff - 1) / 2 - padding[axis]) * self.jump[axis])
        return Field(tuple(r), tuple(jump), tuple(start))


def squeeze(values):
    """(h, w) -> h when both agree; whole floats become ints; None stays None."""
    if values is None:
        return None
    values = tuple(int(v) if float(v).is_integer() else float(v) for v in values)
    return values[0] if values[0] == values[1] else values


def merge(fields):
    """Paths joined by an addition or concatenation: keep the largest field.

    Returns ``(field, aligned, note)``; ``aligned`` is False, with a note, when
    the paths disagree on ``jump`` or ``start``.
    """
    widest = max(fields, key=lambda f: f.r[0] * f.r[1])
    r = tuple(max(f.r[axis] for f in fields) for axis in range(2))
    aligned = all(f.jump == widest.jump and f.start == widest.start for f in fields)
    note = "" if aligned else say(
        zh="分支未对齐：各分支的等效步幅 {j} 或起点 {s} 不同；感受野 r 取最大值",
        en="branches are misaligned: their jumps {j} or starts {s} differ; r is the largest",
        j=[squeeze(f.jump) for f in fields], s=[squeeze(f.start) for f in fields])
    return Field(r, widest.jump, widest.start), aligned, note
