"""Where an event happened (the record's place fields), on sentences of our own."""

from __future__ import annotations

import pytest

from conftest import event_of as one
from conftest import events_of as events
from polybius.coding.fatalities import fatalities


def test_a_town_after_a_place_preposition_with_its_unit_and_precision():
    e = one("Syrian rebels attacked an army post in Manbij on Sunday.", "attacked")
    assert (e.location_name, e.location_country) == ("Manbij", "SYR")
    assert e.geo_precision == "city" and e.feature_class == "P" and e.location_admin1
    assert e.lat is not None and e.lon is not None


def test_a_town_marched_through_is_the_place_and_its_people_protest():
    # "through" is a preposition of place for events (lexicon event_place_prepositions)
    e = one("Protesters marched through Istanbul on Sunday.", "marched")
    assert (e.location_name, e.location_country) == ("Istanbul", "TUR")
    # no one the protest is against is named: the target stays empty (the guide codes the
    # sentence's own content)
    assert (e.plover_type, e.source_codes, e.target_codes) == ("PROTEST", ["TUR"], [])


def test_a_town_of_two_words_is_read_whole():
    # "Fort Worth": neither "Fort" nor "Worth" alone; the arrest there is by US authorities
    e = one("Police said a man was arrested in Fort Worth on Sunday.", "arrested")
    assert e.source_codes == ["USA"]
    e = one("RSF drones struck a market in El Obeid on Friday.", "drones")
    assert (e.location_name, e.location_country) == ("El Obeid", "SDN")
    assert e.target_codes == ["SDN"]


def test_a_place_of_after_a_compass_word_is_the_place_and_its_state_the_target():
    # lexicon compass_words: "east of Kharkiv" places the event as "in Kharkiv" would
    e = one("Russian forces shelled two villages east of Kharkiv on Monday.", "shelled")
    assert (e.location_name, e.location_country) == ("Kharkiv", "UKR")
    assert (e.source_codes, e.target_codes) == (["RUS"], ["UKR"])
    e = one("Gunmen attacked a checkpoint 20 km south of Mogadishu.", "attacked")
    assert (e.location_name, e.location_country) == ("Mogadishu", "SOM")


def test_a_place_of_after_a_part_of_a_town_is_the_place():
    # lexicon town_part_nouns: "the streets of Lima" places the protest, whose people protest
    e = one("Crowds blocked the streets of Lima on Sunday.", "blocked")
    assert (e.location_name, e.location_country) == ("Lima", "PER")
    assert (e.plover_type, e.source_codes) == ("PROTEST", ["PER"])
    e = one("Troops shelled the outskirts of Aleppo overnight.", "shelled")
    assert (e.location_name, e.location_country) == ("Aleppo", "SYR")
    # "of" after any other noun names no place
    assert one("Gunmen attacked a convoy of Kenya Red Cross.", "attacked").location_name is None


def test_a_site_after_its_states_adjective_is_in_that_state():
    """lexicon sites_of_a_state: "in an Iraqi prison", "on a Turkish beach" are in Iraq and
    Turkey (whose authorities then arrest or jail); an embassy is its state's abroad."""
    e = one("A Belgian man was jailed in an Iraqi prison on Monday.", "jailed")
    assert e.location_country == "IRQ" and e.source_codes == ["IRQ"]
    e = one("A Canadian aid worker was arrested on a Turkish beach.", "arrested")
    assert (e.location_country, e.source_codes, e.target_codes) == ("TUR", ["TUR"], ["CAN"])
    e = one("Protesters stormed the Saudi embassy in Tehran on Sunday.", "stormed")
    assert e.location_country == "IRN"
    e = one("Protesters stormed the Saudi embassy on Sunday.", "stormed")
    assert e.location_country != "SAU"


def test_a_province_is_an_admin1_place():
    e = one("Syrian government troops shelled rebel positions in Idlib province.", "shelled")
    assert e.location_country == "SYR" and e.geo_precision == "admin1"
    assert e.feature_class == "A"


def test_the_struck_town_is_the_place_and_its_state_the_target_of_an_attack():
    e = one("Russian artillery shelled Kharkiv overnight.", "shelled")
    assert (e.location_name, e.location_country, e.geo_precision) == ("Kharkiv", "UKR", "city")
    assert e.target_codes == ["UKR"]


def test_the_town_taken_control_of_is_the_place_and_its_state_the_target():
    e = one("Russian forces seized control of Kherson in March.", "seized")
    assert (e.location_name, e.location_country, e.geo_precision) == ("Kherson", "UKR", "city")
    assert e.source_codes == ["RUS"] and e.target_codes == ["UKR"]


