"""The probe's one update: every changed input as one batch, one call per model, split into curves."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitpad.core.explain.tolerance import curves, probe_batch, turned_into


@dataclass(frozen=True)
class ProbeResult:
    """Each model's curves (change name -> (values, 2)), for the top digit and the one it turns into."""

    digits: tuple[int, int]
    active: dict
    compared: dict | None
    names: tuple[str, str | None]

    def caption(self) -> str:
        models = self.names[0] if self.compared is None else f"{self.names[0]} (blue), {self.names[1]} (orange)"
        return f"{models}: solid {self.digits[0]}, dashed {self.digits[1]}."


def run_probe(active, compared, image: np.ndarray, reading, before_preprocessing: bool) -> ProbeResult:
    """The probe for the drawing as drawn (`image`); the top digit is the bars' (`reading`)."""
    batch = probe_batch(image, before_preprocessing)
    answers = active.probabilities_batch(batch)  # under BATCH_SIZE: one call
    top = int(np.argmax(reading.probabilities.mean(axis=0))) if reading is not None else int(answers[0].argmax())
    digits = (top, turned_into(answers, top))
    second = curves(compared.probabilities_batch(batch), digits) if compared is not None else None
    return ProbeResult(digits, curves(answers, digits), second, (active.name, compared.name if compared else None))
