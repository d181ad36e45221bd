"""A panel run in a child process: it trains, saves and switches the window, and the window's process never
imports TensorFlow (not even to show where the new model fails); a stop leaves nothing behind; a crash is one
sentence."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from digitpad.core.training.child_processes import child_pids, discard_spares, start_spare
from digitpad.core.training.panel_run import TrainingRequest
from digitpad.core.training.training_client import RunFailed, run_in_child
from digitpad.core.training.training_events import TrainingListener
from tests.conftest import ROOT, SHARED_MNIST

# The test session imports TensorFlow itself, so the window runs in a process of its own.
WINDOW_RUN = """
import json, sys, time
from PySide6.QtWidgets import QApplication, QSpinBox
from digitpad.core.training.training_events import FIRST_LAYER_WEIGHTS
from digitpad.qt.main_window import MainWindow

app = QApplication([])
window = MainWindow(model_path=sys.argv[1])
window.show()
panel = window.training_panel
panel.findChild(QSpinBox, "epochsSpin").setValue(1)
epochs, models, where = [], [], []
panel.epoch_ended.connect(lambda epoch, metrics: epochs.append(
    [epoch, metrics["val_accuracy"], list(metrics[FIRST_LAYER_WEIGHTS].shape)]))
window.model_changed.connect(models.append)
deadline = time.monotonic() + 30
while window.predictor() is None and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.005)
panel.start()
where.append(panel.run._worker.where)
deadline = time.monotonic() + 180
while len(models) < 2 and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.005)
status = panel.progress.status_label.text()
deadline = time.monotonic() + 120  # then "Where it fails" tests the new model on MNIST, in the background
while window.confusion_dock._worker.is_busy() and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.005)
window.close()
print(json.dumps({"epochs": epochs, "models": models, "where": where, "status": status,
                  "runtime": window.predictor().runtime,
                  "tensorflow": "tensorflow" in sys.modules, "keras": "keras" in sys.modules}))
