"""The trained name model: features, the CRF tagger, its training corpus and its training script."""

from pathlib import Path

# The shipped model file, found from this uncompiled module (see data/__init__.py for why).
MODEL_PATH = Path(__file__).resolve().parent / "name_crf.crfsuite"
