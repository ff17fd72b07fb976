"""Whom "he" and "she" stand for (coding/rules/pronouns.py): the syntax of their own sentence,
then the subject of a recent main clause, then the person named last."""

from __future__ import annotations

from datetime import date

from polybius.coding.rules.pronouns import governing_subject, subject_ahead
from polybius.engine.stages import code_text

MET = "Vladimir Putin met Emmanuel Macron in Paris on Monday."
CALLED = "He later called for talks with Ukraine."
FILLER = "The weather in Paris was cold and wet."


def requests(text: str, nlp, coder) -> list[str]:
    _, events = code_text(text, "doc", date(2026, 10, 14), coder, True, nlp)
    return ["+".join(e.source_codes) for e in events if e.plover_type == "REQUEST"]


def test_the_previous_subject_stays_the_referent_for_two_sentences(nlp, coder):
    assert requests(f"{MET} {CALLED}", nlp, coder) == ["RUS"]
    assert requests(f"{MET} {FILLER} {CALLED}", nlp, coder) == ["RUS"]
    # three sentences on, the subject is forgotten: the person named last stands
    assert requests(f"{MET} {FILLER} {FILLER} {CALLED}", nlp, coder) == ["FRA"]


def test_a_pronoun_subject_is_no_governing_subject(nlp):
    doc = nlp("She said he had demanded that the minister resign.")
    he = next(t for t in doc if t.lower_ == "he")
    assert governing_subject(he) is None  # "she" may be another person than "he"
    doc = nlp("The general said he had demanded that the minister resign.")
    he = next(t for t in doc if t.lower_ == "he")
    assert governing_subject(he).text == "general"


def test_only_a_phrase_put_before_the_subject_looks_ahead(nlp):
    doc = nlp("In his speech, the president attacked the press.")
    assert subject_ahead(next(t for t in doc if t.lower_ == "his")).text == "president"
    doc = nlp("The president attacked the press in his speech.")
    assert subject_ahead(next(t for t in doc if t.lower_ == "his")) is None


def test_an_unparsed_sentence_opened_by_a_person_names_the_subject(nlp, coder):
    # the first sentences hold no event (they are not parsed): their surface names the subject
    spoke = "Vladimir Putin spoke for an hour after Emmanuel Macron."
    assert requests(f"{spoke} {CALLED}", nlp, coder) == ["RUS"]
    titled = "President Vladimir Putin spoke for an hour after Emmanuel Macron."
    assert requests(f"{titled} {CALLED}", nlp, coder) == ["RUS"]
    # an owner opening the sentence is not its subject, and the people an unparsed sentence
    # names are not remembered one by one: "he" stands for no one
    owner = "Vladimir Putin's aide spoke for an hour after Emmanuel Macron."
    assert requests(f"{owner} {CALLED}", nlp, coder) == [""]


def accusations(text: str, nlp, coder) -> list[str]:
    _, events = code_text(text, "doc", date(2026, 10, 14), coder, True, nlp)
    return [
        "+".join(e.source_codes) + ">" + "+".join(e.target_codes)
        for e in events
        if e.plover_type == "ACCUSE"
    ]


def test_an_object_pronoun_is_not_its_own_clause_subject(nlp, coder):
    # a conjoined verb shares the subject: "him" is the other man
    joined = "Vladimir Putin met Emmanuel Macron on Monday and later criticised him."
    assert accusations(joined, nlp, coder) == ["RUS>FRA"]
    # "he" continues the previous subject; "him" in the same clause cannot be him again
    assert accusations(f"{MET} He later criticised him for his remarks.", nlp, coder) == ["RUS>FRA"]
    # the person named just before, as the subject, is not the one accused
    assert accusations(f"{MET} Macron later accused him of lying.", nlp, coder) == ["FRA>RUS"]


