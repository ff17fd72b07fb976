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


@pytest.mark.parametrize("bad", ["call", "x:call", "n:call for", "v:", "v:a b c d"])
def test_malformed_triggers_are_refused(bad):
    with pytest.raises(PatternError):
        parse_trigger(bad)
