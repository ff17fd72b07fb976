"""py3langid's model kept unpacked in the user's cache: the same identifier as py3langid's own,
and a damaged, tampered or foreign file is not used but replaced."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from polybius.ingest import langmodel

SAMPLES = [
    "The government said troops attacked rebel positions near the border on Monday night.",
    "Der Bundestag hat heute das Gesetz verabschiedet, die Opposition kritisierte die Regierung.",
    "Le gouvernement a annoncé de nouvelles mesures contre la hausse des prix de l'énergie.",
    "Правительство объявило о новых мерах поддержки экономики в понедельник вечером.",
]


@pytest.fixture(scope="module")
def cached(tmp_path_factory):
    """A cache directory holding the unpacked model (written by a first load)."""
    folder = tmp_path_factory.mktemp("langid-cache")
    with pytest.MonkeyPatch.context() as m:
        m.setenv("POLYBIUS_CACHE_DIR", str(folder))
        assert not langmodel.cache_path().exists()
        langmodel.load_identifier()
        assert langmodel.cache_path().exists()
    return folder


def test_the_cached_model_makes_the_same_identifier_as_py3langids_own(cached, monkeypatch):
    from py3langid.langid import _load_identifier

    monkeypatch.setenv("POLYBIUS_CACHE_DIR", str(cached))
    mine, theirs = langmodel.load_identifier(), _load_identifier(norm_probs=True)
    assert (mine.nb_ptc == theirs.nb_ptc).all() and (mine.nb_pc == theirs.nb_pc).all()
    assert mine.nb_classes == theirs.nb_classes
    assert mine.tk_nextmove == theirs.tk_nextmove and mine.tk_row == theirs.tk_row
    assert mine.tk_output == theirs.tk_output
    assert [mine.classify(s) for s in SAMPLES] == [theirs.classify(s) for s in SAMPLES]
    assert [mine.classify(s)[0] for s in SAMPLES] == ["en", "de", "fr", "ru"]


def arrays_of(path) -> dict:
    with np.load(path, allow_pickle=False) as data:
        return {name: data[name] for name in data.files}


def corrupt(kind: str, good: dict, path) -> None:
    arrays = dict(good)
    if kind == "truncated":
        with open(path, "wb") as fh:
            np.savez(fh, **arrays)
        path.write_bytes(path.read_bytes()[:100_000])
        return
    if kind == "garbage":
        path.write_bytes(b"not a model")
        return
    if kind == "pickled":  # an object array, which loading would unpickle
        arrays["classes"] = np.array([object()], dtype=object)
    elif kind == "missing":
        del arrays["out_feat"]
    elif kind == "move out of range":
        arrays["nextmove"] = arrays["nextmove"].copy()
        arrays["nextmove"][5] = len(arrays["nextmove_row"])
    elif kind == "row out of range":
        arrays["nextmove_row"] = arrays["nextmove_row"].copy()
        arrays["nextmove_row"][0] = len(arrays["nextmove"]) // 256
    elif kind == "feature out of range":
        arrays["out_feat"] = arrays["out_feat"].copy()
        arrays["out_feat"][0] = arrays["ptc"].shape[0]
    elif kind == "classes disagree":
        arrays["classes"] = arrays["classes"][:-1]
    elif kind == "floats for indexes":
        arrays["out_feat"] = arrays["out_feat"].astype(float)
    with open(path, "wb") as fh:
        np.savez(fh, **arrays)


KINDS = [
    "truncated",
    "garbage",
    "pickled",
    "missing",
    "move out of range",
    "row out of range",
    "feature out of range",
    "classes disagree",
    "floats for indexes",
]


@pytest.fixture(scope="module")
def good(cached):
    return arrays_of(next(cached.iterdir()))


@pytest.mark.parametrize("kind", KINDS)
def test_a_damaged_or_tampered_model_is_not_used(kind, good, tmp_path, caplog):
    path = tmp_path / "langid.npz"
    corrupt(kind, good, path)
    with caplog.at_level(logging.WARNING):
        assert langmodel.read_cached(path) is None
    assert "ignoring the cached language model" in caplog.text


def test_a_damaged_model_is_replaced_and_the_identifier_still_works(good, tmp_path, monkeypatch):
    monkeypatch.setenv("POLYBIUS_CACHE_DIR", str(tmp_path))
    path = langmodel.cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    corrupt("move out of range", good, path)
    assert langmodel.load_identifier().classify(SAMPLES[0])[0] == "en"
    assert langmodel.read_cached(path) is not None  # replaced by a sound copy
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_an_unwritable_cache_only_means_unpacking_again(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("POLYBIUS_CACHE_DIR", str(blocker / "polybius"))
    assert langmodel.load_identifier().classify(SAMPLES[1])[0] == "de"
