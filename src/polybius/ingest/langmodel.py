"""py3langid's model, kept uncompressed in the user's cache (polybius/usercache.py).

py3langid ships its model as an LZMA-compressed NumPy archive: unpacking its 65 MB takes about
half a second, in every process that identifies a language (every `polybius code`, every
worker of a pool that is not forked, every API server). The unpacked arrays are kept as a plain
`.npz` (read with `allow_pickle=False`: data only) named by py3langid's version and the model
file's size, and checked when read — shapes that agree and every index in range, since the
identifier walks its tables by those indexes — so a damaged or foreign file only means unpacking
the shipped model again. The identifier made from either is the same.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import zipfile
from array import array
from importlib import metadata
from pathlib import Path

from polybius.usercache import cache_dir, write_atomic

log = logging.getLogger(__name__)

FORMAT = 1
# the arrays of py3langid's model file (py3langid/modelio.py) and their kinds
ARRAYS = {
    "ptc": "f",
    "pc": "f",
    "classes": "U",
    "nextmove": "u",
    "nextmove_row": "u",
    "out_feat": "i",
}
_MAX_BYTES = 512 * 1024 * 1024


class ModelRejected(ValueError):
    """A cached file that is not a sound copy of the model."""


def shipped_model() -> Path:
    from py3langid import langid

    return Path(langid.MODEL_DIR) / langid.MODEL_FILE


def cache_path() -> Path:
    version = metadata.version("py3langid")
    size = shipped_model().stat().st_size
    return cache_dir() / f"langid-{version}-{size}-v{FORMAT}.npz"


def load_identifier(norm_probs: bool = True):
    """py3langid's LanguageIdentifier, from the cached arrays (unpacked and kept first if they
    are not there or not sound)."""
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    path = cache_path()
    arrays = read_cached(path)
    if arrays is None:
        arrays = unpack_shipped()
        write_atomic(path, lambda fh: np.savez(fh, **arrays))
    return LanguageIdentifier(
        np.asarray(arrays["ptc"]),
        np.asarray(arrays["pc"]),
        arrays["classes"].tolist(),
        _to_array(arrays["nextmove"]),
        arrays["out_feat"].tolist(),
        norm_probs=norm_probs,
        tk_row=_to_array(arrays["nextmove_row"]),
    )


def _to_array(values) -> array:
    """Unsigned integers as the stdlib array py3langid walks (as its modelio does)."""
    import numpy as np

    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(memoryview(np.ascontiguousarray(values)).cast("B"))
    return out


def unpack_shipped() -> dict:
    """The arrays of the shipped model file, as py3langid reads them (unpacked through a
    temporary file, so that the 65 MB are never all in memory twice)."""
    import lzma

    import numpy as np

    with tempfile.TemporaryFile(suffix=".npz") as tmp:
        with lzma.open(shipped_model()) as src:
            shutil.copyfileobj(src, tmp, length=1 << 20)
        tmp.seek(0)
        with np.load(tmp, allow_pickle=False) as data:
            return {name: data[name] for name in ARRAYS}


def read_cached(path: Path) -> dict | None:
    """The cached arrays, checked; None (with a warning if the file was there) otherwise."""
    import numpy as np

    try:
        if path.stat().st_size > _MAX_BYTES:
            raise ModelRejected("too large")
        with np.load(path, allow_pickle=False) as data:
            if sorted(data.files) != sorted(ARRAYS):
                raise ModelRejected("not the model's arrays")
            arrays = {name: data[name] for name in ARRAYS}
        check(arrays)
        return arrays
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
        log.warning("ignoring the cached language model %s (%s)", path, exc)
        return None


def check(arrays: dict) -> None:
    """ModelRejected unless the arrays fit together as py3langid's tables do."""
    ptc, pc, classes = arrays["ptc"], arrays["pc"], arrays["classes"]
    nextmove, rows, out = arrays["nextmove"], arrays["nextmove_row"], arrays["out_feat"]
    kinds_ok = all(arrays[name].dtype.kind == kind for name, kind in ARRAYS.items())
    if (
        not kinds_ok
        or ptc.ndim != 2
        or any(a.ndim != 1 for a in (pc, classes, nextmove, rows, out))
    ):
        raise ModelRejected("unexpected array kinds or shapes")
    states, features = len(rows), ptc.shape[0]
    if not (
        ptc.shape[1] == len(pc) == len(classes) > 0
        and len(out) == states > 0
        and len(nextmove) % 256 == 0
        and len(nextmove) > 0
        and int(nextmove.max()) < states  # every move leads to a state
        and int(rows.max()) < len(nextmove) // 256  # every state has its row of moves
        and int(out.min()) >= -1
        and int(out.max()) < features  # every output is a feature (or none: -1)
    ):
        raise ModelRejected("the tables do not fit together")
