"""An optional ONNX token-classification model (a Swedish BERT NER, say) that runs beside the rules.

The folder holds model.onnx, tokenizer.json (Hugging Face tokenizers format) and config.json with
"id2label". Labels PER, PRS and PERSON (with or without B-/I- prefixes) become PERSON; others are
ignored. Long texts are read in overlapping windows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ..base import Recognizer
from ..entities import Candidate
from ..errors import RedactionError
from ..text import Document, normalize_word

PERSON_LABELS = frozenset({"PER", "PRS", "PERSON"})
_WORD_CHAR = re.compile(r"[\w\u0300-\u036f\-'’]")


def _label_kind(label: str) -> tuple[str, str]:
    """("B"|"I"|"", entity) from labels like B-PER, I-PRS, PER, O."""
    if len(label) > 2 and label[1] in "-_" and label[0] in "BIESLU":
        return label[0], label[2:]
    return "", label


class NerRecognizer(Recognizer):
    """Person spans from a token-classification model; loaded once, then shared by threads."""

    entity_type = "PERSON"
    name = "ner"

    def __init__(self, folder: Path, *, threshold: float = 0.5, window: int = 256, stride: int = 64) -> None:
        try:
            import onnxruntime
            from tokenizers import Tokenizer

            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            self.labels = {int(k): str(v) for k, v in config["id2label"].items()}
            self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            options = onnxruntime.SessionOptions()
            # The HTTP worker serves many threads; one intra-op thread per call keeps the cores shared.
            options.intra_op_num_threads = 1
            self.session = onnxruntime.InferenceSession(
                str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"]
            )
        except (OSError, KeyError, ValueError, TypeError) as exc:
            raise RedactionError(f"cannot load the NER model in {folder}: {type(exc).__name__}") from None
        except Exception as exc:  # onnxruntime raises its own types for a bad graph
            raise RedactionError(f"cannot load the NER model in {folder}: {type(exc).__name__}") from None
        self.inputs = {i.name for i in self.session.get_inputs()}
        if "input_ids" not in self.inputs:
            raise RedactionError(f"the NER model in {folder} has no input_ids input")
        self.threshold = threshold
        self.window = max(8, window)
        self.stride = min(stride, self.window // 2)
        self.cls_id = self._special(config, "cls_token_id", ("[CLS]", "<s>"))
        self.sep_id = self._special(config, "sep_token_id", ("[SEP]", "</s>"))
        self.person_ids = {i for i, lab in self.labels.items() if _label_kind(lab)[1].upper() in PERSON_LABELS}

    def _special(self, config: dict[str, Any], key: str, tokens: tuple[str, ...]) -> int | None:
        if isinstance(config.get(key), int):
            return int(config[key])
        for tok in tokens:
            found = self.tokenizer.token_to_id(tok)
            if found is not None:
                return int(found)
        return None

    def _windows(self, n: int) -> Iterator[tuple[int, int]]:
        body = self.window - 2
        start = 0
        while True:
            yield start, min(n, start + body)
            if start + body >= n:
                return
            start += body - self.stride

    def _predict(self, ids: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """Per-token (label id, probability) for one window, special tokens removed."""
        seq = ([self.cls_id] if self.cls_id is not None else []) + ids + (
            [self.sep_id] if self.sep_id is not None else [])
        arr = np.asarray([seq], dtype=np.int64)
        feed = {"input_ids": arr}
        if "attention_mask" in self.inputs:
            feed["attention_mask"] = np.ones_like(arr)
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.zeros_like(arr)
        logits = np.asarray(self.session.run(None, feed)[0], dtype=np.float64)[0]
        if self.cls_id is not None:
            logits = logits[1:]
        logits = logits[: len(ids)]
        exp = np.exp(logits - logits.max(axis=-1, keepdims=True))
        probs = exp / exp.sum(axis=-1, keepdims=True)
        return probs.argmax(axis=-1), probs.max(axis=-1)

    def find(self, doc: Document) -> Iterator[Candidate]:
        text = doc.text
        enc = self.tokenizer.encode(text, add_special_tokens=False)
        ids, offsets = enc.ids, enc.offsets
        n = len(ids)
        if n == 0:
            return
        labels = np.full(n, -1, dtype=np.int64)
        probs = np.zeros(n, dtype=np.float64)
        for a, b in self._windows(n):
            lab, prob = self._predict(ids[a:b])
            # Overlaps: keep the more confident reading of each token.
            better = prob > probs[a:b]
            labels[a:b][better] = lab[better]
            probs[a:b][better] = prob[better]
        spans: list[list[float]] = []
        for i in range(n):
            if int(labels[i]) not in self.person_ids or probs[i] < self.threshold:
                continue
            start, end = offsets[i]
            kind = _label_kind(self.labels[int(labels[i])])[0]
            if spans and kind != "B" and start <= spans[-1][1] + 1:
                spans[-1][1] = end
                spans[-1][2] = min(spans[-1][2], float(probs[i]))
            else:
                spans.append([start, end, float(probs[i])])
        for s, e, p in spans:
            start, end = int(s), int(e)
            # Punctuation tagged as part of a name is not part of it; word pieces cover parts of
            # words: trim the one and widen to whole words.
            while start < end and not text[start].isalnum():
                start += 1
            while end > start and not text[end - 1].isalnum():
                end -= 1
            while start > 0 and _WORD_CHAR.match(text[start - 1]):
                start -= 1
            while end < len(text) and _WORD_CHAR.match(text[end]):
                end += 1
            if end <= start:
                continue
            key = tuple(normalize_word(w) for w in re.findall(r"[^\W\d_]{2,}", text[start:end]))
            yield Candidate(start, end, self.entity_type, p, key, source=self.name)
