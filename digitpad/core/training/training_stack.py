"""TensorFlow and the training core imported for a process that trains: once, with the garbage collector aside. Pure.

`train_model.py` imports them so when run as a command, and so does a training process
(`digitpad.core.training.training_process`) before it reads its request: a spare one waits with them loaded.
Both end through `end_training_process`.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

from digitpad.core.native_stderr import native_stderr_to

# Keras and TensorFlow's legacy Keras import these at start-up for features DigitPad never calls
# in a training process (scikit-learn wrappers, an image-gallery plot, SciPy's sparse matrices as
# input), each behind `try: import ... except ImportError`. They cost 0.5 s, 0.2 s and 0.07 s of
# a 7 s workshop run (bench/MEASUREMENTS.md, 2026-12-07). DigitPad's own uses import them later
# as usual: the map's t-SNE in a process of its own, the learning curve through matplotlib's
# Figure (in a process of its own for train_model.py, warmed up while spare for the panel).
UNUSED_BY_TRAINING = ("sklearn", "matplotlib", "scipy")


def import_training_stack(model_kind: str | None = None) -> None:
    """Import TensorFlow, Keras and the training core with the garbage collector off, then freeze what they left.

    TensorFlow and Keras leave hundreds of thousands of long-lived objects: collecting while they
    load, and walking them again in every full collection while the first epoch is traced, took
    0.7 s of CPU in a cold start (0.05 s frozen; later collections only look at newer objects).
    With `model_kind` "mlp", its ops get one thread and their scheduling another: the seed MLP's
    steps are too small to split across cores, and this cut an epoch's CPU time by a third and
    its wall time on two busy cores by a third too, for the same accuracy (bench/train_process.py).
    TensorFlow takes that setting only before it runs its first op, hence here.
    """
    gc.disable()
    try:
        with modules_hidden(UNUSED_BY_TRAINING), native_start_up_kept_aside():
            import tensorflow as tf

            if model_kind == "mlp":
                tf.config.threading.set_intra_op_parallelism_threads(1)
                tf.config.threading.set_inter_op_parallelism_threads(1)
            tf.config.list_logical_devices()  # meets its devices now, as the first op would: CUDA's probe is here
            import digitpad.core.training.fit  # noqa: F401  (Keras and the pipeline)
    finally:
        gc.freeze()
        gc.enable()


@contextmanager
def native_start_up_kept_aside() -> Iterator[None]:
    """What TensorFlow's C++ writes while it loads kept from the terminal, unless it fails or was asked for.

    TensorFlow 2.21 writes seven lines there through absl before it reads TF_CPP_MIN_LOG_LEVEL
    (tensorflow/tensorflow#100442): oneDNN's note, "Could not find cuda drivers" twice and, on
    every machine without a GPU, an error line about cuInit. They read as something gone wrong.
    So file descriptor 2 points at a temporary file for the block; what was written there is
    copied to the real stderr if the block raises. With TF_CPP_MIN_LOG_LEVEL set below 2 by the
    person (digitpad sets 2 unless a level was chosen), nothing is kept aside.
    """
    if _tensorflow_log_level() < 2:
        yield
        return
    moved = False
    with tempfile.TemporaryFile() as kept:
        try:
            with native_stderr_to(kept.fileno()) as moved:
                yield
        except BaseException:
            if moved:
                kept.seek(0)
                os.write(2, kept.read())
            raise


def _tensorflow_log_level() -> int:
    """TF_CPP_MIN_LOG_LEVEL as TensorFlow reads it: a number, 0 when unset or not one."""
    try:
        return int(os.environ.get("TF_CPP_MIN_LOG_LEVEL", "0"))
    except ValueError:
        return 0


@contextmanager
def modules_hidden(names: tuple[str, ...]) -> Iterator[None]:
    """`import name` raises ImportError inside the block for these modules not yet imported; afterwards it works.

    Python's own switch: a None in `sys.modules` makes an import of that name fail at once.
    """
    hidden = [name for name in names if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None
    try:
        yield
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]


def end_training_process(code: int) -> NoReturn:
    """End the process with `code` once its exit handlers have run, without Python's teardown of every object.

    That teardown takes TensorFlow's and Keras' hundreds of thousands of objects down one by
    one: 0.1-0.15 s of a 5.5 s workshop run (bench/MEASUREMENTS.md, 2026-12-07). By then the
    files are written and in place; the exit handlers still remove what autograph left in the
    temporary folder, and the output is flushed.
    """
    atexit._run_exitfuncs()  # as Python's own exit runs them
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
