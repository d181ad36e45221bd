"""`python train_model.py` as a whole cold process against the seed's plain tfds tutorial script.

Everything a person waits for counts: Python and TensorFlow starting, the data, the first
epoch's tracing, the 8 epochs, saving and plotting. Both run as fresh processes with the
caches warm (MNIST prepared once before the first timing), alternating for a few rounds
because this machine's timings wander. Target: ratio <= 0.3 (issue 29; 0.5 before it), same accuracy.

    python bench/train_process.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DIGITPAD_MNIST_DIR", str(ROOT.parent / "shared" / "mnist"))
os.environ.setdefault("DIGITPAD_TFDS_DIR", str(ROOT / ".cache" / "tfds"))


def timed(command: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, final validation accuracy) of one cold process.

    The CPU seconds (user + system) wander less than the wall time when others share the cores.
    """
    before, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    seconds, cpu = time.perf_counter() - started, _children_cpu() - before
    accuracy = re.findall(r"val_accuracy:? ([0-9.]+)", done.stdout)
    return seconds, cpu, float(accuracy[-1])


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="digitpad-train-process-"))
    commands = {
        "seed tfds tutorial": [sys.executable, "bench/seed_tutorial.py", str(out)],
        "train_model.py": [sys.executable, "train_model.py", "--out", str(out / "mlp.keras")],
    }
    timed(commands["train_model.py"])  # prepares MNIST and its array cache if need be; not timed
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}")
    runs = {name: [] for name in commands}
    for _ in range(arguments.rounds):
        for name, command in commands.items():
            runs[name].append(timed(command))
    for name, results in runs.items():
        seconds = [round(r[0], 1) for r in results]
        print(f"{name:20s} median {statistics.median(seconds):5.1f} s of {seconds}   "
              f"CPU {statistics.median(r[1] for r in results):5.1f} s   "
              f"validation accuracy {statistics.median(r[2] for r in results):.4f}")
    print(f"load average (1, 5, 15 min) at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    ratio = statistics.median(r[0] for r in runs["train_model.py"]) / statistics.median(
        r[0] for r in runs["seed tfds tutorial"])
    print(f"ratio train_model.py / seed tutorial: {ratio:.2f} (target <= 0.30: {'met' if ratio <= 0.3 else 'not met'})")


if __name__ == "__main__":
    main()
