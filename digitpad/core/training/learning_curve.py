"""The seed's learning-curve plot (training and validation accuracy per epoch) as a PNG.

Pure: matplotlib's Agg backend needs no display. `train_model.py` has it drawn by a process of
its own (`CurveDrawer`), which loads matplotlib while the training process loads TensorFlow and
draws as the last epoch ends.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

from digitpad.core.atomic_files import write_bytes_atomically

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DRAWING_TIMEOUT_S = 60  # matplotlib's first start on a machine builds its font cache: seconds, not minutes
PACKAGE_ROOT = Path(__file__).resolve().parents[3]  # the folder that holds `digitpad`, for `python -m`


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


def warm_up() -> None:
    """Draw a curve and throw it away: matplotlib's import and first fonts (0.3 s), paid before a run ends."""
    learning_curve_png({"accuracy": [0.9, 0.95], "val_accuracy": [0.92, 0.96]}, "warming up")


class CurveDrawer:
    """A process of its own that loads matplotlib at once and draws a run's curve as its last epoch ends.

    `train_model.py` starts it before importing TensorFlow: matplotlib's 0.3 s then pass on the
    other core, and the training process never imports it (`training_stack` keeps Keras from
    loading it). It hears each epoch's accuracies; after the last, it draws while the run
    calibrates and saves. If the process fails, the curve is drawn here instead.
    """

    def __init__(self, title: str, epochs: int):
        self.title = title
        self.sent: dict[str, list[float]] = {"accuracy": [], "val_accuracy": []}
        try:
            self._process: subprocess.Popen | None = subprocess.Popen(
                [sys.executable, "-m", __name__], cwd=PACKAGE_ROOT,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            )
        except OSError:  # no process to be had (a limit on processes, no interpreter path): drawn here
            self._process = None
        self._send({"title": title, "epochs": epochs})

    def epoch_ended(self, metrics: dict[str, float]) -> None:
        """Hand the process an epoch's training and validation accuracy."""
        epoch = {key: float(metrics[key]) for key in self.sent}
        for key, value in epoch.items():
            self.sent[key].append(value)
        self._send(epoch)

    def png(self, history: dict[str, list[float]]) -> bytes:
        """The run's curve as `learning_curve_png(history, title)` draws it; the process ends with it."""
        drawn = self._drawn()
        heard_every_epoch = all(list(history.get(key, [])) == values for key, values in self.sent.items())
        if heard_every_epoch and drawn.startswith(PNG_SIGNATURE):
            return drawn
        return learning_curve_png(history, self.title)

    def _drawn(self) -> bytes:
        """What the process wrote, once it ended well; nothing if it failed or never started."""
        if self._process is None:
            return b""
        try:
            drawn, _ = self._process.communicate(timeout=DRAWING_TIMEOUT_S)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            drawn = b""
        self.close()
        return drawn if self._process.returncode == 0 else b""

    def close(self) -> None:
        """End the process (a run that failed asks for no curve); nothing is left running."""
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for stream in (self._process.stdin, self._process.stdout):
            if not stream.closed:
                stream.close()

    def _send(self, message: dict) -> None:
        if self._process is None:
            return
        try:
            self._process.stdin.write(json.dumps(message).encode() + b"\n")
            self._process.stdin.flush()
        except (OSError, ValueError):  # the process died: png() draws here
            pass

    def __enter__(self) -> CurveDrawer:
        return self

    def __exit__(self, *exception) -> None:
        self.close()


def _draw_the_curve_asked_for() -> None:
    """The drawing process: matplotlib warmed up; then a title and epoch count, one line per epoch, the PNG out."""
    warm_up()
    lines = iter(sys.stdin.buffer.readline, b"")
    asked = json.loads(next(lines, b"{}") or b"{}")
    history: dict[str, list[float]] = {"accuracy": [], "val_accuracy": []}
    for line in itertools.islice(lines, asked.get("epochs", 0)):
        for key, value in json.loads(line).items():
            history[key].append(value)
    if asked and len(history["accuracy"]) == asked["epochs"]:  # fewer: the run failed and wants no curve
        sys.stdout.buffer.write(learning_curve_png(history, asked["title"]))
        sys.stdout.flush()
    os._exit(0)  # the trainer waits for this process to end: without tearing matplotlib down, 0.1 s sooner


if __name__ == "__main__":
    _draw_the_curve_asked_for()
