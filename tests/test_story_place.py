"""The story's country as an event's place, and places the gazetteer does not know (issue 17),
on sentences of our own."""

from __future__ import annotations

from collections import Counter
from datetime import date

import polybius
from conftest import event_of as one
from polybius.actors.matcher import find_mentions
from polybius.coding.coder import Coder
from polybius.coding.story_place import Scene, scene_country, story_scene, unparsed_scenes
from polybius.engine.stages import code_text

DAY = "2019-02-12"


def test_the_scene_is_the_country_of_most_places_and_a_tie_is_none():
    assert scene_country(Counter({"SYR": 3, "GBR": 1})) == "SYR"
    assert scene_country(Counter({"SYR": 2, "IRQ": 1, "LBN": 1})) == "SYR"  # twice any other
    assert scene_country(Counter({"SYR": 2, "IRQ": 2, "LBN": 1})) is None
    assert scene_country(Counter({"SYR": 1, "GBR": 1})) is None
    assert scene_country(Counter()) is None


def test_the_sentences_own_country_is_its_scene_and_a_firm_one_needs_several_places():
    assert story_scene({"IRQ"}, Counter({"SYR": 4, "IRQ": 1})) == Scene("IRQ", True, False)
    assert story_scene(set(), Counter({"SYR": 3, "IRQ": 1})) == Scene("SYR", False, True)
    assert story_scene(set(), Counter({"SYR": 2})) == Scene("SYR", False, False)
    assert story_scene(set(), Counter({"SYR": 1, "IRQ": 1})) is None


def test_an_event_of_no_state_takes_only_the_sentences_own_or_a_firm_scene():
    one_place = "Rebels fought army units in Hama on Sunday. Isis fighters shot five deserters."
    assert one(one_place, "shot").location_country is None
    text = (
        "Fighting raged in Syria on Sunday. Jets bombed villages in northern Syria. "
        "Thousands have fled to camps near Damascus. Isis fighters shot five deserters."
    )
    e = one(text, "shot")
    assert (e.location_country, e.geo_precision) == ("SYR", "country")
    here = one("Isis fighters shot five deserters while the civilians in Iraq slept.", "shot")
    assert here.location_country == "IRQ"


def test_a_material_event_with_a_party_of_the_scene_takes_its_country():
    text = "Rebels fought army units in Hama on Sunday. Russian jets bombed Syrian villages."
    e = one(text, "bombed")
    assert (e.location_country, e.geo_precision) == ("SYR", "country")
    assert e.location_name == "Syria" and e.lat is None and e.location_admin1 is None
    assert any(step.startswith("rule:place_from_story SYR") for step in e.trace)


def test_a_party_of_another_state_does_not_take_the_scene():
    text = "Rebels fought army units in Hama on Sunday. Russian jets bombed Libyan ports."
    assert one(text, "bombed").location_country is None


def test_a_statement_never_takes_the_scene():
    text = "Rebels fought army units in Hama on Sunday. Russia condemned Syrian rebels."
    e = one(text, "condemned")
    assert e.quad_class == 3 and e.location_country is None


def test_without_a_place_in_the_story_nothing_is_inferred():
    assert one("Russian jets bombed Syrian villages.", "bombed").location_country is None


def test_every_party_of_one_state_is_a_domestic_event():
    e = one("Turkish police detained ten Turkish journalists.", "detained")
    assert (e.location_country, e.geo_precision) == ("TUR", "country")


def test_a_peoples_forces_act_in_their_home():
    # "Kurdish" is Iraq's here (the story names Iraq); Isis is no state
    text = "Iraq's parliament met on Monday. Kurdish forces attacked Isis fighters on Tuesday."
    e = one(text, "attacked")
    assert (e.source_codes, e.location_country) == (["IRQ"], "IRQ")
    # but not when the target is a state: where the fighting was is then not told
    text = "Iraq's parliament met on Monday. Kurdish forces attacked Russian troops on Tuesday."
    assert one(text, "attacked").location_country is None


def test_a_party_given_the_sentences_state_is_not_a_domestic_party():
    # "militants" take the state of "US" only because the sentence names no other
    e = one("A US drone strike killed four militants, officials said.", "strike")
    assert e.location_country is None


def test_the_rule_can_be_switched_off():
    coder = Coder(disabled_rules=("place_from_story",))
    text = "Turkish police detained ten Turkish journalists."
    [e] = code_text(text, "t", date.fromisoformat(DAY), coder)[1]
    assert e.plover_type == "COERCE" and e.location_country is None


def test_a_state_after_a_place_preposition_in_an_unparsed_sentence_is_a_scene():
    text = "Thousands live in tents in northern Iraq and near Baghdad, said a Syrian doctor."
    found = unparsed_scenes(text, find_mentions(text, Coder().dictionary))
    assert found == ["IRQ", "IRQ"]  # "a Syrian doctor" is no place


def test_a_place_the_gazetteer_lacks_leaves_only_the_country_of_a_farther_one():
    e = one("Government troops attacked rebels in Qwertzabad, near Aleppo, on Monday.", "attacked")
    assert (e.location_country, e.geo_precision) == ("SYR", "country")


def test_a_known_town_before_a_farther_one_is_kept():
    e = one("Government troops attacked rebels in Manbij, near Aleppo, on Monday.", "attacked")
    assert (e.location_name, e.geo_precision) == ("Manbij", "city")


def test_a_place_joined_to_other_countries_is_no_one_place():
    e = one("Militants carried out attacks in France and several other countries.", "attacks")
    assert e.location_country is None


def test_a_country_after_the_verb_of_a_verbal_event_is_its_place():
    e = one("A Turkish court jailed a British volunteer in Turkey on Friday.", "jailed")
    assert e.quad_class in (1, 3) and e.location_country == "TUR"


def test_a_country_in_a_noun_phrase_of_a_verbal_event_is_not_its_place():
    e = one("Turkey criticised the crackdown in Egypt.", "criticised")
    assert e.location_country is None


def test_force_on_a_place_described_as_a_town_of_another_happened_in_its_state():
    text = "Qwertzabad, a poor suburb of Damascus, was shelled again on Monday."
    e = one(text, "shelled")
    assert (e.location_country, e.geo_precision) == ("SYR", "country")
    assert any("force used on a place" in step for step in e.trace)
    e = one("Ukraine said Russia had violated the Minsk ceasefire on Monday.", "violated")
    assert e.location_country is None  # a capital naming a ceasefire is no place of it


def test_unnamed_people_in_a_named_town_let_the_sentence_be_coded():
    # no party is named, only people and a town: the force used there is against its state
    text = "At least 12 people were killed in Aleppo on Monday."
    [e] = polybius.code(text, DAY)
    assert (e.plover_type, e.source_codes, e.target_codes) == ("ASSAULT", [], ["SYR"])
    words = text[:-1].split()
    assert Coder().could_hold_event(text, words)
    off = Coder(disabled_rules=("place_of_force_is_target", "protesters_of_the_place"))
    assert not off.could_hold_event(text, words)
    # with no town there is no state to give: the sentence is not parsed
    no_town = "At least 12 people were killed on Monday."
    assert not Coder().could_hold_event(no_town, no_town[:-1].split())


def test_a_states_dismissals_and_expulsions_happen_at_home():
    """custody_and_court_codes: an expulsion or a dismissal (CAMEO 166) by one state's
    government is done in that state, whoever else the story names."""
    text = "Russia and Egypt held talks. Turkey's president sacked thousands of judges."
    e = one(text, "sacked")
    assert (e.cameo_code, e.location_country) == ("166", "TUR")
