"""The trigger syntax of the pattern files (events/patterns.py)."""

import pytest

from polybius.events.patterns import PatternError, parse_trigger


def test_triggers_parse_to_pos_lemma_words_and_objects():
    assert parse_trigger("v:impose +sanction|embargo") == (
        "v",
        "impose",
        (),
        frozenset({"sanction", "embargo"}),
    )
    assert parse_trigger("v:lash out at") == ("v", "lash", ("out", "at"), None)
    assert parse_trigger("n:use +chemical_weapon") == (
        "n",
        "use",
        (),
        frozenset({"chemical_weapon"}),
    )
    assert parse_trigger("n:call for") == ("n", "call", ("for",), None)


@pytest.mark.parametrize("bad", ["call", "x:call", "n:call for help", "v:", "v:a b c d"])
def test_malformed_triggers_are_refused(bad):
    with pytest.raises(PatternError):
        parse_trigger(bad)


def test_a_noun_pattern_with_a_preposition_needs_that_phrase(nlp):
    """ "n:call for" is a request only with its "for" phrase or clause; a call with someone
    stays a phone call (consult.tsv's bare "n:call")."""
    from polybius.coding.triggers import match_noun
    from polybius.events.patterns import load_patterns

    patterns = load_patterns()

    def matched(text: str) -> str:
        doc = nlp(text)
        trig = match_noun(next(t for t in doc if t.lower_ == "call"), patterns)
        return trig.pattern.cameo if trig else "-"

    assert matched("Her call for calm was broadcast.") == "02"
    assert matched("Her call for the army to withdraw was broadcast.") == "02"
    assert matched("His call with the king lasted an hour.") == "041"
