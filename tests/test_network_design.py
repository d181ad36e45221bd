"""Network designs, pure: defaults, shapes, parameters, multiply-adds, and one sentence for each thing that is wrong."""

import json
import subprocess
import sys
import time

import pytest

from digitpad.core.networks.card_designs import CNN_BEFORE_DESIGNS, design_of_card
from digitpad.core.networks.design import DesignError, normalized, with_training
from digitpad.core.networks.design_files import parse_design, read_design, write_design
from digitpad.core.networks.layer_shapes import shape_text, summarize
from digitpad.core.networks.presets import PRESET_NAMES, preset, preset_for_kind
from tests.conftest import ROOT


def design_of(*layers, **training) -> dict:
    return {"name": "test", "layers": list(layers), "training": training}


def shapes(design) -> list[str]:
    return [shape_text(row.shape) for row in summarize(design).rows]


def test_missing_fields_take_the_documented_defaults():
    design = normalized({"layers": [{"type": "conv"}, {"type": "flatten"}, {"type": "dense"}]})

    assert design["name"] == "My network"
    assert design["layers"][0] == {"type": "conv", "filters": 32, "kernel": 3, "strides": 1, "padding": "same",
                                   "activation": "relu", "bias": True}
    assert design["layers"][2] == {"type": "dense", "units": 128, "activation": "relu"}
    assert design["training"] == {"optimizer": "adam", "learning_rate": 0.001, "schedule": "constant",
                                  "batch_size": 128, "epochs": 8, "weight_decay": 0.0, "momentum": 0.9,
                                  "label_smoothing": 0.0, "ema": False, "augment": False, "seed": 42}
    assert normalized(design) == design  # complete designs come back as they are
    assert normalized(design_of(optimizer="adamw"))["training"]["weight_decay"] == 0.004  # adamw decays by default


def test_the_workshop_mlp_has_the_workshops_shapes_and_counts():
    summary = summarize(preset("Workshop MLP"))

    assert shapes(preset("Workshop MLP")) == ["28x28x1", "784", "128", "10"]
    assert [row.type for row in summary.rows] == ["input", "flatten", "dense", "output"]
    assert summary.parameters == 784 * 128 + 128 + 128 * 10 + 10 == 101_770
    assert summary.macs == 784 * 128 + 128 * 10
    assert summary.totals() == {"parameters": 101_770, "macs": 101_632, "error": None}


def test_a_convolution_counts_its_kernel_at_every_output_position_and_valid_padding_shrinks_the_image():
    design = design_of({"type": "conv", "filters": 6, "kernel": 5, "padding": "valid"}, {"type": "maxpool"},
                       {"type": "batchnorm"}, {"type": "globalavgpool"})
    conv = summarize(design).rows[1]

    assert shapes(design) == ["28x28x1", "24x24x6", "12x12x6", "12x12x6", "6", "10"]
    assert (conv.parameters, conv.macs) == (5 * 5 * 6 + 6, 24 * 24 * 5 * 5 * 6)
    assert summarize(design).rows[3].parameters == 4 * 6  # gamma, beta and the two moving statistics


def test_strides_halve_a_same_padded_image_rounding_up():
    design = design_of({"type": "conv", "filters": 4, "strides": 2}, {"type": "conv", "filters": 4, "strides": 2},
                       {"type": "conv", "filters": 4, "strides": 2}, {"type": "flatten"})
    assert shapes(design)[1:4] == ["14x14x4", "7x7x4", "4x4x4"]


@pytest.mark.parametrize("name", PRESET_NAMES)
def test_every_preset_builds_and_says_what_to_notice_in_one_sentence(name):
    design = preset(name)

    assert summarize(design).error is None
    assert design["name"] == name
    assert design["note"].endswith(".") and design["note"].count(". ") == 0


def test_the_two_old_kinds_are_the_workshop_mlp_and_cnn_presets_with_their_recipes():
    mlp, cnn = preset_for_kind("mlp"), preset_for_kind("cnn")

    assert mlp["name"] == "Workshop MLP" and cnn["name"] == "CNN"
    assert {k: mlp["training"][k] for k in ("optimizer", "learning_rate", "batch_size", "epochs", "augment")} == {
        "optimizer": "adam", "learning_rate": 0.001, "batch_size": 128, "epochs": 8, "augment": False}
    assert {k: cnn["training"][k] for k in ("learning_rate", "schedule", "batch_size", "epochs", "label_smoothing",
                                             "ema", "augment")} == {
        "learning_rate": 0.012, "schedule": "one-cycle", "batch_size": 512, "epochs": 4, "label_smoothing": 0.1,
        "ema": True, "augment": True}
    assert shapes(cnn)[-4:] == ["3x3x128", "1152", "128", "10"]
    assert summarize(cnn).parameters == 242_730  # what Keras counts for today's fast_cnn


