"""Exports: GDELT 2.0 layouts checked against the published column lists, the import
round trip, POLECAT-style records, tables and Parquet."""

from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile

import pyarrow.parquet as pq
import pytest

from builders import build_store
from polybius.commands.exporting import CommandError, ExportFormat, export
from polybius.export import gdelt, polecat
from polybius.export.gdelt_import import GdeltFormatError, compare, import_file
from polybius.store.db import Store

# The GDELT 2.0 Event and Mentions codebooks' column lists, in file order, with the types of
# GDELT's published BigQuery schema (INTEGER, FLOAT, STRING).
_ACTOR = [
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
PUBLISHED_EVENTS = (
    ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR]
    + [f"Actor2{c}" for c in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass"]
    + ["GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in _GEO]
    + [f"Actor2Geo_{c}" for c in _GEO]
    + [f"ActionGeo_{c}" for c in _GEO]
    + ["DATEADDED", "SOURCEURL"]
)
PUBLISHED_FLOATS = {"FractionDate", "GoldsteinScale", "AvgTone"} | {
    f"{who}Geo_{c}" for who in ("Actor1", "Actor2", "Action") for c in ("Lat", "Long")
}
PUBLISHED_INTEGERS = {
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "IsRootEvent",
    "QuadClass",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "Actor1Geo_Type",
    "Actor2Geo_Type",
    "ActionGeo_Type",
    "DATEADDED",
}
PUBLISHED_MENTIONS = [
    ("GlobalEventID", "INTEGER"),
    ("EventTimeDate", "INTEGER"),
    ("MentionTimeDate", "INTEGER"),
    ("MentionType", "INTEGER"),
    ("MentionSourceName", "STRING"),
    ("MentionIdentifier", "STRING"),
    ("SentenceID", "INTEGER"),
    ("Actor1CharOffset", "INTEGER"),
    ("Actor2CharOffset", "INTEGER"),
    ("ActionCharOffset", "INTEGER"),
    ("InRawText", "INTEGER"),
    ("Confidence", "INTEGER"),
    ("MentionDocLen", "INTEGER"),
    ("MentionDocTone", "FLOAT"),
    ("MentionDocTranslationInfo", "STRING"),
    ("Extras", "STRING"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = build_store(tmp_path_factory.mktemp("export") / "s.duckdb")
    yield s
    s.close()


def published_type(name: str) -> str:
    if name in PUBLISHED_FLOATS:
        return "FLOAT"
    return "INTEGER" if name in PUBLISHED_INTEGERS else "STRING"


def test_column_files_match_the_published_lists():
    events = gdelt.columns("events")
    assert len(events) == 61
    assert [c.name for c in events] == PUBLISHED_EVENTS
    assert [c.position for c in events] == list(range(1, 62))
    assert [c.type for c in events] == [published_type(n) for n in PUBLISHED_EVENTS]
    mentions = gdelt.columns("mentions")
    assert [(c.name, c.type) for c in mentions] == PUBLISHED_MENTIONS


def exported(store, format: ExportFormat, tmp_path) -> str:
    path = tmp_path / f"out.{format.value}"
    export(store, format, path, None, None)
    return path.read_text(encoding="utf-8")


def test_gdelt_events_have_61_typed_columns(store, tmp_path):
    lines = exported(store, ExportFormat.gdelt, tmp_path).splitlines()
    assert len(lines) == store.con.execute("SELECT count(*) FROM clusters").fetchone()[0]
    cols = gdelt.columns("events")
    for line in lines:
        fields = line.split("\t")
        assert len(fields) == 61
        values = [gdelt.parse_value(f, c.type) for f, c in zip(fields, cols, strict=True)]
        row = dict(zip(PUBLISHED_EVENTS, values, strict=True))
        assert row["EventCode"] == "040" and row["EventRootCode"] == "04"  # zeros kept
        assert row["Actor1Code"] == "RUSGOV" and row["Actor1CountryCode"] == "RUS"
        assert row["Actor1Type1Code"] == "GOV" and row["Actor2Code"] == "TUR"
        assert str(row["Day"]).startswith("2026") and row["Year"] == 2026
        assert row["QuadClass"] == 1 and row["GoldsteinScale"] == 1.0
        assert isinstance(row["GlobalEventID"], int) and 0 < row["GlobalEventID"] < 2**63
    counts = sorted(
        tuple(line.split("\t")[i] for i in (31, 32, 33)) for line in lines
    )  # NumMentions, NumSources, NumArticles
    assert counts == [("1", "1", "1"), ("4", "2", "3")]


def test_gdelt_mentions_have_16_columns_and_point_to_events(store, tmp_path):
    events = exported(store, ExportFormat.gdelt, tmp_path).splitlines()
    ids = {int(line.split("\t")[0]) for line in events}
    added = {int(line.split("\t")[0]): int(line.split("\t")[59]) for line in events}
    lines = exported(store, ExportFormat.gdelt_mentions, tmp_path).splitlines()
    assert len(lines) == store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    cols = gdelt.columns("mentions")
    for line in lines:
        fields = line.split("\t")
        assert len(fields) == 16
        row = [gdelt.parse_value(f, c.type) for f, c in zip(fields, cols, strict=True)]
        assert row[0] in ids and row[1] == added[row[0]] and row[2] >= row[1]
    by_source = {line.split("\t")[4]: line.split("\t") for line in lines}
    assert by_source["content farm"][3:6] == ["1", "content farm", "https://farm.example/copy"]
    assert by_source["wire"][3] == "2"  # no URL: citation only, identified by document id


def test_import_gdelt_round_trips_the_export(tmp_path):
    with build_store(tmp_path / "s.duckdb") as store:
        text = exported(store, ExportFormat.gdelt, tmp_path)
        path = tmp_path / "20261014.export.CSV"
        path.write_text(text)
        assert import_file(store, path) == len(text.splitlines())
        assert import_file(store, path) == len(text.splitlines())  # again: replaced, not added
        cols = gdelt.columns("events")
        names = ", ".join(c.name for c in cols)
        stored = sorted(store.con.execute(f"SELECT {names} FROM gdelt_events").fetchall())
        expected = sorted(
            tuple(gdelt.parse_value(f, c.type) for f, c in zip(line.split("\t"), cols, strict=True))
            for line in text.splitlines()
        )
        assert stored == expected
        types = dict(
            store.con.execute(
                "SELECT column_name, data_type FROM "
                "information_schema.columns WHERE table_name = "
                "'gdelt_events'"
            ).fetchall()
        )
        assert types["GlobalEventID"] == "BIGINT" and types["GoldsteinScale"] == "DOUBLE"
        assert types["EventCode"] == "VARCHAR"
        figures = compare(store).figures()
        assert figures["dyad_root_jaccard"] == 1.0
        assert figures["polybius_events"] == figures["gdelt_events"] == len(expected)


def test_import_reads_zip_and_gzip_and_rejects_other_layouts(tmp_path):
    with build_store(tmp_path / "s.duckdb") as store:
        text = exported(store, ExportFormat.gdelt, tmp_path)
        zipped = tmp_path / "a.export.CSV.zip"
        with zipfile.ZipFile(zipped, "w") as archive:
            archive.writestr("a.export.CSV", text)
        gzipped = tmp_path / "b.export.CSV.gz"
        gzipped.write_bytes(gzip.compress(text.encode()))
        n = len(text.splitlines())
        assert import_file(store, zipped) == n and import_file(store, gzipped) == n
        v1 = tmp_path / "gdelt1.CSV"
        v1.write_text("\t".join(["1"] * 58) + "\n")
        with pytest.raises(GdeltFormatError, match="GDELT 1.0"):
            import_file(store, v1)


def test_polecat_records_carry_plover_fields_and_every_mention(store):
    records = list(polecat.records(store))
    assert len(records) == 2
    big = max(records, key=lambda r: r["num_mentions"])
    assert big["event_type"] == "CONSULT" and big["quad_code"] == 1
    assert big["actor_country"] == "RUS" and big["recipient_country"] == "TUR"
    assert big["actor_sector"] == "GOV" and big["contexts"] == []
    assert sorted(big["story_ids"]) == ["copy", "orig", "other"]
    assert len(big["evidence"]) == big["num_mentions"] == 4
    copies = [e for e in big["evidence"] if e["doc_id"] == "copy"]
    assert copies and copies[0]["duplicate_of"] == "orig"
    json.dumps(records)  # JSON-ready


def test_tables_and_parquet(store, tmp_path):
    rows = list(csv.DictReader(io.StringIO(exported(store, ExportFormat.csv, tmp_path))))
    assert len(rows) == 2 and "num_sources" in rows[0]
    lines = exported(store, ExportFormat.jsonl, tmp_path).splitlines()
    assert {json.loads(line)["cluster_id"] for line in lines} == {r["cluster_id"] for r in rows}
    folder = tmp_path / "pq"
    assert export(store, ExportFormat.parquet, folder, None, None) == 2
    partitions = sorted(p.name for p in (folder / "events").iterdir())
    assert partitions == ["event_date=2026-10-14", "event_date=2026-10-24"]
    events = pq.read_table(folder / "events")
    mentions = pq.read_table(folder / "mentions")
    assert events.num_rows == 2 and mentions.num_rows == 5
    assert "cluster_id" in mentions.column_names and "sentence_text" in mentions.column_names


def test_since_until_and_errors(store, tmp_path):
    from datetime import date

    path = tmp_path / "late.tsv"
    assert export(store, ExportFormat.gdelt, path, date(2026, 10, 20), None) == 1
    with pytest.raises(CommandError, match="--out"):
        export(store, ExportFormat.parquet, None, None, None)
    with Store(tmp_path / "empty.duckdb") as empty, pytest.raises(CommandError, match="code"):
        export(empty, ExportFormat.gdelt, path, None, None)
