"""What a model tolerates: the drawing's input shifted, rotated, scaled, made thinner or bolder. Pure numpy.

`probe_batch` makes every changed input of one update as one batch (one model call); `curves`
splits the answers back into one curve per change. Before preprocessing, the same change is
made to the drawing on a larger page and DigitPad's preprocessing (crop, scale to 20 px,
centre) then runs on it, which undoes shifts and sizes entirely.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitpad.core.drawing.raster_pipeline import image_to_mnist

SIZE = 28
PAGE = 56  # before preprocessing: room for a 6 px shift, a 1.5x scale and a 45 degree turn


@dataclass(frozen=True)
class Change:
    """One axis of the probe: its name, its unit and the values tried (0 change among them)."""

    name: str
    unit: str
    values: np.ndarray


CHANGES = (
    Change("shift", "px", np.arange(-6, 7, 1.0)),
    Change("rotate", "degrees", np.arange(-45, 46, 7.5)),
    Change("scale", "x", np.round(np.linspace(0.5, 1.5, 11), 2)),
    Change("thickness", "px of pen", np.arange(-2, 2.5, 0.5)),
)


def probe_batch(image: np.ndarray, before_preprocessing: bool = False) -> np.ndarray:
    """(M, 28, 28): the image changed along every axis of CHANGES, in order; M = all their values."""
    image = np.asarray(image, np.float32).reshape(SIZE, SIZE)
    if not before_preprocessing:
        return _all_changes(image)
    page = np.zeros((PAGE, PAGE), np.float32)
    corner = (PAGE - SIZE) // 2
    page[corner : corner + SIZE, corner : corner + SIZE] = image
    return np.stack([_preprocessed(changed) for changed in _all_changes(page)])


def curves(probabilities: np.ndarray, digits: tuple[int, ...]) -> dict[str, np.ndarray]:
    """Change name -> (values, len(digits)) probabilities of those digits, from `probe_batch`'s answers."""
    result, start = {}, 0
    for change in CHANGES:
        block = probabilities[start : start + len(change.values)]
        result[change.name] = block[:, list(digits)]
        start += len(change.values)
    return result


def turned_into(probabilities: np.ndarray, top: int) -> int:
    """The digit the changed inputs are read as most often, other than `top` (its strongest rival)."""
    others = probabilities.copy()
    others[:, top] = -1
    return int(np.bincount(others.argmax(axis=1), weights=others.max(axis=1), minlength=10).argmax())


def _all_changes(image: np.ndarray) -> np.ndarray:
    """Every value of every change, in CHANGES' order: the moves and turns as one batched warp."""
    parts = []
    for change in CHANGES:
        if change.name == "thickness":
            parts.append(np.stack([thicker(image, float(v)) for v in change.values]))
        else:
            parts.append(warp(image, *_affine(change.name, change.values)))
    return np.concatenate(parts)


def _affine(name: str, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(M, 2, 2) matrices and (M, 2) shifts in px (x, y) for one change's values."""
    count = len(values)
    matrices, shifts = np.tile(np.eye(2), (count, 1, 1)), np.zeros((count, 2))
    if name == "shift":
        shifts[:, 0] = values
    elif name == "rotate":
        angle = np.deg2rad(values)
        matrices = np.stack(
            [np.stack([np.cos(angle), -np.sin(angle)], -1), np.stack([np.sin(angle), np.cos(angle)], -1)], 1
        )
    else:
        matrices = matrices * np.asarray(values)[:, None, None]
    return matrices, shifts


def warp(image: np.ndarray, matrices: np.ndarray, shifts: np.ndarray) -> np.ndarray:
    """(M, H, W): the image mapped by each matrix (x, y) about its centre, then moved; bilinear, black outside."""
    size = image.shape[0]
    centre = (size - 1) / 2
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float32)
    # Where each output pixel comes from: the inverse map applied to the output's coordinates.
    inverse = np.linalg.inv(matrices)
    dx = xs[None] - centre - shifts[:, 0, None, None]
    dy = ys[None] - centre - shifts[:, 1, None, None]
    sx = inverse[:, 0, 0, None, None] * dx + inverse[:, 0, 1, None, None] * dy + centre
    sy = inverse[:, 1, 0, None, None] * dx + inverse[:, 1, 1, None, None] * dy + centre
    return _bilinear(np.pad(image, 1), sx + 1, sy + 1)


def _bilinear(padded: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Sample the padded image at (x, y); points outside the padding read black."""
    x0, y0 = np.floor(x).astype(int), np.floor(y).astype(int)
    fx, fy = x - x0, y - y0
    inside = (x0 >= 0) & (y0 >= 0) & (x0 < padded.shape[1] - 1) & (y0 < padded.shape[0] - 1)
    x0, y0 = np.clip(x0, 0, padded.shape[1] - 2), np.clip(y0, 0, padded.shape[0] - 2)
    top = padded[y0, x0] * (1 - fx) + padded[y0, x0 + 1] * fx
    bottom = padded[y0 + 1, x0] * (1 - fx) + padded[y0 + 1, x0 + 1] * fx
    return np.where(inside, top * (1 - fy) + bottom * fy, 0.0).astype(np.float32)


def thicker(image: np.ndarray, pixels: float) -> np.ndarray:
    """The ink made `pixels` wider (negative: thinner): each whole step grows or erodes a pixel on each side."""
    steps, rest = int(abs(pixels) // 2), (abs(pixels) % 2) / 2
    grow = np.maximum if pixels > 0 else np.minimum
    result = image
    for _ in range(steps + (rest > 0)):
        before, result = result, _neighbourhood(result, grow)
    if rest > 0:  # part of the last step: a blend of its before and after
        result = before * (1 - rest) + result * rest
    return np.clip(result, 0, 1)


def _neighbourhood(image: np.ndarray, pick) -> np.ndarray:
    """Each pixel's max (or min) over itself and its four neighbours."""
    padded = np.pad(image, 1)
    out = pick(padded[1:-1, 1:-1], padded[:-2, 1:-1])
    for neighbour in (padded[2:, 1:-1], padded[1:-1, :-2], padded[1:-1, 2:]):
        out = pick(out, neighbour)
    return out


def _preprocessed(page: np.ndarray) -> np.ndarray:
    """DigitPad's raster preprocessing of a page; an empty page (ink gone) stays black."""
    image = image_to_mnist(page, rendered=True)
    return np.zeros((SIZE, SIZE), np.float32) if image is None else image
