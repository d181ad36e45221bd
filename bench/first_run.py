"""The GUI's stalls over the first run of a fresh process, while a person draws: one (place, kind) per process.

    python bench/first_run.py --training-in process|thread --kind mlp|cnn [--epochs N] [--fresh-tfds]

The window shows, its model loads, then Train is clicked at once and a 7 is drawn all along (the
Drawer of bench/responsiveness.py) until the new model is in use. A 10 ms probe times the GUI
event loop. Prints one JSON line: longest stall, 99th percentile, the worst stalls and their phase.
bench/responsiveness.py launches this once per combination, since only a fresh process has a first run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import responsiveness as bench  # noqa: E402  (offscreen, throwaway folders, the probe and the drawer)

MODEL_TIMEOUT_S = 60
RUN_TIMEOUT_S = 900
PLACES = ("thread", "process")


def launch(place: str, kind: str, epochs: int, fresh_tfds: bool = False) -> dict:
    """This script in a fresh process for one (place, kind); its JSON findings, or {"failed": why}."""
    import subprocess

    command = [sys.executable, __file__, "--training-in", place, "--kind", kind, "--epochs", str(epochs)]
    result = subprocess.run(command + (["--fresh-tfds"] if fresh_tfds else []), capture_output=True, text=True,
                            timeout=RUN_TIMEOUT_S)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        return {"failed": f"exit code {result.returncode}: {result.stderr.strip().splitlines()[-1:]}"}
    return json.loads(lines[-1])


def report_line(place: str, kind: str, epochs: int, found: dict) -> str:
    """`process mlp (8 epochs): longest 41 ms, p99 6 ms ...` and the worst stalls with their phase."""
    if "failed" in found and "longest_ms" not in found:
        return f"first run, {place} {kind} ({epochs} epochs): failed, {found['failed']}"
    worst = ", ".join(f"{gap} ms at {at} s ({phase})" for gap, at, phase in found["worst"]) or "none over 50 ms"
    after = found["after_switch"]
    return (f"first run, {place} {kind} ({epochs} epochs, {found['seconds']} s): longest {found['longest_ms']} ms, "
            f"99th percentile {found['p99_ms']} ms, median {found['median_ms']} ms over {found['probes']} probes; "
            f"{found['predictions']} predictions while drawing; TensorFlow in the GUI process: "
            f"{found['tensorflow_in_gui_process']}\n  worst: {worst}\n  {found['phases']}\n"
            f"  the {after['seconds']:g} s after the switch: longest {after['longest_ms']} ms, "
            f"99th percentile {after['p99_ms']} ms")


def first_run(kind: str, epochs: int, after_s: float) -> dict:
    """Show the window, click Train at once, draw until the new model is in use; the probe's findings."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QSpinBox

    from digitpad.__main__ import create_app

    app = create_app([])  # as `python -m digitpad` makes it: theme, icon, collection on the GUI thread
    from digitpad.qt.app.gui_thread_gc import freeze_start_up_when
    from digitpad.qt.main_window import MainWindow
    from digitpad.qt.training.spare_training import keep_a_training_process_ready

    window = MainWindow()
    freeze_start_up_when(window.model_changed)  # as `python -m digitpad` does
    keep_a_training_process_ready(window)  # so does this (Train is clicked before its spare would start)
    window.resize(1200, 800)
    window.show()
    deadline = time.perf_counter() + MODEL_TIMEOUT_S
    while window.predictor() is None and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    panel = window.training_panel
    from digitpad.core.networks.presets import preset_for_kind

    panel.set_design(preset_for_kind(kind))
    panel.findChild(QSpinBox, "epochsSpin").setValue(epochs)
    probe, drawer, phases = bench.StallProbe(), bench.Drawer(window), bench.PhaseClock()
    loop, outcome = QEventLoop(), {}
    probe.set_phase("starting")
    panel.phase_changed.connect(probe.set_phase)
    panel.phase_changed.connect(phases.phase_changed)
    panel.run.data_progress.connect(lambda *_: probe.set_phase("loading data (counted)"))
    panel.trained.connect(lambda path: (outcome.update(path=path), probe.set_phase("switching to the new model"),
                                        phases.phase_changed("switching")))
    panel.failed.connect(lambda message: (outcome.update(failed=message), loop.quit()))
    window.model_changed.connect(lambda path: path == outcome.get("path") and loop.quit())
    where = []
    panel.running_changed.connect(lambda running: running and not where and where.append(panel.run._worker.where))
    started = time.perf_counter()
    QTimer.singleShot(0, panel.start)  # the click inside the probed loop: its own time is a stall too
    bench.probing(loop, probe, drawer)
    ended = time.perf_counter()
    after = bench.StallProbe()  # the person draws on while "Where it fails" tests the new model
    after.set_phase("after the switch")
    bench.probing(QEventLoop(), after, drawer, after_s)
    # Summed up only now: numpy's first percentile imports numpy.ma (20-50 ms), which between the
    # two probes would hold up the events queued for the second and read as its stall.
    summary = _summary(probe) | {"after_switch": _summary(after) | {"seconds": after_s}}
    window.close()
    return summary | {"seconds": round(ended - started, 1), "phases": phases.text(ended), "training_in": where[0],
                      "predictions": drawer.predictions, "digits": len(drawer.release_ms),
                      "tensorflow_in_gui_process": "tensorflow" in sys.modules, **outcome}


def _summary(probe) -> dict:
    import numpy as np

    stalls = np.maximum(np.asarray(probe.gaps_ms), 0.0)
    worst = sorted(probe.worst, reverse=True)[:6]
    return {"longest_ms": round(float(stalls.max()), 1), "p99_ms": round(float(np.percentile(stalls, 99)), 1),
            "median_ms": round(float(np.median(stalls)), 1), "probes": len(stalls),
            "worst": [[round(gap), round(at, 1), phase] for gap, at, phase in worst]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--training-in", choices=("process", "thread"), default="process")
    parser.add_argument("--kind", choices=("mlp", "cnn"), default="mlp")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--fresh-tfds", action="store_true", help="prepare MNIST afresh, as a new install does")
    parser.add_argument("--trace-stalls", action="store_true", help="print where the GUI thread was when it stalled")
    parser.add_argument("--after-s", type=float, default=5.0, help="seconds to go on probing after the switch")
    arguments = parser.parse_args()
    os.environ["DIGITPAD_TRAINING_IN"] = arguments.training_in
    if arguments.fresh_tfds:
        os.environ["DIGITPAD_TFDS_DIR"] = tempfile.mkdtemp(prefix="digitpad-fresh-tfds-")
    tracer = None
    if arguments.trace_stalls:
        from stall_tracer import StallTracer

        tracer = StallTracer()
        bench.StallProbe.on_tick = tracer.beat
    print(json.dumps(first_run(arguments.kind, arguments.epochs, arguments.after_s)), flush=True)
    if tracer:
        print(tracer.report(20), file=sys.stderr, flush=True)
    os._exit(0)  # what Python's teardown would do with TensorFlow loaded takes seconds and proves nothing


if __name__ == "__main__":
    main()
