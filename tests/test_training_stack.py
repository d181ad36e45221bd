"""A process that trains imports TensorFlow without what Keras would load for features it never uses."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import sys
from digitpad.core.training.training_stack import import_training_stack
import_training_stack("mlp")
print(sorted(name for name in ("sklearn", "matplotlib.pyplot") if name in sys.modules))
import sklearn.base, matplotlib.pyplot  # and both can still be imported afterwards
print("imported")
"""


def test_training_imports_neither_scikit_learn_nor_pyplot_and_both_still_import_afterwards():
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=120)

    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["[]", "imported"]
