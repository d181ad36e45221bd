"""A process that trains imports TensorFlow without what Keras would load for features it never uses,
and ends without tearing every object down."""

import os
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


ASIDE = """
import os, sys
from digitpad.core.training.training_stack import native_start_up_kept_aside
with native_start_up_kept_aside():
    os.write(2, b"I0000 port.cc:153] a native start-up line\\n")
print("after", file=sys.stderr, flush=True)
if sys.argv[1:] == ["fail"]:
    with native_start_up_kept_aside():
        os.write(2, b"E0000 why the import failed\\n")
        raise ImportError("no TensorFlow here")
"""


def run_python(code: str, *arguments: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *arguments], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env=env)


def test_training_imports_neither_scikit_learn_matplotlib_nor_scipy_and_each_still_imports_afterwards():
    done = run_python(CHECK)

    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["[]", "imported"]


def test_a_training_process_ends_with_its_code_its_output_flushed_and_its_exit_handlers_run():
    done = run_python(END)

    assert done.returncode == 3
    assert done.stdout.splitlines() == ["printed before the end", "exit handler ran"]


def test_tensorflows_native_start_up_lines_are_kept_from_the_terminal():
    done = run_python(ASIDE, env={k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"})

    assert done.returncode == 0
    assert done.stderr == "after\n"


def test_they_are_written_out_after_all_when_the_import_fails():
    done = run_python(ASIDE, "fail", env={k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"})

    assert done.returncode == 1
    assert "E0000 why the import failed" in done.stderr and "ImportError: no TensorFlow here" in done.stderr
    assert "a native start-up line" not in done.stderr


def test_they_show_when_the_person_asked_for_tensorflows_log():
    done = run_python(ASIDE, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "0"})

    assert done.stderr.splitlines() == ["I0000 port.cc:153] a native start-up line", "after"]
