"""A semester of use: the window with hundreds of runs and thousands of samples.

Builds data folders of N runs (copies of the shipped MLP, each with a card of its own recipe)
and M samples (drawn-dev digits filed again and again), once, under .cache/scale; then, for each
size, starts the app in a fresh process on a copy of that folder (hard links) and times:
- start-up: from process start to the first prediction of a digit drawn at once, against an
  empty data folder in the same run (target: within 1.2x);
- the Runs dock and My samples: from `open()` until the event loop next turns (target <= 200 ms),
  and the longest stall of the GUI thread while each opens, scrolls top to bottom, sorts by each
  column and filters (target <= 50 ms), measured by a 5 ms timer's late beats;
- the Model menu's entries.

    QT_QPA_PLATFORM=offscreen python bench/scale.py [--runs 100 300 1000] [--samples 20000]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "scale"
SEVEN = [[(110, 80), (250, 80), (150, 300)]]
KINDS = ("mlp", "cnn")


def build_runs(count: int) -> Path:
    """`count` runs of the shipped MLP's files, each card a recipe of its own, saved a day apart (cached)."""
    folder = CACHE / f"runs-{count}"
    if (folder / "done").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    card = json.loads((ROOT / "assets" / "mlp.json").read_text())
    start = time.time() - count * 3600
    for index in range(count):
        name = f"{KINDS[index % 2]}-run-{index:04d}"
        for suffix in (".tflite", ".png", ".keras"):  # the twin first: it must not be older than the model
            shutil.copyfile(ROOT / "assets" / f"mlp{suffix}", folder / f"{name}{suffix}")
        recipe = dict(card.get("recipe", {}), model_kind=KINDS[index % 2], epochs=4 + index % 9,
                      learning_rate=[1e-3, 3e-3, 1e-2][index % 3], batch_size=[64, 128, 512][index % 3],
                      augment=bool(index % 4 == 0), seed=index)
        run_card = dict(card, recipe=recipe, training_seconds=8.0 + index % 50,
                        test_accuracy=0.95 + (index % 47) / 1000)
        (folder / f"{name}.json").write_text(json.dumps(run_card))
        moment = start + index * 3600
        for suffix in (".tflite", ".png", ".json", ".keras"):
            os.utime(folder / f"{name}{suffix}", (moment, moment + (suffix == ".tflite")))
    (folder / "done").touch()
    return folder


def build_samples(count: int) -> Path:
    """`count` sample files in the app's format: drawn-dev's digits, each filed many times (cached)."""
    folder = CACHE / f"samples-{count}"
    if (folder / "done").exists():
        return folder
    sys.path.insert(0, str(ROOT))
    from digitpad.core.drawing.preprocess import strokes_to_mnist
    from digitpad.core.samples.store import make_sample

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    lines = (ROOT.parent / "shared" / "drawn-dev" / "strokes.jsonl").read_text().splitlines()
    digits = [json.loads(line) for line in lines]
    images = [strokes_to_mnist(d["strokes"]) for d in digits]
    start = time.time() - count * 60
    for index in range(count):
        digit, image = digits[index % len(digits)], images[index % len(digits)]
        sample = make_sample(digit["strokes"], image, digit["label"], created=start + index * 60)
        (folder / f"sample-{sample.id}.json").write_text(json.dumps(sample.to_json()))
    (folder / "done").touch()
    return folder


def data_folder(scratch: Path, runs: Path | None, samples: Path | None) -> dict:
    """An environment whose data folder holds hard links to the cached runs and samples."""
    app = scratch / "data" / "DigitPad" / "DigitPad"  # AppDataLocation: organisation, then application
    for source, name in ((runs, "models"), (samples, "samples")):
        target = app / name
        target.mkdir(parents=True, exist_ok=True)
        for path in source.iterdir() if source else ():
            if path.name != "done":
                os.link(path, target / path.name)
    environment = dict(os.environ, XDG_CONFIG_HOME=str(scratch / "config"), XDG_DATA_HOME=str(scratch / "data"))
    environment.setdefault("QT_QPA_PLATFORM", "offscreen")
    environment["DIGITPAD_TRAINING_IN"] = "thread"  # no spare training process competing for the cores
    return environment


def measure(environment: dict) -> dict:
    launched_at = time.monotonic()
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "scale_child.py"), repr(launched_at)],
                          env=environment, cwd=ROOT, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"the app failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--samples", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=3, help="cold starts of each size, alternating with empty")
    args = parser.parse_args()
    sizes = [(n, args.samples if n == max(args.runs) else 0) for n in args.runs]
    folders = {n: (build_runs(n), build_samples(m) if m else None) for n, m in sizes}
    print(f"{datetime.date.today()}, {os.cpu_count()} cores, QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM')}")
    for runs, samples in sizes:
        rows, ratios = [], []
        for _ in range(args.rounds):
            with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as full:
                base = measure(data_folder(Path(empty), None, None))
                row = measure(data_folder(Path(full), *folders[runs]))
            rows.append(row)
            ratios.append(row["first_prediction"] / base["first_prediction"])
        report(runs, samples, rows, ratios)


def report(runs: int, samples: int, rows: list[dict], ratios: list[float]) -> None:
    def median(key):
        return statistics.median(row[key] for row in rows)

    print(f"\n{runs} runs, {samples} samples ({len(rows)} cold starts; medians, then the worst)")
    print(f"  first prediction      {median('first_prediction'):.2f} s, {statistics.median(ratios):.2f}x an empty "
          f"folder (worst {max(ratios):.2f}x)   target <= 1.2x")
    worst_start = max(r["start_stall_ms"] for r in rows)
    print(f"  longest stall at start {median('start_stall_ms'):.0f} ms (worst {worst_start:.0f})")
    for dock in ("runs", "samples"):
        if f"{dock}_open_ms" not in rows[0]:
            continue
        worst = max(r[f"{dock}_stall_ms"] for r in rows)
        print(f"  {dock + ' dock':13} opens in {median(dock + '_open_ms'):.0f} ms (target <= 200), longest stall "
              f"opening, scrolling, sorting, filtering {median(dock + '_stall_ms'):.0f} ms, worst {worst:.0f} "
              f"(target <= 50); {rows[0][dock + '_rows']} rows")
    print(f"  Model menu            {rows[0]['menu_entries']} entries")


if __name__ == "__main__":
    main()
