"""The country a story is set in when it names no state, from its towns (where/home.py), and
the unnamed police, courts and people of such a story (rule domestic_party_of_the_home), on
sentences of our own."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

import polybius
from polybius.actors.dictionary import load_dictionary
from polybius.actors.matcher import find_mentions
from polybius.actors.resolver import HOME_NAMES, DocumentContext
from polybius.actors.story_priming import state_named
from polybius.coding.coder import Coder
from polybius.where.dateline import dateline_country
from polybius.where.home import home_places

DAY = "2026-10-14"


def test_towns_are_found_anywhere_and_before_an_institutions_words():
    text = "A Fort Worth girl was found; Chicago Police Department officers flew to Hayward."
    assert home_places(text) == [("Fort Worth", "USA"), ("Chicago", "USA"), ("Hayward", "USA")]


def test_small_towns_person_names_and_actor_mentions_are_not_homes():
    assert home_places("Steve Castro told the paper.") == []  # a person, not a town
    # a capitalised function word is no town ("We" is one of New Caledonia's, "It" is not)
    assert home_places("We will stay in Houston, she said.") == [("Houston", "USA")]
    assert home_places("It happened in Forest Hill.") == []  # too small to be sure of
    text = "Washington and Moscow traded barbs."
    taken = [(m.start, m.end) for m in find_mentions(text, Coder().dictionary)]
    assert home_places(text, taken) == []  # capitals standing for their states


def _context(*sentences: str) -> DocumentContext:
    context, dictionary = DocumentContext(), Coder().dictionary
    for text in sentences:
        mentions = find_mentions(text, dictionary)
        context.note_states(text, mentions)
        context.note_homes(text, mentions)
    return context


def test_a_story_is_at_home_where_its_towns_are_unless_it_names_another_state():
    assert _context("Crowds gathered in Houston.").home_state() is None  # once is not enough
    assert _context("Crowds gathered in Houston and Dallas.").home_state() == "USA"
    other = _context("Crowds gathered in Houston and Dallas.", "Mexico objected.")
    assert other.home_state() is None
    mixed = _context("Crowds gathered in Houston, Dallas, Lyon and Marseille.")
    assert mixed.home_state() is None  # no two thirds
    # the state itself named counts with its towns, as long as it is the only one named
    assert _context("Kenya's police said so.", "Crowds gathered in Mombasa.").home_state() == "KEN"
    assert _context("Brazil's police raided homes in Rio de Janeiro.").home_state() == "BRA"
    assert _context("Kenya's police said so.").home_state() is None  # once is not enough
    assert _context("Kenya and Uganda agreed.", "Crowds gathered in Mombasa.").home_state() is None
    # a name of the state counts like a town of it: two of three is two thirds
    argentina = _context("Argentina's court ruled.", "Argentina's peso fell.", "They met in Lyon.")
    assert argentina.home_state() == "ARG"


def test_a_first_level_unit_is_a_place_of_its_state():
    # "Kentucky", "Bavaria" (regions.tsv) are places of their state as towns are: a story
    # that names its state's units twice is set there, before any sentence is coded
    assert _context("Teachers in Kentucky walked out.", "Kentucky schools shut.").home_state() == (
        "USA"
    )
    assert _context("Flooding hit Bavaria and Saxony.").home_state() == "DEU"
    assert _context("Teachers in Kentucky walked out.").home_state() is None  # once


def test_a_states_organs_by_their_own_names_set_a_story_at_home():
    # the RCMP named twice, and no state: a Canadian story (groups.tsv, a state's organ), as
    # its towns would make it; an armed group bound to a state is no organ of it
    assert _context("The RCMP cleared the camp.", "The RCMP made arrests.").home_state() == "CAN"
    assert _context("The PKK claimed the attack.", "The PKK denied it.").home_state() is None


def test_the_union_of_a_story_set_in_a_states_provinces():
    text = (
        "Bus drivers across Kentucky stayed off work on Monday, and Kentucky schools shut "
        "early. The union denied calling the stoppage."
    )
    [e] = [e for e in polybius.code(text, DAY) if e.plover_type == "REJECT"]
    assert e.source_codes == ["USA"]


def test_place_names_may_hold_lowercase_particles():
    text = "Flights from Dar es Salaam and Rio de Janeiro landed."
    assert home_places(text) == [("Dar es Salaam", "TZA"), ("Rio de Janeiro", "BRA")]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["Houston", "Dallas", "Lyon", "Chicago", "Leeds"]), max_size=200))
def test_the_home_count_stays_small_however_long_the_story(towns):
    context = _context(*(f"They met in {t}." for t in towns))
    assert context.homes.total() <= HOME_NAMES


def test_unnamed_police_and_people_of_a_story_set_in_one_countrys_towns():
    text = "It rained in Houston and Dallas. Police arrested two suspects at the statehouse."
    [e] = polybius.code(text, DAY)
    assert (e.plover_type, e.source_codes, e.target_codes) == ("COERCE", ["USA"], ["USA"])
    assert [a.sector for a in e.sources] == ["COP"]
    text = "It rained in Houston and Dallas. A judge sentenced her to six years in prison."
    [e] = polybius.code(text, DAY)
    assert (e.plover_type, e.source_codes, e.target_codes) == ("SANCTION", ["USA"], ["USA"])

    # a public department, agency or commission and a county clerk or treasurer are the
    # home's government (agents.tsv)
    text = "It rained in Houston and Dallas. The department asked the court to reconsider."
    [e] = polybius.code(text, DAY)
    assert (e.plover_type, e.source_codes, [a.sector for a in e.sources]) == (
        "REQUEST",
        ["USA"],
        ["GOV"],
    )
    text = "It rained in Houston and Dallas. The county clerk denied the charges on Friday."
    [e] = polybius.code(text, DAY)
    assert (e.plover_type, e.source_codes) == ("REJECT", ["USA"])


def test_private_people_of_a_story_set_in_one_countrys_towns():
    story = "It rained in Houston and Dallas. "
    [e] = polybius.code(story + "Police arrested John Carter at the statehouse.", DAY)
    assert (e.source_codes, e.target_codes) == (["USA"], ["USA"])
    [e] = polybius.code(story + "A jury convicted Carter of kidnapping.", DAY)
    assert (e.plover_type, e.target_codes) == ("SANCTION", ["USA"])  # the one convicted
    # a lone name the dictionary does not know is one of the home's people, whatever the act
    # (it was only for arrests, charges and sentences until the genre probe's read fold showed
    # "accused Lindner", "accused Park" losing their targets: +2 full matches, none lost)
    [e] = polybius.code(story + "Police thanked Carter for his help.", DAY)
    assert e.target_codes == ["USA"]
    # a place is not a person
    [e] = polybius.code(story + "Police sealed off Fort Worth.", DAY)
    assert all(a.sector != "CVL" for a in e.targets)


def test_the_rule_and_its_prefilter_pass_can_be_switched_off():
    text = "It rained in Houston and Dallas. Police arrested two suspects at the statehouse."
    assert polybius.code(text, DAY, disabled_rules=["domestic_party_of_the_home"]) == []
    sentence = "Police arrested two suspects at the statehouse."
    off = Coder(disabled_rules=("domestic_party_of_the_home",))
    assert Coder().could_hold_event(sentence, sentence[:-1].split())
    assert not off.could_hold_event(sentence, sentence[:-1].split())


def test_a_passive_act_of_police_or_courts_in_a_story_of_one_state():
    # the only state the story has named (once): its courts charged the man
    story = "Bolivia's new mining law took effect in May. "
    [e] = polybius.code(story + "The mayor of a mining town was charged with fraud.", DAY)
    assert (e.plover_type, e.source_codes, e.target_codes) == ("ACCUSE", ["BOL"], ["BOL"])
    # a story of two states does not say whose courts they are
    story = "Bolivia and Peru signed a border accord in May. "
    events = polybius.code(story + "The mayor of a mining town was charged with fraud.", DAY)
    assert [e.plover_type for e in events] == ["SUPPORT"]  # the accord only
    # the sentence names no party nor any group ("the mayor" would pass as a domestic
    # group): only the passive act lets it through the prefilter
    sentence = "A retired engineer from a mining town was charged with fraud."
    off = Coder(disabled_rules=("authorities_of_the_story_state",))
    assert Coder().could_hold_event(sentence, sentence[:-1].split())
    assert not off.could_hold_event(sentence, sentence[:-1].split())
    active = "A retired engineer charged a fee for the permits."
    assert not Coder().could_hold_event(active, active[:-1].split())


def test_unnamed_groups_of_a_story_that_has_named_one_state_once():
    # unions, police and opposition with no state named are of the one state named before
    story = "Kenya's parliament passed the finance bill on Tuesday. "
    strike = "Unions have called a national strike for Thursday."
    [e] = polybius.code(story + strike, DAY)
    assert (e.plover_type, e.source_codes) == ("PROTEST", ["KEN"])
    assert "LAB of the story's only state" in " ".join(e.trace)
    # the group's words alone let the sentence through the prefilter
    assert Coder().could_hold_event(strike, strike[:-1].split())
    assert not Coder(disabled_rules=("domestic_party_of_the_home",)).could_hold_event(
        strike, strike[:-1].split()
    )
    # a lone sentence has no story state, and a story of two states has none to give
    assert polybius.code(strike, DAY) == []
    two = "Kenya and Uganda signed a trade accord on Tuesday. "
    assert "PROTEST" not in [e.plover_type for e in polybius.code(two + strike, DAY)]


def test_a_person_the_dictionary_does_not_know_described_by_a_domestic_role():
    story = "Kenya's parliament passed the finance bill on Tuesday. "
    said = "Jane Wambui, the opposition candidate, said the vote was illegal."
    [e] = polybius.code(story + said, DAY)
    assert (e.plover_type, e.source_codes) == ("ACCUSE", ["KEN"])
    # the same person with no role named is no one's
    assert polybius.code(story + "Jane Wambui said the vote was illegal.", DAY) == []


def test_no_home_at_sea():
    """ "the Gulf" is not Papua New Guinea's Gulf Province; "the Gulf of Aden" names no town."""
    assert home_places("Tankers were seized in the Gulf on Friday.") == []
    assert home_places("A ship was hit in the Gulf of Aden near Aden.") == [("Aden", "YEM")]


