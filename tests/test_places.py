"""The gazetteer: lookups, and the cached table equal to one built from GeoNames."""

from __future__ import annotations

import hashlib
import json
import marshal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polybius.where import places


def fresh_load(monkeypatch, cache_dir):
    monkeypatch.setenv("POLYBIUS_CACHE_DIR", str(cache_dir))
    places.load_places.cache_clear()
    try:
        return places.load_places()
    finally:
        places.load_places.cache_clear()


def test_names_resolve_to_the_most_populous_place_and_its_country():
    raqqa = places.find_place("Raqqa")
    assert raqqa is not None and raqqa.country == "SYR"
    assert places.find_place("Ar-Raqqah") == raqqa  # an alternate name
    assert places.find_place("Paris").country == "FRA"  # not Paris, Texas
    assert places.find_place("Nowhereville") is None


@pytest.mark.slow  # builds the gazetteer from GeoNames three times
@pytest.mark.heavy  # ~30 s since the gazetteer holds towns of 5,000 people and admin-1 units
def test_the_cached_table_equals_the_built_one_and_a_damaged_cache_is_rebuilt(
    monkeypatch, tmp_path
):
    built = fresh_load(monkeypatch, tmp_path)  # no cache yet: built and written
    (cache,) = tmp_path.iterdir()
    assert cache.name.startswith("places-")
    assert fresh_load(monkeypatch, tmp_path) == built == places.build_places()
    cache.write_bytes(b"not a gazetteer")
    assert fresh_load(monkeypatch, tmp_path) == built
    assert fresh_load(monkeypatch, tmp_path) == built  # the damaged file was replaced


