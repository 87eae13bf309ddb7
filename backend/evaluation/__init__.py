"""`kollega eval`: the model acceptance suite that IT runs before switching models (docs/models.md)."""
