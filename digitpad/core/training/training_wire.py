"""A training run's events as JSON lines, for a run in a child process. Pure: no Qt, no Keras.

One line per event: `{"event": "epoch_ended", "args": [1, {...}]}`. A numpy array (the first
layer's kernel, for Look inside's replay) travels as base64 of its float32 bytes with its shape.
"""

from __future__ import annotations

import base64
import json

import numpy as np

LISTENER_EVENTS = ("phase_changed", "data_progress", "epoch_started", "batch_progress", "epoch_ended")
OUTCOMES = ("trained", "failed", "stopped")
_ARRAY = "__float32_array__"


def encode_event(event: str, *args) -> str:
    """One line (with its newline) that `decode_event` turns back into (event, args)."""
    return json.dumps({"event": event, "args": [_plain(arg) for arg in args]}, separators=(",", ":")) + "\n"


def decode_event(line: str) -> tuple[str, list]:
    """(event, args) from a line of `encode_event`; ValueError for anything else."""
    message = json.loads(line)
    if not isinstance(message, dict) or not isinstance(message.get("event"), str):
        raise ValueError(f"not a training event: {line[:80]!r}")
    return message["event"], [_restored(arg) for arg in message.get("args", [])]


def _plain(value):
    if isinstance(value, np.ndarray):
        array = np.ascontiguousarray(value, dtype=np.float32)
        return {_ARRAY: base64.b64encode(array.tobytes()).decode("ascii"), "shape": list(array.shape)}
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, np.generic):
        return value.item()
    return value


def _restored(value):
    if isinstance(value, dict):
        if _ARRAY in value:
            return np.frombuffer(base64.b64decode(value[_ARRAY]), np.float32).reshape(value["shape"]).copy()
        return {key: _restored(item) for key, item in value.items()}
    return value