@pytest.mark.slow  # builds the gazetteer from GeoNames (~5 s)
def test_an_unwritable_cache_directory_only_means_building_again(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    assert fresh_load(monkeypatch, blocker / "polybius")["idlib"][0].country == "SYR"


# ---------------------------------------------------------------------------- the cache file

RAQQA = places.Place("Raqqa", "SYR", 35.95, 39.01, 220000, "Ar Raqqah")
SMALL = {
    "idlib": (
        places.Place("Idlib", "SYR", 35.93, 36.63, 442000, "Idlib", "A"),
        places.Place("Idlib", "SYR", 35.93, 36.63, 165000, "Idlib"),
    ),
    "raqqa": (RAQQA,),
    "ar-raqqah": (RAQQA,),
}


def written(tmp_path, table=SMALL) -> Path:
    path = tmp_path / "places.json"
    places.write_cache(path, table)
    return path


def rewrite(path: Path, edit, fix_checksum: bool) -> None:
    """Change the payload of a cache file, optionally recomputing its checksum."""
    head, _, payload = path.read_bytes().partition(b"\n")
    payload = edit(payload)
    header = json.loads(head)
    if fix_checksum:
        header["sha256"] = hashlib.sha256(payload).hexdigest()
    path.write_bytes(json.dumps(header).encode() + b"\n" + payload)


def test_the_cache_is_checksummed_json_read_back_equal(tmp_path):
    path = written(tmp_path)
    head, _, payload = path.read_bytes().partition(b"\n")
    header = json.loads(head)
    assert header["format"] == "polybius-gazetteer" and header["version"] == places.CACHE_FORMAT
    assert header["sha256"] == hashlib.sha256(payload).hexdigest()
    assert json.loads(payload)["rows"]  # plain data, no marshal or pickle
    assert places.read_cache(path) == SMALL
    assert places.cache_path().suffix == ".json"
    assert "marshal" not in vars(places) and "pickle" not in vars(places)


@pytest.mark.parametrize(
    ("edit", "fix_checksum"),
    [
        (lambda p: p.replace(b"SYR", b"FRA", 1), False),  # changed without the checksum
        (lambda p: p[: len(p) // 2], False),  # truncated
        (lambda p: p.replace(b"165000", b"-1"), True),  # a negative population
        (lambda p: p.replace(b"35.93", b"NaN"), True),  # not a coordinate
        (lambda p: p.replace(b'"SYR"', b'["SYR"]', 1), True),  # a country that is a list
        (lambda p: p.replace(b'"idlib":[0,1]', b'"idlib":[0,99]'), True),  # pointing nowhere
        (lambda p: p.replace(b'"idlib":[0,1]', b'"idlib":[]'), True),  # a name without a place
        (lambda p: p.replace(b'"P"', b'"Q"', 1), True),  # an unknown feature class
        (lambda p: b'{"rows": {}, "names": []}', True),  # another layout
        (lambda p: b"[" * 100000 + b"]" * 100000, True),  # deep nesting
        (lambda p: marshal.dumps(([], {})), True),  # the old format
    ],
)
def test_a_damaged_or_tampered_cache_is_not_used(tmp_path, edit, fix_checksum):
    path = written(tmp_path)
    rewrite(path, edit, fix_checksum)
    assert places.read_cache(path) is None


@pytest.mark.parametrize(
    "header",
    [
        {"format": "something else"},
        {"format": "polybius-gazetteer", "version": 1},
        {"format": "polybius-gazetteer", "version": places.CACHE_FORMAT, "min_population": 1},
    ],
)
def test_a_cache_of_another_kind_version_or_setting_is_not_used(tmp_path, header):
    path = written(tmp_path)
    _, _, payload = path.read_bytes().partition(b"\n")
    full = {**json.loads(path.read_bytes().partition(b"\n")[0]), **header}
    path.write_bytes(json.dumps(full).encode() + b"\n" + payload)
    assert places.read_cache(path) is None


def test_a_tampered_cache_is_rebuilt_and_replaced(monkeypatch, tmp_path):
    monkeypatch.setattr(places, "build_places", lambda: dict(SMALL))
    path = tmp_path / places.cache_path().name
    monkeypatch.setenv("POLYBIUS_CACHE_DIR", str(tmp_path))
    path.write_bytes(marshal.dumps(([("Idlib", "FRA", 0.0, 0.0, 1)], {"idlib": 0})))
    assert fresh_load(monkeypatch, tmp_path) == SMALL
    assert places.read_cache(path) == SMALL  # the damaged file was replaced


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_no_cache_content_makes_reading_fail(tmp_path_factory, data):
    path = written(tmp_path_factory.mktemp("fuzz"))
    original = path.read_bytes()
    head, _, payload = original.partition(b"\n")
    kind = data.draw(st.sampled_from(["bytes", "flip", "json"]))
    if kind == "bytes":
        path.write_bytes(data.draw(st.binary(max_size=2000)))
    elif kind == "flip":
        at = data.draw(st.integers(0, len(original) - 1))
        path.write_bytes(original[:at] + bytes([original[at] ^ 0xFF]) + original[at + 1 :])
    else:  # any JSON payload with a valid checksum: only the field checks stand guard
        body = data.draw(
            st.recursive(
                st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=5),
                lambda inner: (
                    st.lists(inner, max_size=5)
                    | st.dictionaries(st.text(max_size=5), inner, max_size=5)
                ),
                max_leaves=20,
            )
        )
        rewrite(path, lambda _: json.dumps(body).encode(), fix_checksum=True)
    result = places.read_cache(path)
    found = [p for ps in (result or {}).values() for p in ps]
    assert result is None or all(isinstance(p, places.Place) for p in found)
    assert all(-90 <= p.lat <= 90 and p.population >= 0 for p in found)


# ---------------------------------------------------------------------------- homonyms, units


def test_every_place_of_a_name_is_a_candidate_with_its_unit():
    found = places.candidates("Salisbury")
    assert {p.country for p in found} >= {"GBR", "USA"}
    english = next(p for p in found if p.country == "GBR")
    assert english.admin1 == "England" and english.feature == "P"
    unit = next(p for p in places.candidates("Paktika") if p.feature == "A")
    assert unit.country == "AFG" and unit.admin1 == "Paktika"


def test_the_story_chooses_among_homonyms():
    from polybius.where.choose import choose

    found = places.candidates("Salisbury")
    assert choose("Salisbury", found, {"GBR": 3, "RUS": 2}).country == "GBR"
    # no story: a place of that very name beats one that only had it (Harare was Salisbury)
    assert choose("Salisbury", found, {}).name == "Salisbury"
    idlib = places.candidates("Idlib")
    assert choose("Idlib", idlib, {"SYR": 1}).feature == "P"
    assert choose("Idlib", idlib, {"SYR": 1}, want_admin1=True).feature == "A"
    assert choose("Idlib", idlib, {}, required="FRA") is None


def test_small_towns_abroad_need_the_story():
    from polybius.where.choose import FOREIGN_MIN_POPULATION, choose

    town = places.Place("Smallton", "NZL", -40.0, 175.0, FOREIGN_MIN_POPULATION - 1)
    assert choose("Smallton", [town], {"SYR": 4}) is None
    assert choose("Smallton", [town], {"NZL": 1}) == town
