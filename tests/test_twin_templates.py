"""A network's LiteRT twin is converted once; later runs of the network refill it with their own weights."""

import hashlib
import json

import numpy as np
import pytest

from digitpad.core.inference import twin_templates
from digitpad.core.inference.litert_predictor import LiteRTPredictor
from digitpad.core.inference.twin import to_litert
from digitpad.core.inference.twin_refill import layouts_of, refilled
from digitpad.core.inference.twin_templates import KEPT, KEPT_BYTES, TwinTemplates, marker_weights, network_key
from digitpad.core.networks.keras_builder import network_model
from digitpad.core.networks.presets import preset

IMAGES = np.random.default_rng(7).random((16, 28, 28, 1), dtype=np.float32)


def trained_like(name: str, seed: int):
    """The preset's network with weights no initializer gives (biases not zero): as after a run."""
    model = network_model(preset(name))
    generator = np.random.default_rng(seed)
    model.set_weights([w + 0.05 * generator.standard_normal(w.shape).astype(np.float32) for w in model.get_weights()])
    return model


def reading(tflite: bytes) -> np.ndarray:
    return LiteRTPredictor(tflite).read(IMAGES).probabilities


@pytest.fixture
def conversions(monkeypatch):
    """Counts TensorFlow's conversions made for the templates."""
    made = []

    def counted(model):
        made.append(model.name)
        return to_litert(model)

    monkeypatch.setattr(twin_templates, "to_litert", counted)
    return made


@pytest.mark.parametrize("name", ["Workshop MLP", "LeNet-5", "No hidden layer", "MLP with dropout"])
def test_a_second_run_of_a_network_gets_its_twin_without_converting_and_it_reads_as_a_converted_one(
    tmp_path, conversions, name
):
    templates = TwinTemplates(tmp_path)
    first, second = trained_like(name, 1), trained_like(name, 2)

    templates.twin(first)
    assert len(conversions) == 1
    refilled_twin = templates.twin(second)

    assert len(conversions) == 1
    np.testing.assert_allclose(reading(refilled_twin), reading(to_litert(second)), atol=1e-6)
    assert not np.allclose(reading(refilled_twin), reading(to_litert(first)), atol=1e-3)


def test_the_first_twin_of_a_network_is_its_own_not_the_markers(tmp_path):
    model = trained_like("Workshop MLP", 3)

    np.testing.assert_allclose(reading(TwinTemplates(tmp_path).twin(model)), reading(to_litert(model)), atol=1e-6)


def test_a_network_with_batch_norm_is_converted_every_time_and_keeps_no_template(tmp_path, conversions):
    model = network_model(preset("CNN"))
    templates = TwinTemplates(tmp_path)

    templates.twin(model)
    templates.twin(model)

    assert network_key(model) is None and len(conversions) == 2
    assert not list(tmp_path.iterdir())


def test_networks_that_differ_in_a_setting_have_templates_of_their_own():
    design = preset("Workshop MLP")
    flatten, hidden = design["layers"]
    wider = {**design, "layers": [flatten, {**hidden, "units": 256}]}
    sigmoid = {**design, "layers": [flatten, {**hidden, "activation": "sigmoid"}]}

    keys = {network_key(network_model(d)) for d in (design, wider, sigmoid)}

    assert len(keys) == 3
    assert network_key(network_model(design)) == network_key(network_model(design))  # names aside


@pytest.mark.parametrize(
    "spoil",
    [
        lambda json_file, tflite: json_file.write_text("{ not json"),
        lambda json_file, tflite: tflite.write_bytes(tflite.read_bytes()[:1000]),
        lambda json_file, tflite: json_file.write_text(
            json.dumps({**json.loads(json_file.read_text()), "layouts": [[0, 99, [1, 0]]]})),
        lambda json_file, tflite: tflite.unlink(),
        lambda json_file, tflite: matching_record(json_file, tflite, b"\xff" * 4096),
    ],
    ids=["unreadable record", "cut template", "layouts naming nothing", "template gone", "no flatbuffer at all"],
)
def test_a_spoilt_template_is_made_again_and_the_twin_is_still_right(tmp_path, spoil):
    templates = TwinTemplates(tmp_path)
    templates.twin(trained_like("Workshop MLP", 1))
    record = next(tmp_path.glob("*.json"))
    spoil(record, record.with_suffix(".tflite"))
    model = trained_like("Workshop MLP", 2)

    np.testing.assert_allclose(reading(templates.twin(model)), reading(to_litert(model)), atol=1e-6)
    np.testing.assert_allclose(reading(templates.twin(model)), reading(to_litert(model)), atol=1e-6)


def matching_record(json_file, tflite, content: bytes) -> None:
    """The template replaced by `content` and its record's checksum made to match: only the content is wrong."""
    tflite.write_bytes(content)
    record = json.loads(json_file.read_text())
    json_file.write_text(json.dumps({**record, "sha256": hashlib.sha256(content).hexdigest()}))


def test_a_template_that_reads_otherwise_than_keras_is_not_kept(tmp_path, monkeypatch, conversions):
    monkeypatch.setattr(twin_templates, "reads_alike", lambda tflite, model: False)
    templates = TwinTemplates(tmp_path)
    model = trained_like("Workshop MLP", 1)

    np.testing.assert_allclose(reading(templates.twin(model)), reading(to_litert(model)), atol=1e-6)
    templates.twin(model)

    assert not list(tmp_path.glob("*.tflite"))
    assert len(conversions) == 3  # the marked copy and the model, then the model each time after


def test_a_cache_folder_that_cannot_be_written_costs_only_time(tmp_path):
    blocked = tmp_path / "a file"
    blocked.write_text("in the way")
    model = trained_like("Workshop MLP", 1)

    np.testing.assert_allclose(reading(TwinTemplates(blocked / "templates").twin(model)),
                               reading(to_litert(model)), atol=1e-6)


def test_only_the_most_recently_used_templates_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(twin_templates, "KEPT", 2)
    templates = TwinTemplates(tmp_path)
    design = preset("Workshop MLP")
    flatten, hidden = design["layers"]
    for units in (16, 32, 48):
        templates.twin(network_model({**design, "layers": [flatten, {**hidden, "units": units}]}))

    assert len(list(tmp_path.glob("*.json"))) == len(list(tmp_path.glob("*.tflite"))) == 2
    assert KEPT >= 16


def test_templates_past_the_size_limit_are_forgotten_but_the_newest_is_kept(tmp_path, monkeypatch, conversions):
    monkeypatch.setattr(twin_templates, "KEPT_BYTES", 1)
    templates = TwinTemplates(tmp_path)
    design = preset("Workshop MLP")
    flatten, hidden = design["layers"]
    networks = [network_model({**design, "layers": [flatten, {**hidden, "units": units}]}) for units in (16, 32)]
    for model in networks:
        templates.twin(model)
    made = len(conversions)

    templates.twin(networks[1])
    assert len(conversions) == made  # the newest kept
    templates.twin(networks[0])
    assert len(conversions) == made + 1  # the older one forgotten: made again
    assert len(list(tmp_path.glob("*.tflite"))) == 1
    assert KEPT_BYTES >= 100 * 2**20  # as shipped: several of the largest designs a person may make


def test_a_constant_that_is_no_weight_leaves_no_layouts():
    model = trained_like("Workshop MLP", 1)
    markers = marker_weights(model)
    model.set_weights(markers)
    tflite = to_litert(model)

    assert layouts_of(tflite, markers) is not None
    assert layouts_of(tflite, [markers[0] + 1, *markers[1:]]) is None  # the kernel is not what was marked
    assert layouts_of(tflite, markers[:-1]) is None


def test_weights_that_do_not_fit_the_layouts_are_refused():
    model = trained_like("Workshop MLP", 1)
    markers = marker_weights(model)
    model.set_weights(markers)
    tflite = to_litert(model)
    layouts = layouts_of(tflite, markers)

    with pytest.raises(ValueError):
        refilled(tflite, layouts, [w[:1] for w in markers])
    with pytest.raises(ValueError):
        refilled(tflite, layouts, markers[:-1])


def test_the_templates_live_in_the_cache_folder_the_environment_names(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    assert twin_templates.default_folder() == tmp_path / "DigitPad" / "twin-templates"
