"""The panel's "about N s" before a run: what a design will cost on this machine."""

import json

import pytest

from digitpad.core.networks.card_designs import design_of_card
from digitpad.core.networks.layer_shapes import summarize
from digitpad.core.training.training_speed import estimate_seconds, speed_factor
from tests.conftest import ROOT


@pytest.mark.parametrize("model", ["mlp", "cnn"])
def test_with_no_runs_yet_the_estimate_for_each_shipped_recipe_is_within_a_quarter_of_its_time(model):
    card = json.loads((ROOT / "assets" / f"{model}.json").read_text())
    design = design_of_card(card)

    estimate = estimate_seconds(summarize(design).macs, design["training"])

    assert estimate == pytest.approx(card["training_seconds"], rel=0.25)


def test_past_runs_scale_the_estimate_to_the_machine_at_hand():
    card = json.loads((ROOT / "assets" / "cnn.json").read_text())
    slower = dict(card, training_seconds=card["training_seconds"] * 2)

    assert speed_factor([slower]) == pytest.approx(2 * speed_factor([card]), rel=1e-6)
    assert speed_factor([]) == 1.0
