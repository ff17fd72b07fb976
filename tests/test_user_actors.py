"""User actor dictionaries (`--actors FILE`): loading, overriding, validation, CLI, workers."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from polybius.actors.dictionary import BUILDERS, load_dictionary
from polybius.actors.matcher import find_mentions
from polybius.actors.userfiles import FORMATS, ActorFileError, check_file, detect_kind
from polybius.coding.coder import CoderSpec
from polybius.engine.stages import code_text
from polybius.tsv import package_data

POLYBIUS = [sys.executable, "-m", "polybius.cli"]
TEXT = "Jane Roe condemned Chile."
PEOPLE_HEADER = "name\taliases\tcode\tsector\trole\tstart\tend\n"


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def jane(tmp_path) -> str:
    """A people file naming an Argentine minister (another country than the target)."""
    return write(
        tmp_path / "my_people.tsv",
        "# my people\n"
        + PEOPLE_HEADER
        + "Jane Roe\tRoe\tARG\tGOV\tforeign minister\t2020-01-01\t\n",
    )


def run(*args, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [*POLYBIUS, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "COLUMNS": "250"},
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def test_every_shipped_file_passes_the_user_file_checks():
    """The checks accept what the project itself ships: they are no stricter than the format."""
    for kind in BUILDERS:
        path = package_data("actors", "data", f"{kind}.tsv")
        known = load_dictionary().codes
        assert check_file(str(path), set(known)) == (kind, []), path


def test_the_header_tells_the_kind():
    assert detect_kind(["code", "sector", "names"]) == "igos"
    assert detect_kind(["code", "sector", "names", "note"]) == "groups"
    assert detect_kind(list(FORMATS["people"])) == "people"
    assert detect_kind(["foo", "bar"]) is None


def test_a_user_person_is_found_with_its_origin_and_the_shipped_load_is_untouched(jane):
    shipped = load_dictionary()
    assert not find_mentions(TEXT, shipped)[0].text.startswith("Jane")
    extended = load_dictionary((jane,))
    assert load_dictionary([jane]) is extended  # cached per set of files
    assert load_dictionary() is shipped
    first = find_mentions(TEXT, extended)[0]
    assert (first.text, first.code, first.entry.start) == ("Jane Roe", "ARG", date(2020, 1, 1))
    assert first.entry.origin == "user:my_people.tsv:3"
    chile = [m for m in find_mentions(TEXT, extended) if m.text == "Chile"][0]
    assert chile.entry.origin.startswith("shipped:countries.tsv:")


def test_a_user_row_overrides_the_shipped_entries_of_its_alias(tmp_path):
    groups = write(
        tmp_path / "groups.tsv",
        "code\tsector\tnames\tnote\nHAMAS2\tOPP\tHamas\tre-coded for a study\n",
    )
    shipped = [m for m in find_mentions("Hamas fired.", load_dictionary())]
    assert shipped and shipped[0].code != "HAMAS2"
    entries = find_mentions("Hamas fired.", load_dictionary((groups,)))[0].entries
    assert [(e.code, e.sector, e.origin) for e in entries] == [
        ("HAMAS2", "OPP", "user:groups.tsv:2")
    ]


def test_the_coder_and_its_prefilter_see_the_user_entries(jane):
    spec = CoderSpec(extra_actors=(jane,))
    assert pickle.loads(pickle.dumps(spec)) == spec  # travels to worker processes
    coder = spec.build()
    assert coder.prefilter.dictionary is load_dictionary((jane,))
    _, events = code_text(TEXT, "d", date(2024, 3, 1), coder)
    assert [(e.plover_type, e.source_codes, e.target_codes) for e in events] == [
        ("ACCUSE", ["ARG"], ["CHL"])
    ]
    _, without = code_text(TEXT, "d", date(2024, 3, 1), CoderSpec().build())
    assert all(e.source_codes != ["ARG"] for e in without)


def test_a_malformed_file_gives_file_line_errors(tmp_path):
    bad = write(
        tmp_path / "bad.tsv",
        PEOPLE_HEADER
        + "Jane Roe\t\tCHLL\tGOV\t\t2020-13-01\t\n"
        + "John Doe\t\tRUS\tXXX\t\t2020-01-01\t2019-01-01\n"
        + "Ann Poe\t\tRUS\tGOV\t\t2020-01-01\t\textra\n",
    )
    with pytest.raises(ActorFileError) as caught:
        load_dictionary((bad,))
    assert caught.value.problems == [
        f"{bad}:2: unknown actor code 'CHLL' (did you mean CHL?)",
        f"{bad}:2: bad start date '2020-13-01': YYYY-MM-DD",
        f"{bad}:3: unknown sector 'XXX' (sectors: BUS COP CRM CVL EDU GOV HLH IGO JRN JUD LAB "
        "LEG MED MIL NGO OPP PTY REB REF REL SPY)",
        f"{bad}:3: end 2019-01-01 is before start 2020-01-01",
        f"{bad}:4: 8 columns, the header has 7",
    ]
    columns = write(tmp_path / "cols.tsv", "# c\nname\tcode\tsector\tstart\tcolour\n")
    with pytest.raises(ActorFileError, match=r"cols.tsv:2: unknown column 'colour'"):
        load_dictionary((columns,))
    country = write(tmp_path / "c.tsv", "code\tkind\tnames\nChile2\tstate\tNew Chile\n")
    with pytest.raises(ActorFileError, match=r"c.tsv:2: bad country code 'Chile2'"):
        load_dictionary((country,))


def test_codes_a_user_file_defines_serve_the_files_after_it(tmp_path):
    country = write(tmp_path / "c.tsv", "code\tkind\tnames\nXNL\tterritory\tNewland\n")
    person = write(
        tmp_path / "p.tsv", PEOPLE_HEADER + "Ed Poe\t\tXNL\tGOV\tpresident\t2020-01-01\t\n"
    )
    mentions = find_mentions("Ed Poe visited Newland.", load_dictionary((country, person)))
    assert [m.code for m in mentions] == ["XNL", "XNL"]
    with pytest.raises(ActorFileError, match="unknown actor code 'XNL'"):
        load_dictionary((person, country))


@pytest.mark.slow
def test_cli_actors_shows_origins_and_rejects_bad_files(jane, tmp_path):
    shown = run("actors", TEXT, "--actors", jane, "--date", "2024-03-01").stdout
    assert "user:my_people.tsv:3" in shown and "shipped:countries.tsv:" in shown
    assert "person:Jane Roe" in shown
    plain = run("actors", TEXT).stdout
    assert "shipped:" not in plain and "Jane Roe" not in plain.split("Chile")[0]
    bad = write(tmp_path / "bad.tsv", PEOPLE_HEADER + "Jane Roe\t\tARG\tGOV\t\tsoon\t\n")
    proc = run("actors", TEXT, "--actors", bad, check=False)
    assert proc.returncode == 2
    assert "bad.tsv:2: bad start date 'soon'" in proc.stderr.replace("\n", "")
    doc = write(tmp_path / "doc.txt", TEXT + "\n")
    gold = write(
        tmp_path / "gold.jsonl", json.dumps({"id": "g", "text": TEXT, "events": []}) + "\n"
    )
    for command in (["code", doc, "--db", tmp_path / "x.duckdb"], ["evaluate", gold]):
        proc = run(*command, "--actors", bad, check=False)
        assert proc.returncode == 2, proc.stderr
        assert "bad start date 'soon'" in proc.stderr


@pytest.mark.slow
def test_workers_code_with_the_user_entries(jane, tmp_path):
    doc = tmp_path / "jane.txt"
    doc.write_text("Jane Roe condemned Chile on Monday.\n")
    db = tmp_path / "j.duckdb"
    run("code", doc, "--db", db, "--actors", jane, "--workers", "2")
    rows = [
        json.loads(line)
        for line in run("events", "--db", db, "--format", "jsonl").stdout.splitlines()
    ]
    assert [(r["plover_type"], r["source_codes"], r["target_codes"]) for r in rows] == [
        ("ACCUSE", ["ARG"], ["CHL"])
    ]


def test_a_user_regions_file_adds_a_state_s_units(tmp_path):
    regions = write(tmp_path / "regions.tsv", "code\tregion\taliases\nITA\tLombardy\tLombardia\n")
    assert detect_kind(["code", "region", "aliases"]) == "regions"
    found = find_mentions("Lombardia officials met.", load_dictionary((regions,)))
    assert [(m.text, m.code, m.kind) for m in found][:1] == [("Lombardia", "ITA", "region")]
    bad = write(tmp_path / "bad.tsv", "code\tregion\nItaly\tLombardy\n")
    assert "bad country code" in " ".join(check_file(bad, set())[1])
