"""Stroke-to-bars latency: preprocess + model call + painting the bars, in the real window.

A few hundred digits are drawn on the canvas; after each, `MainWindow.predict_now()` (what the
coalescing timer runs) and the painting of what it changed are timed, with the model served
by its LiteRT twin (as the app does) and then by Keras' traced function. In the same run the
model call is swapped for the naive `model.predict()` per image, for comparison. With the
"Look inside" dock open, each timing also covers its update (activations, one occlusion batch
for the saliency, tiles) and repaint. With the "Where it lands" dock open, the bars' call also
returns the drawing's point; the stroke-to-bars time is printed, and beside it the map's own
update after the bars (neighbours, the point, `landed`) and the probe's (one batched call).
Targets (p95): MLP <= 5 ms, CNN <= 15 ms, inspector closed and open, on the wall clock; the
GUI thread's own CPU time is printed under each, since on a virtual machine the difference is
time the host gave to other guests.

    QT_QPA_PLATFORM=offscreen python bench/latency.py [--strokes 300]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DIGITPAD_MNIST_DIR", str(ROOT.parent / "shared" / "mnist"))  # the map's test digits
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from replay import draw, load_drawn_digits, place, use_throwaway_settings  # noqa: E402

TARGET_P95_MS = {"mlp": 5.0, "cnn": 15.0}
MAP_TURNS: list[tuple[float, float]] = []  # the map's update and the probe's, after the bars, in ms


def naive_read_views(model):
    """The demo-style call: `model.predict()` on the views, then softmax (the bars take the mean)."""
    from digitpad.core.inference.predictor import Reading

    def read_views(views, layers=False, embedding=False):
        logits = model.predict(views.reshape(-1, 28, 28, 1), verbose=0)
        exponentials = np.exp(logits - logits.max(axis=1, keepdims=True))
        return Reading(exponentials / exponentials.sum(axis=1, keepdims=True))

    return read_views


def time_predictions(window, drawings) -> tuple[np.ndarray, np.ndarray]:
    """Milliseconds from 'the drawing changed' to 'the bars (and the open inspector) are painted',
    on the wall clock and on the GUI thread's CPU.

    Painted as the app paints them: each step's pending updates are flushed the way the event
    loop's next turn would (Qt's UpdateRequest), so exactly the widgets that changed are painted,
    and the inspector is refreshed after the bars are, as its zero-delay timer does. Rows before
    2026-12-02 13:00 forced a full repaint of the view and of the whole dock instead, which the
    app never does; the two measured the same within this machine's noise, since what changes
    (labels, bars, pictures) spans most of both anyway.
    """
    timings, on_cpu = [], []
    dock, map_dock = window.look_inside_dock, window.map_dock
    for strokes in drawings:
        draw_unread(window.canvas, strokes)
        started, cpu_started = time.perf_counter(), time.thread_time()
        window.predict_now()
        paint_pending_updates()
        if dock.isVisible():
            dock.refresh()  # what its zero-delay timer runs once the bars are painted
            paint_pending_updates()
        timings.append((time.perf_counter() - started) * 1000)
        on_cpu.append((time.thread_time() - cpu_started) * 1000)
        if map_dock.isVisible():
            map_started = time.perf_counter()
            map_dock.refresh()  # its zero-delay timer, after the bars
            paint_pending_updates()
            landed = time.perf_counter()
            map_dock.probe()  # the next turn's
            paint_pending_updates()
            MAP_TURNS.append(((landed - map_started) * 1000, (time.perf_counter() - landed) * 1000))
    # The GUI thread's own CPU time beside the wall time the targets judge: on a virtual machine,
    # the gap between them is time the host gave to other guests, not the app's.
    return np.array(timings), np.array(on_cpu)


def time_with_the_map(window, drawings) -> tuple[np.ndarray, np.ndarray]:
    """The stroke-to-bars times with "Where it lands" open (its PCA map made first, t-SNE left out)."""
    MAP_TURNS.clear()
    window.map_dock.nonlinear = False
    window.show_map()
    started = time.perf_counter()
    while window.map_dock._shown_map is None and time.perf_counter() - started < 60:
        QApplication.processEvents()
        time.sleep(0.005)
    if window.map_dock._shown_map is None:
        raise SystemExit(f"The map did not appear: {window.map_dock.view.message.text()}")
    timings = time_predictions(window, drawings)
    window.map_dock.hide()
    return timings


def draw_unread(canvas, strokes) -> None:
    """Draw on a cleared canvas, painted, without the prediction the stroke's end asks for.

    In the app the canvas paints each stroke as the pen moves, long before the stroke ends; at
    the release only its last few pixels are left to paint. Rows before 2026-12-02 21:50 UTC drew with the
    canvas's signals on, so the release's prediction ran untimed and the whole canvas (cleared
    and redrawn) was painted inside the timed step, which the app never does.
    """
    canvas.blockSignals(True)
    try:
        canvas.clear()
        draw(canvas, strokes)
    finally:
        canvas.blockSignals(False)
    paint_pending_updates()


def paint_pending_updates() -> None:
    """Paint (and put on screen) every widget waiting for a repaint, and nothing else."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateRequest)


