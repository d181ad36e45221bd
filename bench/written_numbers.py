"""Reading whole numbers: digits of one writer written side by side, replayed through the canvas.

The writers are drawn-dev's, or with `--writers allographs` writers made at random from the
descriptions of handwriting styles (`bench/allographs.py`: each keeps one way of writing every
digit, the two-stroke 4 and the slashed 0 among them; `--care` how hastily they write), a set
that has chosen nothing and can be asked as often as needed.

Each number takes 2 to 6 digits of one writer (the same digit may repeat), gives the writer a
slant (±12° on top of their own, ±3° more per digit; `--slant`), each digit a size (x0.85-1.15)
and a baseline (±5% of the height), and puts them side by side with random gaps (10% to 60% of
the digit height). The number is fitted into the wide number-mode canvas of a real `MainWindow`
and drawn as mouse events; the window's own reading is scored:
- exact: the number read is the number written;
- grouping wrong: the digits found are not the digits written (a slip left out is not wrong);
- per digit: 1 - the character error rate (edit distance over the digits written), the measure of
  text reading, against the same strokes read alone (single-digit mode); also "in place", where a
  number read at the wrong length counts every digit wrong.
Touching (gap 0) and overlapping (gap -15% to -5%) digits are reported too; they have no target.
drawn-dev is an evaluation set: nothing here is fitted to it.

    QT_QPA_PLATFORM=offscreen python bench/written_numbers.py [--per-length N] [--seed S] [--seeds K]
        [--slant DEG] [--kinds gaps,touching,overlapping] [--writers allographs [--care C]] [MODEL.keras]

The README's figures: drawn-dev, `--per-length 100 --seeds 3` (seeds 0-2 pooled, its gaps row: 300
numbers a length; one seed's 100 swing by +-5 points); made writers, `--writers allographs --care 0.4
--per-length 100 --seeds 4 --kinds gaps` (and `--care 1`).

Not `bench/numbers.py`: a script runs with its folder first on sys.path, so a file of that name
would stand in for the standard library's `numbers` (which numpy imports) in every bench.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402
from allographs import allograph_writers  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from replay import draw, load_drawn_digits, use_throwaway_settings  # noqa: E402

LENGTHS = range(2, 7)
GAPS = {
    "gaps": ("gaps 10-60%", (0.10, 0.60)),
    "touching": ("touching (gap 0)", (0.0, 0.0)),
    "overlapping": ("overlapping (gap -15..-5%)", (-0.15, -0.05)),
}
TARGETS = ("targets (issue 28): grouping wrong <= 0.5%, 4 digits exact >= 97%, "
           "per digit within 0.5 points of single-digit mode")


def compose(records: list[dict], gap_range, rng: np.random.Generator, max_slant: float = 12.0):
    """One writer's digits side by side, in units of the digit height; (strokes, per-digit stroke indices)."""
    slant = rng.uniform(-max_slant, max_slant)
    strokes, truth, x = [], [], 0.0
    for record in records:
        digit = _styled(record["strokes"], slant + rng.uniform(-1, 1) * max_slant / 4, rng.uniform(0.85, 1.15))
        points = np.concatenate(digit)
        corner = (points[:, 0].min(), points[:, 1].max())  # bottom left: digits stand on a baseline
        moved = [s - corner + (x, 1.0 + rng.normal(0, 0.05)) for s in digit]
        truth.append(list(range(len(strokes), len(strokes) + len(moved))))
        strokes += moved
        x = max(s[:, 0].max() for s in moved) + rng.uniform(*gap_range)
    return strokes, truth


def _styled(strokes, slant_deg: float, height: float) -> list[np.ndarray]:
    """A digit scaled to `height` and slanted (sheared) by `slant_deg`, positive leaning right."""
    arrays = [np.asarray(s, float)[:, :2] for s in strokes if len(s)]
    points = np.concatenate(arrays)
    low, high = points.min(axis=0), points.max(axis=0)
    scale = height / max(high[1] - low[1], 1e-6)
    shear = np.tan(np.radians(slant_deg))
    return [
        np.stack([(a[:, 0] - low[0]) * scale + shear * (high[1] - a[:, 1]) * scale, (a[:, 1] - low[1]) * scale], 1)
        for a in arrays
    ]


