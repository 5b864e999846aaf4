"""Gold attribution spans from GUM's Wikinews RST trees, and span scorers to compare against them.

Loader
------
:func:`load_gum` reads the GUM Wikinews folder described in its ``SOURCE.md`` (``text/`` and ``rst_rs4/``) and
turns every RST ``attribution-*`` relation into a :class:`GoldAttribution` with character offsets into the
document text.

In the data the **satellite** of an attribution relation is the attributing segment ("he said", "according to
police", "Image: Nick Moreau.") and the **nucleus** is the reported / attributed material.  This was checked on
all 221 relations of the 22 news documents.  Content is therefore the nucleus' extent and source the satellite's
extent.

Limits (what the gold data is, and is not):

* RST attribution marks reporting/attitude structure, not speaker entities.  ``source`` is the whole
  attributing segment ("Jeff Rathke, the State Department Spokesperson, said"), not the speaker name, and it
  can itself contain reported material of a nested attribution (and vice versa).
* Only the primary tree edges are read.  The rs4 ``<secedges>`` (secondary edges) carry no attribution relation
  in this data and are ignored.
* Image and media credits are annotated as attribution ("Image: Nick Moreau." -> photo caption; warhol has
  "Video:" / "Audio:" credits).  They are kept, as annotated.
* Quotes interrupted by their attributing clause ("X," he said, "Y") are split by the RST segmentation: the
  content is only the nucleus fragment the satellite attaches to; fragments joined by ``same-unit`` are
  included only when the satellite attaches to the whole ``same-unit`` group.
* The nucleus covers the node the satellite attaches to *without* sister satellites of that node (an
  elaboration attached beside the attribution is not part of the content); satellites nested inside the
  nucleus node are included.

Scorers
-------
:func:`span_prf` scores one document, :func:`corpus_prf` micro-averages over many.  Modes are documented on
:func:`span_prf`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

Span = tuple[int, int]
"""A character span: Python ``str`` indices, start inclusive, end exclusive."""

MODES: tuple[str, ...] = ("exact", "overlap", "proportional")

# Clause separators that never belong to an attributed span when they are its last character.
_TRAILING_SEPARATORS = ",;:"
# Dashes that introduce or close a credit line ("- Matthew Ingram"); trimmed from both ends of source spans.
_DASHES = "-\u2013\u2014"


@dataclass(frozen=True)
class GoldAttribution:
    """One gold ``attribution-*`` relation.

    ``content``: span of the reported/attributed material (the RST nucleus).
    ``source``: span of the attributing segment (the RST satellite), or ``None`` when the satellite covers no
    EDU (not seen in the data: all 221 relations have one).
    ``relation``: the RST relation name, e.g. ``"attribution-positive"`` or ``"attribution-negative"``.
    """

    content: Span
    source: Span | None
    relation: str


@dataclass(frozen=True)
class GumDocument:
    """A GUM news document: ``text`` is the UTF-8 decoded text file, exactly; spans index into it."""

    id: str
    text: str
    attributions: tuple[GoldAttribution, ...]


@dataclass(frozen=True)
class PRF:
    """Micro-averaged precision, recall, F1, and the number of predicted and gold spans that were scored.

    ``n_pred`` / ``n_gold`` count spans after normalisation (empty spans dropped, duplicates removed, and for
    ``"proportional"`` overlapping spans merged), so they can be smaller than the number passed in.
    """

    precision: float
    recall: float
    f1: float
    n_pred: int
    n_gold: int


# --------------------------------------------------------------------------------------------------- loader


def load_gum(folder: Path) -> list[GumDocument]:
    """Load every document of ``folder/rst_rs4/*.rs4`` with its text from ``folder/text/<id>.txt``.

    Documents are returned sorted by id; each document's attributions are sorted by content start, then source
    start.  The text is the file's bytes decoded as UTF-8 with nothing stripped or normalised, so spans index
    exactly that text.

    EDUs are aligned to the text by walking both in order and comparing non-whitespace characters only (the rs4
    EDUs are space-separated tokens, e.g. ``"snags ,"`` and ``"year s"`` against ``"snags,"`` and ``"years"``).
    Node extents are computed recursively: a segment covers itself; a ``span`` group covers its ``span`` child;
    a ``multinuc`` group covers its children joined by a multinuclear relation; a node's *extent* adds the
    extents of the satellites attached to it.  A relation's content is the nucleus node without its own
    satellites; its source is the satellite's extent.  EDU ranges are contiguous in this data; a non-contiguous
    range would be replaced by its hull.

    Spans are trimmed (see :func:`_trim_content` / :func:`_trim_source`): whitespace and trailing ``,;:``
    from both; additionally, for sources, leading/trailing dashes and a sentence-final ``.`` (kept after an
    abbreviation such as ``U.S.``).

    Raises ``FileNotFoundError`` when ``rst_rs4/`` or a text file is missing, and ``ValueError`` naming the
    document when the XML is malformed, a parent reference is dangling or cyclic, or the EDUs do not align.
    """
    rs4_dir = folder / "rst_rs4"
    if not rs4_dir.is_dir():
        raise FileNotFoundError(f"{rs4_dir}: no such folder (expected the GUM Wikinews data)")
    documents = []
    for rs4 in sorted(rs4_dir.glob("*.rs4")):
        doc_id = rs4.stem
        text = (folder / "text" / f"{doc_id}.txt").read_bytes().decode("utf-8")
        documents.append(GumDocument(doc_id, text, _read_attributions(doc_id, rs4, text)))
    return documents


class _Tree:
    """The primary RST tree of one rs4 file: nodes, children, relation types, EDU order."""

    def __init__(self, doc_id: str, path: Path) -> None:
        self.doc_id = doc_id
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as exc:
            raise ValueError(f"{doc_id}: cannot parse {path.name}: {exc}") from exc
        self.reltypes = {rel.get("name", ""): rel.get("type", "") for rel in root.iterfind("./header/relations/rel")}
        self.segments = root.findall("./body/segment")
        self.nodes: dict[str, ET.Element] = {}
        for node in [*self.segments, *root.findall("./body/group")]:
            node_id = node.get("id")
            if node_id is None or node_id in self.nodes:
                raise ValueError(f"{doc_id}: missing or duplicate node id {node_id!r}")
            self.nodes[node_id] = node
        self.edu_index = {seg.get("id", ""): i for i, seg in enumerate(self.segments)}
        self.children: dict[str, list[ET.Element]] = {}
        for node in self.nodes.values():
            parent = node.get("parent")
            if parent is None:
                continue
            if parent not in self.nodes:
                raise ValueError(f"{doc_id}: node {node.get('id')} has unknown parent {parent}")
            self.children.setdefault(parent, []).append(node)
        self._cover: dict[str, frozenset[int]] = {}
        self._extent: dict[str, frozenset[int]] = {}
        self._active: set[str] = set()

    def is_satellite(self, node: ET.Element) -> bool:
        return self.reltypes.get(node.get("relname", "")) == "rst"

    def cover(self, node_id: str) -> frozenset[int]:
        """EDUs of the node itself, without the satellites attached to it."""
        if node_id in self._cover:
            return self._cover[node_id]
        self._enter(node_id)
        node = self.nodes[node_id]
        edus: set[int] = set()
        if node.tag == "segment":
            edus.add(self.edu_index[node_id])
        else:
            kind = node.get("type")
            for child in self.children.get(node_id, []):
                relname = child.get("relname", "")
                if (kind == "span" and relname == "span") or (
                    kind == "multinuc" and self.reltypes.get(relname) == "multinuc"
                ):
                    edus |= self.extent(child.get("id", ""))
        self._active.discard(node_id)
        self._cover[node_id] = frozenset(edus)
        return self._cover[node_id]

    def extent(self, node_id: str) -> frozenset[int]:
        """EDUs of the node plus everything attached to it as a satellite."""
        if node_id in self._extent:
            return self._extent[node_id]
        edus = set(self.cover(node_id))
        self._enter(node_id)
        for child in self.children.get(node_id, []):
            if self.is_satellite(child):
                edus |= self.extent(child.get("id", ""))
        self._active.discard(node_id)
        self._extent[node_id] = frozenset(edus)
        return self._extent[node_id]

    def _enter(self, node_id: str) -> None:
        if node_id in self._active:
            raise ValueError(f"{self.doc_id}: cycle in the RST tree at node {node_id}")
        self._active.add(node_id)


def _align_edus(doc_id: str, segments: Sequence[ET.Element], text: str) -> list[Span]:
    """Character span of each EDU, matching non-whitespace characters in order; whitespace may differ freely."""
    spans: list[Span] = []
    pos = 0
    for seg in segments:
        chars = "".join((seg.text or "").split())
        start = -1
        for char in chars:
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if pos >= len(text) or text[pos] != char:
                found = repr(text[pos : pos + 20]) if pos < len(text) else "end of text"
                raise ValueError(
                    f"{doc_id}: cannot align EDU {seg.get('id')} ({seg.text!r}) at offset {pos}: "
                    f"expected {char!r}, found {found}"
                )
            if start < 0:
                start = pos
            pos += 1
        spans.append((start, pos) if start >= 0 else (pos, pos))
    return spans


def _read_attributions(doc_id: str, path: Path, text: str) -> tuple[GoldAttribution, ...]:
    tree = _Tree(doc_id, path)
    edu_spans = _align_edus(doc_id, tree.segments, text)

    def char_span(edus: frozenset[int]) -> Span | None:
        if not edus:
            return None
        return edu_spans[min(edus)][0], edu_spans[max(edus)][1]

    found = []
    for node in tree.nodes.values():
        relname = node.get("relname", "")
        if not relname.startswith("attribution") or not tree.is_satellite(node):
            continue
        content = char_span(tree.cover(node.get("parent", "")))
        if content is None:
            raise ValueError(f"{doc_id}: attribution nucleus {node.get('parent')} covers no EDU")
        source = char_span(tree.extent(node.get("id", "")))
        found.append(
            GoldAttribution(
                content=_trim_content(text, content),
                source=None if source is None else _trim_source(text, source),
                relation=relname,
            )
        )
    found.sort(key=lambda a: (a.content, a.source or (-1, -1)))
    return tuple(found)


def _trim_content(text: str, span: Span) -> Span:
    """Whitespace, then trailing clause separators (``,;:``); quotes, ``.``, ``?``, ``!`` are kept."""
    start, end = trim_span(text, span)
    while end > start and (text[end - 1] in _TRAILING_SEPARATORS or text[end - 1].isspace()):
        end -= 1
    return start, end


def _trim_source(text: str, span: Span) -> Span:
    """As :func:`_trim_content`, plus dashes at either end and a final ``.`` unless it ends an abbreviation."""
    start, end = _trim_content(text, span)
    while True:
        before = (start, end)
        while start < end and (text[start] in _DASHES or text[start].isspace()):
            start += 1
        while end > start and (text[end - 1] in _DASHES + _TRAILING_SEPARATORS or text[end - 1].isspace()):
            end -= 1
        if end > start and text[end - 1] == ".":
            last_word = text[start : end - 1].split()[-1] if text[start : end - 1].split() else ""
            if "." not in last_word:  # "Mohib." -> "Mohib", but "U.S." and "D.C." stay whole
                end -= 1
        if (start, end) == before:
            return start, end


# --------------------------------------------------------------------------------------------------- scorers


def trim_span(text: str, span: Span) -> Span:
    """Shrink ``span`` so it neither starts nor ends with whitespace (an all-space span becomes empty)."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def span_prf(
    pred: Sequence[Span], gold: Sequence[Span], mode: str = "overlap", *, text: str | None = None
) -> tuple[float, float, float]:
    """Precision, recall and F1 of predicted spans against gold spans of one document.

    Spans are ``(start, end)`` character offsets, end exclusive.  Before scoring, on both sides: when ``text``
    is given, each span is trimmed of surrounding whitespace (:func:`trim_span`); empty spans are dropped;
    identical spans are counted once (a system cannot gain or lose score by repeating a span).

    Modes:

    ``"exact"``
        A predicted span is correct if it is identical to a gold span; a gold span is found if some prediction
        is identical to it.  P = correct / predicted, R = found / gold.
    ``"overlap"``
        The loose hit-based match: a predicted span is correct if it shares at least one character with some
        gold span; recall likewise for gold spans.  Touching spans (``(0, 5)`` and ``(5, 9)``) do not overlap.
        Note on BBC Citron (github.com/bbc/citron, ``citron/metrics.py`` and ``scripts/evaluate/README.md``):
        its "overlap metrics" are *not* this hit count but token-weighted -- P = sum of overlapping tokens over
        all predicted x gold pairs / total predicted tokens, R = the same sum / total gold tokens (it also tests
        overlap as ``start1 <= end2 and end1 > start2``, which counts touching spans).  Citron's numbers are
        therefore closer to ``"proportional"`` than to this mode; compare with care.
    ``"proportional"``
        SemEval-2020 Task 11 span identification (Da San Martino et al. 2020): overlapping spans on each side
        are first merged, as in that task's scorer, then P = (sum over predicted s, gold t of
        |s & t| / |s|) / number of predicted spans and R = (sum over s, t of |s & t| / |t|) / number of gold
        spans.  After merging, each span's contribution is at most 1.

    F1 is the harmonic mean of P and R, 0 when both are 0.  Empty cases never divide by zero: P = 0 with no
    predictions, R = 0 with no gold, so no predictions and no gold gives ``(0.0, 0.0, 0.0)``; use
    :func:`corpus_prf` to keep the counts.  Raises ``ValueError`` for an unknown mode or an invalid span
    (negative, start > end, or past the end of ``text``).
    """
    p_sum, n_pred, r_sum, n_gold = _score(pred, gold, mode, text)
    return _prf(p_sum, n_pred, r_sum, n_gold)


def corpus_prf(
    pairs: Iterable[tuple[Sequence[Span], Sequence[Span]]],
    mode: str = "overlap",
    *,
    texts: Iterable[str] | None = None,
) -> PRF:
    """Micro-averaged scores over documents: ``pairs`` yields ``(predicted, gold)`` spans per document.

    Each document is normalised and matched exactly as in :func:`span_prf` (spans never match across
    documents); the per-span credits and the span counts are summed over all documents before dividing, so
    documents with many spans weigh more.  ``texts``, if given, holds each document's text in the same order,
    for whitespace trimming; its length must match ``pairs``.  With no predictions and no gold anywhere every
    score is 0 and ``n_pred`` / ``n_gold`` are 0.
    """
    p_total = r_total = 0.0
    pred_total = gold_total = 0
    pair_list = list(pairs)
    text_list: list[str | None] = [None] * len(pair_list) if texts is None else list(texts)
    if len(text_list) != len(pair_list):
        raise ValueError(f"corpus_prf: {len(pair_list)} documents but {len(text_list)} texts")
    for (pred, gold), text in zip(pair_list, text_list, strict=True):
        p_sum, n_pred, r_sum, n_gold = _score(pred, gold, mode, text)
        p_total += p_sum
        r_total += r_sum
        pred_total += n_pred
        gold_total += n_gold
    precision, recall, f1 = _prf(p_total, pred_total, r_total, gold_total)
    return PRF(precision, recall, f1, pred_total, gold_total)


def _prf(p_sum: float, n_pred: int, r_sum: float, n_gold: int) -> tuple[float, float, float]:
    precision = p_sum / n_pred if n_pred else 0.0
    recall = r_sum / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return precision, recall, f1


def _score(pred: Sequence[Span], gold: Sequence[Span], mode: str, text: str | None) -> tuple[float, int, float, int]:
    """Credit summed over predicted spans, their count, credit summed over gold spans, their count."""
    if mode not in MODES:
        raise ValueError(f"unknown scoring mode {mode!r}; expected one of {', '.join(MODES)}")
    preds = _normalise(pred, text)
    golds = _normalise(gold, text)
    if mode == "proportional":
        preds, golds = _merge(preds), _merge(golds)
        p_sum = sum(_overlap(s, t) / (s[1] - s[0]) for s in preds for t in golds)
        r_sum = sum(_overlap(s, t) / (t[1] - t[0]) for s in preds for t in golds)
        return p_sum, len(preds), r_sum, len(golds)
    if mode == "exact":
        gold_set, pred_set = set(golds), set(preds)
        return float(len(pred_set & gold_set)), len(preds), float(len(gold_set & pred_set)), len(golds)
    hit_p = sum(1 for s in preds if any(_overlap(s, t) > 0 for t in golds))
    hit_g = sum(1 for t in golds if any(_overlap(s, t) > 0 for s in preds))
    return float(hit_p), len(preds), float(hit_g), len(golds)


def _normalise(spans: Sequence[Span], text: str | None) -> list[Span]:
    out: set[Span] = set()
    for span in spans:
        start, end = span
        if start < 0 or start > end or (text is not None and end > len(text)):
            raise ValueError(f"invalid span {span!r}")
        if text is not None:
            start, end = trim_span(text, (start, end))
        if end > start:
            out.add((start, end))
    return sorted(out)


def _merge(spans: list[Span]) -> list[Span]:
    """Merge overlapping spans of a sorted list (touching spans stay separate)."""
    merged: list[Span] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))
