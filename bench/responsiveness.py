"""GUI responsiveness while the training panel runs the 8-epoch seed recipe, and its cost.

A 10 ms QTimer probes the GUI event loop (offscreen); every gap beyond 10 ms is a stall. In
one process, after TensorFlow's one-time set-up:
1. the recipe through train_model.py's path (`train`, then save and plot) on this thread;
2. the same recipe from the panel's Train button (the real MainWindow's panel when it exists),
   timed from the click to `trained`, probing the loop: this gives the wall-time ratio
   (`--rounds N` alternates N such pairs: on a shared machine one pair is mostly noise);
3. with the real window: 5 s of drawing with no training, then a second panel run while a 7 is
   drawn into the canvas twice a second, one mouse event per 16 ms, counting predictions;
4. a control: the probe while train_model.py trains in another process. On a shared machine
   this shows the stalls CPU contention alone causes, with no GIL shared.
0. first, before any of that, the first run of a fresh process (bench/first_run.py, one process
   per combination): the window shown, Train clicked at once, a 7 drawn all along until the new
   model is in use, for training in a thread and in a child process, the MLP and the CNN.
Targets: over a first run, longest stall <= 50 ms and 99th percentile <= 20 ms; warmed up,
longest stall <= 100 ms, panel <= 1.15 x CLI path, same accuracy.

    python bench/responsiveness.py [--epochs 8] [--kind mlp] [--cnn-epochs 1] [--rounds 1] [--switch-interval-ms 5]
                                   [--first-run-only | --no-first-run] [--fresh-tfds] [--training-in process]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Offscreen, and every folder the app writes to is a throwaway one.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_scratch = Path(tempfile.mkdtemp(prefix="digitpad-responsiveness-"))
os.environ["XDG_CONFIG_HOME"] = str(_scratch / "config")
os.environ["XDG_DATA_HOME"] = str(_scratch / "data")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DIGITPAD_MNIST_DIR", str(ROOT.parent / "shared" / "mnist"))
os.environ.setdefault("DIGITPAD_TFDS_DIR", str(ROOT / ".cache" / "tfds"))

import numpy as np  # noqa: E402
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QPoint, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QPushButton, QSpinBox  # noqa: E402

import digitpad  # noqa: E402,F401  (quiet TensorFlow logging)
from digitpad.core.mnist.loading import default_mnist_dir, default_tfds_dir, load_mnist  # noqa: E402
from digitpad.core.training.training_events import TrainingListener  # noqa: E402  (no Keras: a first run starts without it)

PROBE_MS = 10
DRAW_EVERY_MS = 500
MOUSE_EVENT_MS = 16
IDLE_S = 5


class StallProbe:
    """Measures how late a 10 ms timer fires: the GUI loop's stalls, with what was going on."""

    def __init__(self):
        self.gaps_ms: list[float] = []
        self.worst: list[tuple[float, float, str]] = []  # (stall ms, seconds since start, phase)
        self.phase = "idle"
        self._since_start = QElapsedTimer()
        self._clock = QElapsedTimer()
        self._timer = QTimer(interval=PROBE_MS, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps_ms, self.worst = [], []
        self._since_start.start()
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def set_phase(self, phase: str) -> None:
        self.phase = phase

    on_tick = None  # a callable to run on every beat (bench/stall_tracer.py's watchdog)

    def _tick(self) -> None:
        if self.on_tick is not None:
            self.on_tick()
        gap = self._clock.nsecsElapsed() / 1e6 - PROBE_MS
        self._clock.restart()
        self.gaps_ms.append(gap)
        if gap > 50:
            self.worst.append((gap, self._since_start.elapsed() / 1000, self.phase))

    def summary(self) -> str:
        stalls = np.maximum(np.asarray(self.gaps_ms), 0.0)
        return (
            f"longest {stalls.max():.1f} ms, 99th percentile {np.percentile(stalls, 99):.1f} ms, "
            f"median {np.median(stalls):.1f} ms, over 100 ms: {(stalls > 100).sum()} of {len(stalls)} probes"
        )

    def worst_text(self, count: int = 6) -> str:
        worst = sorted(self.worst, reverse=True)[:count]
        return ", ".join(f"{gap:.0f} ms at {at:.1f} s ({phase})" for gap, at, phase in worst) or "none over 50 ms"


class Drawer:
    """Draws a 7 into the real window's canvas as a person would: one mouse event every 16 ms.

    Every DRAW_EVERY_MS a new digit starts; the release predicts synchronously, so the release
    handler's duration is the stroke-to-prediction latency.
    """

    def __init__(self, window):
        self.window, self.predictions, self.release_ms = window, 0, []
        self._points: list[QPoint] = []
        self._next = QTimer(interval=DRAW_EVERY_MS)
        self._next.timeout.connect(self._begin)
        self._move = QTimer(interval=MOUSE_EVENT_MS)
        self._move.timeout.connect(self._step)
        window.prediction_changed.connect(self._count)

    def start(self) -> None:
        self.predictions, self.release_ms = 0, []
        self._next.start()

    def stop(self) -> None:
        self._next.stop()
        self._move.stop()

    def _begin(self) -> None:
        canvas = self.window.canvas
        canvas.clear()
        self._points = [QPoint(round(x * canvas.width()), round(y * canvas.height())) for x, y in _seven()]
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, self._points.pop(0))
        self._move.start()

    def _step(self) -> None:
        canvas = self.window.canvas
        point = self._points.pop(0)
        if self._points:
            QTest.mouseMove(canvas, point)
            return
        self._move.stop()
        started = time.perf_counter()
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        self.release_ms.append((time.perf_counter() - started) * 1000)

    def _count(self, probabilities) -> None:
        if probabilities is not None:
            self.predictions += 1


