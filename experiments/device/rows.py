"""Shared by the prep scripts: the float16 weights file with only the embedding rows a data set uses."""

from pathlib import Path

import torch


def save_rows(used: list[int], out: Path, src: Path = Path(".devdata/minilm16.pt")) -> None:
    """Copy ``src`` to ``out`` with the word-embedding rows ``used`` (sorted ids) taken from the pinned encoder."""
    from unspin.models.minilm import load_encoder

    _, enc = load_encoder()
    sd = torch.load(src)
    w = enc.state_dict()["embeddings.word_embeddings.weight"].half()
    idx = torch.tensor(used)
    sd["word_rows"], sd["word_ids"] = w[idx].clone(), idx
    torch.save(sd, out)
