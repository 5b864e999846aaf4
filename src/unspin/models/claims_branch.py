"""Check-worthiness read from the techniques tagger's own encoder pass: one MiniLM pass serves both tasks.

Method
------
The techniques tagger (:mod:`.techniques`) runs the fine-tuned MiniLM over 128-piece windows of the article.
Its first ``shared`` transformer layers are shared: a branch (:func:`build_branch`), a copy of the remaining
layers fine-tuned for check-worthiness, reads the states after them in the same pass, and a linear head scores
each sentence from the mean and the maximum of the branch's states over the sentence's word pieces.  So a
sentence is read in its article's context, with the tagger's hidden names, and the article costs one encoder
pass plus ``6 - shared`` layers instead of a second full pass over every sentence (issue 25; ``unspin bench`` prints
the layer's time).  A multi-task encoder in the sense of Caruana (1997, "Multitask Learning"): shared lower
layers, a task's own upper layers.

Source and training
-------------------
CheckThat! 2024 Task 1 English (``../shared/data/claims``, see its SOURCE.md): debate sentences, packed in
order of their ids into short documents of neighbouring sentences (at most one window), so training sees
sentences in context the way an article's are read.  Fitted on 85% of the ``train`` documents; the epoch and
the threshold are chosen on the other 15% (:mod:`unspin.training.holdout`), never on dev.  ``unspin claims
train`` reproduces ``weights/claims.v2.pt`` (:mod:`unspin.training.claims_branch`); docs/claims.md has the
figures and the command for each.

Limits
------
The branch is trained on one techniques model's shared layers: retraining the techniques model requires
retraining this one (the file records the techniques weights' SHA-256 and refuses another).  Debate sentences
are not news; scores are model probabilities, not calibrated confidences.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from .bert import attention_mask_of
from .minilm import apply_delta, file_sha256, int8_requested, load_weights, pinned_encoder, quantized
from .technique_text import token_range

if TYPE_CHECKING:
    import torch
    from torch import nn

    from .techniques import TechniquesModel, _Analysis

__all__ = [
    "WEIGHTS",
    "ClaimsBranchModel",
    "base_of",
    "build_branch",
    "joined",
    "load_claims_branch",
    "pack_documents",
    "sentence_vectors",
]

WEIGHTS = Path(__file__).parent / "weights" / "claims.v2.pt"
COMMAND = "unspin claims train"


def _branch_class() -> type[nn.Module]:
    from torch import nn

    class _Branch(nn.Module):
        """The upper layers of an encoder, run on the states its lower ``shared`` layers computed."""

        def __init__(self, layers: Sequence[nn.Module], shared: int) -> None:
            super().__init__()
            self.layer = nn.ModuleList(layers)
            self.shared = shared

        def forward(self, states: torch.Tensor, attention_mask: torch.Tensor | None) -> torch.Tensor:
            mask = attention_mask_of(attention_mask)
            for layer in self.layer:
                states = layer(states, mask)
            return states

    return _Branch


def build_branch(encoder: Any, shared: int) -> nn.Module:
    """A branch: a :class:`torch.nn.Module` holding copies of ``encoder``'s layers after the first ``shared``
    (its ``shared`` attribute says how many layers it reads after)."""
    import copy

    layers = encoder.encoder.layer
    if not 0 < shared < len(layers):
        raise ConfigError(
            f"cannot share {shared} of {len(layers)} layers", f"give between 1 and {len(layers) - 1} shared layers"
        )
    return _branch_class()([copy.deepcopy(x) for x in layers[shared:]], shared)


def base_of(branch: nn.Module, encoder: Any) -> dict[str, torch.Tensor]:
    """``encoder``'s weights under the branch's parameter names (what :func:`~.minilm.encoder_delta` and
    :func:`~.minilm.apply_delta` measure a branch against)."""
    shared = int(branch.shared)  # type: ignore[arg-type]
    params = dict(encoder.named_parameters())
    out = {}
    for name, _ in branch.named_parameters():
        k, rest = name.split(".", 2)[1:]
        out[name] = params[f"encoder.layer.{shared + int(k)}.{rest}"].detach()
    return out


def sentence_vectors(states: torch.Tensor, ranges: Sequence[tuple[int, int] | None]) -> torch.Tensor:
    """[mean, max] of ``states`` over each token range (zeros for a sentence without word pieces)."""
    import torch

    width = states.shape[-1]
    rows = [
        torch.cat([states[a:b].mean(0), states[a:b].max(0).values]) if r else torch.zeros(2 * width)
        for r in ranges
        for a, b in [r or (0, 0)]
    ]
    return torch.stack(rows) if rows else torch.zeros((0, 2 * width))


def pack_documents(rows: Sequence[tuple[int, str]], budget: int, size_of: Any) -> list[list[int]]:
    """Indices of ``rows`` (``(sentence id, text)`` sorted by id) grouped into documents of neighbouring
    sentences: consecutive ids, at most ``budget`` word pieces in all (``size_of(text)``), in order."""
    docs: list[list[int]] = []
    size = 0
    for k, (sid, text) in enumerate(rows):
        n = size_of(text)
        if docs and docs[-1] and rows[docs[-1][-1]][0] + 1 == sid and size + n <= budget:
            docs[-1].append(k)
            size += n
        else:
            docs.append([k])
            size = n
    return docs


def joined(texts: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """A packed document's text (its sentences one per line) and each sentence's ``[start, end)`` in it."""
    spans, pos = [], 0
    for t in texts:
        spans.append((pos, pos + len(t)))
        pos += len(t) + 1
    return "\n".join(texts), spans


class ClaimsBranchModel:
    """Check-worthiness of sentences read from the techniques model's pass; everything loads on first use."""

    def __init__(self, weights: Path = WEIGHTS, techniques: TechniquesModel | None = None) -> None:
        self.weights = weights
        self._techniques = techniques
        self._parts: tuple[Any, Any, float] | None = None

    @property
    def techniques(self) -> TechniquesModel:
        if self._techniques is None:
            from .techniques import load_techniques

            self._techniques = load_techniques()
        return self._techniques

    @property
    def threshold(self) -> float:
        return self._load()[2]

    @property
    def names_method(self) -> str | None:
        """How the names hidden from the encoder are found: the techniques model's way (one pass, one way)."""
        return self.techniques.names_method

    @property
    def branch(self) -> nn.Module:
        branch: nn.Module = self._load()[0]
        return branch

    def _load(self) -> tuple[Any, Any, float]:
        if self._parts is None:
            import torch

            state = load_weights(self.weights, "check-worthiness", COMMAND)
            trunk = self.techniques.weights
            if "trunk_sha256" not in state:
                raise ConfigError(
                    f"{self.weights}: not a claims branch (a separate sentence classifier?)",
                    f"give a file made by `{COMMAND}`; `unspin claims eval --weights` scores either kind",
                )
            if state["trunk_sha256"] != file_sha256(trunk):
                raise ConfigError(
                    f"{self.weights}: trained on another techniques model than {trunk}",
                    f"retrain it on this one: `{COMMAND}`",
                )
            encoder = pinned_encoder()
            branch = build_branch(encoder, int(state["config"]["shared"]))
            apply_delta(branch, state["branch"], self.weights, COMMAND)
            if self.techniques.int8 or int8_requested():
                branch = quantized(branch)
            head = torch.nn.Linear(2 * int(encoder.config.hidden_size), 1)
            head.load_state_dict(state["head"])
            branch.eval()
            head.eval()
            self._parts = (branch, head, float(state["threshold"]))
        return self._parts

    def analyse(self, text: str, names: Sequence[tuple[int, int, str]] | None = None) -> _Analysis:
        """The techniques model's pass over ``text`` with this branch computed in it (what :meth:`scores`
        reads, and what the techniques model decodes: :meth:`~.techniques.TechniquesModel.predict_analysed`)."""
        return self.techniques.analyse(text, names=names, branch=self.branch)

    def scores(self, an: _Analysis, spans: Sequence[tuple[int, int]]) -> list[float]:
        """The probability that each ``[start, end)`` of the analysed text is a check-worthy sentence."""
        import torch

        if not spans:
            return []
        _, head, _ = self._load()
        if an.branch is None:
            raise ConfigError("claims: the text was analysed without the claims branch", "analyse it with .analyse")
        ranges = [token_range(an.tokens.offsets, a, b) for a, b in spans]
        with torch.inference_mode():
            logits = head(sentence_vectors(an.branch, ranges)).squeeze(-1)
        return [float(p) for p in torch.sigmoid(logits).tolist()]

    def predict_rows(self, rows: Sequence[tuple[int, str]], budget: int = 126) -> list[float]:
        """Scores of ``(sentence id, text)`` rows (CheckThat! style), each read with its neighbours: the rows
        are packed into documents of consecutive ids as in training (:func:`pack_documents`)."""
        from .technique_text import tokenize

        tok = self.techniques._load().tokenizer
        order = sorted(range(len(rows)), key=lambda k: rows[k][0])
        ordered = [(rows[k][0], " ".join(rows[k][1].split())) for k in order]
        out = [0.0] * len(rows)
        for doc in pack_documents(ordered, budget, lambda t: len(tokenize(t, tok).ids)):
            text, spans = joined([ordered[k][1] for k in doc])
            for k, p in zip(doc, self.scores(self.analyse(text), spans), strict=True):
                out[order[k]] = p
        return out


def load_claims_branch(weights: Path = WEIGHTS) -> ClaimsBranchModel:
    """One model per process and file (on the process's techniques model)."""
    return _load_claims_branch(weights.resolve())


@functools.cache
def _load_claims_branch(weights: Path) -> ClaimsBranchModel:
    return ClaimsBranchModel(weights)