def test_the_lead_knows_the_places_the_whole_story_names():
    # the places of the whole story are read before its first sentence is coded
    # (Coder.prime_story): the lead's unnamed police are of the country its later
    # sentences' towns are in, as they would be in a later sentence
    text = (
        "Police arrested two men on Monday. Officers said the men were detained near "
        "Fort Worth after a chase. A court in Houston will hear the case."
    )
    lead = polybius.code(text, DAY)[0]
    assert lead.trigger_text == "arrested"
    assert (lead.source_codes, lead.target_codes) == (["USA"], ["USA"])
    # alone, the lead names no place: no country to give its police
    assert polybius.code("Police arrested two men on Monday.", DAY) == []
    context = DocumentContext()
    Coder().prime_story(text, context)
    assert context.homes_primed and context.homes["USA"] == 2


def test_the_lead_knows_the_one_state_the_whole_story_names():
    # a lead that names no state, in a story whose one town and whose later office-holder
    # are of one state: the lead's unnamed lawmakers are of it, as the later sentences'
    # would be
    text = (
        "Lawmakers voted on Thursday to censure the mining minister. Traders in Mombasa "
        "said prices fell. President William Ruto has not commented."
    )
    context = DocumentContext()
    Coder().prime_story(text, context)
    assert context.story_states == {"KEN": 1} and context.home_state() == "KEN"
    lead = polybius.code(text, DAY)[0]
    assert (lead.trigger_text, lead.source_codes) == ("censure", ["KEN"])
    # alone, the lead knows no country; nor when the whole story names two states
    assert polybius.code("Lawmakers voted on Thursday to censure the mining minister.", DAY) == []
    two = text + " Uganda's president sent his regards."
    assert Coder().prime_story(two, context := DocumentContext()) is None
    assert context.home_state() is None
    # once a sentence has named a state, the states named so far decide, as before
    context = DocumentContext(story_states=Counter({"KEN": 1}))
    context.states["UGA"] += 1
    assert context.home_state() is None


