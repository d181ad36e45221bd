"""Lines C++ writes straight to file descriptor 2 can be sent aside for a block, and stderr is whole again after."""

import subprocess
import sys

from tests.conftest import ROOT

ASIDE = """
import os, sys, tempfile
from digitpad.core.native_stderr import native_stderr_to
print("python, before", file=sys.stderr)  # buffered in Python: flushed before the move
with tempfile.TemporaryFile() as aside:
    with native_stderr_to(aside.fileno()) as moved:
        os.write(2, b"from C++\\n")
    aside.seek(0)
    print(moved, aside.read(), flush=True)
os.write(2, b"after\\n")
"""

WITHOUT_STDERR = """
import os
null = os.open(os.devnull, os.O_WRONLY)
os.close(2)
from digitpad.core.native_stderr import native_stderr_to
with native_stderr_to(null) as moved:
    print("ran", moved)
"""


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_what_is_written_to_descriptor_2_in_the_block_goes_aside_and_stderr_is_restored_after():
    done = run_python(ASIDE)

    assert done.stdout == "True b'from C++\\n'\n"
    assert done.stderr == "python, before\nafter\n"


def test_a_process_without_stderr_runs_the_block_and_moves_nothing():
    done = run_python(WITHOUT_STDERR)

    assert (done.returncode, done.stdout) == (0, "ran False\n")
