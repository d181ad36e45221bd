# The two commands: `make run` starts DigitPad, `make test` runs the test suite.
# Each creates .venv when it is missing and reinstalls only when requirements.txt changed.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test lint screenshot bench clean

run: $(STAMP)
	$(VENV)/bin/python -m digitpad

test: $(STAMP)
	$(VENV)/bin/python -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check digitpad bench tests train_model.py
	$(VENV)/bin/lint-imports

screenshot: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python bench/screenshot.py assets/screenshot.png
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python bench/designer_screenshot.py assets/designer.png
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python bench/map_screenshot.py
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python bench/failures_screenshot.py assets/where_it_fails.png

bench: $(STAMP)
	$(VENV)/bin/python bench/train_speed.py
	$(VENV)/bin/python bench/latency.py
	$(VENV)/bin/python bench/drawn_accuracy.py
	$(VENV)/bin/python bench/startup.py
	$(VENV)/bin/python bench/responsiveness.py
	$(VENV)/bin/python bench/saliency.py
	$(VENV)/bin/python bench/redrawn_mnist.py
	$(VENV)/bin/python bench/painted_digits.py
	$(VENV)/bin/python bench/sparse_strokes.py
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python bench/written_numbers.py --per-length 100 --seeds 10 --kinds gaps
	$(VENV)/bin/python bench/calibration.py --drawn assets/cnn.keras assets/mlp.keras
	$(VENV)/bin/python bench/handwriting_styles.py assets/cnn.keras assets/mlp.keras
	$(VENV)/bin/python bench/written_allographs.py
	$(VENV)/bin/python bench/design_speed.py
	$(VENV)/bin/python bench/writer_fine_tune.py --writers 60
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python bench/learned_space.py
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python bench/scale.py
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python bench/sample_exchange.py
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python bench/runs_selection.py

$(STAMP): requirements.txt
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

clean:
	rm -rf $(VENV) .cache .pytest_cache
