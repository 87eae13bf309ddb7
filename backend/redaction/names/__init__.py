"""The trained name model: features, the CRF tagger, its training corpus and its training script."""
