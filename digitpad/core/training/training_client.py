"""The parent's side of a run in a child process: start it, relay its events, map its outcome. Pure: no Qt.

`run_in_child` blocks its (worker) thread like `panel_run.train_and_save` and raises the same
exceptions, so a worker can run either; the calling process never imports TensorFlow.

A child spends its first seconds importing TensorFlow (4 to 6 s here). `child_processes.start_spare`
starts one ahead of the next run, which then finds it waiting with TensorFlow loaded; the app does
so after start-up and after each run (digitpad.qt.training.spare_training).
"""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import tempfile
import threading
from pathlib import Path

import numpy as np

from digitpad.core.mnist.loading import MnistUnavailable
from digitpad.core.training.child_processes import CHILD_COMMAND, forget, kill, models_dir_of, spare_or_new
from digitpad.core.training.panel_run import RECIPE_FIELDS, TrainingRequest
from digitpad.core.training.training_events import TrainingStopped
from digitpad.core.training.training_wire import LISTENER_EVENTS, decode_event

STOP_GRACE_S = 10.0  # a child that ignores a stop this long is killed
STDERR_TAIL_CHARS = 4000
log = logging.getLogger(__name__)


class RunFailed(ValueError):
    """The child's run failed; the message is one sentence (a ValueError, like the core's other complaints)."""


def run_in_child(request: TrainingRequest, listener, stop_event: threading.Event,
                 command: tuple[str, ...] = CHILD_COMMAND) -> tuple[Path, dict]:
    """Run `request` in a child process, relaying its events to `listener`; return the saved (path, card)."""
    with tempfile.TemporaryDirectory(prefix="digitpad-run-") as scratch:
        message = request_message(request, Path(scratch))
        child = spare_or_new(tuple(command), Path(request.models_dir))
        with child.stderr:
            try:
                outcome = _relay(child.process, message, listener, stop_event)
            finally:
                _end(child.process)
            child.stderr.seek(0)
            stderr = child.stderr.read().decode(errors="replace")
            return _result(outcome, child.process.returncode, stderr, stop_event)


def request_message(request: TrainingRequest, scratch: Path) -> str:
    """The request as one JSON line; the samples, if any, go to an .npz in `scratch`."""
    message = {name: getattr(request, name) for name in RECIPE_FIELDS}
    message.update(models_dir=str(request.models_dir), mnist_dir=_text(request.mnist_dir),
                   data_dir=_text(request.data_dir), samples_path=None)
    if request.includes_samples():
        message["samples_path"] = str(scratch / "samples.npz")
        buffer = io.BytesIO()
        np.savez(buffer, images=request.sample_images, labels=request.sample_labels)
        Path(message["samples_path"]).write_bytes(buffer.getvalue())
    return json.dumps(message) + "\n"


def _text(value) -> str | None:
    return None if value is None else os.fspath(value)


def _relay(process: subprocess.Popen, message: str, listener, stop_event: threading.Event):
    """Send the request, pass events on until the outcome; a stop is forwarded by a watcher thread."""
    ended = threading.Event()
    watcher = threading.Thread(target=_forward_stop, args=(process, stop_event, ended), name="stop-forwarder",
                               daemon=True)
    try:
        _write(process, message)
        watcher.start()
        for line in process.stdout:
            try:
                event, args = decode_event(line)
            except ValueError:
                log.warning("Skipped a line the training process wrote: %r", line[:200])
                continue
            if event in LISTENER_EVENTS:
                method = getattr(listener, event, None)
                if method is not None:
                    method(*args)
            else:
                return event, args
        return None
    finally:
        ended.set()


def _forward_stop(process: subprocess.Popen, stop_event: threading.Event, ended: threading.Event) -> None:
    while not ended.is_set():
        if stop_event.wait(0.05):
            _write(process, "stop\n")
            try:
                process.wait(STOP_GRACE_S)
            except subprocess.TimeoutExpired:
                log.warning("The training process ignored a stop for %.0f s; ending it", STOP_GRACE_S)
                kill(process, models_dir_of(process))
            return


def _write(process: subprocess.Popen, text: str) -> None:
    try:
        process.stdin.write(text)
        process.stdin.flush()
    except (BrokenPipeError, OSError, ValueError):  # it has ended, or is ending
        pass


def _end(process: subprocess.Popen) -> None:
    """Close stdin (a child still running reads its end as a stop) and wait for the child to exit."""
    try:
        process.stdin.close()
    except OSError:
        pass
    try:
        process.wait(STOP_GRACE_S)
    except subprocess.TimeoutExpired:
        kill(process, models_dir_of(process))
    process.stdout.close()
    forget(process)


def _result(outcome, returncode: int, stderr: str, stop_event: threading.Event) -> tuple[Path, dict]:
    if outcome is None and stop_event.is_set():
        raise TrainingStopped()  # it ignored the stop and was killed: still the stop that was asked for
    if outcome is None:
        log.warning("The training process ended with %s:\n%s", returncode, stderr[-STDERR_TAIL_CHARS:])
        raise RunFailed(crash_sentence(returncode, stderr))
    event, args = outcome
    if event == "trained":
        return Path(args[0]), args[1]
    if event == "stopped":
        raise TrainingStopped()
    kind, sentence = args
    if kind == "other":
        log.warning("The training process reported a failure:\n%s", stderr[-STDERR_TAIL_CHARS:])
    raise MnistUnavailable(sentence) if kind == "mnist" else RunFailed(sentence)


def crash_sentence(returncode: int, stderr: str) -> str:
    """One sentence for a child that ended without an outcome, naming how and its last words."""
    import signal

    how = f"exit code {returncode}"
    if returncode is not None and returncode < 0:
        try:
            how = signal.Signals(-returncode).name
        except ValueError:
            how = f"signal {-returncode}"
    last = next((line.strip() for line in reversed(stderr.splitlines()) if line.strip()), "")
    said = f": {last[:160].rstrip('.')}" if last else ""
    return f"The training process ended unexpectedly ({how}{said}); try again, or train with fewer epochs."
