"""Designs become Keras models by one code path: Keras agrees with the pure counts, seeds fix the weights, Look inside
finds the layers, and a run keeps its design on its card."""

import importlib.util
import json
import math
import random
import threading

import keras
import numpy as np
import pytest

from digitpad.core.inference.twin import explaining_model
from digitpad.core.mnist.loading import Mnist
from digitpad.core.networks.builders import build_model, fast_cnn, seed_mlp
from digitpad.core.networks.design import DesignError, normalized, with_training
from digitpad.core.networks.design_script import design_script
from digitpad.core.networks.fused_batch_norm import with_keras_batch_norm
from digitpad.core.networks.keras_builder import build_network, keras_layers, network_model
from digitpad.core.networks.layer_shapes import summarize
from digitpad.core.networks.presets import PRESET_NAMES, preset
from digitpad.core.training.fit import TrainingSettings, train
from digitpad.core.training.panel_run import TrainingRequest, train_and_save
from digitpad.core.training.training_events import TrainingListener


def random_designs(count: int, seed: int = 7) -> list[dict]:
    """Valid designs of every layer type and field, image layers first, then dense ones."""
    rng, designs = random.Random(seed), []
    while len(designs) < count:
        image = [rng.choice([
            {"type": "conv", "filters": rng.randint(1, 24), "kernel": rng.randint(1, 5), "strides": rng.randint(1, 2),
             "padding": rng.choice(["same", "valid"]), "activation": rng.choice(["relu", "tanh", "linear"]),
             "bias": rng.random() < 0.5},
            {"type": rng.choice(["maxpool", "avgpool"]), "size": rng.randint(2, 3)},
            {"type": "batchnorm", "activation": rng.choice(["linear", "relu", "gelu"])},
            {"type": "dropout", "rate": round(rng.random() * 0.6, 2)},
        ]) for _ in range(rng.randint(0, 5))]
        dense = {"type": "dense", "units": rng.randint(1, 200), "activation": rng.choice(["elu", "sigmoid"])}
        flat = [rng.choice([dense, {"type": "batchnorm"}, {"type": "dropout"}]) for _ in range(rng.randint(0, 3))]
        design = {"name": f"random {len(designs)}",
                  "layers": [*image, {"type": rng.choice(["flatten", "globalavgpool"])}, *flat]}
        if summarize(design).error is None:
            designs.append(design)
    return designs


DESIGNS = [preset(name) for name in PRESET_NAMES] + random_designs(12)


@pytest.mark.parametrize("design", DESIGNS, ids=[design["name"] for design in DESIGNS])
def test_keras_counts_the_parameters_and_shapes_the_pure_summary_counts(design):
    model = network_model(design)
    summary = summarize(design)

    assert model.count_params() == summary.parameters
    # Each design layer's last Keras layer (a batch norm may bring its ReLU), then the output layer.
    ends = [*np.cumsum([len(keras_layers(layer)) for layer in normalized(design)["layers"]]) - 1, -1]
    assert [tuple(model.layers[end].output.shape[1:]) for end in ends] == [row.shape for row in summary.rows[1:]]


def test_the_two_old_kinds_are_built_from_their_presets():
    assert seed_mlp().count_params() == 101_770 and fast_cnn().count_params() == 242_730
    cnn = build_model("cnn", total_steps=100)
    # Its batch norm trains with the fused kernel; the run hands back Keras' own (test_fused_batch_norm).
    assert [type(layer).__name__ for layer in cnn.layers[:5]] == [
        "Conv2D", "MaxPooling2D", "FusedBatchNormalization", "ReLU", "Conv2D"]
    assert cnn.optimizer.use_ema and cnn.loss.get_config()["label_smoothing"] == 0.1
    assert cnn.optimizer.get_config()["learning_rate"]["class_name"] == "CosineDecay"  # one-cycle
    assert float(build_model("mlp", 0.01).optimizer.learning_rate) == pytest.approx(0.01)
    assert (seed_mlp().name, fast_cnn().name) == ("mlp", "cnn")  # what fine-tuning's step count looks up


def test_the_designs_seed_fixes_the_starting_weights():
    lenet = preset("LeNet-5")
    first, again = network_model(lenet).get_weights(), network_model(lenet).get_weights()
    other = network_model(with_training(lenet, seed=43)).get_weights()

    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    assert not np.array_equal(first[0], other[0])


@pytest.mark.parametrize("name, layers", [
    ("Workshop MLP", {"hidden": (128,)}),
    ("CNN", {"block1": (7, 7, 32), "block2": (3, 3, 64), "block3": (3, 3, 128)}),
    ("LeNet-5", {"block1": (28, 28, 6), "block2": (10, 10, 16)}),
    ("No hidden layer", {}),
    ("Deep sigmoid MLP", {"hidden": (64,), **{f"hidden{i}": (64,) for i in range(2, 6)}}),
])
def test_look_inside_finds_each_presets_hidden_layers_by_their_old_names(name, layers):
    outputs = explaining_model(network_model(preset(name))).output

    hidden = {key: tuple(tensor.shape[1:]) for key, tensor in outputs.items()
              if key not in ("probabilities", "embedding", "logits")}  # the map's output, not Look inside's
    assert hidden == layers


