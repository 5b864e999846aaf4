"""The pinned encoder's network and word-piece tokenizer, without the ``transformers`` library.

Why: importing ``transformers`` (its auto classes and BERT modelling code) took about 2.6 of the 7 seconds a
one-article ``unspin analyze`` spent before its first result, for a six-layer BERT whose forward pass is a page
of PyTorch.  :mod:`.bert_layers` holds that network (Devlin et al. 2019, "BERT", section 3; the parameter names are
those of the published checkpoint, so its ``model.safetensors``, LoRA adapters and encoder deltas load
unchanged) and :class:`WordPieces` the published ``tokenizer.json`` read by the ``tokenizers`` library, with the
few calls unspin makes of a tokenizer.  ``tests/test_bert.py`` checks both against ``transformers`` where that
is installed (a development dependency): the same hidden states (to float rounding) and the same pieces and
offsets.

Limits: only what a BERT encoder of absolute positions needs (no cross-attention, no cache, no pooler output);
the tokenizer pads on the right and truncates the end of a text, as BERT's does.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError

if TYPE_CHECKING:
    import torch
    from torch import nn

__all__ = ["BertConfig", "Encoded", "EncoderOutput", "WordPieces", "attention_mask_of", "build_encoder"]


@dataclass(frozen=True)
class BertConfig:
    """The fields of a BERT ``config.json`` the network reads."""

    vocab_size: int
    hidden_size: int
    num_hidden_layers: int
    num_attention_heads: int
    intermediate_size: int
    max_position_embeddings: int
    type_vocab_size: int
    layer_norm_eps: float
    hidden_dropout_prob: float
    attention_probs_dropout_prob: float

    def __post_init__(self) -> None:
        if self.hidden_size % self.num_attention_heads:
            raise ConfigError(
                f"hidden size {self.hidden_size} is not a multiple of {self.num_attention_heads} heads",
                "reinstall the encoder package",
            )

    @classmethod
    def read(cls, path: Path) -> BertConfig:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("hidden_act", "gelu") != "gelu" or raw.get("position_embedding_type", "absolute") != "absolute":
                raise ValueError("only GELU and absolute positions are supported")
            return cls(**{name: raw[name] for name in cls.__dataclass_fields__})
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(
                f"{path}: not a BERT encoder configuration ({exc})", "reinstall the encoder package"
            ) from None


@dataclass
class EncoderOutput:
    """What a forward pass returns (named as in ``transformers``, which the training code was written against)."""

    last_hidden_state: torch.Tensor
    captured: torch.Tensor | None = None  # the states after the first ``capture`` layers, when asked for


def attention_mask_of(attention_mask: torch.Tensor | None) -> torch.Tensor | None:
    """The boolean key mask the layers take (True: attend), or None when nothing is padding, which lets the
    attention kernel skip it."""
    if attention_mask is None or bool(attention_mask.all()):
        return None
    return attention_mask.bool()[:, None, None, :]


def build_encoder(config: BertConfig) -> nn.Module:
    """A BERT encoder of ``config`` with untrained weights (load a state dict into it): the network of
    :mod:`.bert_layers`, imported here so that importing this module does not import torch."""
    from .bert_layers import Encoder

    return Encoder(config)


@dataclass
class Encoded:
    """One or more tokenized texts: ``input_ids``, ``attention_mask`` and (when asked) ``offset_mapping`` as
    lists, or as tensors with ``return_tensors="pt"``; indexable by those names like a ``transformers``
    encoding."""

    data: dict[str, Any]
    words: list[list[int | None]]

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def keys(self) -> Any:
        return self.data.keys()

    def word_ids(self, index: int = 0) -> list[int | None]:
        """For each piece of text ``index``, the index of the word it belongs to (None for ``[CLS]``/``[SEP]``)."""
        return self.words[index]


class WordPieces:
    """The pinned encoder's word-piece tokenizer: ``tokenizer.json`` read by the ``tokenizers`` library, called
    like the ``transformers`` tokenizer it replaces (:meth:`__call__`).

    The file's own fixed padding and truncation to 128 pieces are switched off: each call says what it wants.
    """

    def __init__(self, directory: Path) -> None:
        from tokenizers import Tokenizer

        path = directory / "tokenizer.json"
        try:
            self._tok = Tokenizer.from_file(str(path))
        except Exception as exc:  # a missing or malformed file
            raise ConfigError(f"{path}: cannot read the tokenizer ({exc})", "reinstall the encoder package") from None
        self._tok.no_padding()
        self._tok.no_truncation()
        ids: dict[str, int] = {}
        for name in ("[CLS]", "[SEP]", "[PAD]", "[MASK]", "[UNK]"):
            found = self._tok.token_to_id(name)
            if found is None:
                raise ConfigError(f"{path}: the special token {name} is missing", "reinstall the encoder package")
            ids[name] = int(found)
        self.cls_token_id, self.sep_token_id = ids["[CLS]"], ids["[SEP]"]
        self.pad_token_id, self.mask_token_id, self._unk = ids["[PAD]"], ids["[MASK]"], ids["[UNK]"]
        self.vocab_size = int(self._tok.get_vocab_size())

    def convert_tokens_to_ids(self, token: str) -> int:
        """The id of one word piece (``[UNK]``'s when the vocabulary lacks it)."""
        found = self._tok.token_to_id(token)
        return int(found) if found is not None else self._unk

    def convert_ids_to_tokens(self, ids: Sequence[int]) -> list[str]:
        """The word pieces of ``ids`` (``[UNK]`` for an id outside the vocabulary)."""
        return [self._tok.id_to_token(int(i)) or "[UNK]" for i in ids]

    def __call__(
        self,
        text: str | Sequence[str],
        *,
        add_special_tokens: bool = True,
        truncation: bool = False,
        max_length: int | None = None,
        padding: bool = False,
        pad_to_multiple_of: int | None = None,
        return_offsets_mapping: bool = False,
        return_tensors: str | None = None,
        verbose: bool = True,
    ) -> Encoded:
        """Pieces of ``text`` (one string, or a list: then one row each).  Truncation keeps the first pieces
        (``max_length`` counts ``[CLS]`` and ``[SEP]``); padding pads every row to the longest, rounded up to
        ``pad_to_multiple_of``; offsets are ``str`` indices into the text, ``(0, 0)`` for special pieces.
        ``verbose`` is accepted for compatibility and ignored (nothing is printed)."""
        single = isinstance(text, str)
        texts = [text] if isinstance(text, str) else list(text)
        rows = self._tok.encode_batch(texts, add_special_tokens=False)
        limit = None
        if truncation and max_length is not None:
            limit = max(0, max_length - (2 if add_special_tokens else 0))
        ids, offsets, words = [], [], []
        for enc in rows:
            i, o, w = list(enc.ids[:limit]), list(enc.offsets[:limit]), list(enc.word_ids[:limit])
            if add_special_tokens:
                i, o, w = [self.cls_token_id, *i, self.sep_token_id], [(0, 0), *o, (0, 0)], [None, *w, None]
            ids.append(i)
            offsets.append(o)
            words.append(w)
        masks = [[1] * len(i) for i in ids]
        if padding:
            width = max((len(i) for i in ids), default=0)
            if pad_to_multiple_of:
                width = -(-width // pad_to_multiple_of) * pad_to_multiple_of
            for i, m, o in zip(ids, masks, offsets, strict=True):
                extra = width - len(i)
                i.extend([self.pad_token_id] * extra)
                m.extend([0] * extra)
                o.extend([(0, 0)] * extra)
        data: dict[str, Any] = {"input_ids": ids, "attention_mask": masks}
        if return_offsets_mapping:
            data["offset_mapping"] = offsets
        if return_tensors == "pt":
            import torch

            data = {k: torch.tensor(v, dtype=torch.long) for k, v in data.items()}
        elif single:
            data = {k: v[0] for k, v in data.items()}
        return Encoded(data, words)
