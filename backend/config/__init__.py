"""The machinery behind backend/settings.py: kinds of values, rules between settings, the README table."""
