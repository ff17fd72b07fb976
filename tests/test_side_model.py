"""The learned side filler (learn/sides.py, rule learned_side_filler): its features, its model
file, its rule and the command that rebuilds the shipped model (issue 15, item 4b)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from polybius.coding.coder import Coder
from polybius.coding.compact import compact
from polybius.learn import sides
from polybius.learn.sides import OFF, SideModel, SideRecorder, dependency_path, distance_bucket
from polybius.nlp.pipeline import parse_sentences

SENTENCE = "The EU imposed sanctions after Russia annexed Crimea."


def _tokens(nlp, text: str):
    return parse_sentences([text], nlp)[0]


def test_dependency_path_and_distance(nlp):
    sent = _tokens(nlp, SENTENCE)
    trigger = next(t for t in sent if t.lemma_ == "impose")
    russia = next(t for t in sent if t.text == "Russia")
    up, down = dependency_path(trigger, russia)
    assert up == "pobj>prep"  # the small model reads "after Russia" as a phrase on the verb
    assert down == "self"  # the phrase hangs from the trigger itself
    assert distance_bucket(trigger, russia).startswith("after:")
    eu = next(t for t in sent if t.text == "EU")
    assert distance_bucket(trigger, eu) == "before:1-3"


def test_model_chooses_the_best_option_above_its_side_threshold():
    model = SideModel({"a": 2.0, "b": -2.0}, 0.0, {"source": 0.6, "target": OFF})
    options = [("AAA", ["b"]), ("BBB", ["a"])]
    index, p = model.choose(("doc", 0, 1), "source", options)
    assert index == 1 and p > 0.6
    assert model.choose(("doc", 0, 1), "target", options) is None  # that side is never filled
    assert model.choose(("doc", 0, 1), "source", []) is None
    low = SideModel({"a": 0.1}, 0.0, {"source": 0.9, "target": 0.9})
    assert low.choose(("doc", 0, 1), "source", options) is None


def test_threshold_is_the_middle_of_the_best_run():
    from polybius.commands.side_training import middle_of_best

    flat = {0.2: 5, 0.3: 6, 0.35: 6, 0.4: 6, 0.45: 6, 0.5: 6, 0.6: 4}
    assert middle_of_best(flat) == 0.4  # not the run's end, where one event more or less moves it
    assert middle_of_best({0.1: 13, 0.15: 13, 0.2: 12}) == 0.15  # of two middles, the higher
    assert middle_of_best({0.1: 1, 0.5: 3, 0.7: 2}) == 0.5


def test_model_file_round_trip(tmp_path):
    model = SideModel({"side:source": 0.5}, -1.0, {"source": 0.3, "target": 0.25}, {"x": 1})
    path = tmp_path / "sides.json"
    model.save(path)
    assert SideModel.load(path) == model
    path.write_text(json.dumps({"format": "other"}))
    with pytest.raises(ValueError, match="polybius-sides"):
        SideModel.load(path)


def test_rule_fills_an_empty_side_and_can_be_switched_off(nlp):
    sent = _tokens(nlp, SENTENCE)
    on = Coder().code_sentence(sent, "d", 0)
    off = Coder(disabled_rules=("learned_side_filler",)).code_sentence(sent, "d", 0)
    assert compact(off) == "SANCTION:163 EU> occurred"
    assert compact(on) == "SANCTION:163 EU>RUS occurred"
    (target,) = on[0].targets
    assert target.rule.startswith("learned: side model p=")
    assert any(line.startswith("rule:learned_side_filler") for line in on[0].trace)


def test_recorder_sees_the_offer_and_fills_nothing(nlp):
    sent = _tokens(nlp, SENTENCE)
    coder = Coder()
    coder.side_model = SideRecorder()
    (event,) = coder.code_sentence(sent, "d", 0)
    assert not event.targets
    side, options = coder.side_model.offered[("d", 0, event.trigger_token)]
    assert side == "target"
    assert [code for code, _ in options] == ["RUS"]  # Crimea is a place, not a party here
    assert "prep:after|target" in options[0][1]


def test_an_actor_already_a_party_is_no_candidate(nlp):
    sent = _tokens(nlp, "Israeli jets struck the town.")
    coder = Coder()
    coder.side_model = SideRecorder()
    (event,) = coder.code_sentence(sent, "d", 0)
    side, options = coder.side_model.offered[("d", 0, event.trigger_token)]
    assert side == "target" and options == []


def test_missing_model_file_means_no_fill(monkeypatch, tmp_path, caplog, nlp):
    sides.shipped_side_model.cache_clear()
    monkeypatch.setattr(sides, "SHIPPED", tmp_path / "absent.json")
    try:
        assert sides.shipped_side_model() is None
        assert "polybius train sides" in caplog.text
    finally:
        monkeypatch.undo()
        sides.shipped_side_model.cache_clear()


@pytest.mark.slow
def test_training_command_reproduces_the_shipped_file(tmp_path):
    from conftest import SHARED, shared_path

    shared_path("gold", "guardian_train.jsonl")
    shared_path("gold", "synthetic_train.jsonl")
    shared_path("plover", "gsr_dev.jsonl")
    shipped = sides.SHIPPED.read_text(encoding="utf-8")
    day = json.loads(shipped)["provenance"]["trained"]
    out = tmp_path / "sides.json"
    cmd = [sys.executable, "-m", "polybius.cli", "train", "sides", "--out", str(out)]
    cmd += ["--shared", str(SHARED), "--date", day]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8") == shipped, (
        "the shipped side model is stale (the coder or the data changed): "
        "rebuild it with `polybius train sides`, then `polybius train confidence`"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Chad, which had accused Niger of shelling, hosted the meeting.",  # a relative clause
        "Villagers fled bombing carried out not by the Malian army, but by French jets.",  # denied
        "Syrian troops, supported by Moscow, shelled the town.",  # backers are on a party's side
        "A US-backed militia shelled Syrian troops.",
    ],
)
def test_parties_the_sentence_rules_out_are_no_candidates(nlp, text):
    from polybius.actors.resolver import DocumentContext

    sent = _tokens(nlp, text)
    coder = Coder()
    coder.side_model = SideRecorder()
    coder.code_sentence(sent, "d", 0, None, DocumentContext())
    offers = coder.side_model.offered.values()
    assert offers  # an event with an empty side was offered candidates...
    assert all(options == [] for _, options in offers)  # ...and the ruled-out party is not one


def test_train_sides_refuses_an_unknown_side():
    from typer.testing import CliRunner

    from polybius.cli import app

    result = CliRunner().invoke(app, ["train", "sides", "--side", "targets"])
    assert result.exit_code == 2
    assert "use source or target" in result.output


def test_held_out_side_models_never_see_what_they_fill(monkeypatch):
    """The confidence model is trained on events whose sides were filled by a side model
    fitted without the set (or guardian fold) they come from."""
    from polybius.commands import side_training
    from polybius.commands.side_training import Offer, held_out_side_models

    def offer(fold: int, source: str = "guardian_train") -> Offer:
        own = f"kind:only_{source}_{fold}"  # a feature no other set or fold has
        options = [("AAA", [own, "kind:shared"]), ("BBB", ["kind:shared"])]
        return Offer(f"{source}-{fold}", 0, "target", options, [1, 0], fold, source)

    # each offer twice: a feature must be seen twice to get a weight (SETTINGS.min_count)
    data = 2 * [offer(k) for k in (1, 2, 3, 4)]
    data += 2 * [offer(0, name) for name in side_training.SIDE_EXTRAS]
    monkeypatch.setattr(side_training, "all_offers", lambda shared: (data, {}))
    models = held_out_side_models(None, {"source": 0.3, "target": 0.1})
    assert set(models) == {1, 2, 3, 4, *side_training.SIDE_EXTRAS}
    for key, model in models.items():
        fold, source = (key, "guardian_train") if isinstance(key, int) else (0, key)
        assert f"only_{source}_{fold}" not in model.weights
        others = [o for o in data if (o.fold, o.source) != (fold, source)]
        assert all(o.options[0][1][0] in model.weights for o in others)
        assert model.thresholds == {"source": 0.3, "target": 0.1}


def test_a_candidate_is_read_from_its_name_not_its_article(nlp):
    """ "the US policy shift": "the" and "US" both hang on "shift"; the candidate's place in
    the parse is that of "US", not of the article."""
    from polybius.actors.resolver import DocumentContext

    sent = _tokens(nlp, "Egypt condemned the move, with Jordan warning of the US policy shift.")
    coder = Coder()
    coder.side_model = SideRecorder()
    coder.code_sentence(sent, "d", 0, None, DocumentContext())
    options = dict(next(iter(coder.side_model.offered.values()))[1])
    assert "up:compound>pobj>prep|target" in options["USA"]
    assert not any(f.startswith("up:det") for f in options["USA"])


def test_thresholds_are_chosen_on_every_held_out_fill(monkeypatch):
    """Each guardian fold and each extra set is filled by a model fitted without it, and the
    extra sets' fills count in the gains the thresholds are chosen by."""
    from polybius.commands import side_training
    from polybius.commands.side_training import Offer, cross_validate

    data = [Offer(f"s{k}", 0, "target", [("AAA", ["f"])], [1], k) for k in (1, 2, 3, 4)]
    data.append(Offer("x", 0, "target", [("AAA", ["f"])], [1], 0, "synthetic_train"))
    fitted: list[set] = []

    def fit(offers, thresholds=None):
        fitted.append({(o.source, o.fold) for o in offers})
        return len(fitted) - 1

    def best_options(model, offers):
        assert all((o.source, o.fold) not in fitted[model] for o in offers)
        return [(o, "AAA", 0.9) for o in offers]

    preds = {f"s{k}": (None, [], k) for k in (1, 2, 3, 4)} | {"synthetic_train:x": (None, [], 0)}
    monkeypatch.setattr(side_training, "fit", fit)
    monkeypatch.setattr(side_training, "best_options", best_options)
    monkeypatch.setattr(
        side_training,
        "full_matches",
        lambda kept, fills: sum(len(v) for k, v in fills.items() if k in kept),
    )
    cv = cross_validate(data, preds, (1, 2, 3, 4))
    assert len(fitted) == 5
    assert cv["gain_by_threshold"]["target"][0.1] == 5  # four folds and the extra set
    assert cv["gain_by_threshold"]["source"][0.1] == 0
    assert cv["thresholds"]["source"] == side_training.OFF
