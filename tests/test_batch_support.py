"""Helpers the batch and input tests share: varied corpora made from the project's corpus/, the real
`ocop` command in a subprocess, and the records the pure pipeline gives for the same articles."""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

from extract.io import to_json
from extract.pipeline import extract_article
from schemas import Article

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "corpus").glob("*.txt"))

_NUMBER = re.compile(r"\d+")


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in SEEDS]


def varied_text(text: str, rng: random.Random) -> str:
    """The same article with its paragraphs shuffled and every number changed, so that no two are alike."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    head, body = paragraphs[:1], paragraphs[1:]
    rng.shuffle(body)
    varied = "\n".join(head + body)
    return _NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(1, 9)), varied)


def write_corpus(folder: Path, n: int, seed: int = 0, start: int = 0) -> list[Path]:
    """n varied articles `art_0000.txt`... in `folder` (ids from `start`)."""
    rng = random.Random(seed)
    texts = seed_texts()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        path = folder / f"art_{i:04d}.txt"
        path.write_text(varied_text(texts[i % len(texts)], rng), encoding="utf-8")
        paths.append(path)
    return paths


def ocop(*args: str, env: dict | None = None, input: bytes | None = None, cwd: Path | None = None,
         timeout: float = 600) -> subprocess.CompletedProcess:
    """The real command line, in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "extract.cli", *args], input=input, capture_output=True,
                          env=full_env, cwd=cwd or REPO, timeout=timeout)


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in lines(path)]


def expected_records(articles: list[Article]) -> list[str]:
    """records.jsonl as it must be for these articles: the pure pipeline's records, by article id."""
    out = []
    for a in sorted(articles, key=lambda a: a.id):
        out.extend(to_json(r) for r in extract_article(a).records)
    return out


def article_of(path: Path) -> Article:
    return Article(id=path.stem, text=path.read_text(encoding="utf-8"), path=str(path))


def test_varied_corpus_differs_and_stays_vietnamese(tmp_path):
    from extract.inputs.language import is_vietnamese
    paths = write_corpus(tmp_path, 6)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(set(texts)) == 6
    assert texts[0] != SEEDS[0].read_text(encoding="utf-8")
    assert all(is_vietnamese(t) for t in texts)