def test_the_town_an_attack_noun_is_on_is_the_place_and_its_state_the_target():
    e = one("The Turkish assault on Manbij began in the spring.", "assault")
    assert (e.location_name, e.location_country) == ("Manbij", "SYR")
    assert e.source_codes == ["TUR"] and e.target_codes == ["SYR"]


def test_a_person_an_attack_noun_is_on_is_not_a_town_to_target():
    # "Hama" is a Syrian town, but here the surname of the person the strike hit
    found = events("An American drone strike on Omar Hama killed him in 2015.")
    assert found and all("SYR" not in e.target_codes for e in found)
    assert all(e.location_name != "Hama" for e in found)  # nor the event's place


def test_the_story_chooses_the_homonym():
    text = (
        "Britain expelled Russian diplomats after the poisoning. "
        "British police said Russian agents had attacked a former spy in Salisbury."
    )
    [e] = [e for e in events(text) if e.location_name == "Salisbury"]
    assert e.location_country == "GBR" and e.location_admin1 == "England"
    assert "ZWE" not in e.target_codes  # Harare's old name: not in this story


def test_a_town_of_another_state_is_not_taken_where_the_sentence_places_the_event():
    # "Solhan" is also a district of Turkey; the sentence places the raid in Burkina Faso
    e = one("Gunmen massacred 100 villagers in Solhan in northeastern Burkina Faso.", "massacred")
    assert e.location_country == "BFA"


@pytest.mark.parametrize(
    "text",
    [
        "A US drone strike killed four militants, officials said.",  # nationality modifier
        "Syrian forces attacked rebel fighters.",  # nationality adjective
        "The army attacked rebel fighters in March.",  # a month
        "The army attacked rebel fighters on Monday.",  # a weekday
    ],
)
def test_never_a_place(text):
    for e in events(text):
        assert e.location_name is None, (e.trigger_text, e.location_name)


def test_a_modifier_state_is_not_the_place_but_the_preposition_is():
    e = one("A US drone strike in Somalia killed four militants.", "strike")
    assert e.location_country == "SOM" and e.geo_precision == "country"


def test_a_statement_about_a_country_is_not_made_there():
    e = one("In Syria, Turkey has criticised Russia for months.", "criticised")
    assert e.location_country is None


def test_a_meeting_has_its_venue():
    e = one("The Russian and Turkish foreign ministers met in Geneva on Tuesday.", "met")
    assert e.location_name == "Geneva" and e.location_country == "CHE"


def test_places_of_two_countries_are_no_one_place():
    e = one("Coalition jets bombed militant camps in Iraq and Syria.", "bombed")
    assert e.location_country is None


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("The blast killed 14 people near the market.", 14),
        ("At least 30 civilians were killed in the raid.", 30),
        ("The death toll rose to 45 on Sunday.", 45),
        ("Gunmen killed two police officers.", 2),
        ("Dozens were killed.", None),
        ("He was killed in 2014.", None),
        ("The raid killed the commander.", None),
    ],
)
def test_fatalities_as_stated(text, dead):
    assert fatalities(text) == dead


def test_fatalities_only_on_material_conflict():
    text = "Isis militants attacked a Syrian village, killing 12 people. Turkey condemned it."
    by_type = {e.plover_type: e.fatalities for e in events(text)}
    assert by_type.get("ASSAULT") == 12
    assert by_type.get("ACCUSE") is None


def test_police_and_courts_act_in_their_own_state():
    # no place named: an arrest, a sentence or a release by one state's authorities is there
    e = one("Georgian police detained a French photographer on Friday.", "detained")
    assert e.location_country == "GEO" and e.geo_precision == "country"
    e = one("A Moroccan court sentenced two Spanish sailors to a year in prison.", "sentenced")
    assert e.location_country == "MAR"
    # armed forces capture people abroad as well as at home: no place from them
    for e in events("Turkish troops captured two Syrian militants."):
        assert e.location_country is None, (e.trigger_text, e.location_country)


def test_an_event_at_sea_is_in_no_state_and_bay_is_no_town():
    """ "in the Gulf of Aden" is at sea (not Yemen's Aden); "Bay" of "Guantanamo Bay" is a
    town in Luzon, but no news means it (where/data/water_names.tsv)."""
    e = one("Houthi rebels attacked a Greek tanker in the Gulf of Aden.", "attacked")
    assert e.location_country is None
    e = one("US soldiers detained two Afghan men in Guantanamo Bay.", "detained")
    assert e.location_country != "PHL"
