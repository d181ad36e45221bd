"""Where a model's map of the test set is kept between sessions, keyed by the model file's content. Pure.

Beside the model (`name.map.npz`) where its folder can be written; else, and always for the
shipped models (a checkout's assets/ must stay clean, an install's is read-only), in the app's
cache folder under the model's content hash. A cache made for other bytes is ignored.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
import zlib
from pathlib import Path

import numpy as np

from digitpad.core.assets import assets_dir
from digitpad.core.atomic_files import write_bytes_atomically
from digitpad.core.explain.learned_space import LearnedSpace
from digitpad.core.explain.projections import Pca

VERSION = 1  # raise when what is cached changes meaning


def model_identity(model_path: str | os.PathLike) -> str:
    """The model file's content hash (a few milliseconds for a megabyte), with the cache's version."""
    digest = hashlib.sha256(Path(model_path).read_bytes()).hexdigest()[:24]
    return f"v{VERSION}-{digest}"


def cache_path(model_path: str | os.PathLike, cache_dir: str | os.PathLike, identity: str) -> Path:
    """Beside a model in a writable folder other than the shipped models'; else in `cache_dir`."""
    model_path = Path(model_path)
    folder = model_path.parent
    if folder.resolve() != assets_dir().resolve() and os.access(folder, os.W_OK):
        return model_path.with_suffix(".map.npz")
    return Path(cache_dir) / f"{model_path.stem}-{identity}.map.npz"


def save_space(path: Path, identity: str, space: LearnedSpace) -> bool:
    """Write the space and its maps atomically; False when the folder refuses."""
    buffer = io.BytesIO()
    maps = {f"map_{name}": coordinates for name, coordinates in space.maps.items()}
    arrays = {"embeddings": space.embeddings, "answers": space.answers, "mean": space.pca.mean, "axes": space.pca.axes}
    np.savez(buffer, identity=np.array(identity), kind=np.array(space.kind), **arrays, **maps)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(path, buffer.getvalue())
    except OSError:
        return False
    return True


def load_space(path: Path, identity: str) -> LearnedSpace | None:
    """The cached space when it was made for this identity, else None."""
    try:
        with np.load(path, allow_pickle=False) as cached:
            if str(cached["identity"]) != identity:
                return None
            maps = {name[4:]: cached[name] for name in cached.files if name.startswith("map_")}
            pca = Pca(cached["mean"], cached["axes"])
            return LearnedSpace(cached["embeddings"], cached["answers"], str(cached["kind"]), pca, maps)
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile, zlib.error):  # damaged: made again
        return None
