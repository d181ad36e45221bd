"""The Runs dock's table as plain data: one row per run, a column per setting that differs. Pure: no Qt.

A run's settings come from the design on its card (layers, units, activation, optimizer...),
or, for a run saved before designs existed, from its recipe. Only the settings in which the
listed runs differ get a column: with a hundred runs of one network, the columns say what was
varied. Every cell has a sort key as well as a text, so sorting never parses text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from digitpad.core.runs.run_history import Run, card_number

# Settings in the order their columns appear, and each column's title.
SETTING_TITLES = {
    "network": "Network", "layers": "Layers", "units": "Units", "activation": "Activation",
    "optimizer": "Optimizer", "learning_rate": "LR", "schedule": "Schedule", "batch_size": "Batch",
    "epochs": "Epochs", "weight_decay": "Weight decay", "label_smoothing": "Smoothing", "augment": "Augment",
    "seed": "Seed", "fine_tuned_from": "Fine-tuned from",
}  # fmt: skip
LEADING = ("Name", "Date")
TRAILING = ("Parameters", "Mult-adds", "Time", "GFLOP/s", "Training", "Test")
TRAINING_KEYS = ("optimizer", "learning_rate", "schedule", "batch_size", "epochs", "weight_decay",
                 "label_smoothing", "augment", "seed")  # fmt: skip
MISSING = (1, "")  # sorts after every value that is there


@dataclass(frozen=True)
class RunRow:
    """A run as the table shows it: its settings, and the numbers that every run has (or lacks)."""

    run: Run
    settings: dict
    numbers: dict  # trailing column title -> float or None
    name: str  # the run's, kept: a thousand rows are searched by name


@dataclass(frozen=True)
class RunTable:
    """Everything the table shows, computed off the GUI thread: titles, and per row its cells' texts and keys."""

    titles: list[str]
    rows: list[RunRow]
    texts: list[list[str]]
    keys: list[list[tuple]]
    search: list[str]  # per row, what a filter matches against


def build_table(runs: Iterable[Run]) -> RunTable:
    rows = [run_row(run) for run in runs]
    settings = varying_settings(rows)
    titles = column_titles(settings)
    cells = [[cell(row, title, settings) for title in titles] for row in rows]
    return RunTable(titles, rows, [[text for text, _ in row] for row in cells],
                    [[key for _, key in row] for row in cells], [search_text(row) for row in rows])


def run_row(run: Run) -> RunRow:
    card = run.card
    numbers = {
        "Parameters": card_number(card.get("parameters")),
        "Mult-adds": card_number(card.get("macs")),
        "Time": run.seconds,
        "GFLOP/s": card_number(card.get("gflops")),
        "Training": run.training_accuracy,
        "Test": card_number(card.get("test_accuracy")) or run.validation_accuracy,
    }
    return RunRow(run, run_settings(card), numbers, run.name)


def run_settings(card: dict) -> dict:
    """The settings a card records: its design's, else its recipe's."""
    design, recipe = card.get("design"), card.get("recipe")
    settings = design_settings(design) if isinstance(design, dict) else {}
    if isinstance(recipe, dict):
        if not settings:
            settings = {key: recipe[key] for key in TRAINING_KEYS if key in recipe}
            settings["network"] = recipe.get("model_kind")
        if recipe.get("fine_tuned_from"):
            settings["fine_tuned_from"] = recipe["fine_tuned_from"]
    return {key: value for key, value in settings.items() if value is not None}


def design_settings(design: dict) -> dict:
    """A design's name, layers, hidden units, activations and training settings, as table cells."""
    listed = design.get("layers")  # a card edited by hand may hold anything here
    layers = [layer for layer in listed if isinstance(layer, dict)] if isinstance(listed, list) else []
    training = design.get("training") if isinstance(design.get("training"), dict) else {}
    units = [str(layer.get("units")) for layer in layers if layer.get("type") == "dense"]
    activations = dict.fromkeys(str(layer.get("activation", "relu")) for layer in layers
                                if layer.get("type") in ("dense", "conv"))
    settings = {"network": design.get("name"), "layers": " · ".join(_layer_text(layer) for layer in layers) or "none",
                "units": ", ".join(units) or "none", "activation": ", ".join(activations) or "none"}
    settings.update({key: training[key] for key in TRAINING_KEYS if key in training})
    return settings


def varying_settings(rows: Iterable[RunRow]) -> list[str]:
    """The settings whose values differ among the rows, in column order."""
    rows = list(rows)
    return [key for key in SETTING_TITLES if len({repr(row.settings.get(key)) for row in rows}) > 1]


def column_titles(settings: list[str]) -> list[str]:
    return [*LEADING, *(SETTING_TITLES[key] for key in settings), *TRAILING]


def cell(row: RunRow, title: str, settings: list[str]) -> tuple[str, tuple]:
    """The text a cell shows, and its sort key (comparable with every other key of its column)."""
    if title == "Name":
        return row.name, (0, row.name.lower())
    if title == "Date":
        return f"{row.run.saved:%Y-%m-%d %H:%M}", (0, row.run.saved.timestamp())
    if title in TRAILING:
        value = row.numbers[title]
        return _number_text(title, value), MISSING if value is None else (0, value)
    key = next(key for key in settings if SETTING_TITLES[key] == title)
    value = row.settings.get(key)
    return ("", MISSING) if value is None else (setting_text(key, value), _sort_key(value))


def setting_text(key: str, value) -> str:
    if key == "augment":
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def search_text(row: RunRow) -> str:
    """What a filter matches against: the name and every setting, lower case."""
    return " ".join([row.name, *(setting_text(k, v) for k, v in row.settings.items())]).lower()


def _layer_text(layer: dict) -> str:
    kind = str(layer.get("type"))
    size = layer.get("units") or layer.get("filters") or layer.get("rate")
    return f"{kind} {size}" if size is not None else kind


def _number_text(title: str, value: float | None) -> str:
    if value is None:
        return ""
    if title in ("Training", "Test"):
        return f"{value:.2%}"
    if title == "Time":
        minutes, rest = divmod(round(value), 60)
        return f"{value:.1f} s" if value < 60 else f"{minutes} min {rest:02d} s"
    if title == "GFLOP/s":
        return f"{value:.1f}"
    return compact(value)


def compact(value: float) -> str:
    """101,770 -> "102k"; 2,660,000 -> "2.66M": the size at a glance."""
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:.3g}{suffix}"
    return f"{value:g}"


def _sort_key(value) -> tuple:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return (0, 1, str(value).lower())  # text after numbers
    return (0, 0, value)
