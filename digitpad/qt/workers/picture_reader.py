"""Reads a picture file into the 28x28 digit a model reads, on a background thread: a large photo takes a moment."""

from __future__ import annotations

from pathlib import Path

from digitpad.qt.workers.request_thread import RequestFailed, RequestThread


def read_picture(path: str):
    """(the (28, 28) digit, notes such as "it has 3 frames; the first was read"), as `predict` reads the file.

    RequestFailed says in one sentence why there is no digit.
    """
    from digitpad.core.drawing.image_files import ImageFileError
    from digitpad.core.drawing.preprocess import digit_in_file

    name = Path(path).name
    try:
        digit, notes = digit_in_file(path)
    except ImageFileError as error:
        raise RequestFailed(f"Could not open {name}: {error}.") from error
    if digit is None:
        raise RequestFailed(f"{name} holds no digit: nothing on it stands out from the paper.")
    return digit, notes


class PictureReader(RequestThread):
    """Reads picture files one at a time, in the order asked: `done(path, (digit, notes))` or `failed`."""

    def __init__(self, parent=None):
        super().__init__(read_picture, "picture-reader", parent)

    def read(self, path: str | Path) -> None:
        """Start reading `path`; the answer comes later."""
        self.request(str(path))