class PhaseClock(TrainingListener):
    """Seconds spent in each phase of a run, from the core's listener or the panel's signal."""

    def __init__(self):
        self.marks: list[tuple[str, float]] = [("starting", time.perf_counter())]

    def phase_changed(self, phase: str) -> None:
        self.marks.append((phase, time.perf_counter()))

    def text(self, ended: float) -> str:
        ends = [at for _, at in self.marks[1:]] + [ended]
        return ", ".join(f"{phase} {end - start:.1f} s" for (phase, start), end in zip(self.marks, ends))


def _seven() -> list[tuple[float, float]]:
    corners = [(0.3, 0.25), (0.72, 0.25), (0.45, 0.8)]
    return [
        (x0 + (x1 - x0) * t / 10, y0 + (y1 - y0) * t / 10)
        for (x0, y0), (x1, y1) in zip(corners, corners[1:])
        for t in range(11)
    ]


def make_panel(app):
    """The real window's panel when the window exists, else a standalone panel; and the window."""
    try:
        from digitpad.qt.main_window import MainWindow
    except ImportError:
        from digitpad.qt.training.training_panel import TrainingPanel

        return TrainingPanel(_scratch / "models"), None
    from digitpad.qt.training.spare_training import keep_a_training_process_ready

    window = MainWindow(model_path=ROOT / "assets" / "mlp.keras")
    keep_a_training_process_ready(window)  # as `python -m digitpad` does
    window.resize(1200, 800)
    window.show()
    deadline = time.perf_counter() + 60
    while window.predictor() is None and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    return window.training_panel, window


def panel_run(panel, drawer: Drawer | None, epochs: int, kind: str = "mlp") -> dict:
    """Train `kind`'s preset from the panel's Train button, probing the event loop (and drawing, given a drawer)."""
    from digitpad.core.networks.presets import preset_for_kind

    panel.set_design(preset_for_kind(kind))  # first: a design brings its own epochs
    panel.findChild(QSpinBox, "epochsSpin").setValue(epochs)
    outcome: dict = {"epochs": [], "probe": StallProbe(), "phases": PhaseClock()}
    loop = QEventLoop()
    connections = [
        (panel.epoch_ended, lambda epoch, metrics: outcome["epochs"].append(metrics)),
        (panel.trained, lambda path: outcome.update(path=path, ended=time.perf_counter())),
        (panel.failed, lambda message: outcome.update(failed=message)),
        (panel.running_changed, lambda running: running or loop.quit()),
        (panel.phase_changed, outcome["probe"].set_phase),
        (panel.phase_changed, outcome["phases"].phase_changed),
    ]
    for signal, slot in connections:
        signal.connect(slot)
    started = time.perf_counter()
    QTimer.singleShot(0, panel.findChild(QPushButton, "trainButton").click)
    probing(loop, outcome["probe"], drawer)
    for signal, slot in connections:
        signal.disconnect(slot)
    outcome["seconds"] = outcome.get("ended", time.perf_counter()) - started
    return outcome