"""


def test_a_panel_run_trains_in_a_child_process_saves_the_unit_and_switches_the_window_without_tensorflow(tmp_path):
    temporary = tmp_path / "tmp"  # the temporary folder of the window and its training process
    temporary.mkdir()
    result = subprocess.run([sys.executable, "-c", WINDOW_RUN, str(ROOT / "assets" / "mlp.keras")], cwd=ROOT,
                            capture_output=True, text=True, timeout=240, env={**os.environ, "TMPDIR": str(temporary)})
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.splitlines()[-1])

    assert report["where"] == ["process"]
    (epoch, val_accuracy, kernel_shape), = report["epochs"]
    assert epoch == 1 and 0.9 < val_accuracy <= 1 and kernel_shape == [784, 128]
    new_model = report["models"][-1]
    assert "/models/mlp-" in new_model and report["runtime"] == "litert"  # its LiteRT twin is in use
    assert new_model.startswith(str(tmp_path))  # the test's own app data folder
    saved = sorted(path.name for path in Path(new_model).parent.iterdir())
    stem = Path(new_model).stem
    assert saved == sorted(f"{stem}{suffix}" for suffix in (".json", ".keras", ".png", ".tflite"))
    assert report["status"].startswith("done: ")
    assert report["tensorflow"] is False and report["keras"] is False
    assert list(temporary.iterdir()) == []  # TensorFlow's autograph files removed as the process ended


class StopAtFirstStep(TrainingListener):
    """Asks for a stop as soon as training reports a step, and keeps the phases seen."""

    def __init__(self, stop_event):
        self.stop_event, self.phases, self.steps = stop_event, [], 0

    def phase_changed(self, phase):
        self.phases.append(phase)
        self.training_pids = child_pids()

    def batch_progress(self, step, total_steps, accuracy, loss, examples_per_second):
        self.steps += 1
        self.stop_event.set()


def request_in(folder, **recipe) -> TrainingRequest:
    values = dict(model_kind="mlp", epochs=3, batch_size=128, learning_rate=1e-3, augment=False) | recipe
    return TrainingRequest(**values, models_dir=folder / "models", mnist_dir=str(SHARED_MNIST),
                           data_dir=str(ROOT / ".cache" / "tfds"))


def test_a_run_takes_the_spare_process_started_for_it_and_a_stop_ends_it_leaving_no_files(tmp_path):
    from digitpad.core.training.training_events import TrainingStopped

    start_spare()
    start_spare()  # one spare is enough
    [spare] = child_pids()
    stop_event = threading.Event()
    listener = StopAtFirstStep(stop_event)
    with pytest.raises(TrainingStopped):
        run_in_child(request_in(tmp_path), listener, stop_event)
    assert listener.training_pids == [spare]  # no second process
    assert listener.phases[:2] == ["loading data", "training"] and listener.steps >= 1
    assert "saving" not in listener.phases
    assert list((tmp_path / "models").iterdir()) == []
    assert child_pids() == []


def test_a_spare_that_died_waiting_is_replaced_and_quitting_kills_a_waiting_one(tmp_path):
    import time

    says_its_pid = (sys.executable, "-c", "import os, sys; sys.exit(f'process {os.getpid()}')")
    start_spare(says_its_pid)
    [spare] = child_pids()
    deadline = time.monotonic() + 10
    while child_pids() and time.monotonic() < deadline:
        time.sleep(0.05)
    with pytest.raises(RunFailed) as failure:
        run_in_child(request_in(tmp_path), TrainingListener(), threading.Event(), command=says_its_pid)
    assert "process " in str(failure.value) and f"process {spare})" not in str(failure.value)

    start_spare()
    [waiting] = child_pids()
    discard_spares()
    assert child_pids() == []
    with pytest.raises(ProcessLookupError):
        os.kill(waiting, 0)


@pytest.mark.parametrize(("crash", "named"), [
    ("import ctypes; ctypes.string_at(0)", "SIGSEGV"),
    ("import sys; sys.stdin.readline(); raise MemoryError('out of memory in the fit')", "out of memory in the fit"),
])
def test_a_child_that_crashes_is_reported_in_one_sentence(tmp_path, crash, named):
    with pytest.raises(RunFailed) as failure:
        run_in_child(request_in(tmp_path), TrainingListener(), threading.Event(), command=(sys.executable, "-c", crash))
    message = str(failure.value)
    assert message.startswith("The training process ended unexpectedly") and named in message
    assert message.endswith(".") and "\n" not in message and message.count(". ") == 0
    assert child_pids() == []


def test_a_child_that_ignores_a_stop_is_killed_and_the_run_ends_as_stopped(tmp_path, monkeypatch):
    import time

    import digitpad.core.training.training_client as client
    from digitpad.core.training.training_events import TrainingStopped

    monkeypatch.setattr(client, "STOP_GRACE_S", 0.5)  # 10 s in the app
    deaf = (sys.executable, "-c", "import sys, time; sys.stdin.readline(); time.sleep(60)")  # never reads "stop"
    stop_event = threading.Event()
    stop_event.set()
    started = time.perf_counter()
    with pytest.raises(TrainingStopped):
        run_in_child(request_in(tmp_path), TrainingListener(), stop_event, command=deaf)
    assert time.perf_counter() - started < 5
    assert child_pids() == []


CLAIMS_A_NAME_THEN_WAITS = """
import sys, time
from pathlib import Path
from digitpad.core.training.run_saving import claim_model_path
print(claim_model_path(Path(sys.argv[1]), "mlp").name, flush=True)
time.sleep(60)  # saving, when the window quits
"""


def test_a_child_killed_mid_save_leaves_no_claim_on_a_name_and_other_claims_stand(tmp_path):
    from digitpad.core.training.child_processes import kill
    from digitpad.core.training.run_saving import claim_model_path

    ours = claim_model_path(tmp_path, "cnn")  # this process's own save, still going on
    child = subprocess.Popen([sys.executable, "-c", CLAIMS_A_NAME_THEN_WAITS, str(tmp_path)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    claimed = child.stdout.readline().strip()

    kill(child, tmp_path, wait_s=5)

    assert claimed.startswith("mlp-")
    assert [path.name for path in tmp_path.glob(".*claim*")] == [f".{ours.name}.claim.tmp"]
