"""Loads models on a background thread: a twin takes milliseconds, but the Keras fallback takes TensorFlow's seconds."""

from __future__ import annotations

from pathlib import Path

from digitpad.qt.workers.request_thread import RequestFailed, RequestThread


def load_predictor(path: str):
    """A Predictor for the model file; RequestFailed says in one sentence why not."""
    # The LiteRT twin when fresh; else TensorFlow is imported here, off the GUI thread.
    from digitpad.core.inference.loading import load_predictor
    from digitpad.core.inference.predictor import ModelLoadError

    try:
        return load_predictor(path)
    except ModelLoadError as error:
        raise RequestFailed(str(error)) from error
    except Exception as error:  # a model file must never take the app down
        raise RequestFailed(f"The model {Path(path).name} could not be loaded ({type(error).__name__}).") from error


class ModelLoader(RequestThread):
    """Loads `.keras` models one at a time, in the order asked: `done(path, Predictor)` or `failed`."""

    def __init__(self, parent=None):
        super().__init__(load_predictor, "model-loader", parent)

    def load(self, path: str | Path) -> None:
        """Start loading `path`; the answer comes later."""
        self.request(str(path))

    def is_loading(self) -> bool:
        return self.is_busy()
