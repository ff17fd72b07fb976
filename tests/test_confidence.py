"""The learned event confidence (issue 15, 4a): features, model, calibration measures, the
shipped artifact and the command that rebuilds it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from polybius.learn import confidence as conf
from polybius.learn.confidence import (
    ConfidenceModel,
    Settings,
    actor_kind,
    ece,
    event_features,
    fit_platt,
    fit_weights,
    reliability,
    shipped_model,
)
from polybius.models import Actor, Event

SENTENCE = "Rebels said government troops attacked the town of Foo on Monday, officials said."


def hand_built_event(**changes) -> Event:
    fields = dict(
        event_id="e1",
        doc_id="d",
        sentence_index=0,
        sentence_text=SENTENCE,
        trigger_text="attacked",
        trigger_start=31,
        trigger_end=39,
        plover_type="ASSAULT",
        plover_mode=None,
        cameo_code="190",
        cameo_root="19",
        quad_class=4,
        goldstein=-10.0,
        sources=[Actor("government troops", "SYR", "MIL", None, 13, 30, "state:Syria+sector:MIL")],
        targets=[Actor("the town", "SYR", "CVL", None, 40, 48, "CVL of the story's state")],
        status="claimed",
        trace=[
            "pattern:assault.tsv:133 v:attack -> CAMEO 190",
            "rule:clause_of_speech_or_denial — an act in a reported clause is a claim",
            "rule:one_event_two_triggers replaces 'attack'",
            "source:SYR 'government troops' via state:Syria+sector:MIL",
            "target:SYR 'the town' via CVL of the story's state",
        ],
    )
    fields.update(changes)
    return Event(**fields)


# ------------------------------------------------------------------ features


def test_features_of_a_hand_built_event():
    feats = event_features(
        hand_built_event(), {"attack": 25}, ignored_rules=("one_event_two_triggers",)
    )
    for f in (
        "type:ASSAULT",
        "pattern:file=assault",
        "pattern:pos=v",
        "pattern:lemma_freq=20+",
        "lemma:attack",
        "rules:clause_of_speech_or_denial",
        "status:claimed",
        "actors:sources=1",
        "actors:source=state",
        "actors:source_sector",
        "actors:targets=1",
        "actors:target=sector of story state",
        "actors:self_loop",
        "distance:source=0-19",
        "distance:target=0-19",
        "shape:words=<15",
    ):
        assert f in feats, f
    assert "rules:one_event_two_triggers" not in feats  # a merge rule: after the confidence
    assert "pattern:retyped" not in feats
    assert len(feats) == len(set(feats))


def test_features_follow_the_event():
    e = hand_built_event(
        plover_type="THREATEN", targets=[], reciprocal=True, status="intended", negated=True
    )
    feats = event_features(e, {})
    assert {"pattern:retyped", "type:THREATEN", "actors:targets=0", "distance:target=none"} <= set(
        feats
    )
    assert {"status:intended", "status:reciprocal", "status:negated"} <= set(feats)
    assert "pattern:lemma_freq=0" in feats
    assert "actors:self_loop" not in feats


@pytest.mark.parametrize(
    "rule, kind",
    [
        ("state:France", "state"),
        ("adjective:Russian+sector:GOV", "adjective"),
        ("coref:he", "coref"),
        ("OPP of the sentence's state", "sector of sentence state"),
        ("location of the event", "location of the event"),
        ("", "dictionary"),
    ],
)
def test_actor_kind_drops_the_name(rule, kind):
    assert actor_kind(rule) == kind


# ------------------------------------------------------------------ the model


def toy_data(n: int = 40) -> tuple[list[list[str]], list[int]]:
    feats = [["g:a"] if i % 2 else ["g:b"] for i in range(n)]
    return feats, [i % 2 for i in range(n)]


def test_fits_a_separable_toy_problem():
    feats, labels = toy_data()
    weights, bias = fit_weights(feats, labels, Settings(l2=0.1, groups=("g",), min_count=1))
    model = ConfidenceModel(weights, bias)
    assert model.probability(["g:a"]) > 0.95
    assert model.probability(["g:b"]) < 0.05
    assert model.probability(["g:unseen"]) == pytest.approx(conf.sigmoid(bias))


def test_regularisation_and_groups_shape_the_fit():
    feats, labels = toy_data()
    strong = fit_weights(feats, labels, Settings(l2=100.0, groups=("g",), min_count=1))[0]
    weak = fit_weights(feats, labels, Settings(l2=0.1, groups=("g",), min_count=1))[0]
    assert abs(strong["g:a"]) < abs(weak["g:a"])
    assert fit_weights(feats, labels, Settings(groups=("other",), min_count=1))[0] == {}
    assert fit_weights(feats, labels, Settings(groups=("g",), min_count=100))[0] == {}


def test_platt_recalibrates_an_overconfident_logit():
    logits = [4.0] * 10 + [-4.0] * 10
    labels = [1] * 6 + [0] * 4 + [1] * 4 + [0] * 6  # 60 % and 40 %, not 98 % and 2 %
    a, b = fit_platt(logits, labels)
    assert conf.sigmoid(a * 4 + b) == pytest.approx(0.6, abs=0.01)
    assert conf.sigmoid(-a * 4 + b) == pytest.approx(0.4, abs=0.01)


def test_save_load_round_trip(tmp_path):
    model = ConfidenceModel(
        {"type:ASSAULT": 0.5, "status:claimed": -1.25},
        -1.0,
        {"attack": 25},
        ("one_event_two_triggers",),
        (0.9, -0.1),
        {"trained": "2026-01-01"},
    )
    path = tmp_path / "m.json"
    model.save(path)
    again = ConfidenceModel.load(path)
    assert again == model
    assert again.to_json() == path.read_text()
    e = hand_built_event()
    assert again.event_confidence(e) == model.event_confidence(e)
    assert 0 < model.event_confidence(e) < 1
    with pytest.raises(ValueError):
        ConfidenceModel.from_json(json.dumps({"format": "other"}))


# ------------------------------------------------------------------ calibration measures


def test_ece_of_a_perfectly_calibrated_set_is_zero():
    probs, labels = [], []
    for p in (0.05, 0.25, 0.5, 0.75, 0.95):
        n = 20
        probs += [p] * n
        labels += [1] * round(p * n) + [0] * (n - round(p * n))
    assert ece(probs, labels) == pytest.approx(0.0, abs=1e-9)


def test_ece_of_an_overconfident_set():
    probs, labels = [0.9] * 10, [1] * 5 + [0] * 5
    assert ece(probs, labels) == pytest.approx(0.4)
    table = reliability(probs, labels)
    assert [b.count for b in table] == [0] * 9 + [10]
    assert table[9].observed == pytest.approx(0.5)
    assert table[9].mean_predicted == pytest.approx(0.9)


def test_reliability_bins_the_edges():
    table = reliability([0.0, 0.1, 0.999, 1.0], [0, 0, 1, 1])
    assert [b.count for b in table] == [1, 1, 0, 0, 0, 0, 0, 0, 0, 2]


# ------------------------------------------------------------------ the shipped model


def test_shipped_model_scores_coded_events(code_text):
    model = shipped_model()
    assert model is not None, "learn/data/confidence.json is missing or unreadable"
    assert model.provenance["guardian_train_folds"] == [1, 2, 3, 4]
    events = code_text(
        "Russian forces attacked the Ukrainian city of Kharkiv on Monday. "
        "Turkey said it would send aid to Syria."
    )
    assert events
    for e in events:
        assert 0 < e.confidence < 1
        assert e.confidence == model.event_confidence(e)


def test_hand_set_score_when_no_model(monkeypatch, code_text):
    from polybius.coding import build

    monkeypatch.setattr(build, "shipped_model", lambda: None)
    monkeypatch.setattr(build, "hand_set_confidence", lambda *args: 0.123)
    events = code_text("Russian forces attacked the Ukrainian city of Kharkiv on Monday.")
    assert events
    assert {e.confidence for e in events} == {0.123}


def test_hand_set_formula():
    from types import SimpleNamespace

    from polybius.coding.build import hand_set_confidence

    verb = SimpleNamespace(pos="v", specificity=1)
    actor = Actor("Turkey", "TUR")
    assert hand_set_confidence([actor], [actor], verb, "occurred") == 0.95
    assert hand_set_confidence([], [actor], verb, "claimed") == 0.6


def test_missing_model_file_warns(monkeypatch, tmp_path, caplog):
    monkeypatch.setattr(conf, "SHIPPED", tmp_path / "none.json")
    conf.shipped_model.cache_clear()
    try:
        assert conf.shipped_model() is None
        assert "falling back" in caplog.text
    finally:
        monkeypatch.undo()
        conf.shipped_model.cache_clear()


def test_training_never_reads_the_blind_fold(tmp_path):
    from polybius.commands import CommandError
    from polybius.commands.train import training_sentences

    with pytest.raises(CommandError, match="blind"):
        training_sentences(tmp_path, (4, 5))


@pytest.mark.slow
def test_training_command_reproduces_the_shipped_file(tmp_path):
    from conftest import SHARED, shared_path

    shared_path("gold", "guardian_train.jsonl")
    shared_path("gold", "synthetic_train.jsonl")
    shipped = conf.SHIPPED.read_text(encoding="utf-8")
    day = json.loads(shipped)["provenance"]["trained"]
    out = tmp_path / "confidence.json"
    cmd = [sys.executable, "-m", "polybius.cli", "train", "confidence", "--out", str(out)]
    cmd += ["--shared", str(SHARED), "--date", day]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8") == shipped, (
        "the shipped confidence model is stale (the coder or the data changed): "
        "rebuild it with `polybius train confidence`"
    )


def test_fresh_cross_validation_holds_out_whole_articles(monkeypatch):
    """Each guardian_fresh article is scored by a model that never saw it, and only once."""
    from polybius.commands import train

    data = [
        train.Labelled(hand_built_event(sentence_index=i), int(i % 3), 0, train.FRESH, f"g-{i % 7}")
        for i in range(42)
    ]
    data += [train.Labelled(hand_built_event(), 1, 1, "guardian_train", "g-900") for _ in range(5)]
    seen_by_model = []
    fit = train.fit_calibrated

    def recording_fit(rows, settings):
        seen_by_model.append({d.doc for d in rows})
        return fit(rows, settings)

    monkeypatch.setattr(train, "fit_calibrated", recording_fit)
    probs, labels = train.cross_validate_fresh(data, Settings(l2=1.0, min_count=1))
    assert len(probs) == len(labels) == 42  # every fresh event once; guardian_train's never
    fold_of = train.fresh_fold(data)
    assert sorted(set(fold_of.values())) == [0, 1, 2, 3, 4] and len(seen_by_model) == 5
    for k, docs in enumerate(seen_by_model):  # fold k's articles are not in its model's data
        held = {doc for doc, fold in fold_of.items() if fold == k}
        assert held and not held & docs and "g-900" in docs


def test_read_sets_lift_their_own_events_not_a_users():
    """The same events, right far more often in a set the rules were written from than in
    news no rule was written from: the model trained on both scores a user's event (which
    carries no origin) at the unread rate, and the origin shows only in training."""
    from polybius.commands import train

    event = hand_built_event()
    read = [train.Labelled(event, int(i % 10 < 8), 1, "guardian_train", f"r{i}") for i in range(50)]
    unread = [train.Labelled(event, int(i % 10 < 2), 0, train.FRESH, f"f{i}") for i in range(50)]
    assert train.origin_features(read[0]) == ["origin:read"]
    assert train.origin_features(unread[0]) == []
    settings = Settings(l2=0.01, min_count=1)
    model = train.fit_model(read + unread, settings)
    assert "origin:read" not in model.features(event)
    assert model.weights["origin:read"] > 1.0
    assert model.probability(model.features(event)) < 0.3  # the unread rate is 0.2
