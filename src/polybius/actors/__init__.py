"""Actor dictionaries, the mention matcher and the phrase resolver."""
