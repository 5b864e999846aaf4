"""The encoder network and tokenizer of :mod:`unspin.models.bert` against ``transformers``, which they replace at
run time (a development dependency here, kept as the reference)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspin.errors import ConfigError

torch = pytest.importorskip("torch")

# Hand-written texts that exercise what a tokenizer gets wrong: accents, CJK, emoji, blanks of several kinds,
# soft hyphens and zero-width spaces, ligatures, an empty string, long words, quotes and dashes.
TEXTS = [
    "The minister blamed the opposition for the crisis, \u201cwithout any evidence,\u201d critics said.",
    "Caf\u00e9 d\u00e9j\u00e0 vu \u2014 na\u00efve \u6771\u4eac emoji \U0001f600 tab\there",
    "",
    "   ",
    "A\u200bB soft\u00adhyphen \ufb01ne \u00bd \u0130stanbul",
    "Antidisestablishmentarianism and pneumonoultramicroscopicsilicovolcanoconiosis were mentioned.",
    "Line one.\nLine two, with 3,000 people on 12 March 2019!\n\n(Reuters) - Ok.",
]


@pytest.fixture(scope="module")
def pair() -> tuple[object, object, object, object]:
    transformers = pytest.importorskip("transformers")
    from unspin.models.minilm import encoder_dir, load_encoder

    path = str(encoder_dir())
    ref_tok = transformers.AutoTokenizer.from_pretrained(path, local_files_only=True)
    ref = transformers.AutoModel.from_pretrained(path, local_files_only=True).eval()
    tok, enc = load_encoder()
    return ref_tok, ref, tok, enc


def test_pieces_offsets_and_words_match_the_reference(pair: tuple[object, object, object, object]) -> None:
    ref_tok, _, tok, _ = pair
    for text in TEXTS:
        for kwargs in ({"add_special_tokens": False}, {"truncation": True, "max_length": 12}):
            want = ref_tok(text, return_offsets_mapping=True, verbose=False, **kwargs)  # type: ignore[operator]
            got = tok(text, return_offsets_mapping=True, **kwargs)  # type: ignore[operator]
            assert got["input_ids"] == list(want["input_ids"]), (text, kwargs)
            assert got["offset_mapping"] == [tuple(x) for x in want["offset_mapping"]], (text, kwargs)
            assert got.word_ids() == want.word_ids(), (text, kwargs)


def test_padded_batches_and_hidden_states_match_the_reference(pair: tuple[object, object, object, object]) -> None:
    ref_tok, ref, tok, enc = pair
    args = {"padding": True, "truncation": True, "max_length": 32, "pad_to_multiple_of": 16, "return_tensors": "pt"}
    want = ref_tok(TEXTS, **args)  # type: ignore[operator]
    got = tok(TEXTS, **args)  # type: ignore[operator]
    assert torch.equal(got["input_ids"], want["input_ids"])
    assert torch.equal(got["attention_mask"], want["attention_mask"])
    assert got["input_ids"].shape[1] % 16 == 0
    with torch.inference_mode():
        expected = ref(**want).last_hidden_state  # type: ignore[operator]
        actual = enc(input_ids=got["input_ids"], attention_mask=got["attention_mask"]).last_hidden_state  # type: ignore[operator]
    real = got["attention_mask"].bool()
    assert (expected - actual)[real].abs().max().item() < 1e-4
    # an unpadded batch takes the path without a mask
    one = tok([TEXTS[0]], return_tensors="pt")  # type: ignore[operator]
    with torch.inference_mode():
        alone = enc(input_ids=one["input_ids"], attention_mask=one["attention_mask"]).last_hidden_state  # type: ignore[operator]
    assert (alone[0] - actual[0, : alone.shape[1]]).abs().max().item() < 1e-4


def test_training_mode_drops_out_and_eval_mode_does_not(pair: tuple[object, object, object, object]) -> None:
    _, _, tok, enc = pair
    batch = tok(TEXTS[:1], return_tensors="pt")  # type: ignore[operator]
    try:
        enc.train()  # type: ignore[attr-defined]
        with torch.no_grad():
            a = enc(input_ids=batch["input_ids"]).last_hidden_state  # type: ignore[operator]
            b = enc(input_ids=batch["input_ids"]).last_hidden_state  # type: ignore[operator]
        assert not torch.equal(a, b)
    finally:
        enc.eval()  # type: ignore[attr-defined]
    with torch.no_grad():
        c = enc(input_ids=batch["input_ids"]).last_hidden_state  # type: ignore[operator]
        d = enc(input_ids=batch["input_ids"]).last_hidden_state  # type: ignore[operator]
    assert torch.equal(c, d)


def test_a_configuration_that_is_not_bert_fails_naming_the_file(tmp_path: Path) -> None:
    from unspin.models.bert import BertConfig

    bad = tmp_path / "config.json"
    bad.write_text(json.dumps({"hidden_size": 384}), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"config\.json: not a BERT encoder configuration"):
        BertConfig.read(bad)
    fields = {
        "vocab_size": 10,
        "hidden_size": 10,
        "num_hidden_layers": 1,
        "num_attention_heads": 3,
        "intermediate_size": 8,
        "max_position_embeddings": 8,
        "type_vocab_size": 1,
        "layer_norm_eps": 1e-12,
        "hidden_dropout_prob": 0.0,
        "attention_probs_dropout_prob": 0.0,
    }
    with pytest.raises(ConfigError, match="not a multiple of 3 heads"):
        BertConfig(**fields)


def test_a_missing_tokenizer_file_fails_naming_it(tmp_path: Path) -> None:
    from unspin.models.bert import WordPieces

    with pytest.raises(ConfigError, match=r"tokenizer\.json: cannot read the tokenizer"):
        WordPieces(tmp_path)


def test_analysis_imports_no_transformers() -> None:
    """The point of the module: a run never imports ``transformers`` (checked in a fresh interpreter)."""
    import subprocess
    import sys

    code = (
        "import sys; from unspin.models.minilm import load_encoder; from unspin.models.technique_text import "
        "tokenize; load_encoder(); tokenize('a test'); print('transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
