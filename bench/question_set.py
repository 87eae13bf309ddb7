"""Scores model folders on bench/questions.json: the check that an import precision keeps quality.

    python bench/question_set.py MODEL_DIR [MODEL_DIR ...]

Greedy answers (at most 48 tokens), one intra-op thread; prints per folder the number of correct
answers and decode tokens/s, then the questions on which the folders disagree. Speeds are noisy
on a shared machine; compare them within one run only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

QUESTIONS = Path(__file__).with_name("questions.json")
MAX_NEW_TOKENS = 48


def answers(model_dir: Path, questions: list[dict]) -> tuple[list[str], float]:
    import onnxruntime_genai as og

    config = og.Config(str(model_dir))
    config.overlay(json.dumps({"model": {"decoder": {"session_options": {"intra_op_num_threads": 1}}}}))
    model = og.Model(config)
    tokenizer = og.Tokenizer(model)
    texts, tokens, seconds = [], 0, 0.0
    for item in questions:
        prompt = tokenizer.apply_chat_template(json.dumps([{"role": "user", "content": item["q"]}]),
                                               add_generation_prompt=True)
        ids = tokenizer.encode(prompt)
        params = og.GeneratorParams(model)
        params.set_search_options(max_length=len(ids) + MAX_NEW_TOKENS, do_sample=False)
        generator = og.Generator(model, params)
        generator.append_tokens(ids)
        out: list[int] = []
        start = time.perf_counter()
        while not generator.is_done() and len(out) < MAX_NEW_TOKENS:
            generator.generate_next_token()
            out.append(int(generator.get_next_tokens()[0]))
        seconds += time.perf_counter() - start
        tokens += len(out)
        texts.append(tokenizer.decode(out).strip())
    return texts, tokens / seconds if seconds else 0.0


def correct(item: dict, answer: str) -> bool:
    flags = (0 if item.get("case") else re.IGNORECASE) | (re.MULTILINE if item.get("multiline") else 0)
    return re.search(item["expect"], answer, flags) is not None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+", type=Path)
    parser.add_argument("--json", type=Path, help="also write all answers here")
    args = parser.parse_args()
    questions = json.loads(QUESTIONS.read_text())["questions"]
    results = {}
    for model in args.models:
        texts, speed = answers(model, questions)
        marks = [correct(q, a) for q, a in zip(questions, texts, strict=True)]
        results[str(model)] = {"score": sum(marks), "tokens_per_s": round(speed, 1), "answers": texts, "marks": marks}
        print(f"{model}: {sum(marks)}/{len(questions)} correct, decode {speed:.0f} tokens/s", flush=True)
    if len(results) > 1:
        for i, item in enumerate(questions):
            marks = {name: r["marks"][i] for name, r in results.items()}
            if len(set(marks.values())) > 1:
                print(f"- {item['q']}: " + "; ".join(
                    f"{Path(n).name}={'ok' if ok else 'no'} {results[n]['answers'][i][:60]!r}"
                    for n, ok in marks.items()))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
