"""What a change of model means for accuracy, in one sentence for the status bar. Pure: no Qt."""

from __future__ import annotations

from pathlib import Path

from digitpad.core.runs.model_files import read_card


def recorded_test_accuracy(model_path: str | Path) -> float | None:
    """The MNIST test accuracy on the model's card, or None when it has none."""
    value = (read_card(model_path) or {}).get("test_accuracy")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def change_message(new_path: str | Path, previous_path: str | Path) -> str:
    """`Now using mlp-…: 97.6% on MNIST test; the previous model (cnn) had 99.5%.`"""
    new, previous = Path(new_path), Path(previous_path)
    now = f"Now using {new.stem}: {_accuracy_text(recorded_test_accuracy(new))}"
    before = recorded_test_accuracy(previous)
    had = f"had {before:.1%}" if before is not None else "has no test accuracy on record"
    return f"{now}; the previous model ({previous.stem}) {had}."


def _accuracy_text(accuracy: float | None) -> str:
    return "no test accuracy on record" if accuracy is None else f"{accuracy:.1%} on MNIST test"
