"""A training run in a process of its own: `python -m digitpad.core.training.training_process`.

Imports TensorFlow first, then reads one JSON request line on stdin (the recipe, the folders, an
optional .npz of the person's samples), runs `panel_run.train_and_save`, and writes one JSON
line per listener event on stdout, then one outcome: `trained` (path, card), `failed` (kind,
one sentence) or `stopped`. A later "stop" line on stdin, or its end (the parent died), stops
the run as Stop does. TensorFlow's GIL-holding work (imports, tracing, tfds) then never stalls
the window's process. Started ahead of a run (a spare, see `child_processes.start_spare`), it
waits for its request with TensorFlow loaded; if stdin ends before a request, it just exits.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

from digitpad.core.training.learning_curve import warm_up as warm_up_learning_curve
from digitpad.core.training.training_stack import end_training_process, import_training_stack
from digitpad.core.training.training_wire import encode_event

# Below the window's priority: on a busy machine the scheduler serves the person's drawing first,
# and on an idle one the run still gets every core the window leaves free.
NICENESS = 10


class EventWriter:
    """The TrainingListener of the child: each call becomes one line on the protocol stream."""

    def __init__(self, stream):
        self._stream = stream
        self._lock = threading.Lock()  # the MNIST loader thread reports too

    def send(self, event: str, *args) -> None:
        with self._lock:
            self._stream.write(encode_event(event, *args))
            self._stream.flush()

    def phase_changed(self, phase):
        self.send("phase_changed", phase)

    def data_progress(self, done, total, seconds_left, stage="preparing"):
        self.send("data_progress", done, total, seconds_left, stage)

    def epoch_started(self, epoch, epochs):
        self.send("epoch_started", epoch, epochs)

    def batch_progress(self, step, total_steps, accuracy, loss, examples_per_second):
        self.send("batch_progress", step, total_steps, accuracy, loss, examples_per_second)

    def epoch_ended(self, epoch, metrics):
        self.send("epoch_ended", epoch, metrics)


def protocol_stream():
    """The real stdout for events; fd 1 and sys.stdout go to stderr, so no library's print can corrupt it."""
    stream = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return stream


def watch_stdin(stop_event: threading.Event) -> None:
    """Set `stop_event` on a "stop" line or at the end of stdin (the parent closed it, or died)."""
    for line in sys.stdin:
        if line.strip() == "stop":
            break
    stop_event.set()


def request_from(message: dict):
    """The TrainingRequest a JSON request describes, with its samples read from their .npz."""
    import numpy as np

    from digitpad.core.training.panel_run import RECIPE_FIELDS, TrainingRequest

    fields = {name: message[name] for name in RECIPE_FIELDS if name in message}  # no "design": the kind's preset
    images = labels = None
    if message.get("samples_path"):
        with np.load(message["samples_path"]) as samples:
            images, labels = samples["images"], samples["labels"]
    return TrainingRequest(**fields, models_dir=Path(message["models_dir"]), mnist_dir=message.get("mnist_dir"),
                           data_dir=message.get("data_dir"), sample_images=images, sample_labels=labels)


def run(message: dict, events: EventWriter, stop_event: threading.Event) -> None:
    """Train and save; send exactly one outcome."""
    from digitpad.core.mnist.loading import MnistUnavailable
    from digitpad.core.runs.model_files import SaveCancelled
    from digitpad.core.training.panel_run import train_and_save
    from digitpad.core.training.run_saving import failure_sentence
    from digitpad.core.training.training_events import TrainingStopped

    try:
        path, card = train_and_save(request_from(message), events, stop_event)
    except (TrainingStopped, SaveCancelled):
        events.send("stopped")
    except MnistUnavailable as error:
        events.send("failed", "mnist", str(error))
    except ValueError as error:  # the core's one-sentence complaints
        events.send("failed", "value", str(error))
    except Exception as error:  # anything else still ends as one sentence
        import traceback

        traceback.print_exc()  # on stderr, which the parent keeps for its log
        events.send("failed", "other", failure_sentence(error))
    else:
        events.send("trained", str(path), card)


def main() -> None:
    if hasattr(os, "nice"):
        os.nice(NICENESS)
    events = EventWriter(protocol_stream())
    import_training_stack()  # before the request: what a spare process does while nobody waits
    warm_up_learning_curve()  # matplotlib, which the stack leaves out, for the curve saved at the end
    line = sys.stdin.readline()
    if not line.strip():  # a spare whose parent closed without a run for it
        os._exit(0)
    message = json.loads(line)
    stop_event = threading.Event()
    threading.Thread(target=watch_stdin, args=(stop_event,), name="stop-watcher", daemon=True).start()
    run(message, events, stop_event)
    # A stop during the MNIST load leaves the loader thread inside TensorFlow, which Python's
    # own exit would abort on; everything worth keeping is on disk and the outcome sent. The exit
    # handlers still run: they remove the files autograph wrote to the temporary folder.
    end_training_process(0)


if __name__ == "__main__":
    main()
