"""The training processes this process started: the spares waiting for a run, and the ones running.

Kept in one registry so that quitting (or Python's exit) can end every one of them and remove
the temporaries each was writing; each carries its process id in its temporaries' names.
"""

from __future__ import annotations

import atexit
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from digitpad.core.atomic_files import remove_temporaries_of
from digitpad.core.training.run_saving import release_claims_of

CHILD_COMMAND = (sys.executable, "-m", "digitpad.core.training.training_process")
KILL_WAIT_S = 0.3  # at exit, how long to wait for killed children to be gone


@dataclass(frozen=True)
class Child:
    """A training process and the file that keeps what it writes on stderr."""

    process: subprocess.Popen
    stderr: IO[bytes]


# Each child, and the models folder it saves in (None: a spare, waiting for its run).
_children: dict[subprocess.Popen, Path | None] = {}
_spares: dict[tuple[str, ...], Child] = {}  # by command: a waiting child for the next run
_children_lock = threading.Lock()


def start_spare(command: tuple[str, ...] = CHILD_COMMAND) -> None:
    """Start a training process for the next run now, unless one is waiting: it imports TensorFlow meanwhile."""
    command = tuple(command)
    with _children_lock:
        spare = _spares.get(command)
        if spare is not None and spare.process.poll() is not None:  # died waiting (killed, out of memory)
            _forget_spare(spare)
            spare = None
        if spare is None:
            _spares[command] = _launch(command, None)


def discard_spares() -> None:
    """Kill the spare processes (they hold nothing yet): the app is closing."""
    with _children_lock:
        spares = list(_spares.values())
        _spares.clear()
    for spare in spares:
        kill(spare.process, None, wait_s=KILL_WAIT_S)
        with _children_lock:
            _forget_spare(spare)


def spare_or_new(command: tuple[str, ...], models_dir: Path) -> Child:
    """The spare started for this command, now saving in `models_dir`, if it is still alive; else a new child."""
    with _children_lock:
        spare = _spares.pop(command, None)
        if spare is not None and spare.process.poll() is not None:  # died waiting (killed, out of memory)
            _forget_spare(spare)
            spare = None
        if spare is None:
            return _launch(command, models_dir)
        _children[spare.process] = models_dir
        return spare


def _forget_spare(spare: Child) -> None:
    """A spare that ran no request is gone: unregister it and close its stderr; the caller holds the lock."""
    _children.pop(spare.process, None)
    spare.stderr.close()


def child_pids() -> list[int]:
    """The process ids of the training processes running now."""
    with _children_lock:
        return [process.pid for process in _children if process.poll() is None]


def kill_children() -> None:
    """End every child still running, at once: the process is about to exit (stop was asked before)."""
    with _children_lock:
        children = [(process, folder) for process, folder in _children.items() if process.poll() is None]
    for process, _ in children:
        process.kill()  # all first: a child that holds gigabytes takes a while to be torn down
    for process, models_dir in children:
        kill(process, models_dir, wait_s=KILL_WAIT_S)


def kill(process: subprocess.Popen, models_dir: Path | None, wait_s: float | None = None) -> None:
    """Kill the child and remove what it was writing (its temporaries carry its process id), and its claims."""
    process.kill()
    try:
        process.wait(wait_s)
    except subprocess.TimeoutExpired:  # killed, and being torn down: it writes nothing more
        pass
    if models_dir is not None:
        remove_temporaries_of(models_dir, process.pid)
        release_claims_of(models_dir, process.pid)


atexit.register(kill_children)


def _launch(command: tuple[str, ...], models_dir: Path | None) -> Child:
    """Start a child (its stderr kept in an anonymous file) and register it; the caller holds the lock."""
    stderr = tempfile.TemporaryFile()
    try:
        process = subprocess.Popen(list(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                                   text=True, encoding="utf-8", bufsize=1)
    except BaseException:
        stderr.close()
        raise
    _children[process] = models_dir
    return Child(process, stderr)


def models_dir_of(process: subprocess.Popen) -> Path | None:
    """The models folder the child saves in (None for a spare, or one already forgotten)."""
    with _children_lock:
        return _children.get(process)


def forget(process: subprocess.Popen) -> None:
    """The child has ended: it is no longer one to kill at exit."""
    with _children_lock:
        _children.pop(process, None)
