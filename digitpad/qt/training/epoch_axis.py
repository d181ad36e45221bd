"""An x axis for epochs: ticks on whole epochs only, never 0.2, 0.4..."""

from __future__ import annotations

import pyqtgraph as pg


class EpochAxis(pg.AxisItem):
    """pyqtgraph's axis, with every tick level spaced by a whole number of epochs."""

    def __init__(self, orientation: str = "bottom", **kwargs):
        super().__init__(orientation, **kwargs)

    def tickSpacing(self, minVal: float, maxVal: float, size: float):  # noqa: N802 (pyqtgraph's name)
        """pyqtgraph's spacings without the fractional ones; one tick per epoch when all were fractional."""
        whole = [(spacing, offset) for spacing, offset in super().tickSpacing(minVal, maxVal, size) if spacing >= 1]
        return whole or [(1.0, 0.0)]

    def tickValues(self, minVal: float, maxVal: float, size: float):  # noqa: N802
        """The ticks drawn; a whole spacing can still start between epochs, so keep only whole values."""
        levels = super().tickValues(minVal, maxVal, size)
        return [(spacing, [value for value in values if float(value).is_integer()]) for spacing, values in levels]

