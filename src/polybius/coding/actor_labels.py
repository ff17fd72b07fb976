"""How an actor was found when no phrase of the sentence names it as a party (the `rule`
recorded on the actor, shown in traces and explanations)."""

LOCATION_TARGET = "location of the event"
STORY_TARGET = "state of the story"
TOWNS_TARGET = "state of the story's towns"
# targets inferred from where the event happened, not from the sentence's arguments
PLACE_RULES = frozenset({LOCATION_TARGET, STORY_TARGET, TOWNS_TARGET})
# groups given a state only because the story or the sentence is about it ("rebel fighters"
# in a story of Syria): actors/resolver.py _domestic_group ends their rule with one of these
INFERRED_STATE_SUFFIXES = (
    "of the story's state",
    "of the story's only state",
    "of the sentence's state",
)


def named_party(rule: str | None) -> bool:
    """True when the actor's state comes from the sentence's words, not from where the event
    happened or what the story is about."""
    return rule not in PLACE_RULES and not (rule or "").endswith(INFERRED_STATE_SUFFIXES)
