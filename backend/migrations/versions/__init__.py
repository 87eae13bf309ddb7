"""Migration scripts, oldest first by their numbered names."""