def probing(loop: QEventLoop, probe: StallProbe, drawer: Drawer | None, seconds: float | None = None) -> None:
    """Run `loop` with the probe (and the drawer) until it quits or `seconds` pass.

    A local QEventLoop, not app.exec(): in Qt 6 the application's quit() closes every window.
    """
    if seconds:
        QTimer.singleShot(int(seconds * 1000), loop.quit)
    probe.start()
    if drawer:
        drawer.start()
    loop.exec()
    probe.stop()
    if drawer:
        drawer.stop()


def subprocess_control(epochs: int, kind: str = "mlp") -> StallProbe:
    """The probe while `train_model.py` trains in another process: stalls no shared GIL can cause.

    On a shared two-core machine this is the floor: whatever the panel's run shows beyond it
    would be the panel's own doing.
    """
    command = [
        sys.executable,
        str(ROOT / "train_model.py"),
        "--model",
        kind,
        "--epochs",
        str(epochs),
        "--out",
        str(_scratch / "cli.keras"),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    probe, poll, loop = StallProbe(), QTimer(interval=100), QEventLoop()
    poll.timeout.connect(lambda: process.poll() is None or loop.quit())
    poll.start()
    probing(loop, probe, None)
    poll.stop()
    return probe


def cli_run(epochs: int, kind: str = "mlp") -> dict:
    """The same recipe through train_model.py's path, on this thread: load, train, save, plot."""
    from digitpad.core.networks.presets import preset_for_kind
    from digitpad.core.runs.model_files import save_model
    from digitpad.core.training.fit import TrainingSettings, train
    from digitpad.core.training.learning_curve import save_learning_curve

    phases = PhaseClock()
    started = time.perf_counter()
    settings = TrainingSettings.from_design(preset_for_kind(kind), epochs=epochs)  # as train_model.py --model
    result = train(settings, None, phases, None, default_mnist_dir(), default_tfds_dir())
    phases.phase_changed("saving")
    save_model(result.model, _scratch / "cli-path.keras", result.card())
    save_learning_curve(result.history, _scratch / "cli-path.png", f"{kind} on MNIST")
    ended = time.perf_counter()
    return {"seconds": ended - started, "result": result, "phases": phases, "ended": ended}


def timed_pair(panel, epochs: int, kind: str = "mlp") -> tuple[dict, dict]:
    """One CLI-path run and one panel run (no drawing), each loading MNIST as a first run does."""
    from digitpad.core.training.mnist_loads import forget_loaded_mnist

    cli = cli_run(epochs, kind)
    forget_loaded_mnist()
    return cli, panel_run(panel, None, epochs, kind)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--kind", choices=("mlp", "cnn"), default="mlp",
                        help="the preset trained (default: mlp; --epochs 6 is the cnn's recipe)")
    parser.add_argument("--rounds", type=int, default=1, help="CLI/panel timing pairs, alternating (default: 1)")
    parser.add_argument(
        "--switch-interval-ms", type=float, help="sys.setswitchinterval for this run (default: Python's 5)"
    )
    parser.add_argument("--training-in", choices=("process", "thread"), default="process",
                        help="where the warmed-up panel runs train (default: process, as the app ships)")
    parser.add_argument("--cnn-epochs", type=int, default=1, help="the CNN's epochs in the first runs (default: 1)")
    parser.add_argument("--first-run-only", action="store_true", help="only the first runs of fresh processes")
    parser.add_argument("--no-first-run", action="store_true", help="skip the first runs of fresh processes")
    parser.add_argument("--fresh-tfds", action="store_true", help="first runs prepare MNIST afresh (a new install)")
    arguments = parser.parse_args()
    if not arguments.no_first_run:
        first_runs(arguments)
        if arguments.first_run_only:
            return
    os.environ["DIGITPAD_TRAINING_IN"] = arguments.training_in
    if arguments.switch_interval_ms:
        sys.setswitchinterval(arguments.switch_interval_ms / 1000)
    app = QApplication([])
    QCoreApplication.setOrganizationName("DigitPad")
    QCoreApplication.setApplicationName("DigitPad")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(_scratch / "config"))
    from digitpad.core.training.fit import TrainingSettings, train

    # MNIST prepared and TensorFlow's one-time set-up done outside all timings, as in the app.
    train(TrainingSettings(epochs=1), load_mnist(default_mnist_dir(), default_tfds_dir()))
    panel, window = make_panel(app)
    drawer = Drawer(window) if window else None
    runs = {"timings": [timed_pair(panel, arguments.epochs, arguments.kind) for _ in range(arguments.rounds)]}
    runs["quiet"] = runs["timings"][0][1]
    runs["idle"] = StallProbe()
    probing(QEventLoop(), runs["idle"], drawer, IDLE_S)
    if drawer:
        runs["drawing"] = panel_run(panel, drawer, arguments.epochs, arguments.kind)
    runs["control"] = subprocess_control(arguments.epochs, arguments.kind)
    report(arguments, runs, window, drawer)
    if window:
        window.close()
    panel.shutdown()


