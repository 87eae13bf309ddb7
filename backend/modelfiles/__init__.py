"""Model folders: the bundled test models, checking a folder, and importing a Hugging Face model."""

from backend.modelfiles.check import ModelError, ModelInfo, inspect_model
from backend.modelfiles.importer import import_model
from backend.modelfiles.testmodel import ensure_test_model, make_test_model

__all__ = ["ModelError", "ModelInfo", "ensure_test_model", "import_model", "inspect_model", "make_test_model"]
