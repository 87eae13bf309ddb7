"""Summarise, draft and rewrite: redact, build the prompt, generate, restore."""
