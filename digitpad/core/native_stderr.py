"""What C++ libraries write straight to file descriptor 2, sent elsewhere for a block. Pure: no Qt.

TensorFlow and LiteRT write notes there from C++ (oneDNN, CUDA's probe, XNNPACK's delegate)
with no setting Python can reach in time; on a person's terminal they read as something gone
wrong. Python's own `sys.stderr` is flushed first, so nothing it buffered lands in the wrong place.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def native_stderr_to(target: int) -> Iterator[bool]:
    """File descriptor 2 pointed at the open descriptor `target` for the block, then restored.

    Yields False, and moves nothing, when the process has no stderr to move (a windowed process).
    Every thread's writes to descriptor 2 go to `target` meanwhile.
    """
    try:
        saved = os.dup(2)
    except OSError:
        yield False
        return
    try:
        _flush_python_stderr()
        os.dup2(target, 2)
        yield True
    finally:
        _flush_python_stderr()
        os.dup2(saved, 2)
        os.close(saved)


def _flush_python_stderr() -> None:
    if sys.stderr is not None:
        sys.stderr.flush()
