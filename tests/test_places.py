"""The gazetteer: lookups, and the cached table equal to one built from GeoNames."""

from __future__ import annotations

import pytest

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


@pytest.mark.slow  # builds the gazetteer from GeoNames three times (~4 s)
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


def test_an_unwritable_cache_directory_only_means_building_again(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    assert fresh_load(monkeypatch, blocker / "polybius")["idlib"].country == "SYR"