def fit(strokes, width: float, height: float) -> list[np.ndarray]:
    """Scale the number so a digit is about 60% of the canvas height (smaller if too wide), centred."""
    points = np.concatenate(strokes)
    low, extent = points.min(axis=0), points.max(axis=0) - points.min(axis=0)
    scale = min(0.6 * height, 0.92 * width / max(extent[0], 1e-6), 0.9 * height / max(extent[1], 1e-6))
    offset = (np.array([width, height]) - extent * scale) / 2
    return [(s - low) * scale + offset for s in strokes]


def run_one(window, records, gap_range, rng, max_slant: float = 12.0):
    """Write one number on the canvas; return (text written, reading, truth groups, single-digit answers)."""
    from digitpad.core.drawing.preprocess import strokes_to_mnist_views

    strokes, truth = compose(records, gap_range, rng, max_slant)
    window.canvas.clear()
    draw(window.canvas, fit(strokes, window.canvas.width(), window.canvas.height()))
    window.predict_now()
    drawn = window.canvas.strokes()
    alone = []
    for group in truth:
        views = strokes_to_mnist_views([drawn[i] for i in group])
        alone.append(-1 if views is None else int(np.argmax(window.predictor().probabilities_of_views(views))))
    return "".join(str(r["label"]) for r in records), window.number_mode.reading(), truth, alone


def grouping_right(reading, truth) -> bool:
    found = [set(d.strokes) for d in reading.digits]
    return len(found) == len(truth) and all(f <= set(t) and f for f, t in zip(found, truth))


def measure(window, by_writer, gap_range, per_length: int, rng, max_slant: float) -> dict:
    tally = defaultdict(lambda: np.zeros(6))  # numbers, exact, grouping wrong, in place, by edit, alone right
    writers = sorted(by_writer)
    for length in LENGTHS:
        for _ in range(per_length):
            own = by_writer[writers[rng.integers(len(writers))]]
            records = [own[i] for i in rng.integers(len(own), size=length)]
            text, reading, truth, alone = run_one(window, records, gap_range, rng, max_slant)
            read = reading.text or "" if reading else ""
            right = grouping_right(reading, truth) if reading else False
            digits_right = sum(a == b for a, b in zip(read, text)) if len(read) == len(text) else 0
            alone_right = sum(int(c) == a for c, a in zip(text, alone))
            tally[length] += (1, read == text, not right, digits_right, _digits_right(read, text), alone_right)
    return tally


def _digits_right(read: str, text: str) -> int:
    """Digits of `text` read right, by the character error rate of text reading: len - edit distance.

    Each digit inserted (a stem read as a 1 of its own), dropped or misread costs one digit, so
    a wrong split costs what it got wrong, not every digit after it. Never below 0.
    """
    row = list(range(len(text) + 1))
    for i, a in enumerate(read, 1):
        previous, row = row, [i]
        for j, b in enumerate(text, 1):
            row.append(min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a != b)))
    return max(0, len(text) - row[-1])


def report(name: str, tally: dict) -> None:
    print(f"{name}:")
    total = sum(tally.values())
    for length in LENGTHS:
        n, exact, wrong = tally[length][:3]
        print(f"  {length} digits: exact {exact / n:6.1%}   grouping wrong {wrong / n:5.1%}   ({int(n)} numbers)")
    n, exact, wrong, in_place, by_edit, alone = total
    count = sum(tally[length][0] * length for length in LENGTHS)
    print(f"  all: exact {exact / n:.1%}, grouping wrong {wrong / n:.1%}")
    print(
        f"  per digit: single-digit mode on the same digits {alone / count:.2%}; number mode {by_edit / count:.2%}"
        f" ({100 * (by_edit - alone) / count:+.2f} points; 1 - character error rate: a digit inserted, dropped"
        f" or misread costs one); in place {in_place / count:.2%} ({100 * (in_place - alone) / count:+.2f} points;"
        " a number of the wrong length has every digit wrong)"
    )


