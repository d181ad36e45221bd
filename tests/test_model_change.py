"""The sentence that says what a new model changed, from the two models' cards."""

import json
import shutil

from digitpad.core.runs.model_change import change_message
from tests.saved_runs import ASSETS, save_run_copy


def test_names_the_new_model_and_both_test_accuracies(tmp_path):
    new = save_run_copy(tmp_path, "mlp-2026-11-24-1032")

    shipped_cnn, shipped_mlp = (json.loads((ASSETS / f"{kind}.json").read_text())["test_accuracy"]
                                for kind in ("cnn", "mlp"))

    assert change_message(new, ASSETS / "cnn.keras") == (
        f"Now using mlp-2026-11-24-1032: {shipped_mlp:.1%} on MNIST test; "
        f"the previous model (cnn) had {shipped_cnn:.1%}."
    )


def test_a_model_without_a_card_is_said_to_have_no_accuracy_on_record(tmp_path):
    bare = shutil.copy(ASSETS / "mlp.keras", tmp_path / "opened.keras")
    shipped_mlp = json.loads((ASSETS / "mlp.json").read_text())["test_accuracy"]

    assert change_message(ASSETS / "mlp.keras", bare) == (
        f"Now using mlp: {shipped_mlp:.1%} on MNIST test; the previous model (opened) has no test accuracy on record."
    )