def report(name: str, label: str, timings: np.ndarray, on_cpu: np.ndarray) -> None:
    p95, target = np.percentile(timings, 95), TARGET_P95_MS.get(name)
    verdict = f"   (target <= {target:.0f} ms: {'met' if p95 <= target else 'NOT met'})" if target else ""
    print(f"{name:5s} {label:34s} p50 {np.median(timings):6.2f} ms   p95 {p95:6.2f} ms{verdict}")
    cpu_label, cpu_p50, cpu_p95 = "  of it, the GUI thread on a CPU", np.median(on_cpu), np.percentile(on_cpu, 95)
    print(f"{name:5s} {cpu_label:34s} p50 {cpu_p50:6.2f} ms   p95 {cpu_p95:6.2f} ms")


def measure(model_path: Path, digits, count: int) -> None:
    from digitpad.qt.main_window import MainWindow

    window = MainWindow(model_path=model_path)
    window.show()
    while window.predictor() is None:
        QApplication.processEvents()
        time.sleep(0.01)
    rng = np.random.default_rng(0)
    drawings = [place(d["strokes"], window.canvas.height(), rng) for d in digits[:count]]
    runtime = window.predictor().runtime
    fast, fast_on_cpu = time_predictions(window, drawings)
    window.show_look_inside()
    QApplication.processEvents()
    inspected, inspected_on_cpu = time_predictions(window, drawings)
    window.look_inside_dock.hide()
    mapped, mapped_on_cpu = time_with_the_map(window, drawings)
    from digitpad.core.inference.keras_predictor import KerasPredictor  # TensorFlow from here on

    keras_predictor, in_use = KerasPredictor.load(model_path), window.predictor()
    in_use.read_views = keras_predictor.read_views  # the window keeps its object
    traced, _ = time_predictions(window, drawings)
    in_use.read_views = naive_read_views(keras_predictor.model)
    naive, _ = time_predictions(window, drawings[: max(count // 3, 20)])
    window.close()
    name = model_path.stem
    report(name, f"DigitPad ({runtime})", fast, fast_on_cpu)
    report(name, f"DigitPad ({runtime}) + Look inside open", inspected, inspected_on_cpu)
    report(name, f"DigitPad ({runtime}) + map open", mapped, mapped_on_cpu)
    added = np.percentile(mapped, 95) - np.percentile(fast, 95)
    print(f"{name:5s} {'  map open: adds to the bars p95':34s} {added:+6.2f} ms   (target <= +10 ms)")
    turns = np.array(MAP_TURNS)
    for column, label in enumerate(("  then the map's own turn", "  then the probe's own turn")):
        p50, p95 = np.median(turns[:, column]), np.percentile(turns[:, column], 95)
        print(f"{name:5s} {label:34s} p50 {p50:6.2f} ms   p95 {p95:6.2f} ms")
    print(f"{name:5s} {'for comparison, inspector closed:':34s}")
    for label, timings in (("Keras traced tf.function", traced), ("Keras model.predict()", naive)):
        print(f"{name:5s} {label:34s} p50 {np.median(timings):6.2f} ms   p95 {np.percentile(timings, 95):6.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strokes", type=int, default=300)
    parser.add_argument("models", nargs="*", type=Path)
    arguments = parser.parse_args()
    use_throwaway_settings()
    app = QApplication.instance() or QApplication(sys.argv)  # noqa: F841
    digits = load_drawn_digits()
    models = arguments.models or [
        p for p in (ROOT / "assets" / "mlp.keras", ROOT / "assets" / "cnn.keras") if p.exists()
    ]
    print(f"{arguments.strokes} replayed drawings per model, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores")
    for path in models:
        measure(path, digits, arguments.strokes)


if __name__ == "__main__":
    main()
