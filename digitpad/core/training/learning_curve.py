"""The seed's learning-curve plot (training and validation accuracy per epoch) as a PNG.

Pure: matplotlib's Agg backend needs no display.
"""

from __future__ import annotations

import io
import os

from digitpad.core.atomic_files import write_bytes_atomically


def save_learning_curve(history: dict[str, list[float]], path: str | os.PathLike, title: str = "") -> None:
    """Plot accuracy and val_accuracy per epoch into a PNG file, written atomically."""
    write_bytes_atomically(path, learning_curve_png(history, title))


def learning_curve_png(history: dict[str, list[float]], title: str = "") -> bytes:
    """Accuracy and val_accuracy per epoch, plotted as the bytes of a PNG file."""
    buffer = io.BytesIO()
    learning_curve_figure(history, title).savefig(buffer, format="png")
    return buffer.getvalue()


def learning_curve_figure(history: dict[str, list[float]], title: str = ""):
    """The matplotlib Figure of learning_curve_png."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(6, 4), dpi=100)
    axes = figure.add_subplot()
    for key, label in (("accuracy", "training"), ("val_accuracy", "validation")):
        values = history.get(key, [])
        axes.plot(range(1, len(values) + 1), values, marker="o", label=label)
    axes.set_xlabel("epoch")
    # Epochs are whole: no "2.5". A range of at least one epoch, or one point gets ticks of 0.2.
    epochs = max((len(values) for values in history.values()), default=0)
    axes.set_xlim(0.5, max(epochs, 1) + 0.5)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
    axes.set_ylabel("accuracy")
    axes.set_title(title or "Learning curve")
    axes.grid(alpha=0.3)
    axes.legend(loc="lower right")
    figure.tight_layout()
    return figure
