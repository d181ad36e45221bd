"""The t-SNE map, computed in a process of its own: `python -m digitpad.core.explain.tsne_process IN OUT`.

A separate process, so tens of seconds of scikit-learn never hold the window's GIL. IN is an
.npy of the learned-space rows (N, D); OUT receives the (N, 2) coordinates, written atomically.
"""

from __future__ import annotations

import io
import os
import sys

import numpy as np

from digitpad.core.atomic_files import write_bytes_atomically
from digitpad.core.explain.projections import tsne


def main(arguments: list[str]) -> int:
    source, target = arguments
    if hasattr(os, "nice"):
        os.nice(10)  # background work: on a machine of two busy cores, the window's thread comes first
    coordinates = tsne(np.load(source, allow_pickle=False))
    buffer = io.BytesIO()
    np.save(buffer, coordinates)
    write_bytes_atomically(target, buffer.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
