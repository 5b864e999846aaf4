"""The techniques model's training articles: tokenised (names hidden when asked), with their gold tags, and cut
into training windows at a random shift each epoch.  Read by :mod:`unspin.training.techniques` and
:mod:`unspin.training.adapt`.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..corpora.ptc import (
    TECHNIQUES,
    Label,
)
from ..errors import ConfigError
from ..models.names import Name, find_names, hide_in_text, hide_in_tokens
from ..models.technique_text import (
    Tokens,
    bio_tags,
    generic_features,
    token_range,
    tokenize,
)

__all__ = [
    "Article",
    "TechniqueData",
    "gold_lines",
    "load_technique_data",
    "prepare_articles",
    "sentence_rows",
    "train_windows",
]


@dataclass
class Article:
    id: str
    text: str
    lower: str
    tokens: Tokens
    tags: list[int]
    rows: list[tuple[int, int, int, list[float]]]  # token a, token b, technique index, generic features
    on_gold_line: list[bool]  # per token: does a gold span share a character with its line?


def prepare_articles(
    tokenizer: Any,
    articles: Mapping[str, str],
    labels: Mapping[str, Sequence[Label]],
    hide: bool = False,
    method: str = "capitals",
) -> list[Article]:
    out: list[Article] = []
    index = {t: k for k, t in enumerate(TECHNIQUES)}
    names = dict(zip(articles, find_names(articles.values(), method=method), strict=True)) if hide else {}
    for article, text in articles.items():
        tokens = tokenize(text, tokenizer)
        if hide:
            tokens = Tokens(*hide_in_tokens(tokens.ids, tokens.offsets, names[article], tokenizer))
        gold = labels.get(article, [])
        lower = text.lower()
        rows = []
        for x in gold:
            r = token_range(tokens.offsets, x.start, x.end)
            if r is not None:
                feats = generic_features(text, lower, x.start, x.end, names.get(article, ()))
                rows.append((r[0], r[1], index[x.technique], feats))
        tags = bio_tags(tokens.offsets, ((x.start, x.end) for x in gold))
        lines = [(a, b) for a, b, hit in gold_lines(text, gold) if hit]
        on_line = [any(a <= s < b for a, b in lines) for s, _ in tokens.offsets]
        out.append(Article(article, text, lower, tokens, tags, rows, on_line))
    return out


def train_windows(arts: Sequence[Article], size: int, rng: random.Random) -> list[tuple[int, int, int]]:
    """(article index, a, b): consecutive windows from a random shift, so boundaries move every epoch."""
    out: list[tuple[int, int, int]] = []
    for k, art in enumerate(arts):
        n = len(art.tokens.ids)
        shift = rng.randrange(size // 2) if n > size else 0
        for s in range(-shift, n, size):
            a, b = max(0, s), min(n, s + size)
            if b - a >= 8 or (a == 0 and b == n and n > 0):
                out.append((k, a, b))
    return out


def gold_lines(text: str, gold: Sequence[Label]) -> list[tuple[int, int, bool]]:
    """``[start, end)`` of every non-blank line of ``text`` and whether a span of ``gold`` shares a character
    with it."""
    out: list[tuple[int, int, bool]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            out.append((start, end, any(x.start < end and start < x.end for x in gold)))
        start = end + 1
    return out


def sentence_rows(
    articles: Mapping[str, str], labels: Mapping[str, Sequence[Label]], hide: bool = False, method: str = "capitals"
) -> list[tuple[str, bool]]:
    """Every non-blank line (PTC puts one sentence per line) of the labelled articles, in article-id order, and
    whether a gold span shares a character with it; with ``hide``, names become neutral words
    (:mod:`unspin.models.names`)."""
    ids = sorted(a for a in labels if a in articles)
    names = find_names((articles[a] for a in ids), method=method) if hide else [[] for _ in ids]
    rows: list[tuple[str, bool]] = []
    for article, found in zip(ids, names, strict=True):
        text = articles[article]
        rows.extend((hide_in_text(text, found, a, b), hit) for a, b, hit in gold_lines(text, labels[article]))
    return rows


@dataclass(frozen=True)
class TechniqueData:
    """What a techniques tagger trains and is chosen on, read once and passed to the trainers.

    ``train``: the prepared train articles (:func:`prepare_articles`); ``dev`` and ``dev_gold``: the dev texts
    and their labels; ``dev_names``: the names to hide in each dev text when the model hides names (``None``:
    the model finds them itself, with spaCy).
    """

    train: list[Article]
    dev: Mapping[str, str]
    dev_gold: Mapping[str, Sequence[Label]]
    dev_names: Mapping[str, Sequence[Name]] | None = None


def load_technique_data(
    split_root: Path, hide: bool, limit: int | None = None, method: str = "capitals"
) -> TechniqueData:
    """The labelled ``train`` articles of a PTC folder, prepared (the first ``limit`` by id when given), and the
    labelled ``dev`` articles."""
    from ..corpora.ptc import load_articles, load_labels, split_paths
    from ..models.technique_text import cached_tokenizer

    train_dir, train_labels_dir = split_paths("train", split_root)
    texts, labels = load_articles(train_dir), load_labels(train_labels_dir)
    dev_dir, dev_labels_dir = split_paths("dev", split_root)
    dev_texts, dev_gold = load_articles(dev_dir), load_labels(dev_labels_dir)
    ids = sorted(a for a in texts if a in labels)[:limit] if limit else sorted(a for a in texts if a in labels)
    dev_ids = [a for a in sorted(dev_gold) if a in dev_texts]
    if not ids or not dev_ids:
        raise ConfigError(f"{split_root}: training needs labelled train and dev articles", "check the PTC folder")
    arts = prepare_articles(cached_tokenizer(), {a: texts[a] for a in ids}, labels, hide, method)
    return TechniqueData(arts, {a: dev_texts[a] for a in dev_ids}, {a: dev_gold[a] for a in dev_ids})
