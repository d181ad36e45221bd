"""Launching DigitPad's commands as a person types them: separate processes, isolated folders."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import time
from pathlib import Path

import numpy as np
from PIL import Image

from tests.conftest import ROOT

READY = "DigitPad: model ready"
# A model without its LiteRT twin loads through TensorFlow: tens of seconds on a loaded 2-core machine.
READY_TIMEOUT_S = 240
QUIT_WITHIN_S = 3.0
COMMAND_TIMEOUT_S = 240  # the same, for a command


def isolated_environment(home: Path, **extra: str) -> dict[str, str]:
    """This environment with settings, app data and home in `home`, and offscreen Qt unless told otherwise."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home))
    environment.update(XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"), **extra)
    (home / "config").mkdir(parents=True, exist_ok=True)
    return environment


def settings_file(environment: dict[str, str]) -> Path:
    """Where QSettings() keeps DigitPad's settings on Linux."""
    return Path(environment["XDG_CONFIG_HOME"]) / "DigitPad" / "DigitPad.conf"


class LaunchedApp:
    """A command that starts the window, in its own session (as a terminal runs a foreground job)."""

    def __init__(self, command: list[str], environment: dict[str, str], cwd: Path = ROOT):
        self.stderr_path = Path(environment["HOME"]) / "stderr.txt"
        with open(self.stderr_path, "w") as stderr:
            self.process = subprocess.Popen(
                command, env=environment, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=stderr, start_new_session=True,
            )

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    def wait_for_output(self, text: str = READY, timeout_s: float = READY_TIMEOUT_S) -> None:
        """Poll stderr until `text` appears; fail at once if the process ends first."""
        deadline = time.monotonic() + timeout_s
        while text not in self.stderr():
            assert self.process.poll() is None, f"ended with {self.process.returncode}:\n{self.stderr()[-3000:]}"
            assert time.monotonic() < deadline, f"no {text!r} after {timeout_s} s:\n{self.stderr()[-3000:]}"
            time.sleep(0.1)

    def is_running(self) -> bool:
        return self.process.poll() is None

    def interrupt(self) -> float:
        """Ctrl+C in the terminal: SIGINT to the whole foreground process group. Seconds to exit."""
        return self._end(lambda: os.killpg(self.process.pid, signal.SIGINT))

    def terminate(self, pid: int | None = None) -> float:
        """SIGTERM to the app (or to `pid`, the app under a launcher); seconds until the launched process ends."""
        return self._end(lambda: os.kill(pid or self.process.pid, signal.SIGTERM))

    def _end(self, send) -> float:
        started = time.monotonic()
        send()
        try:
            self.process.wait(timeout=QUIT_WITHIN_S + 30)
        finally:
            self.kill()
        return time.monotonic() - started

    def kill(self) -> None:
        """Whatever happened, leave nothing running."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def child_pids(self) -> list[int]:
        """The launched process's children (Linux): the app that `make` started."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]


def assert_closed_cleanly(app: LaunchedApp, seconds: float, environment: dict[str, str]) -> None:
    """Exit code 0, no traceback, settings written, within QUIT_WITHIN_S of the signal."""
    assert app.process.returncode == 0, app.stderr()[-3000:]
    assert "Traceback" not in app.stderr(), app.stderr()[-3000:]
    assert "brushWidth" in settings_file(environment).read_text()
    assert seconds < QUIT_WITHIN_S


def mnist_test_pngs(folder: Path, count: int) -> tuple[list[Path], list[int]]:
    """The first `count` MNIST test digits as 112 px PNGs, alternating white-on-black and black-on-white."""
    mnist_dir = Path(os.environ["DIGITPAD_MNIST_DIR"])
    with gzip.open(mnist_dir / "t10k-images-idx3-ubyte.gz") as file:
        images = np.frombuffer(file.read(), np.uint8, offset=16).reshape(-1, 28, 28)
    with gzip.open(mnist_dir / "t10k-labels-idx1-ubyte.gz") as file:
        labels = np.frombuffer(file.read(), np.uint8, offset=8)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        pixels = images[index] if index % 2 == 0 else 255 - images[index]  # odd ones: dark ink on paper
        paths.append(folder / f"mnist-test-{index}-{'white-on-black' if index % 2 == 0 else 'black-on-white'}.png")
        Image.fromarray(pixels).resize((112, 112), Image.Resampling.BILINEAR).save(paths[-1])
    return paths, [int(label) for label in labels[:count]]
