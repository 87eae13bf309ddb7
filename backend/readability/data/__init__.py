"""Word lists for the readability check: officialese, abbreviations, deponent verbs and passive forms."""