def first_runs(arguments) -> None:
    """Each (place, kind) in a fresh process, so each is a session's first run; printed as they end."""
    from first_run import PLACES, launch, report_line

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start, "
          f"{time.strftime('%Y-%m-%d %H:%M')}; first runs{' preparing MNIST afresh' if arguments.fresh_tfds else ''}",
          flush=True)
    for kind, epochs in (("mlp", arguments.epochs), ("cnn", arguments.cnn_epochs)):
        for place in PLACES:
            found = launch(place, kind, epochs, arguments.fresh_tfds)
            print(report_line(place, kind, epochs, found), flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} after the first runs", flush=True)


def report(arguments, runs: dict, window, drawer: Drawer | None) -> None:
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end, "
        f"switch interval {sys.getswitchinterval() * 1000:g} ms, {time.strftime('%Y-%m-%d %H:%M')}"
    )
    where = "the real MainWindow" if window else "standalone TrainingPanel"
    recipe = f"the {arguments.kind} preset for {arguments.epochs} epochs"
    print(f"panel: {where}, {recipe}, training in a {arguments.training_in}")
    print(f"stalls, no training ({IDLE_S} s{', drawing' if drawer else ''}): {runs['idle'].summary()}")
    print(f"stalls, panel training: {runs['quiet']['probe'].summary()}")
    print(f"  worst: {runs['quiet']['probe'].worst_text()}")
    if drawer:
        print(f"stalls, panel training while drawing: {runs['drawing']['probe'].summary()}")
        print(f"  worst: {runs['drawing']['probe'].worst_text()}")
        print(
            f"digits drawn while training: {len(drawer.release_ms)}, predictions received: {drawer.predictions}, "
            f"release-to-prediction longest {max(drawer.release_ms, default=0):.0f} ms, "
            f"median {np.median(drawer.release_ms or [0]):.0f} ms"
        )
    print(f"stalls, control (train_model.py in another process): {runs['control'].summary()}")
    print(f"  worst: {runs['control'].worst_text(3)}")
    ratios = [report_overhead(cli, panel) for cli, panel in runs["timings"]]
    if len(ratios) > 1:
        print(f"median ratio panel / CLI over {len(ratios)} rounds: {np.median(ratios):.3f} (target <= 1.15)")


def report_overhead(cli: dict, panel: dict) -> float:
    if "failed" in panel:
        print(f"panel run failed: {panel['failed']}")
        return float("nan")
    from digitpad.core.runs.model_files import read_card

    result = cli["result"]
    print(
        f"CLI path (train, save, plot): {cli['seconds']:.1f} s, validation accuracy "
        f"{result.history['val_accuracy'][-1]:.4f}, test accuracy {result.test_accuracy:.4f}"
    )
    print(f"  {cli['phases'].text(cli['ended'])}")
    print(
        f"panel (Train click to trained, no drawing): {panel['seconds']:.1f} s, validation accuracy "
        f"{panel['epochs'][-1]['val_accuracy']:.4f}, test accuracy {read_card(panel['path'])['test_accuracy']:.4f}"
    )
    print(f"  {panel['phases'].text(panel['ended'])}")
    ratio = panel["seconds"] / cli["seconds"]
    print(f"ratio panel / CLI: {ratio:.3f} (target <= 1.15)")
    return ratio


if __name__ == "__main__":
    main()
