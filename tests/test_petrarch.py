"""Reading PETRARCH2 verb dictionaries (issue 15 item 2). The shared CAMEO.2.0 dictionary is
read at run time only; the small dictionary below is written for the test."""

from __future__ import annotations

from typer.testing import CliRunner

from conftest import shared_path
from polybius.cli import app
from polybius.events.patterns import load_patterns, read_pattern_file
from polybius.events.petrarch import convert_dictionary

SMALL = """# a made-up dictionary in the PETRARCH2 format
####### SYNONYM SETS #######

&TROOPS_
+SOLDIERS
+MARINES

####### VERB PATTERNS #######

---  HARASS   [170]  ---
HARASS
PESTER {PESTERS PESTERING PESTERED }
+CALL_OFF [160]
- * (AGAINST)                                 [111]    # HARASS
- * &TROOPS                                   [173]    # HARASS
- * {BORDER GUARDS}                           [170]    # HARASS
- &TROOPS *                                   [170]    # HARASS
- * (TO COURT)                                [:173]   # HARASS

---  PONDER   [---]  ---
PONDER
- * OUT                                       [010]    # PONDER

######## TRANSFORMATIONS ##########
"""


def _triggers(conversion) -> dict[str, str]:
    return {r["trigger"]: r["cameo"] for r in conversion.rows}


def test_small_dictionary_conversion(tmp_path):
    path = tmp_path / "small.verbs.txt"
    path.write_text(SMALL)
    conv = convert_dictionary(path)
    triggers = _triggers(conv)
    assert triggers["v:harass"] == "170"
    assert triggers["v:pester"] == "170"  # block code applies to the block's verbs
    assert triggers["v:call off"] == "160"  # multi-word verb with its own code
    assert triggers["v:harass against"] == "111"
    assert triggers["v:pester +soldier|marine"] == "173"  # synset as object lemmas
    assert conv.skipped["pattern: multi-word phrase"] == 1
    assert conv.skipped["pattern: words before the verb"] == 1
    assert conv.skipped["pattern: null or target-only code"] == 1
    assert conv.skipped["verb: no code of its own (pattern-only verb)"] == 1
    assert conv.skipped["pattern: code without a PLOVER type"] == 1  # 010 is a statement
    target = {r["trigger"]: r["target"] for r in conv.rows}
    assert target["v:harass against"].startswith("prep:against")


def test_import_petrarch_cli_writes_loadable_patterns(tmp_path):
    src = tmp_path / "small.verbs.txt"
    src.write_text(SMALL)
    out = tmp_path / "out.tsv"
    result = CliRunner().invoke(app, ["patterns", "import-petrarch", str(src), str(out)])
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output and "multi-word phrase" in result.output
    patterns = read_pattern_file(out)
    assert {p.lemma for p in patterns} == {"harass", "pester", "call"}


def test_shared_cameo_dictionary_loads_as_extra_patterns():
    path = shared_path("petrarch2", "dictionaries", "CAMEO.2.0.txt")
    conv = convert_dictionary(path)
    assert conv.converted_entries > 1000 and conv.skipped_entries > 0
    base = load_patterns()
    extended = load_patterns(("petrarch:" + str(path),))
    assert len(extended.patterns) > len(base.patterns) + 1000
    # a verb PETRARCH codes that our files lack becomes a trigger
    assert not base.candidates("v", "bombard") or extended.candidates("v", "bombard")
    assert extended.candidates("v", "bombard")


def test_petrarch_verbs_option_codes_with_the_dictionary(tmp_path, nlp):
    from polybius.coding.coder import Coder
    from polybius.commands.patterns import extra_pattern_specs

    path = tmp_path / "small.verbs.txt"
    path.write_text(SMALL)
    sentence = list(nlp("Colombia pestered Venezuela.").sents)[0]
    assert not Coder().code_sentence(sentence, "t", 0, None)
    coder = Coder(extra_patterns=extra_pattern_specs(None, [path]))
    events = coder.code_sentence(sentence, "t", 0, None)
    assert [e.cameo_code for e in events] == ["170"]
