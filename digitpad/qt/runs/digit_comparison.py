"""Two runs side by side, digit by digit: each one's accuracy on MNIST test's 0s, 1s, ... 9s.

Shown when exactly two runs are selected; a run saved before its card kept per-digit accuracy
says so instead of showing nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from digitpad.core.runs.run_history import Run


class DigitComparison(QLabel):
    """A small table: a row per digit, a column per run, the better of the two in bold."""

    def __init__(self, parent=None):
        super().__init__(parent, objectName="digitComparison")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.hide()

    def show_runs(self, runs: list[Run]) -> None:
        if len(runs) != 2:
            self.hide()
            return
        self.setText(comparison_html(runs))
        self.show()


def per_digit(run: Run) -> list[float] | None:
    values = run.card.get("per_digit_accuracy")
    if isinstance(values, list) and len(values) == 10 and all(isinstance(v, int | float) for v in values):
        return [float(v) for v in values]
    return None


def comparison_html(runs: list[Run]) -> str:
    missing = [run.name for run in runs if per_digit(run) is None]
    if missing:
        return f"Per-digit accuracy was not recorded for {' and '.join(missing)} (trained before DigitPad kept it)."
    (a, b), header = (per_digit(run) for run in runs), "".join(f"<th>{run.name}</th>" for run in runs)
    rows = "".join(f"<tr><td>{digit}</td>{_cell(x, x > y)}{_cell(y, y > x)}</tr>"
                   for digit, (x, y) in enumerate(zip(a, b)))
    return f"<table cellspacing='0' cellpadding='2'><tr><th>digit</th>{header}</tr>{rows}</table>"


def _cell(value: float, better: bool) -> str:
    text = f"{value:.2%}"
    return f"<td align='right'>{'<b>' + text + '</b>' if better else text}</td>"
