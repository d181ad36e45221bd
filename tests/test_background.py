"""Background TensorFlow work: quitting waits for it briefly, then never aborts on it."""

import subprocess
import sys
import threading
import time

from digitpad.core.training.background import busy, wait_until_idle
from tests.conftest import ROOT


def test_waiting_ends_when_the_busy_work_ends():
    release = threading.Event()

    def work():
        with busy():
            release.wait()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    time.sleep(0.05)
    assert not wait_until_idle(timeout_s=0.1)
    release.set()
    assert wait_until_idle(timeout_s=5)
    thread.join()


def test_quitting_with_work_still_running_ends_promptly_and_cleanly():
    script = (
        "import threading, time\n"
        "from digitpad.core.training.background import busy\n"
        "from digitpad.__main__ import end_background_work\n"
        "def work():\n"
        "    with busy():\n"
        "        time.sleep(60)\n"
        "threading.Thread(target=work, daemon=True).start()\n"
        "time.sleep(0.1)\n"
        "print('quitting', flush=True)\n"
        "end_background_work(0, grace_s=0.5)\n"
        "print('not reached')\n"
    )
    started = time.perf_counter()
    finished = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=30)

    assert finished.returncode == 0
    assert finished.stdout.strip() == "quitting"
    assert time.perf_counter() - started < 10
