"""Which pen strokes make up each digit of a number written left to right. Pure: no Qt, no model.

Digits of a written number sit side by side with a gap between them, so the strokes of one
digit share some horizontal extent and those of neighbours share none; writing order says
which digit a stroke was added to when the extents alone are ambiguous. The rules, in order:

1. A stroke whose horizontal extent meets a digit's joins it (a 4's second stroke, a 5's bar
   even when it reaches past the bowl or is drawn after the rest of the number); otherwise it
   starts a digit. Meeting several digits, it joins the one it shares most of, unless it covers
   most of each (a bar across two strokes of one digit): then they merge.
1b. Then a digit started right after the digit written before it, standing close (NEAR_SHARE),
   joins that digit when one of the two is short of a whole digit (DIGIT_SHARE), together they
   are digit-sized (SMALLEST_DIGIT_SHARE: a digit may be written smaller than the number's
   tallest), and they do not stand side by side as two digits do: together they are a
   third taller (GROWS_BY) than either, or the short one stands on the left and ends well above
   the other's bottom (OFF_BASELINE_SHARE), where digits of a number share a baseline. Both are
   a 4's stem standing apart from its bar: a stem that starts lower, or one as tall as the 4
   right of a bar that ends halfway down; the second is also a 9 written as an open loop and a
   stem beside it. Done after rule 1, so a short stroke that the next strokes meet (a 5's bar
   written first) is judged with the rest of its own digit, not alone.
2. Digits whose extents share more than MERGE_SHARE of the narrower one's merge (possible after
   an unusual writing order).
3. A slip of the pen (a stroke smaller than SLIP_SHARE of the digit height) never starts a digit:
   it joins the digit whose extent holds it, or is left out.
4. The person's own fixes (pairs of strokes to keep together or apart) are applied last.

All lengths are shares of the digit height (the tallest stroke), so the rules hold at any size.
The shares come from the geometry of written digits, not from a data set: a vertical stroke (a
1) is widened to MIN_WIDTH_SHARE so that a 4's vertical at the very end of its bar still meets
the bar, while digits a tenth of a height apart never meet. Touching digits do meet, and are read
as one: a right-click between them splits them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from digitpad.core.numbers.stroke_boxes import Box, Pair, group_box, stroke_box

MERGE_SHARE = 0.5
NEAR_SHARE = 0.25
GROWS_BY = 1.3
OFF_BASELINE_SHARE = 0.25
DIGIT_SHARE = 0.8
# Digits of one number differ in size: +-15% each gives a smallest digit 0.74 of the tallest.
SMALLEST_DIGIT_SHARE = 0.65
COVER_SHARE = 0.6
MIN_WIDTH_SHARE = 0.04
SLIP_SHARE = 0.12
SLIP_REACH_SHARE = 0.1

def group_strokes(strokes, joined: Iterable[Pair] = (), separated: Iterable[Pair] = ()) -> list[list[int]]:
    """Stroke indices per digit, digits left to right, each in writing order; slips may be left out."""
    return group_boxes([stroke_box(s) for s in strokes], joined, separated)


def group_boxes(
    boxes: Sequence[Box | None], joined: Iterable[Pair] = (), separated: Iterable[Pair] = ()
) -> list[list[int]]:
    """`group_strokes` on the strokes' boxes, given in writing order (None: an empty stroke)."""
    valid = [i for i, box in enumerate(boxes) if box is not None]
    if not valid:
        return []
    height = _digit_height([boxes[i] for i in valid])
    slips = [i for i in valid if max(boxes[i].width, boxes[i].height) < SLIP_SHARE * height]
    order = [i for i in valid if i not in slips]
    groups = _by_writing_order(boxes, order, height)
    groups = _join_missing_parts(boxes, groups, order, height)
    groups = _merge_overlapping(boxes, groups, height)
    groups = _attach_slips(boxes, groups, slips, height)
    groups = _apply_fixes(boxes, groups, set(valid), joined, separated)
    return sorted((sorted(g) for g in groups if g), key=lambda g: group_box(boxes, g).left)


def _digit_height(boxes: list[Box]) -> float:
    """The tallest stroke, the scale of every rule (a number of bars only: half the widest)."""
    tallest = max(box.height for box in boxes)
    return max(tallest, 0.5 * max(box.width for box in boxes), 1e-9)


def _span(box: Box, height: float) -> tuple[float, float]:
    """The horizontal extent, widened about its middle to at least MIN_WIDTH_SHARE of the height."""
    half = max(box.width, MIN_WIDTH_SHARE * height) / 2
    return box.centre_x - half, box.centre_x + half


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))


def _share(a: tuple[float, float], b: tuple[float, float]) -> float:
    """How much of the narrower extent the two share."""
    return _overlap(a, b) / min(a[1] - a[0], b[1] - b[0])


