"""Political parties (actors/data/parties.tsv) as actors of domestic news, on sentences of our
own: a party is of the state the sentence or story names among its homes, else of its most
reported home; a party name inside a longer name is not the party."""

from __future__ import annotations

from datetime import date

import polybius
from polybius.actors.dictionary import PARTY, load_dictionary
from polybius.actors.matcher import find_mentions
from polybius.actors.resolver import DocumentContext, SentenceMentions
from polybius.nlp.pipeline import load_nlp

DAY = "2026-10-14"


def _sides(text: str) -> list[tuple[str, list[str], list[str]]]:
    return [(e.plover_type, e.source_codes, e.target_codes) for e in polybius.code(text, DAY)]


def test_a_party_acts_for_its_state():
    assert _sides("Labour criticised the Home Office on Tuesday.") == [("ACCUSE", ["GBR"], ["GBR"])]
    [(kind, source, _)] = _sides("Senate Democrats condemned the Russian embassy.")
    assert (kind, source) == ("ACCUSE", ["USA"])
    # the party's adjective before a person, as "Republican" is
    [(kind, source, _)] = _sides("A Democratic senator condemned the Russian embassy.")
    assert (kind, source) == ("ACCUSE", ["USA"])
    # inside a longer name it is another actor's
    [(kind, source, _)] = _sides("The Syrian Democratic Forces condemned the Russian embassy.")
    assert (kind, source) == ("ACCUSE", ["SYR"])


def test_a_modifier_opening_the_sentence_is_not_part_of_a_name():
    # the tagger reads a capitalised "Senior" as a proper noun: not "Senior" the person
    [e] = polybius.code("Senior Republicans criticised the Pentagon on Tuesday.", DAY)
    assert (e.plover_type, e.source_codes) == ("ACCUSE", ["USA"])
    assert e.sources[0].sector == "PTY" and e.sources[0].name != "Senior"
    # a name word before a party's name still makes another name
    for e in polybius.code("Jenny Republican criticised the Pentagon on Tuesday.", DAY):
        assert all(a.sector != "PTY" for a in e.sources)


def test_the_story_chooses_among_a_names_homes():
    text = (
        "Canada's parliament met in Ottawa on Monday. "
        "The Conservatives criticised the Canadian prime minister on Tuesday."
    )
    later = [e for e in polybius.code(text, DAY) if e.sentence_index == 1]
    assert later and later[0].source_codes == ["CAN"]


def test_a_party_is_coded_as_a_party():
    text = "The Bharatiya Janata Party accused Pakistan of backing militants."
    [e] = [e for e in polybius.code(text, DAY) if e.plover_type == "ACCUSE"]
    assert e.source_codes == ["IND"] and e.sources[0].sector == "PTY"


def test_a_party_name_inside_a_longer_name_is_not_the_party():
    # another party, of the state its name gives
    for e in polybius.code("The Democratic Alliance for Cyprus criticised Turkey.", DAY):
        assert "ZAF" not in e.source_codes
    dictionary = load_dictionary()
    assert [m.kind for m in find_mentions("on Labour Day", dictionary)] == [PARTY]
    text = "Nigerian workers marched on Labour Day in Lagos."
    [sent] = load_nlp()(text).sents
    kept = SentenceMentions(sent, find_mentions(text, dictionary), None, DocumentContext())
    assert PARTY not in {m.kind for m in kept.mentions}  # the matcher's mention is dropped
    for e in polybius.code(text, DAY):
        assert "GBR" not in e.source_codes + e.target_codes
    # the Kurdistan Workers' party is the PKK, however the paper writes "party"
    [e] = polybius.code("The Kurdistan Workers' party attacked a Turkish army post.", DAY)
    assert e.source_codes == ["TUR"] and "group:" in e.sources[0].rule


def test_coalitions_of_domestic_politics_are_the_states_own():
    # "coalition" usually marks a group as no state's own ("coalition jets"), but a ruling or
    # opposition coalition is the state's politics (agents.tsv GOV/OPP terms)
    lead = "Kenya's president dissolved parliament on Monday. "
    opposition = polybius.code(lead + "The opposition coalition accused him of a coup.", DAY)
    assert [(e.plover_type, e.source_codes) for e in opposition] == [("ACCUSE", ["KEN"])]
    ruling = polybius.code(lead + "The governing coalition rejected the opposition's demands.", DAY)
    assert [(e.plover_type, e.source_codes) for e in ruling] == [("REJECT", ["KEN"])]
    # a military coalition's own words stay no one's unless the story named the coalition
    from polybius.actors.explain import explain_actors

    rows = explain_actors(lead + "Coalition forces crossed the border.", date(2026, 10, 14))
    assert [r.code for r in rows if r.phrase == "Coalition forces"] in ([], [None])


def test_parties_of_many_states_act_for_their_own():
    # parties.tsv beyond the largest democracies: a party is its state's in that state's story
    assert _sides("Brazil's Workers' Party accused the central bank of sabotage.") == [
        ("ACCUSE", ["BRA"], ["BRA"])
    ]
    lead = "Hungary's government faced new pressure on Monday. "
    [e] = polybius.code(lead + "The Tisza Party accused the government of corruption.", DAY)
    assert (e.plover_type, e.source_codes) == ("ACCUSE", ["HUN"])
    # a party name that is also a river's is the party only as "Tisza Party"
    assert find_mentions("Floods along the Tisza river.", load_dictionary()) == []