def _summary(tally: dict) -> str:
    """One seed in a line: 4 digits exact, all exact, grouping wrong."""
    n, exact, wrong = sum(tally.values())[:3]
    four = tally[4][1] / tally[4][0] if tally[4][0] else float("nan")
    return f"4 digits exact {four:.1%}, all exact {exact / n:.1%}, grouping wrong {wrong / n:.1%}"


def _number_mode_window(model: str):
    """A real MainWindow on `model`, shown, its model loaded and number mode on."""
    from digitpad.qt.main_window import MainWindow

    window = MainWindow(model_path=model)
    window.show()
    while window.predictor() is None:
        QApplication.processEvents()
        time.sleep(0.01)
    window.findChild(type(window.number_mode.action), "numberModeAction").setChecked(True)
    QApplication.processEvents()
    return window


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?", default=str(ROOT / "assets" / "cnn.keras"))
    parser.add_argument("--per-length", type=int, default=60, help="numbers per length and gap kind")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seeds", type=int, default=1, help="run this many seeds from --seed on, then pool them")
    parser.add_argument("--slant", type=float, default=12.0, help="largest slant added to a writer, degrees")
    parser.add_argument("--kinds", default=",".join(GAPS), help=f"comma-separated, of: {', '.join(GAPS)}")
    parser.add_argument("--writers", choices=("drawn-dev", "allographs"), default="drawn-dev",
                        help="whose digits: drawn-dev's 60 writers, or 60 made at random from the allographs")
    parser.add_argument("--care", type=float, default=0.4, help="with --writers allographs: 1 neat, 0.4 hasty")
    args = parser.parse_args()
    kinds = args.kinds.split(",")
    unknown = [kind for kind in kinds if kind not in GAPS]
    if unknown:
        parser.error(f"unknown --kinds {', '.join(unknown)}; choose from {', '.join(GAPS)}")
    if args.seeds < 1:
        parser.error("--seeds must be at least 1")
    use_throwaway_settings()
    app = QApplication.instance() or QApplication(sys.argv)  # noqa: F841
    window = _number_mode_window(args.model)
    by_writer = defaultdict(list)
    made = args.writers == "allographs"
    for record in allograph_writers(60, 20, args.seed, args.care) if made else load_drawn_digits():
        by_writer[record["writer"]].append(record)
    size = window.canvas.size()
    seeds = range(args.seed, args.seed + args.seeds)
    named = f"seed {args.seed}" if args.seeds == 1 else f"seeds {seeds[0]}-{seeds[-1]}"
    print(
        f"{Path(args.model).stem}, {f'allograph writers (care {args.care:g})' if made else 'drawn-dev'} numbers,"
        f" {time.strftime('%Y-%m-%d')},"
        f" canvas {size.width()}x{size.height()}, {named}"
    )
    print(f"{args.per_length} numbers per length, slant up to {args.slant:g} degrees; {TARGETS}")
    pooled = {kind: defaultdict(lambda: np.zeros(6)) for kind in kinds}
    for seed in seeds:
        rng = np.random.default_rng(seed)  # one stream through the kinds, as a single seed has always run
        for kind in kinds:
            name, gap_range = GAPS[kind]
            started = time.perf_counter()
            tally = measure(window, by_writer, gap_range, args.per_length, rng, args.slant)
            if args.seeds == 1:
                report(name, tally)
                print(f"  ({time.perf_counter() - started:.0f} s)")
            else:
                print(f"seed {seed}, {name}: {_summary(tally)}", flush=True)
            for length, counts in tally.items():
                pooled[kind][length] += counts
    if args.seeds > 1:
        for kind in kinds:
            report(f"{GAPS[kind][0]}, {args.seeds} seeds pooled", pooled[kind])
    window.close()


if __name__ == "__main__":
    main()
