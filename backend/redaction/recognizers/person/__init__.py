"""Names of people: rules on name lists, word lists, capitalisation and context, a trained model for
the words the rules leave open, and coreference.

Modules, in the order a document meets them:
- words.py: the word lists (data/person_words.txt, roles.txt, car_makes.txt) and the patterns built from them;
- classify.py: each word's TokenClass (tokens.py) from the lists and its shape;
- runs.py: runs of capitalised words, split at blocked words;
- decide.py: which tokens of a run are a name, with context.py for what stands around them;
- chat.py: lower-case names in chat-like text;
- model_spans.py: the trained model (names/model.py) on the words the rules leave open;
- coreference.py: other mentions of the names found, "Lindholm, Karin", "Mikaela H";
- recognizer.py: PersonRecognizer, which runs them.
"""

from .recognizer import PersonRecognizer
from .tokens import TokenClass

__all__ = ["PersonRecognizer", "TokenClass"]
