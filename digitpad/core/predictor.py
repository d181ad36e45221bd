"""Kept so that `from digitpad.core.predictor import Predictor` goes on working: see digitpad.core.inference."""

from digitpad.core.inference import ModelLoadError, Predictor, Reading

__all__ = ["ModelLoadError", "Predictor", "Reading"]
