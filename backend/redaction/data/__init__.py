"""Word lists for the recognizers (see SOURCES.md), and the script that rebuilds the generated ones."""

from pathlib import Path

# Here, in a module that is never compiled: a module mypyc compiles sees __file__ as the path it was
# compiled from, relative to the checkout, not where it is installed.
DATA = Path(__file__).resolve().parent
