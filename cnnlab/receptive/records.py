"""The records a receptive-field analysis returns: one FieldRow per layer, and the table of them."""

from dataclasses import dataclass, field

from cnnlab.receptive.render import render_table

__all__ = ["FieldRow", "ReceptiveFields"]


@dataclass
class FieldRow:
    """One layer: its output size and receptive field (int, or (h, w) when they differ)."""
    name: str
    type: str
    output_size: object          # (h, w) of the feature map, or None after Flatten
    r: object                    # receptive field extent (first to last pixel that can matter)
    jump: object                 # effective stride
    start: object                # centre of the first unit's field
    call: int = 1                # 2 for a module's second use in forward (e.g. a shared ReLU)
    aligned: bool = True         # False when merged branches disagree
    note: str = ""


@dataclass
class ReceptiveFields:
    """The rows of :func:`~cnnlab.receptive.receptive_field`; prints as a table."""
    rows: list
    input_size: tuple
    notes: list = field(default_factory=list)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, key):
        """``fields[3]`` by position, or ``fields['features.0']`` by layer name (first call)."""
        if isinstance(key, str):
            for row in self.rows:
                if row.name == key:
                    return row
            raise KeyError(key)
        return self.rows[key]

    @property
    def final(self):
        """The last row that still has a spatial receptive field."""
        spatial = [row for row in self.rows if row.r is not None]
        return spatial[-1] if spatial else None

    def __str__(self):
        return render_table(self.rows)

    __repr__ = __str__