def _by_writing_order(boxes, order: list[int], height: float) -> list[list[int]]:
    """Rule 1: each stroke, as written, joins a digit it overlaps or starts one."""
    groups: list[list[int]] = []
    for i in order:
        span = _span(boxes[i], height)
        spans = [_span(group_box(boxes, g), height) for g in groups]
        shares = [_share(span, s) for s in spans]
        candidates = [k for k, share in enumerate(shares) if share > 0]
        covered = [k for k in candidates if _overlap(span, spans[k]) >= COVER_SHARE * (spans[k][1] - spans[k][0])]
        if len(covered) >= 2:
            merged = [j for k in covered for j in groups[k]] + [i]
            groups = [g for k, g in enumerate(groups) if k not in covered] + [merged]
        elif candidates:
            groups[max(candidates, key=lambda k: (shares[k], k))].append(i)  # ties: the digit written last
        else:
            groups.append([i])
    return groups


def _join_missing_parts(boxes, groups: list[list[int]], order: list[int], height: float) -> list[list[int]]:
    """Rule 1b: a digit started just after its neighbour was written, close to it, may be that digit's missing part."""
    groups = [list(g) for g in groups]
    for previous, stroke in zip(order, order[1:]):
        digit = next(g for g in groups if previous in g)
        part = next(g for g in groups if stroke in g)
        started = part is not digit and min(part) == stroke
        if started and _completes(group_box(boxes, digit), group_box(boxes, part), height):
            digit += part
            groups = [g for g in groups if g is not part]
    return groups


def _completes(digit: Box, part: Box, height: float) -> bool:
    """Close, one of them short of a digit, together digit-sized, and not two digits on one line.

    A new digit's first stroke spans most of the line itself, so it does not make its
    neighbour GROWS_BY taller; and a smaller digit beside it stands on the same baseline, so
    its bottom is not OFF_BASELINE_SHARE above the other's. A 4's bar, ending halfway down, is,
    and stands left of its stem: a bar right of a 1 is the next digit starting.
    """
    gap = max(part.left - digit.right, digit.left - part.right)
    union = digit.union(part)
    short, tall = sorted((digit, part), key=lambda box: box.height)
    return (
        gap < NEAR_SHARE * height
        and short.height < DIGIT_SHARE * height
        and union.height >= SMALLEST_DIGIT_SHARE * height
        and (
            union.height >= GROWS_BY * tall.height
            or (short.centre_x < tall.centre_x and short.bottom <= tall.bottom - OFF_BASELINE_SHARE * height)
        )
    )


def _merge_overlapping(boxes, groups: list[list[int]], height: float) -> list[list[int]]:
    """Rule 2: digits that overlap as much as one digit's strokes do are one digit."""
    groups = [list(g) for g in groups]
    merged = True
    while merged:
        merged = False
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                span_a = _span(group_box(boxes, groups[a]), height)
                if _share(span_a, _span(group_box(boxes, groups[b]), height)) > MERGE_SHARE:
                    groups[a] += groups.pop(b)
                    merged = True
                    break
            if merged:
                break
    return groups


def _attach_slips(boxes, groups: list[list[int]], slips: list[int], height: float) -> list[list[int]]:
    """Rule 3: a slip joins the digit whose (slightly widened) extent holds its middle, else none."""
    reach = SLIP_REACH_SHARE * height
    for i in slips:
        x = boxes[i].centre_x
        holding = []
        for k, group in enumerate(groups):
            box = group_box(boxes, group)
            if box.left - reach <= x <= box.right + reach:
                holding.append((abs(x - box.centre_x), k))
        if holding:
            groups[min(holding)[1]].append(i)
    return groups


def _apply_fixes(boxes, groups, valid: set[int], joined, separated) -> list[list[int]]:
    """Rule 4: the person's word is final; pairs naming a stroke that is gone are ignored."""
    groups = [list(g) for g in groups]
    for a, b in joined:
        if a in valid and b in valid and a != b:
            groups = _join(groups, a, b)
    for a, b in separated:
        if a in valid and b in valid and a != b:
            groups = _separate(boxes, groups, a, b)
    return groups


def _join(groups: list[list[int]], a: int, b: int) -> list[list[int]]:
    """The groups holding a and b (or a left-out slip itself) become one."""
    holding = [g for g in groups if a in g or b in g]
    rest = [g for g in groups if not (a in g or b in g)]
    merged = sorted({i for g in holding for i in g} | {a, b})
    return rest + [merged]


def _separate(boxes, groups: list[list[int]], a: int, b: int) -> list[list[int]]:
    """The group holding both a and b splits: each stroke goes with the nearer of the two, left to right."""
    result = []
    for group in groups:
        if a not in group or b not in group:
            result.append(group)
            continue
        xa, xb = boxes[a].centre_x, boxes[b].centre_x
        near_a = [i for i in group if abs(boxes[i].centre_x - xa) <= abs(boxes[i].centre_x - xb) and i != b]
        result += [near_a, [i for i in group if i not in near_a]]
    return result
