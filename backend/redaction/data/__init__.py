"""Word lists for the recognizers (see SOURCES.md), and the script that rebuilds the generated ones."""
