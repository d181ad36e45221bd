"""Files written atomically: temporaries beside their target, moved into place in one step, and the
sweep that removes the ones a crash left behind. Pure: no Qt.

Two DigitPad processes (or two threads of one) may write beside the same target at once, so a
temporary name carries a random token as well as the process id. A crash between writing and
`os.replace` leaves such a file; at start, those older than a day are removed.
"""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

STALE_AFTER_S = 24 * 3600
log = logging.getLogger(__name__)


def temporary_sibling(path: str | os.PathLike) -> Path:
    """`folder/.name.<pid>-<token>.tmp`: hidden, unique, in the same folder (so `os.replace` is atomic)."""
    path = Path(path)
    return path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:12]}.tmp")


def partial_sibling(path: str | os.PathLike) -> Path:
    """`folder/name.partial-<pid>-<token>.suffix`: for writers, like Keras, that insist on the suffix."""
    path = Path(path)
    return path.with_name(f"{path.stem}.partial-{os.getpid()}-{uuid.uuid4().hex[:12]}{path.suffix}")


def is_temporary(path: str | os.PathLike) -> bool:
    """True for a name made by `temporary_sibling` or `partial_sibling` (or the older `.partial.` ones)."""
    name = os.path.basename(path)
    return ".partial" in name or name.endswith(".tmp")


def remove_stale_temporaries(folder: str | os.PathLike, older_than_s: float = STALE_AFTER_S) -> list[Path]:
    """Delete temporary files under `folder` last modified more than `older_than_s` ago; return them."""
    removed = []
    cutoff = time.time() - older_than_s
    # os.walk and a test of the bare name first: the folder holds a file per sample, 20,000 of
    # them for a long-time user, and a Path per file made this sweep most of start-up.
    for parent, _folders, names in os.walk(folder):
        for path in (Path(parent, name) for name in names if is_temporary(name)):
            try:
                if path.is_file() and not path.is_symlink() and path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed.append(path)
            except OSError as error:  # another process removed it first, or it is not ours to remove
                log.warning("Could not remove the stale file %s: %s", path, error)
    if removed:
        log.info("Removed %d stale temporary files under %s", len(removed), folder)
    return removed


def remove_temporaries_of(folder: str | os.PathLike, pid: int) -> list[Path]:
    """Delete the temporaries process `pid` left in `folder` (it was killed mid-write); return them."""
    folder, removed = Path(folder), []
    if folder.is_dir():
        for path in folder.iterdir():
            if is_temporary(path) and f"{pid}-" in path.name and path.is_file():
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


class FolderNotWritable(ValueError):
    """A folder a run will save into cannot take a file; a ValueError, as the core's other one-sentence complaints."""


def check_writable(folder: str | os.PathLike) -> None:
    """Create `folder` if needed and write a file in it: a run learns now, not after training, that it cannot save."""
    folder = Path(folder)
    probe = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = temporary_sibling(folder / "write-check")
        with open(probe, "wb") as file:
            file.write(b"DigitPad checks that it can save here.")
            file.flush()
            os.fsync(file.fileno())
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise FolderNotWritable(
            f"DigitPad cannot save in {folder} ({reason}); choose a writable folder with free space."
        ) from error
    finally:
        if probe is not None:
            probe.unlink(missing_ok=True)


def write_json_atomically(path: str | os.PathLike, data) -> None:
    """Write JSON through a temporary file and `os.replace`."""
    write_bytes_atomically(path, json.dumps(data, indent=2).encode())


def write_bytes_atomically(path: str | os.PathLike, payload: bytes) -> None:
    """Write bytes through a temporary file in the same folder and `os.replace`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = staged_beside(path, payload)
    try:
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


@contextmanager
def text_written_atomically(path: str | os.PathLike) -> Iterator[TextIO]:
    """A text file written a piece at a time (a large CSV): to a temporary beside `path`, synced,
    and moved into place when the block ends; removed instead if the block raises."""
    path = Path(path)
    temporary = temporary_sibling(path)
    try:
        with open(temporary, "w", newline="", encoding="utf-8") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def fsync(path: Path) -> None:
    """Flush a written file to the disk, so the rename that follows can never expose an empty file."""
    with open(path, "rb") as file:
        os.fsync(file.fileno())


def staged_beside(target: Path, payload: bytes) -> Path:
    """`payload` written and synced to a temporary beside `target`; the caller moves it into place."""
    temporary = temporary_sibling(target)
    try:
        with open(temporary, "wb") as file:
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary
