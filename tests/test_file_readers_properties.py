"""Property tests: a design, a run card or a sample file edited by hand, anywhere, into any JSON value
(huge integers, NaN, deep lists, text where numbers go) gets its documented answer, never a crash.

Each example is a real file (a preset's design, a shipped model's card, a sample DigitPad wrote)
with values at every depth replaced by arbitrary JSON values.
"""

import json
import shutil

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digitpad.cli.code import run_script
from digitpad.core.networks.design import DesignError
from digitpad.core.networks.design_files import parse_design
from digitpad.core.networks.presets import CNN, preset
from digitpad.core.runs.model_change import change_message
from digitpad.core.runs.run_history import legend_labels, list_runs
from digitpad.core.runs.run_table import build_table
from digitpad.core.samples.sample import make_sample
from digitpad.core.samples.sample_files import read_sample_files
from digitpad.core.training.training_speed import speed_factor
from digitpad.qt.runs.digit_comparison import comparison_html
from tests.saved_runs import ASSETS

# What hand edits and hostile files put where numbers, lists and text belong: half the draws are
# the values known to break readers (integers no float holds, NaN, infinity, the wrong type).
NASTY = st.sampled_from([10**400, -(10**400), float("nan"), float("inf"), -float("inf"), 2**63, -1, 0, 1e308,
                         "", "12", None, True, [], {}, [[]], {"": None}])
SCALARS = st.one_of(NASTY, st.none(), st.booleans(), st.text(max_size=8), st.integers(),
                    st.floats(allow_nan=True, allow_infinity=True))
JSON_VALUES = st.one_of(NASTY, st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)), max_leaves=12))
EXAMPLES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def edited(draw, document):
    """`document` with about one value in five, at every depth, replaced by any JSON value."""

    def edit(value):
        if draw(st.integers(0, 4)) == 0:
            return draw(JSON_VALUES)
        if isinstance(value, dict):
            return {key: edit(item) for key, item in value.items()}
        if isinstance(value, list):
            return [edit(item) for item in value]
        return value

    return edit(json.loads(json.dumps(document)))


@given(edited(preset(CNN)))
@EXAMPLES
def test_a_design_edited_anywhere_is_a_design_or_one_sentence(design):
    try:
        parse_design(json.dumps(design))
    except DesignError as error:
        assert "\n" not in str(error) and str(error).endswith(".")


@given(edited(json.loads((ASSETS / "cnn.json").read_text())))
@EXAMPLES
def test_a_card_edited_anywhere_still_lists_its_run_and_estimates(tmp_path, card):
    folder = tmp_path / "runs"
    folder.mkdir(exist_ok=True)
    shutil.copy(ASSETS / "mlp.keras", folder / "edited.keras")
    (folder / "edited.json").write_text(json.dumps(card))

    runs = list_runs(folder)

    assert [row.name for row in build_table(runs).rows] == ["edited"]
    assert legend_labels(runs)[0].startswith("edited")
    assert speed_factor([runs[0].card]) > 0
    assert change_message(runs[0].path, runs[0].path).startswith("Now using edited")
    assert comparison_html(runs * 2)
    try:
        assert "keras" in run_script(runs[0].path)  # `digitpad code`, and the Runs dock's Show code
    except LookupError as error:
        assert "\n" not in str(error)


SAMPLE = make_sample([[(10.0, 20.0), (30.0, 40.0, 0.5)]], np.zeros((28, 28)), 7).to_json()


@given(edited(SAMPLE))
@EXAMPLES
def test_a_sample_file_edited_anywhere_is_a_sample_or_a_problem(tmp_path, sample):
    (tmp_path / "sample-edited.json").write_text(json.dumps(sample))

    samples, problems = read_sample_files(tmp_path, ["sample-edited.json"])

    assert len(samples) + len(problems) == 1
