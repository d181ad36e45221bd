"""A network design checked and completed: every field present, every value in range. Pure Python.

`normalized(design)` is the one gate: it returns a new dict with every default filled in
(see `design_schema` for the fields), or raises `DesignError` whose message is one sentence
naming the place, e.g. "layer 2, dense: units must be a whole number from 1 to 4,096, not 0."
Whether the layers fit together (shapes, the parameter limit) is `layer_shapes.summarize`'s part.
"""

from __future__ import annotations

import copy
import json
import math
import re

from digitpad.core.networks.design_schema import (
    ADAMW_WEIGHT_DECAY,
    DEFAULT_NAME,
    DESIGN_FIELDS,
    LAYER_FIELDS,
    LAYER_TYPES,
    MAX_LAYERS,
    MAX_NAME_LENGTH,
    TRAINING_FIELDS,
    Field,
)


class DesignError(ValueError):
    """A design that cannot be trained; the message is one sentence naming the layer or setting."""


def normalized(design) -> dict:
    """A complete copy of `design` with every default filled in; DesignError if anything is wrong."""
    if not isinstance(design, dict):
        raise DesignError(f"A design is a JSON object with {_words(DESIGN_FIELDS, 'and')}, not {_json_kind(design)}.")
    _refuse_unknown(design, DESIGN_FIELDS, "the design", "a design")
    name = design.get("name", DEFAULT_NAME)
    if not isinstance(name, str) or not 0 < len(name.strip()) <= MAX_NAME_LENGTH:
        raise DesignError(f"The design's name must be text of 1 to {MAX_NAME_LENGTH} characters.")
    layers = design.get("layers", [])
    if not isinstance(layers, list):
        raise DesignError(f"The design's layers must be a JSON list, not {_json_kind(layers)}.")
    if len(layers) > MAX_LAYERS:
        raise DesignError(f"layer {MAX_LAYERS + 1}: a design has at most {MAX_LAYERS} layers, this one {len(layers)}.")
    training = design.get("training", {})
    if not isinstance(training, dict):
        raise DesignError(f"The design's training must be a JSON object, not {_json_kind(training)}.")
    note = {"note": design["note"]} if "note" in design else {}
    if not isinstance(note.get("note", ""), str):
        raise DesignError("The design's note must be text.")
    return {
        "name": name.strip(),
        **note,
        "layers": [_layer(number, layer) for number, layer in enumerate(layers, start=1)],
        "training": _training(training),
    }


def _layer(number: int, layer) -> dict:
    if not isinstance(layer, dict):
        raise DesignError(f"layer {number} must be a JSON object with a type, not {_json_kind(layer)}.")
    kind = layer.get("type")
    if kind not in LAYER_TYPES:
        what = "has no type" if kind is None else f"has an unknown type {json.dumps(kind)}"
        raise DesignError(f"layer {number} {what}; the types are {_words(LAYER_TYPES, 'and')}.")
    place, fields = f"layer {number}, {kind}", LAYER_FIELDS[kind]
    _refuse_unknown(layer, ("type", *fields), place, f"a {kind} layer")
    return {"type": kind, **{name: _value(place, name, field, layer) for name, field in fields.items()}}


def _training(training: dict) -> dict:
    _refuse_unknown(training, TRAINING_FIELDS, "training", "training")
    values = {name: _value("training", name, field, training) for name, field in TRAINING_FIELDS.items()}
    if values["weight_decay"] is None:  # AdamW is Adam with a decay: without one it would be Adam
        values["weight_decay"] = ADAMW_WEIGHT_DECAY if values["optimizer"] == "adamw" else 0.0
    return values


def _value(place: str, name: str, field: Field, given: dict):
    if name not in given:
        return field.default
    value = given[name]
    if value is None and field.nullable:
        return None
    if isinstance(field.kind, tuple):
        if value not in field.kind:
            raise DesignError(f"{place}: {name} must be one of {_words(field.kind, 'or')}, not {json.dumps(value)}.")
        return value
    if field.kind is bool:
        if not isinstance(value, bool):
            raise DesignError(f"{place}: {name} must be true or false, not {json.dumps(value)}.")
        return value
    return _number(place, name, field, value)


def _number(place: str, name: str, field: Field, value):
    whole = field.kind is int
    # An int is finite however long (math.isfinite of a 400-digit one raises OverflowError).
    finite = isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))
    right_type = isinstance(value, int) if whole else finite
    in_range = right_type and not isinstance(value, bool) and _in_range(field, value)
    if not in_range:
        raise DesignError(f"{place}: {name} must be {_range_words(field)}, not {_shown(value)}.")
    return int(value) if whole else float(value)


def _shown(value) -> str:
    """The value as a sentence quotes it: as JSON, an integer of many digits cut short."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**40:
        digits = str(value)
        return f"{digits[:39]}... ({len(digits.lstrip('-'))} digits)"
    return json.dumps(value) if _jsonable(value) else repr(value)


def _in_range(field: Field, value) -> bool:
    above = value > field.low if field.open_low else value >= field.low
    below = value < field.high if field.open_high else value <= field.high
    return above and below


def _range_words(field: Field) -> str:
    if field.kind is int:
        return f"a whole number from {field.low:,} to {field.high:,}"
    low = f"above {field.low:g}" if field.open_low else f"at least {field.low:g}"
    high = f"below {field.high:g}" if field.open_high else f"at most {field.high:g}"
    return f"a number {low} and {high}"


def _refuse_unknown(given: dict, known, place: str, owner: str) -> None:
    for name in given:
        if name not in known:
            has = _words([k for k in known if k != "type"], "and") if len(known) > 1 else "no fields"
            raise DesignError(f"{place}: there is no field {json.dumps(name)}; {owner} has {has}.")


def _words(items, last: str) -> str:
    items = list(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1] if len(items) > 1 else "".join(items)


def _json_kind(value) -> str:
    kinds = {dict: "an object", list: "a list", str: "text", bool: "true or false", type(None): "null"}
    return kinds.get(type(value), "a number")


def _jsonable(value) -> bool:
    try:
        json.dumps(value, allow_nan=False)
        return True
    except (TypeError, ValueError):
        return False


def with_training(design: dict, **changes) -> dict:
    """A copy of `design` with the given training settings changed; not checked (see `normalized`)."""
    changed = copy.deepcopy(design)
    changed.setdefault("training", {}).update(changes)
    return changed


def network_kind(design: dict) -> str:
    """"cnn" when the design convolves or pools an image, else "mlp": how fast its steps are, roughly."""
    image_layers = {"conv", "maxpool", "avgpool", "globalavgpool"}
    return "cnn" if any(layer.get("type") in image_layers for layer in design.get("layers", [])) else "mlp"


def design_stem(design: dict) -> str:
    """The design's name as a file name: "LeNet-5" -> "lenet-5"."""
    stem = re.sub(r"[^a-z0-9]+", "-", str(design.get("name", "")).lower()).strip("-")
    return stem or "network"