@pytest.mark.parametrize("training, optimizer, options", [
    ({"optimizer": "sgd", "momentum": 0.5}, keras.optimizers.SGD, {"momentum": 0.5, "weight_decay": None}),
    ({"optimizer": "adamw"}, keras.optimizers.AdamW, {"weight_decay": 0.004, "use_ema": False}),
    ({"optimizer": "rmsprop", "weight_decay": 0.01, "ema": True}, keras.optimizers.RMSprop,
     {"weight_decay": 0.01, "use_ema": True, "ema_momentum": 0.99}),
])
def test_each_optimizer_gets_its_own_settings(training, optimizer, options):
    model = build_network({"layers": [{"type": "flatten"}], "training": training})

    assert type(model.optimizer) is optimizer
    assert {key: model.optimizer.get_config()[key] for key in options} == options
    assert isinstance(model.loss, keras.losses.SparseCategoricalCrossentropy)


def test_a_design_that_cannot_be_built_is_refused_before_keras_sees_it():
    with pytest.raises(DesignError, match=r"^layer 1, dense: its input is 28x28x1, not flat"):
        build_network({"layers": [{"type": "dense"}]})


@pytest.mark.parametrize("name", PRESET_NAMES)
def test_the_script_builds_and_compiles_the_same_network_as_the_app(name, tmp_path):
    design, epochs = preset(name), 3
    script = load_script(design_script(design), tmp_path)
    ours = build_network(design, epochs * math.ceil(60_000 / design["training"]["batch_size"]))

    theirs = script.build_model()
    script.compile_model(theirs, epochs)

    assert theirs.count_params() == ours.count_params()
    handed_back = with_keras_batch_norm(ours)  # the app trains its batch norms fused; the script, Keras' own
    assert [layer_config(layer) for layer in theirs.layers] == [layer_config(layer) for layer in handed_back.layers]
    assert without_name(theirs.optimizer.get_config()) == without_name(ours.optimizer.get_config())
    assert without_name(theirs.loss.get_config()) == without_name(ours.loss.get_config())


def load_script(source: str, folder):
    path = folder / "script.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("exported_script", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def layer_config(layer) -> tuple:
    return type(layer).__name__, without_name(layer.get_config())


def without_name(config: dict) -> dict:
    return {key: value for key, value in config.items() if key != "name"}


@pytest.fixture(scope="module")
def small_mnist(mnist):
    return Mnist(mnist.x_train[:3000], mnist.y_train[:3000], mnist.x_test[:1000], mnist.y_test[:1000])


def test_a_run_trains_any_design_and_its_card_keeps_the_design_its_parameters_and_multiply_adds(small_mnist):
    settings = TrainingSettings.from_design(preset("LeNet-5"), epochs=1, batch_size=256)

    result = train(settings, small_mnist)
    card = result.card()

    assert settings.model_kind == "cnn" and settings.seed == 42
    assert card["design"]["name"] == "LeNet-5" and card["design"]["training"]["epochs"] == 1
    assert card["design"]["training"]["batch_size"] == 256
    assert card["parameters"] == result.model.count_params() == 61_706
    assert card["macs"] == summarize(preset("LeNet-5")).macs
    assert card["recipe"] == {"model_kind": "cnn", "epochs": 1, "batch_size": 256, "learning_rate": 0.001,
                              "augment": False, "seed": 42}
    assert 0.5 < card["test_accuracy"] <= 1


def test_a_settings_recipe_without_a_design_trains_its_kinds_preset():
    settings = TrainingSettings.default("cnn", epochs=2)

    assert settings.design_used()["layers"] == preset("CNN")["layers"]
    assert settings.design_used()["training"]["epochs"] == 2


def test_a_panel_request_for_a_design_carries_it_and_refuses_a_bad_one_before_loading_data(tmp_path):
    request = TrainingRequest.for_design(preset("Wide MLP"), tmp_path, epochs=1)

    assert request.settings().design_used()["layers"] == preset("Wide MLP")["layers"]
    assert (request.model_kind, request.epochs, request.batch_size) == ("mlp", 1, 128)
    assert request.stem_and_title() == ("wide-mlp", "Wide MLP on MNIST")
    bad = TrainingRequest(**{**request.__dict__, "design": {"layers": [{"type": "maxpool"}] * 6},
                             "mnist_dir": str(tmp_path / "no-mnist")})
    with pytest.raises(DesignError, match="layer 5, maxpool: its input is 1x1, nothing left to pool"):
        train_and_save(bad, TrainingListener(), threading.Event())
    assert list(tmp_path.iterdir()) == []


def test_a_design_travels_to_a_training_process_as_json(tmp_path):
    from digitpad.core.training.training_client import request_message
    from digitpad.core.training.training_process import request_from

    request = TrainingRequest.for_design(preset("LeNet-5"), tmp_path / "models", epochs=2)

    assert request_from(json.loads(request_message(request, tmp_path))) == request
