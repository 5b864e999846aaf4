"""The layers of :class:`~.bert.Encoder`'s network, in PyTorch.

Imported only when an encoder is built (:func:`~.bert.build_encoder`): importing this module imports torch.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F

from .bert import BertConfig, EncoderOutput, attention_mask_of

__all__ = ["Encoder"]


class Embeddings(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.word_embeddings = nn.Embedding(config.vocab_size, config.hidden_size, padding_idx=0)
        self.position_embeddings = nn.Embedding(config.max_position_embeddings, config.hidden_size)
        self.token_type_embeddings = nn.Embedding(config.type_vocab_size, config.hidden_size)
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)

    def forward(self, ids: torch.Tensor, types: torch.Tensor | None) -> torch.Tensor:
        positions = torch.arange(ids.shape[1], device=ids.device)
        x = self.word_embeddings(ids) + self.position_embeddings(positions)[None]
        x = x + (self.token_type_embeddings(types) if types is not None else self.token_type_embeddings.weight[0])
        out: torch.Tensor = self.dropout(self.LayerNorm(x))
        return out


class SelfAttention(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.heads = config.num_attention_heads
        self.drop = config.attention_probs_dropout_prob
        self.query = nn.Linear(config.hidden_size, config.hidden_size)
        self.key = nn.Linear(config.hidden_size, config.hidden_size)
        self.value = nn.Linear(config.hidden_size, config.hidden_size)

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        b, t, _ = x.shape
        heads = self.heads

        def split(y: torch.Tensor) -> torch.Tensor:
            return y.view(b, t, heads, -1).transpose(1, 2)

        drop = self.drop if self.training else 0.0
        y = F.scaled_dot_product_attention(
            split(self.query(x)), split(self.key(x)), split(self.value(x)), attn_mask=mask, dropout_p=drop
        )
        return y.transpose(1, 2).reshape(b, t, -1)


class Residual(nn.Module):
    """``LayerNorm(x + dropout(dense(h)))``: BERT's ``SelfOutput`` and ``Output``."""

    def __init__(self, config: BertConfig, width: int) -> None:
        super().__init__()
        self.dense = nn.Linear(width, config.hidden_size)
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)

    def forward(self, h: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        out: torch.Tensor = self.LayerNorm(x + self.dropout(self.dense(h)))
        return out


class Attention(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.self = SelfAttention(config)
        self.output = Residual(config, config.hidden_size)


class Intermediate(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.dense = nn.Linear(config.hidden_size, config.intermediate_size)


class Layer(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.attention = Attention(config)
        self.intermediate = Intermediate(config)
        self.output = Residual(config, config.intermediate_size)

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        a = self.attention.output(self.attention.self(x, mask), x)
        out: torch.Tensor = self.output(F.gelu(self.intermediate.dense(a)), a)
        return out


class Stack(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.layer = nn.ModuleList(Layer(config) for _ in range(config.num_hidden_layers))


class Pooler(nn.Module):
    """Kept so the checkpoint loads whole; no task reads it, so the forward pass skips it."""

    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.dense = nn.Linear(config.hidden_size, config.hidden_size)


class Encoder(nn.Module):
    """The BERT encoder (parameter names as in the published checkpoint)."""

    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.config = config
        self.embeddings = Embeddings(config)
        self.encoder = Stack(config)
        self.pooler: nn.Module | None = Pooler(config)

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor | None = None,
        token_type_ids: torch.Tensor | None = None,
        capture: int | None = None,
    ) -> EncoderOutput:
        """States after the last layer, and after the first ``capture`` layers too when given (what a
        :mod:`.claims_branch` branch reads, so a second task shares this pass)."""
        x = self.embeddings(input_ids, token_type_ids)
        mask = attention_mask_of(attention_mask)
        captured = None
        for k, layer in enumerate(self.encoder.layer):
            if k == capture:
                captured = x
            x = layer(x, mask)
        return EncoderOutput(x, x if capture == len(self.encoder.layer) else captured)
