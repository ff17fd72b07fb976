"""The scorer on hand-made gold/prediction pairs."""

from __future__ import annotations

import json

from polybius.evaluate.gold import GoldEvent, load_gold, load_petrarch_xml
from polybius.evaluate.score import aggregate, full_match, score_sentence


def ev(t, s=(), g=(), recip=False):
    return GoldEvent(t, list(s), list(g), recip)


def totals(*pairs):
    return aggregate([score_sentence(str(i), g, p) for i, (g, p) in enumerate(pairs)])


def test_exact_match_counts_once():
    t = totals(([ev("ASSAULT", ["RUS"], ["UKR"])], [ev("ASSAULT", ["RUS"], ["UKR"])]))
    assert (t.type_level.tp, t.full_event.tp) == (1, 1)
    assert t.full_event.precision == t.full_event.recall == 1.0


def test_wrong_target_is_type_match_only():
    t = totals(([ev("ASSAULT", ["RUS"], ["UKR"])], [ev("ASSAULT", ["RUS"], ["SYR"])]))
    assert (t.type_level.tp, t.full_event.tp) == (1, 0)
    assert t.source_correct == 1 and t.target_correct == 0


def test_code_sets_intersect():
    gold = ev("ACCUSE", ["USA", "GBR", "FRA"], ["TUR"])
    assert full_match(gold, ev("ACCUSE", ["GBR"], ["TUR"]))
    assert not full_match(gold, ev("ACCUSE", ["DEU"], ["TUR"]))


def test_empty_target_matches_only_empty():
    gold = ev("PROTEST", ["FRA"], [])
    assert full_match(gold, ev("PROTEST", ["FRA"], []))
    assert not full_match(gold, ev("PROTEST", ["FRA"], ["DEU"]))


def test_reciprocal_events_are_unordered_pairs():
    gold = ev("CONSULT", ["RUS", "TUR"], [], recip=True)
    assert full_match(gold, ev("CONSULT", ["TUR", "RUS"], [], recip=True))
    assert full_match(gold, ev("CONSULT", ["TUR"], ["RUS"]))  # one-directional prediction
    assert not full_match(gold, ev("CONSULT", ["TUR"], ["IRN"]))


def test_gold_igo_matches_any_organisation_but_un_is_not_nato():
    assert full_match(ev("REQUEST", ["IGO"], ["SYR"]), ev("REQUEST", ["UN"], ["SYR"]))
    assert not full_match(ev("REQUEST", ["UN"], ["SYR"]), ev("REQUEST", ["NATO"], ["SYR"]))


def test_multiple_events_per_sentence_match_one_to_one():
    gold = [ev("ASSAULT", ["ISR"], ["SYR"]), ev("ACCUSE", ["SYR"], ["ISR"])]
    pred = [
        ev("ACCUSE", ["SYR"], ["ISR"]),
        ev("ASSAULT", ["ISR"], ["SYR"]),
        ev("ASSAULT", ["ISR"], ["SYR"]),
    ]
    t = totals((gold, pred))
    assert t.full_event.tp == 2 and t.full_event.n_pred == 3 and t.full_event.n_gold == 2
    assert round(t.full_event.precision, 3) == 0.667 and t.full_event.recall == 1.0


def test_full_matches_are_as_many_as_can_be_paired():
    # the first gold event fits both predictions, the second only the first one: taking
    # gold events in order would give the first one away and count one match, not two
    gold = [ev("ACCUSE", ["RUS", "TUR"], ["USA"]), ev("ACCUSE", ["RUS"], ["USA"])]
    pred = [ev("ACCUSE", ["RUS"], ["USA"]), ev("ACCUSE", ["TUR"], ["USA"])]
    t = totals((gold, pred))
    assert t.full_event.tp == 2 and t.type_level.tp == 2


def test_type_pairs_prefer_the_prediction_whose_actors_agree():
    # one prediction, two gold events of its type: it is paired with the one it matches in
    # full (places, dates and actor accuracy are judged on these pairs), whatever the order
    gold = [ev("ASSAULT", ["SYR"], ["SYR"]), ev("ASSAULT", ["USA"], ["SYR"])]
    pred = [ev("ASSAULT", ["USA"], ["SYR"])]
    s = score_sentence("x", gold, pred)
    assert s.type_pairs == [(gold[1], pred[0])]
    assert s.full_pairs == [(gold[1], pred[0])]
    assert totals((gold, pred)).source_correct == 1


def test_status_accuracy_counts_type_matched_events_whose_gold_has_a_status():
    def st(t, status):
        e = ev(t, ["RUS"], ["UKR"])
        e.status = status
        return e

    gold = [st("ASSAULT", "reported_claim"), st("CONSULT", "intended"), ev("AID", ["USA"], ["UKR"])]
    pred = [st("ASSAULT", "claimed"), st("CONSULT", "occurred"), st("AID", "occurred")]
    a = totals((gold, pred)).as_dict()["actors"]
    # the AID gold states no status: not judged; a reported claim is the coder's "claimed"
    assert a["status_judged"] == 2 and a["status_accuracy"] == 0.5


def test_sentences_without_gold_events_cost_precision():
    t = totals(([], [ev("ASSAULT", ["RUS"], ["UKR"])]), ([ev("AID", ["USA"], ["UKR"])], []))
    assert t.type_level.precision == 0.0 and t.type_level.recall == 0.0
    assert t.sentences_without_gold == 1 and t.sentences_without_gold_with_pred == 1
    assert ("NONE", "ASSAULT") in t.confusion and ("AID", "NONE") in t.confusion


def test_confusion_pairs_unmatched_types():
    t = totals(([ev("ACCUSE", ["SYR"], ["ISR"])], [ev("THREATEN", ["SYR"], ["ISR"])]))
    assert t.confusion[("ACCUSE", "THREATEN")] == 1
    assert t.by_type["ACCUSE"][0].n_gold == 1 and t.by_type["THREATEN"][0].n_pred == 1


def test_load_both_gold_formats(tmp_path):
    plover = tmp_path / "gsr.jsonl"
    plover.write_text(
        json.dumps(
            {
                "id": "p1",
                "date": "2000-01-01",
                "event": "DEMAND",
                "text": "Hungary demanded X.",
                "source": [
                    {"actorText": "Hungarian", "code": "HUN"},
                    {"actorText": "Romanian", "code": "ROU"},
                ],
                "target": "",
            }
        )
        + "\n"
    )
    (s,) = load_gold(plover)
    assert s.events[0].event == "REQUEST" and s.events[0].reciprocal
    ours = tmp_path / "ours.jsonl"
    ours.write_text(json.dumps({"id": "o1", "text": "Nothing happened.", "events": []}) + "\n")
    (o,) = load_gold(ours)
    assert o.events == []


def test_load_petrarch_xml(tmp_path):
    xml = tmp_path / "v.xml"
    xml.write_text("""<Validation><Sentences>
<Sentence date="20080804" id="A_1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="USAGOV" targetcode="CHN" />
<Text>
The US leader visited China & met officials.
</Text>
<Sentence date="20080805" id="A_2"/>
<EventCoding noevents="True" />
<Text>Nothing.</Text>
</Sentences></Validation>""")
    a, b = load_petrarch_xml(xml)
    assert a.events[0].cameo_code == "042" and a.events[0].source == ["USA"]
    assert a.text.startswith("The US leader") and a.date.isoformat() == "2008-08-04"
    assert b.events == []
