"""Test set-up: offscreen Qt, the real MNIST files, and no writes outside temporary folders."""

import atexit
import functools
import gc
import http.server
import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_MNIST = ROOT.parent / "shared" / "mnist"
DRAWN_DEV = ROOT.parent / "shared" / "drawn-dev" / "strokes.jsonl"

# Before anything imports Qt or Keras: no display, and a throwaway home so that nothing a test
# runs (Keras' config, Qt's settings, tfds' default folder) can touch the real one.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_session_home = tempfile.mkdtemp(prefix="digitpad-tests-home-")
os.environ["HOME"] = _session_home
# Temporary files too (TensorFlow's traced functions leave one each, the test processes' too), so
# that removing the session's home at exit leaves nothing behind in the machine's /tmp.
os.environ["TMPDIR"] = tempfile.tempdir = os.path.join(_session_home, "tmp")
os.mkdir(tempfile.tempdir)
atexit.register(shutil.rmtree, _session_home, ignore_errors=True)
os.environ["KERAS_HOME"] = os.path.join(_session_home, ".keras")
os.environ["XDG_CACHE_HOME"] = os.path.join(_session_home, ".cache")  # the twins' templates among them
os.environ.setdefault("DIGITPAD_MNIST_DIR", str(SHARED_MNIST))
# Prepared once per checkout and reused: preparing MNIST takes ~15 s.
os.environ.setdefault("DIGITPAD_TFDS_DIR", str(ROOT / ".cache" / "tfds"))


@pytest.fixture(scope="session", autouse=True)
def background_work_finishes_before_exit():
    """Wait for TensorFlow work a test walked away from (a model or MNIST load) at the end.

    Python's exit force-unwinds a daemon thread still inside TensorFlow's C++ code, which
    aborts the whole run after every test has passed.
    """
    yield
    from digitpad.core.training.background import wait_until_idle

    assert wait_until_idle(timeout_s=180), "background TensorFlow work did not finish"


@pytest.fixture(autouse=True)
def garbage_is_collected_on_the_main_thread():
    """Collect cycles after each test, here, and never automatically in a background thread.

    A window left in a reference cycle by a test was otherwise collected by whichever thread
    allocated next, often the model loader inside Keras: Qt objects destroyed off their thread
    deadlocked or crashed the run (the app does the same with digitpad.qt.app.gui_thread_gc).
    """
    gc.disable()
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path, monkeypatch):
    """Point settings and app data at this test's temporary folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    try:
        from PySide6.QtCore import QSettings
    except ImportError:
        return
    for format_ in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(format_, QSettings.Scope.UserScope, str(tmp_path / "config"))


@pytest.fixture(scope="session")
def mnist():
    """The real MNIST, loaded once per test session from ../shared/mnist."""
    from digitpad.core.mnist.loading import load_mnist

    return load_mnist(os.environ["DIGITPAD_MNIST_DIR"], os.environ["DIGITPAD_TFDS_DIR"])


@pytest.fixture(scope="session")
def mlp_path():
    """The shipped seed-recipe model."""
    return ROOT / "assets" / "mlp.keras"


@pytest.fixture(scope="session")
def cnn_path():
    """The shipped convnet, the app's default model."""
    return ROOT / "assets" / "cnn.keras"


@pytest.fixture(scope="session")
def many_samples(tmp_path_factory):
    """A samples folder of 20,000 files in the app's format (version 1), written once per test session."""
    from tests.many_samples import write_many_samples

    return write_many_samples(tmp_path_factory.mktemp("many-samples"), 20_000)


@pytest.fixture
def mnist_test_server(tmp_path):
    """An HTTP server on localhost serving MNIST's two test files (a folder a test may change); URL, folder, log."""
    from digitpad.core.mnist.test_files import TEST_IMAGES, TEST_LABELS

    served = tmp_path / "served"
    served.mkdir()
    for name in (TEST_IMAGES, TEST_LABELS):
        shutil.copy(SHARED_MNIST / name, served / name)
    requests = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_request(self, *args):  # once per request, whatever its answer
            requests.append(self.path)

        def log_message(self, *args):  # quiet
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=served))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}/", served, requests
    httpd.shutdown()
    httpd.server_close()
