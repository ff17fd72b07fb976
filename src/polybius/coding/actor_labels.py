"""How an actor was found when no phrase of the sentence names it as a party (the `rule`
recorded on the actor, shown in traces and explanations)."""

LOCATION_TARGET = "location of the event"
STORY_TARGET = "state of the story"
# targets inferred from where the event happened, not from the sentence's arguments
PLACE_RULES = frozenset({LOCATION_TARGET, STORY_TARGET})
