"""Values read back from QSettings, which a person may have edited by hand: a bad one gives the default."""

from __future__ import annotations

import math

from PySide6.QtCore import QByteArray


def as_bool(value, default: bool = False) -> bool:
    """True/False from a stored flag; QSettings' INI backend gives booleans back as "true"/"false"."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    return default


def as_number(value, default: float, low: float = -math.inf, high: float = math.inf) -> float:
    """A finite number within [low, high]; anything else (text, NaN, out of range) gives the default."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return default
    return number if math.isfinite(number) and low <= number <= high else default


def as_int(value, default: int, low: int, high: int) -> int:
    """A whole number within [low, high], else the default."""
    number = as_number(value, default, low, high)
    return int(number) if number == int(number) else default


def as_text(value, default: str = "") -> str:
    """A stored string; a list or other structure from a hand-edited file gives the default."""
    return value if isinstance(value, str) else default


def as_bytes(value) -> QByteArray:
    """Stored bytes (window geometry, dock state); anything else gives empty bytes, which Qt ignores."""
    if isinstance(value, QByteArray):
        return value
    return QByteArray(value) if isinstance(value, bytes) else QByteArray()