# Each case: the layers (or a whole design), and the sentence it must get.
BAD_DESIGNS = {
    "nothing left to pool": (design_of(*[{"type": "maxpool"}] * 5),
                             "layer 5, maxpool: its input is 1x1, nothing left to pool."),
    "a window larger than the image": (design_of({"type": "maxpool", "size": 3}, {"type": "maxpool", "size": 3},
                                                 {"type": "avgpool", "size": 4}),
                                       "layer 3, avgpool: its input is 3x3, smaller than its 4x4 window."),
    "a kernel larger than the image": (design_of({"type": "maxpool", "size": 7}, {"type": "conv", "kernel": 5,
                                                                                  "padding": "valid"}),
                                       "layer 2, conv: its input is 4x4, smaller than its 5x5 kernel with padding "
                                       "valid."),
    "dense before flatten": (design_of({"type": "dense", "units": 64}),
                             "layer 1, dense: its input is 28x28x1, not flat; put a flatten layer before it."),
    "conv after flatten": (design_of({"type": "flatten"}, {"type": "conv"}),
                           "layer 2, conv: its input is flat (784 values); convolutions work on images, so put it "
                           "before flatten."),
    "no flatten at the end": (design_of({"type": "conv", "filters": 8}),
                              "layer 2, output: its input is 28x28x8, not flat; end the layers with flatten or "
                              "globalavgpool."),
    "an unknown type": (design_of({"type": "flatten"}, {"type": "lstm"}),
                        "layer 2 has an unknown type \"lstm\"; the types are dense, conv, maxpool, avgpool, "
                        "batchnorm, dropout, flatten and globalavgpool."),
    "no type": (design_of({"units": 3}), "layer 1 has no type; the types are dense, conv, maxpool, avgpool, "
                                         "batchnorm, dropout, flatten and globalavgpool."),
    "an unknown field": (design_of({"type": "flatten"}, {"type": "dense", "filters": 8}),
                         "layer 2, dense: there is no field \"filters\"; a dense layer has units and activation."),
    "units as text": (design_of({"type": "flatten"}, {"type": "dense", "units": "128"}),
                      "layer 2, dense: units must be a whole number from 1 to 4,096, not \"128\"."),
    "too many units": (design_of({"type": "flatten"}, {"type": "dense", "units": 5000}),
                       "layer 2, dense: units must be a whole number from 1 to 4,096, not 5000."),
    "too many filters": (design_of({"type": "conv", "filters": 300}),
                         "layer 1, conv: filters must be a whole number from 1 to 256, not 300."),
    "a kernel of 11": (design_of({"type": "conv", "kernel": 11}),
                       "layer 1, conv: kernel must be a whole number from 1 to 9, not 11."),
    "an unknown activation": (design_of({"type": "flatten"}, {"type": "dense", "activation": "softmax"}),
                              "layer 2, dense: activation must be one of relu, sigmoid, tanh, gelu, elu or linear, "
                              "not \"softmax\"."),
    "a dropout of 1": (design_of({"type": "dropout", "rate": 1}),
                       "layer 1, dropout: rate must be a number at least 0 and below 1, not 1."),
    "a bias of 1": (design_of({"type": "conv", "bias": 1}), "layer 1, conv: bias must be true or false, not 1."),
    "33 layers": (design_of(*[{"type": "dropout"}] * 33),
                  "layer 33: a design has at most 32 layers, this one 33."),
    "over 20 million parameters": (design_of({"type": "flatten"}, *[{"type": "dense", "units": 4096}] * 3),
                                   "layer 4, dense: it takes the network to 36,777,984 parameters, over the "
                                   "limit of 20 million."),
    "a learning rate of 0": (design_of({"type": "flatten"}, learning_rate=0),
                             "training: learning_rate must be a number above 0 and at most 1, not 0."),
    # JSON allows integers of any length; float() of one past 1e308 raises OverflowError.
    "a 400-digit learning rate": (design_of({"type": "flatten"}, learning_rate=10**400),
                                  "training: learning_rate must be a number above 0 and at most 1, not "
                                  "100000000000000000000000000000000000000... (401 digits)."),
    "a 400-digit dropout rate": (design_of({"type": "dropout", "rate": -10**400}),
                                 "layer 1, dropout: rate must be a number at least 0 and below 1, not "
                                 "-10000000000000000000000000000000000000... (401 digits)."),
    "a 400-digit unit count": (design_of({"type": "flatten"}, {"type": "dense", "units": 10**400}),
                               "layer 2, dense: units must be a whole number from 1 to 4,096, not "
                               "100000000000000000000000000000000000000... (401 digits)."),
    "an unknown optimizer": (design_of({"type": "flatten"}, optimizer="adagrad"),
                             "training: optimizer must be one of adam, sgd, rmsprop or adamw, not \"adagrad\"."),
    "an unknown training field": (design_of({"type": "flatten"}, epoch=3),
                                  "training: there is no field \"epoch\"; training has optimizer, learning_rate, "
                                  "schedule, batch_size, epochs, weight_decay, momentum, label_smoothing, ema, "
                                  "augment and seed."),
    "a layer that is not an object": (design_of("dense"), "layer 1 must be a JSON object with a type, not text."),
    "layers that are not a list": ({"layers": {"type": "dense"}},
                                   "The design's layers must be a JSON list, not an object."),
    "a design that is not an object": ([], "A design is a JSON object with name, note, layers and training, "
                                           "not a list."),
    "an unknown design field": ({"layers": [], "optimizer": "sgd"},
                                "the design: there is no field \"optimizer\"; a design has name, note, layers and "
                                "training."),
}


