"""Opening the window and drawing with a shipped model never imports TensorFlow (checked in a child process)."""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

# The test session itself imports TensorFlow, so the window runs in a process of its own.
CHILD = """
import json, sys, time
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from digitpad.qt.main_window import MainWindow
from tests.drawing import seven

app = QApplication([])
window = MainWindow(model_path=sys.argv[1])
window.show()
predictions = []
window.prediction_changed.connect(predictions.append)
deadline = time.monotonic() + 20
while window.predictor() is None and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.005)
for stroke in seven(window.canvas.width()):
    points = [QPoint(round(x), round(y)) for x, y in stroke]
    QTest.mousePress(window.canvas, Qt.MouseButton.LeftButton, pos=points[0])
    for point in points[1:]:
        QTest.mouseMove(window.canvas, point)
    QTest.mouseRelease(window.canvas, Qt.MouseButton.LeftButton, pos=points[-1])
app.processEvents()
runtime = window.predictor().runtime
window.close()
print(json.dumps({"runtime": runtime, "last": predictions[-1] if predictions else None,
                  "tensorflow": "tensorflow" in sys.modules, "keras": "keras" in sys.modules}))
"""


@pytest.mark.parametrize("model", ["cnn", "mlp"])
def test_drawing_with_a_shipped_model_never_imports_tensorflow(model):
    path = str(ROOT / "assets" / f"{model}.keras")
    result = subprocess.run([sys.executable, "-c", CHILD, path], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])

    assert report["runtime"] == "litert" and report["last"] is not None
    assert max(range(10), key=report["last"].__getitem__) == 7
    assert report["tensorflow"] is False and report["keras"] is False
