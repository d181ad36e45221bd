"""The person's fixes to a number's grouping: strokes to keep together or apart. Pure: no Qt.

A click between two digits joins them; a click on a digit of several strokes splits it. The
fixes name strokes by index (writing order), so undoing a stroke drops the fixes naming it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from digitpad.core.numbers.stroke_boxes import Box, Pair, stroke_box


@dataclass
class GroupingFixes:
    """Pairs of stroke indices to keep in one digit (`joined`) or in two (`separated`)."""

    joined: list[Pair] = field(default_factory=list)
    separated: list[Pair] = field(default_factory=list)

    def join(self, a: int, b: int) -> None:
        pair = (min(a, b), max(a, b))
        self.separated = [p for p in self.separated if p != pair]
        self.joined.append(pair)

    def separate(self, a: int, b: int) -> None:
        pair = (min(a, b), max(a, b))
        self.joined = [p for p in self.joined if p != pair]
        self.separated.append(pair)

    def forget_from(self, count: int) -> None:
        """Drop the fixes naming a stroke at index `count` or later (undone, or cleared)."""
        self.joined = [p for p in self.joined if p[1] < count]
        self.separated = [p for p in self.separated if p[1] < count]

    def click(self, strokes, digits: list[tuple[tuple[int, ...], Box]], x: float, y: float, reach: float) -> str:
        """Apply the fix a click at (x, y) asks for; return what was done ("" for nothing).

        `digits`: per digit left to right, its stroke indices and box; a click within `reach`
        of a box is on that digit.
        """
        for indices, box in digits:
            if box.left - reach <= x <= box.right + reach and box.top - reach <= y <= box.bottom + reach:
                return self._split(strokes, indices)
        left = [d for d in digits if d[1].right < x]
        right = [d for d in digits if d[1].left > x]
        if not left or not right:
            return ""
        self.join(left[-1][0][0], right[0][0][0])
        return "Joined two digits into one."

    def _split(self, strokes, indices: tuple[int, ...]) -> str:
        if len(indices) < 2:
            return "That digit is one stroke: undo it (Ctrl+Z) to redraw it."
        by_x = sorted(indices, key=lambda i: stroke_box(strokes[i]).centre_x)
        self.separate(by_x[0], by_x[-1])
        return "Split a digit in two."