def _filed(text: str) -> str | None:
    dictionary = load_dictionary()
    return dateline_country(text, lambda name: state_named(name, dictionary))


def test_a_dateline_tells_where_a_wire_story_is_filed_from():
    assert _filed("NAIROBI: Police fired tear gas on Monday.") == "KEN"
    assert _filed("WASHINGTON (Reuters) - The Senate voted on Tuesday.") == "USA"
    assert _filed("SIOUX FALLS, S.D. – The city council met.") == "USA"
    assert _filed("KINGSTON, Ont. — A judge ruled.") == "CAN"  # not Jamaica's capital
    assert _filed("MOSUL, Iraq (AP) — Gunfire was heard.") == "IRQ"
    assert _filed("LAGOS, Oct 12 (Reuters) - Prices rose.") == "NGA"
    # after a headline line; not further down the story
    assert _filed("Storms hit the coast\n\nMANILA — Thousands fled.") == "PHL"
    assert _filed("One\n\nTwo\n\nThree\n\nMANILA — Thousands fled.") is None
    # capitals that are no place, a column's salutation, a sentence in capitals
    assert _filed("DEAR ABBY: My husband snores.") is None
    assert _filed("BREAKING NEWS: markets fall.") is None
    assert _filed("Nairobi: police fired tear gas.") is None  # a dateline is in capitals


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_any_text_gives_a_country_or_none(text):
    found = _filed(text)
    assert found is None or (len(found) == 3 and found.isupper())


