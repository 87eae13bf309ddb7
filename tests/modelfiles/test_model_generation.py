"""ORT GenAI generates with the test models exactly as a numpy forward pass of the same weights says.

ORT GenAI runs the prompt once and then one token per step against its KV cache; the reference
recomputes the whole sequence every step. Agreement shows the cache, rotary and attention are right.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnxruntime_genai as og
from numpy_decoder import NumpyDecoder

from backend.modelfiles.testmodel import SHAPES

PROMPT = ("Hej Åsa! Förvaltningen föreslår att nämnden godkänner budgeten. Mötet flyttas till torsdag. "
          "Hello all, the meeting has been moved to Thursday.")


def _generate(model: og.Model, chunks: list[list[int]], new_tokens: int) -> tuple[list[int], list[np.ndarray]]:
    """Greedy tokens and, for each, the logits ORT GenAI chose it from."""
    params = og.GeneratorParams(model)
    params.set_search_options(max_length=sum(map(len, chunks)) + new_tokens)
    generator = og.Generator(model, params)
    for chunk in chunks:
        generator.append_tokens(chunk)
    tokens, logits = [], []
    while not generator.is_done():
        generator.generate_next_token()
        logits.append(generator.get_output("logits")[0, -1].astype(np.float64))
        tokens.append(int(generator.get_next_tokens()[0]))
    return tokens, logits


def _encode(model: og.Model, text: str) -> list[int]:
    return [int(i) for i in og.Tokenizer(model).encode(text)]


def test_tiny_greedy_tokens_match_the_reference(tiny_model: Path) -> None:
    model = og.Model(str(tiny_model))
    prompt = _encode(model, PROMPT)
    # Two prompt chunks: the second runs with a non-empty cache and more than one new token.
    tokens, logits = _generate(model, [prompt[:7], prompt[7:]], new_tokens=16)
    reference = NumpyDecoder(tiny_model)
    expected = reference.greedy(prompt, len(tokens))
    assert tokens == expected
    assert len(tokens) >= 4, "stopped too early to say anything"
    full = reference.logits(prompt + tokens[:-1])[len(prompt) - 1:]
    np.testing.assert_allclose(np.array(logits), full, atol=2e-3)


def test_tiny_long_prompt_near_the_context_length(tiny_model: Path) -> None:
    # Positions up to the end of the context exercise the far end of the rotary cache.
    model = og.Model(str(tiny_model))
    context = SHAPES["tiny"].context_length
    prompt = (_encode(model, PROMPT) * context)[:context - 8]
    tokens, logits = _generate(model, [prompt], new_tokens=8)
    reference = NumpyDecoder(tiny_model)
    full = reference.logits(prompt + tokens[:-1])[len(prompt) - 1:]
    np.testing.assert_allclose(np.array(logits), full, atol=2e-3)
    assert tokens == [int(row.argmax()) for row in full]


def test_small_int4_follows_the_reference(small_model: Path) -> None:
    # MatMulNBits at accuracy level 4 quantizes activations to int8 (twice as fast on CPU), so logits
    # only track the float reference: check correlation, and that each choice is a near-best token.
    model = og.Model(str(small_model))
    prompt = _encode(model, PROMPT)
    tokens, logits = _generate(model, [prompt], new_tokens=6)
    full = NumpyDecoder(small_model).logits(prompt + tokens[:-1])[len(prompt) - 1:]
    for step, (ours, ref) in enumerate(zip(logits, full, strict=True)):
        assert np.corrcoef(ours, ref)[0, 1] > 0.98, step
        assert ref[tokens[step]] >= ref.max() - 1.0, step


def test_batch_with_padding_matches_single_runs(tiny_model: Path) -> None:
    # Right padding is what GroupQueryAttention's seqlens_k expects; og.Engine batches this way.
    model = og.Model(str(tiny_model))
    tokenizer = og.Tokenizer(model)
    texts = [PROMPT, "Hej!"]
    singles = [_generate(model, [_encode(model, text)], new_tokens=6)[0] for text in texts]
    batch = tokenizer.encode_batch(texts)
    params = og.GeneratorParams(model)
    params.set_search_options(max_length=batch.as_numpy().shape[1] + 6, batch_size=2)
    generator = og.Generator(model, params)
    generator.append_tokens(batch)
    rows: list[list[int]] = [[], []]
    while not generator.is_done():
        generator.generate_next_token()
        for row, token in zip(rows, generator.get_next_tokens(), strict=True):
            row.append(int(token))
    for single, row in zip(singles, rows, strict=True):
        assert row[:len(single)] == single