def test_an_office_may_act_on_a_citizen_of_its_state(nlp, coder):
    # only a person as subject rules a code out: an office of Britain and a Briton may meet
    text = (
        "The British teacher John Carter was arrested in Ankara on Monday. "
        "The Foreign Office later criticised him for the trip."
    )
    assert accusations(text, nlp, coder) == ["GBR>GBR"]


def test_he_is_not_a_woman_and_she_looks_for_one(nlp, coder):
    # the previous subject is a woman: "he" is the man named after her, "her" is her
    text = "Theresa May met Donald Trump in London on Monday. He later criticised her."
    assert accusations(text, nlp, coder) == ["USA>GBR"]
    # "she" passes over the man named last for the woman named before him
    text = "Angela Merkel hosted talks with Emmanuel Macron on Monday. She criticised him."
    assert accusations(text, nlp, coder) == ["DEU>FRA"]
    # with no woman known, "she" stands for whom it stood for before: the previous subject
    text = "Emmanuel Macron met Vladimir Putin on Monday. She later criticised him."
    assert accusations(text, nlp, coder) == ["FRA>RUS"]


def test_a_fronted_his_is_not_a_woman_subject(nlp, coder):
    text = (
        "Emmanuel Macron flew to London on Monday. In his talks with the British prime "
        "minister, Theresa May raised the fate of Syrian refugees."
    )
    _, events = code_text(text, "doc", date(2026, 10, 14), coder, True, nlp)
    talks = [e for e in events if e.trigger_text == "talks"]
    assert ["+".join(e.source_codes) for e in talks] == ["FRA"]


def test_an_official_named_by_title_alone_is_a_person_for_he(nlp, coder):
    # the previous main clause's subject is an unnamed official: "he" is that official
    visit = "Turkey's foreign minister visited Baghdad on Monday."
    assert accusations(f"{visit} He accused Iraq of arming the rebels.", nlp, coder) == ["TUR>IRQ"]
    # officials are many people: no "he" among them
    many = "Turkish officials visited Baghdad on Monday."
    assert accusations(f"{many} He accused Iraq of arming the rebels.", nlp, coder) == [">IRQ"]


def test_the_title_again_names_the_official(nlp, coder):
    text = (
        "The U.S. Secretary of State met Russia's foreign minister in Geneva on Wednesday. "
        "The Secretary of State said he had urged Moscow to accept a ceasefire."
    )
    assert requests(text, nlp, coder) == ["USA"]


def test_the_two_sides_are_two_officials_met_together(nlp, coder):
    # the parser makes no conjunction of the two officials; the meeting's two doers are the pair
    text = (
        "The U.S. Secretary of State and Russia's foreign minister met in Geneva on Wednesday. "
        "The two sides agreed to set up expert working groups on arms control."
    )
    _, events = code_text(text, "doc", date(2026, 10, 14), coder, True, nlp)
    agreed = [e for e in events if e.sentence_index == 1]
    assert [sorted(e.source_codes) for e in agreed] == [["RUS", "USA"]]


def test_an_opening_it_is_the_body_the_previous_sentence_was_about(nlp, coder):
    said = "Belarus's defence ministry said the drills were purely defensive."
    accused = "It accused Poland of militarising the border region."
    assert accusations(f"{said} {accused}", nlp, coder) == ["BLR>POL"]
    # an official is a person, no "it"; and "it" looks back one sentence only
    official = "Belarus's defence minister said the drills were purely defensive."
    assert accusations(f"{official} {accused}", nlp, coder) == [">POL"]
    assert accusations(f"{said} {FILLER} {accused}", nlp, coder) == [">POL"]


def test_it_in_a_coordinated_clause_is_that_clauses_subject(nlp, coder):
    # "... and in the meantime it is asking ...": Hezbollah, the subject the clause is joined to
    said = "Hezbollah says it will fight on, and in the meantime it is asking supporters to act."
    assert requests(said, nlp, coder) == ["LBN"]
    # two parties joined: "it" stands for neither
    both = "Hezbollah and Hamas say they will fight on, and in the meantime it is asking for aid."
    assert requests(both, nlp, coder) == []
