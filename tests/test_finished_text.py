"""The sentence the training panel ends a run with, and a fine-tune's before and after."""

from digitpad.qt.training.training_progress import finished_text


def fine_tuned_card(held_out: int, before: float, after: float) -> dict:
    return {"test_accuracy_before": 0.996, "test_accuracy": 0.993, "held_out_samples": held_out,
            "held_out_accuracy_before": before, "held_out_accuracy_after": after}


def test_a_fine_tune_on_a_few_drawings_says_whole_percentages():
    text = finished_text("cnn-tuned.keras", fine_tuned_card(10, 0.9, 1.0))

    assert text == ("Fine-tuned: your 10 held-out drawings: 90% → 100%; MNIST test: 99.6% → 99.3%. "
                    "Saved as cnn-tuned.keras.")


def test_a_fine_tune_on_a_semester_of_drawings_says_how_many_and_a_tenth_of_a_point():
    text = finished_text("cnn-tuned.keras", fine_tuned_card(4000, 0.9902, 0.9932))

    assert "your 4,000 held-out drawings: 99.0% → 99.3%;" in text  # "99% → 99%" hid the gain


def test_a_run_says_its_accuracy_and_the_arithmetic_rate_it_sustained():
    text = finished_text("mlp-1.keras", {"test_accuracy": 0.9764, "gflops": 46.3, "device": "CPU"})

    assert text == "done: 97.6% validation accuracy, saved as mlp-1.keras, trained on the CPU at 46.3 GFLOP/s"
