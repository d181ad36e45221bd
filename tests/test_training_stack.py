"""A process that trains imports TensorFlow without what Keras would load for features it never uses,
and ends without tearing every object down."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import sys
from digitpad.core.training.training_stack import import_training_stack
import_training_stack("mlp")
print(sorted(name for name in ("sklearn", "matplotlib", "scipy") if name in sys.modules))
import sklearn.base, matplotlib.pyplot, scipy.sparse  # and each can still be imported afterwards
print("imported")
"""

END = """
import atexit
from digitpad.core.training.training_stack import end_training_process
atexit.register(lambda: print("exit handler ran"))
print("printed before the end")  # buffered: stdout is a pipe
end_training_process(3)
print("never printed")
"""


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_training_imports_neither_scikit_learn_matplotlib_nor_scipy_and_each_still_imports_afterwards():
    done = run_python(CHECK)

    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["[]", "imported"]


def test_a_training_process_ends_with_its_code_its_output_flushed_and_its_exit_handlers_run():
    done = run_python(END)

    assert done.returncode == 3
    assert done.stdout.splitlines() == ["printed before the end", "exit handler ran"]
