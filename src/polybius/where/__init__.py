"""Where events happen: a gazetteer of towns and cities."""
