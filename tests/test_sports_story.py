"""A sports report's words of force are a game's, sentence by sentence and across the story
(rule sport_is_not_force), on texts of our own."""

from __future__ import annotations

import polybius

DAY = "2026-10-14"
REPORT = (
    "The Kenyan coach praised his goalkeeper after the match. "
    "The striker scored twice in the first half. "
    "Kenya beat Uganda in Nairobi on Sunday."
)


def test_a_beating_in_a_sports_story_is_a_game():
    assert [e for e in polybius.code(REPORT, DAY) if e.plover_type == "ASSAULT"] == []
    off = polybius.code(REPORT, DAY, disabled_rules=["sport_is_not_force"])
    assert [e.plover_type for e in off if e.sentence_index == 2] == ["ASSAULT"]


def test_killing_in_a_sports_story_is_still_force():
    text = REPORT + " Police in Nairobi shot and killed two fans outside the stadium."
    shot = [e for e in polybius.code(text, DAY) if e.sentence_index == 3]
    assert "ASSAULT" in [e.plover_type for e in shot]