@pytest.mark.parametrize("case", BAD_DESIGNS)
def test_a_design_that_cannot_be_built_gets_one_sentence_naming_the_layer(case):
    design, sentence = BAD_DESIGNS[case]

    summary = summarize(design)

    assert summary.error == sentence
    assert "\n" not in sentence and sentence.endswith(".")
    assert summary.totals()["error"] == sentence
    if sentence.startswith("layer "):
        assert summary.error_layer == int(sentence.split()[1].strip(",:"))


def test_the_rows_before_the_error_are_still_counted():
    summary = summarize(BAD_DESIGNS["nothing left to pool"][0])

    assert shapes(BAD_DESIGNS["nothing left to pool"][0]) == ["28x28x1", "14x14x1", "7x7x1", "3x3x1", "1x1x1"]
    assert summary.error_layer == 5 and summary.parameters == 0


def test_text_that_is_not_json_gets_one_sentence():
    with pytest.raises(DesignError) as error:
        parse_design('{"layers": [{"type": "dense",}]}')

    assert str(error.value) == "It is not JSON: Expecting property name enclosed in double quotes at line 1, column 30."


@pytest.mark.parametrize("text, sentence", [
    ("[" * 100_000, "It is not a design: its JSON nests lists or objects thousands deep."),
    ('{"layers": [], "training": {"epochs": ' + "9" * 5_000 + "}}",
     "It is not a design: it holds a number of thousands of digits."),
], ids=["nested 100,000 deep", "a 5,000-digit number"])
def test_hostile_json_that_python_cannot_read_gets_one_sentence(text, sentence):
    with pytest.raises(DesignError) as error:
        parse_design(text)

    assert str(error.value) == sentence


def test_a_design_round_trips_through_a_json_file(tmp_path):
    write_design(tmp_path / "lenet.json", preset("LeNet-5"))

    assert read_design(tmp_path / "lenet.json") == preset("LeNet-5")


def test_a_file_that_cannot_be_read_or_built_is_named_in_the_sentence(tmp_path):
    (tmp_path / "pools.json").write_text(json.dumps({"layers": [{"type": "maxpool"}] * 5}))

    with pytest.raises(DesignError) as error:
        read_design(tmp_path / "pools.json")
    assert str(error.value) == f"{tmp_path / 'pools.json'}: layer 5, maxpool: its input is 1x1, nothing left to pool."
    with pytest.raises(DesignError, match=r"missing.json cannot be read \(No such file or directory\)\.$"):
        read_design(tmp_path / "missing.json")


def test_with_training_changes_only_the_training_settings_named():
    changed = with_training(preset("CNN"), epochs=2, batch_size=64)

    assert changed["training"]["epochs"] == 2 and changed["training"]["batch_size"] == 64
    assert changed["layers"] == preset("CNN")["layers"] and preset("CNN")["training"]["epochs"] == 4


def test_cards_from_before_designs_get_the_design_their_recipe_implies():
    old_cnn = {"recipe": {"model_kind": "cnn", "epochs": 20, "batch_size": 512, "learning_rate": 0.003,
                          "augment": True, "seed": 42}}  # the shipped CNN's card before designs: a recipe alone

    design = design_of_card(old_cnn)

    assert design["layers"] == normalized({"layers": CNN_BEFORE_DESIGNS})["layers"]  # its four blocks, not today's
    assert summarize(design).parameters == 247_002  # as Keras counted the CNN of that time
    assert design["training"]["epochs"] == 20 and design["training"]["schedule"] == "one-cycle"
    assert design_of_card({"recipe": {"model_kind": "mlp", "epochs": 3}})["training"]["epochs"] == 3
    assert design_of_card({"recipe": {"model_kind": "sequential"}}) is None
    assert design_of_card({"design": preset("LeNet-5"), "recipe": {"model_kind": "cnn"}}) == preset("LeNet-5")
    assert design_of_card({"design": {"layers": "broken"}}) is None


def test_summarizing_a_32_layer_design_takes_well_under_a_millisecond_and_never_imports_tensorflow():
    design = design_of(*[{"type": "conv", "filters": 8}] * 31, {"type": "globalavgpool"})
    started = time.perf_counter()
    for _ in range(100):
        summarize(design)
    assert (time.perf_counter() - started) / 100 < 0.005  # an editor can count on every keystroke

    code = ("import sys; from digitpad.core.networks import layer_shapes, presets, design_script, card_designs; "
            "layer_shapes.summarize(presets.preset('CNN')); design_script.design_script(presets.preset('CNN')); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'tensorflow', 'keras', 'numpy'}))")
    imported = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert imported.stdout.strip() == "[]", imported.stderr