def test_a_dateline_sets_a_one_state_story_at_home_but_never_against_a_named_state():
    story = (
        "NAIROBI: Police fired tear gas at opposition supporters.\n\n"
        "The president met church leaders."
    )
    met = [e for e in polybius.code(story, DAY) if e.trigger_text == "met"]
    assert [(e.source_codes, e.target_codes) for e in met] == [(["KEN"], ["KEN"])]
    # without the dateline the story names Nairobi once: not enough to know its president
    assert not [e for e in polybius.code(story[len("NAIROBI: ") :], DAY) if e.trigger_text == "met"]
    # filed from a hub, about a neighbour: the dateline does not speak against the state named
    context = DocumentContext()
    Coder().prime_story("BEIRUT (Reuters) - Syrian forces shelled the town.", context)
    assert context.dateline == "LBN"
    context.states["SYR"] += 2
    assert context.home_state() == "SYR"
    # weighed with the towns: one town that is also a name in another country does not
    # outvote it
    context = DocumentContext(dateline="SEN")
    context.homes["BEN"] += 1
    assert context.home_state() == "SEN"


def test_a_gold_story_is_primed_line_by_line_so_its_dateline_is_seen():
    """`polybius evaluate` primes a story with its gold sentences one per line, as a page
    gives a headline its own line: the dateline after a headline still opens a line."""
    from polybius.evaluate.gold import GoldSentence
    from polybius.evaluate.runner import document_contexts

    story = [
        GoldSentence("s-1", "Police fire tear gas at opposition rally", None, [], "s"),
        GoldSentence("s-2", "NAIROBI, Kenya (AP) — Police fired tear gas.", None, [], "s"),
    ]
    contexts = [context for _, context in document_contexts(story, Coder())]
    assert contexts[0] is contexts[1] and contexts[0].dateline == "KEN"


def test_the_americas_named_by_a_part_of_them_are_no_state_of_the_story():
    context = _context(
        "Miners blocked the Pan-American Highway near the border.",
        "Latin American governments and South American unions protested.",
    )
    assert "USA" not in context.states
    assert "USA" in _context("American officials protested.").states
