"""Quotations, their sources, and whose voice each sentence is (``quotes.rules.v1``).

Adds five layers:

* ``quotes`` (spans): inline quotations (:mod:`.quote_marks`) and block
  quotations, each with ``kind``, ``source_id``, ``cue`` (the lead-in or the
  reporting verb), ``parent_id`` (the quote it sits in) and ``phrase`` (a
  scare quote or quoted phrase of at most four words);
* ``sources`` (groups): who or what is quoted, with ``kind``, every mention,
  and ``grade`` (Admiralty reliability from the user's source profiles; F,
  "cannot be judged", when none is given);
* ``paraphrases`` (spans): lines in which the author lays out someone else's
  reasoning without quoting it ("Her argument ran like this, step by step:");
* ``voice`` (spans): every sentence as ``author``, ``quoted`` or
  ``attributed`` (to a source);
* ``findings`` (groups): ``source_discredited`` where the author labels or
  doubts a source at its mention.

**Block quotes.** A paragraph whose last sentence ends with a colon and has
at most 30 words is a lead-in.  What follows it is:

* a *paraphrase* when the lead-in speaks of someone's reasoning (argument,
  reasoning, logic, thesis, "step by step", "like this", "boils down to"):
  the following list items or short lines (at most 25 words) are attributed
  to the lead-in's subject, not quoted;
* *not a quote* when the lead-in announces a list ("the following", "these
  are") or is followed by list items without a reporting cue, or by a
  heading;
* otherwise a *block quote* of the next paragraph.  It goes on over
  further paragraphs only when the lead-in says so ("at length", "in full",
  "excerpt") or a paragraph visibly continues (opens with "…", "[…]" or a
  lower-case letter), and never past the point where the author resumes: a
  new lead-in, a heading or list item, first-person singular commentary
  ("I", "my"), a question or "you" addressed to the reader, a sentence
  naming the quoted source itself ("The Ledger is hardly a friend …"), or an
  author connective ("In other words", "So,", "This means"); at most 10
  paragraphs.  Markdown ``>`` paragraphs are block quotes too.
* an *excerpt* when the lead-in cites an article by its quoted title and
  byline ("“Title,” by Writer, Outlet, Date:"): it runs, in the writer's
  voice, however many lines it has, up to boilerplate ("Article posted with
  permission"), a new citation, a heading, or a line ending in an ellipsis;
  quotations inside it keep their own speakers.

**Sources of a lead-in**: "according to X", the subject of the lead-in's verb
("as Le Monde reported"), X in "we read in X" / "From X", or the name in
"Again, X:".  A lead-in without one ("We go on:", "Again:") carries the
previous block's source forward.

**Speakers of inline quotes**: the subject of the nearest reporting verb
outside the quote in its sentence ("…,” she said), "according to X", or a
colon lead ("She added: “…”").  Pronouns resolve to the latest person named
before them; "the paper", "the agency", "the report" to the latest source of
that kind.  Quoted phrases get a speaker only from a verb of saying or
naming whose clause holds them ("called the bombers “lone fanatics”").  A
quote with none runs on from the quote before it (same paragraph, or the
paragraph before when it opens its own with a whole sentence), or is signed
by a next line that is only a person's name ("Dave Weigel.").

Limits: rules, not a trained model; no cross-sentence speaker search beyond
colon leads, "he said" tails, run-on quotes and signature lines; nested
quotes inherit no speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..document import Document, Group, Span
from ..ingest.paragraphs import strip_span
from ..layers import LayerSpec, object_list
from ..pipeline import Component
from .findings_layer import FINDINGS
from .quote_blocks import Block, BlockRules
from .quote_grammar import (
    ACCUSING_VERBS,
    CLAIM_XCOMP,
    DESCRIBING_VERBS,
    FINDING_VERBS,
    REPORTING_VERBS,
    UNNAMED_ACCUSERS,
    Parse,
    Source,
    Sources,
    accusation,
    accusation_extent,
    described_as,
    made_accusation,
    nominal_report,
    parenthetical_report,
    spans_by_sentence,
    trailing_speaker,
    unnamed_accusation,
    verbal,
)
from .quote_marks import MarkedQuote, find_inline_quotes, is_short_phrase
from .relation_args import relative_report
from .source_rules import SourceProfiles, find_discrediting, load_source_profiles

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["ACCUSING_VERBS", "REPORTING_VERBS", "RuleQuotes"]


_QUOTES_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "allOf": [{"$ref": "#/$defs/located"}],
        "type": "object",
        "required": ["id", "start", "end", "kind", "source_id"],
        "properties": {
            "id": {"type": "string"},
            "kind": {"enum": ["inline", "block"]},
            "source_id": {
                "type": ["string", "null"],
                "description": "id in `sources` of who or what the quote is attributed to",
            },
            "cue": {
                "oneOf": [{"type": "null"}, {"$ref": "#/$defs/located"}],
                "description": "the lead-in or reporting verb, e.g. 'According to the Wall Street Journal'",
            },
            "parent_id": {"type": ["string", "null"], "description": "the quote this one is nested in"},
        },
    },
}

_SOURCES_SCHEMA = object_list(
    ["id", "name", "kind", "mentions"],
    {
        "id": {"type": "string"},
        "name": {"type": "string", "description": "canonical name, e.g. 'The Wall Street Journal'"},
        "kind": {"enum": ["person", "organization", "outlet", "document", "official", "unnamed", "other"]},
        "mentions": {"type": "array", "items": {"$ref": "#/$defs/span"}},
        "grade": {
            "type": ["object", "null"],
            "properties": {
                "reliability": {"enum": ["A", "B", "C", "D", "E", "F"]},
                "credibility": {"enum": ["1", "2", "3", "4", "5", "6"]},
            },
        },
    },
)


def _voice_records(doc: Document) -> list[Any]:
    return [{"start": s.start, "end": s.end, "voice": s.label, **s.attrs} for s in doc.spans("voice")]


class RuleQuotes(BlockRules, Component):
    """Rule-based quotations, sources, paraphrases and voice."""

    name = "quotes.rules.v1"
    requires = ("parse", "sentences", "paragraphs", "entities", "entity_mentions")
    assigns = ("quotes", "sources", "paraphrases", "reported", "voice", "findings")
    layers = (
        LayerSpec("voice", "Voice", "#efe7da", order=20, on_by_default=True, serialize=_voice_records),
        LayerSpec("quotes", "Quotes", "#fff1c2", order=40, on_by_default=True, schema=_QUOTES_SCHEMA),
        LayerSpec("sources", "Sources", "#e6dcff", order=50, on_by_default=True, schema=_SOURCES_SCHEMA),
        FINDINGS,
    )
    settings = ("sources", "perspective")

    def __init__(self, sources: str | Path | None = None, perspective: str | None = None) -> None:
        self.sources = sources
        self.perspective = perspective
        self._profiles: SourceProfiles | None = None

    def validate(self) -> None:
        self.profiles  # noqa: B018 - reads the file once; a bad file or perspective fails here

    @property
    def profiles(self) -> SourceProfiles:
        if self._profiles is None:
            self._profiles = load_source_profiles(self.sources)
            if self.perspective is not None:
                self._profiles.perspective(self.perspective)  # fails early on an unknown id
        return self._profiles

    # -- the component ------------------------------------------------------
    def __call__(self, doc: Document) -> None:
        text = doc.text
        parse = Parse(doc)
        table = Sources(doc)
        blocks, paraphrases = self._blocks(doc, table, parse)
        blocks += self._turns(doc, table, [*blocks, *paraphrases])
        paragraphs = [(s.start, s.end) for s in doc.spans("paragraphs")]
        marked = find_inline_quotes(text, paragraphs)
        tweets = self._tweets(text, table, parse, [*blocks, *paraphrases], marked)
        blocks = sorted([*blocks, *tweets], key=lambda b: b.start)
        records = self._records(text, table, parse, blocks, marked, paragraphs)
        quotes = self._quote_spans(text, records)
        reported = self._reported_speech(doc, table, parse, records, blocks, paraphrases)
        findings = self._discrediting(doc, table, parse, records)
        table.finish()
        sources = self._source_groups(table)
        para_spans = self._paraphrase_spans(text, paraphrases)
        doc.add_spans("quotes", quotes, component=self.name)
        doc.add_groups("sources", sources, component=self.name)
        doc.add_spans("paraphrases", para_spans, component=self.name)
        doc.add_spans("reported", reported, component=self.name)
        doc.add_spans("voice", self._voice(doc, quotes, [*para_spans, *reported]), component=self.name)
        doc.add_groups("findings", findings, component=self.name)

    def _records(
        self,
        text: str,
        table: Sources,
        parse: Parse,
        blocks: Sequence[Block],
        marked: Sequence[MarkedQuote],
        paragraphs: Sequence[tuple[int, int]],
    ) -> list[dict[str, Any]]:
        """One record per quotation, blocks and inline quotations (with their speakers), by position, with ids."""
        records: list[dict[str, Any]] = []
        for b in blocks:
            records.append(
                {
                    "start": b.start,
                    "end": b.end,
                    "kind": "block",
                    "source_id": b.source_id,
                    "cue": b.cue if b.cue[0] < b.cue[1] else None,
                    "phrase": False,
                }
            )
        for q in marked:
            # Marks around a whole block paragraph are the block's own.
            if any(
                b.start <= q.open_at and q.close_at < b.end and (q.end - q.start) >= 0.9 * (b.end - b.start)
                for b in blocks
            ):
                continue
            phrase = is_short_phrase(text[q.start : q.end])
            src, cue = self._inline_speaker(text, table, parse, q.start, q.end, q.open_at, q.close_at, phrase)
            records.append(
                {
                    "start": q.start,
                    "end": q.end,
                    "kind": "inline",
                    "source_id": src.id if src else None,
                    "cue": cue,
                    "phrase": phrase,
                    "mark_start": q.open_at,
                    "mark_end": q.close_at + 1,
                }
            )
        records.sort(key=lambda r: (r["start"], -r["end"]))
        self._continue_speakers(text, records, paragraphs)
        for n, r in enumerate(records, 1):
            r["id"] = f"Q{n}"
        return records

    def _quote_spans(self, text: str, records: Sequence[dict[str, Any]]) -> list[Span]:
        """The ``quotes`` layer: each record with its cue and the smallest quotation it sits in."""
        quotes: list[Span] = []
        for r in records:
            parents = [
                p
                for p in records
                if p is not r
                and p["start"] <= r["start"]
                and r["end"] <= p["end"]
                and (p["end"] - p["start"]) > (r["end"] - r["start"])
            ]
            parent = min(parents, key=lambda p: p["end"] - p["start"]) if parents else None
            cue = r["cue"]
            quotes.append(
                Span(
                    r["start"],
                    r["end"],
                    r["kind"],
                    self.name,
                    id=r["id"],
                    attrs={
                        "kind": r["kind"],
                        "source_id": r["source_id"],
                        "cue": {"start": cue[0], "end": cue[1], "text": text[cue[0] : cue[1]]} if cue else None,
                        "parent_id": parent["id"] if parent else None,
                        "phrase": r["phrase"],
                    },
                )
            )
        return quotes

    def _source_groups(self, table: Sources) -> list[Group]:
        """The ``sources`` layer: each source with its mentions and its grade under the chosen perspective."""
        return [
            Group(
                id=s.id,
                label=s.kind,
                name=s.name,
                component=self.name,
                spans=tuple(s.mentions),
                attrs={
                    "kind": s.kind,
                    "entity_id": s.entity_id,
                    "grade": {"reliability": self.profiles.reliability(s.name, perspective=self.perspective)},
                    "framing": s.framing,
                },
            )
            for s in table.items
        ]

    def _paraphrase_spans(self, text: str, paraphrases: Sequence[Block]) -> list[Span]:
        return [
            Span(
                b.start,
                b.end,
                "paraphrase",
                self.name,
                id=f"A{n}",
                attrs={
                    "source_id": b.source_id,
                    "cue": {"start": b.cue[0], "end": b.cue[1], "text": text[b.cue[0] : b.cue[1]]},
                },
            )
            for n, b in enumerate(paraphrases, 1)
        ]

    def _reported_speech(
        self,
        doc: Document,
        table: Sources,
        parse: Parse,
        records: Sequence[dict[str, Any]],
        blocks: Sequence[Block],
        paraphrases: Sequence[Block],
    ) -> list[Span]:
        """Indirect speech: "X said (that) …", "According to X, …" outside quotations.

        The reported clause is the content (the verb's clausal complement, without
        "that"); the speaker is the verb's subject, or X of "according to X".
        """
        text = doc.text
        # A short quoted phrase inside a reported clause is part of it ('X said he is concerned about the "serious
        # health incident" that …'); a full quotation or a block is reported already.
        taken = [
            (r.get("mark_start", r["start"]), r.get("mark_end", r["end"]))
            for r in records
            if not r["phrase"] and r["kind"] != "block"
        ]
        # Inside a block quote a speaker may report someone else ("The caller reported she was assaulted by X" in
        # a tweet): that clause is the inner speaker's, so blocks do not stop reported speech; paraphrases do.
        taken += [(b.start, b.end) for b in paraphrases]
        out: list[Span] = []
        for sent_span in doc.spans("sentences"):
            if any(a <= sent_span.start and sent_span.end <= b for a, b in taken):
                continue
            sent = parse.span(sent_span.start, sent_span.end)
            if sent is None:
                continue
            offset = parse.offset_of(sent[0])
            found, unnamed = self._verb_reports(text, table, parse, sent, offset)
            according = self._according_to(text, table, parse, sent, None) if unnamed and not found else None
            for start, end, tok in unnamed if according is None or according[0] is None else ():
                # "X has been accused of Y" with no accuser named: the accusation is someone's, not the writer's
                # finding, unless the sentence reports it from a named speaker already ("…, X said"; "According
                # to X, …")
                cue = (offset + tok.idx, offset + tok.idx + len(tok.text))
                if not any(a <= cue[0] < b for a, b, _, _ in found):
                    found.append((start, end, table.add(UNNAMED_ACCUSERS, "unnamed", cue, None), cue))
            if not found:
                acc = self._according_to(text, table, parse, sent, None)
                if acc is not None and acc[0] is not None:
                    cue = acc[1]
                    # "According to X, …" reports what follows; "…, according to X" what precedes.
                    before = text[sent_span.start : cue[0]].strip(" ,;:")
                    start, end = (cue[1], sent_span.end) if not before else (sent_span.start, cue[0])
                    found.append((start, end, acc[0], cue))
            for start, end, src, cue in found:
                start, end = strip_span(text, start, end)
                while end > start and text[end - 1] in ".,;:":
                    end -= 1
                while start < end and text[start] in ",;: ":
                    start += 1  # "According to X, …": what they said starts after the comma
                if start >= end or any(a < end and start < b for a, b in taken):
                    continue
                out.append(
                    Span(
                        start,
                        end,
                        "reported",
                        self.name,
                        id=f"R{len(out) + 1}",
                        attrs={
                            "source_id": src.id if src else None,
                            "cue": {"start": cue[0], "end": cue[1], "text": text[cue[0] : cue[1]]},
                        },
                    )
                )
        return out

    def _verb_reports(
        self, text: str, table: Sources, parse: Parse, sent: SpacySpan, offset: int
    ) -> tuple[list[tuple[int, int, Source | None, tuple[int, int]]], list[tuple[int, int, Token]]]:
        """What the sentence's verbs report, with their speakers: accusations ("X blamed A on B"), the clauses
        of reporting and finding verbs; and accusations with no accuser named, apart."""
        found: list[tuple[int, int, Source | None, tuple[int, int]]] = []
        unnamed: list[tuple[int, int, Token]] = []
        for tok in sent:
            made = made_accusation(tok) if tok.pos_ == "NOUN" else None
            if made is not None:
                # "made abuse accusations against X": the maker's accusation, or one of people the text leaves
                # unnamed; never the writer's finding
                start, end = offset + tok.left_edge.idx, offset + tok.right_edge.idx + len(tok.right_edge.text)
                maker, by = made
                src = self._speaker_of_verb(text, table, parse, maker)[0] if maker is not None else None
                if src is None and by is not None:
                    head, s0, e0 = self._np_extent(by)
                    src = self._source_from_np(text, table, parse, offset + s0, offset + e0, head)
                if src is None:
                    unnamed.append((start, end, tok))
                else:
                    found.append((start, end, src, (offset + tok.idx, offset + tok.idx + len(tok.text))))
                continue
            if not verbal(tok) or tok.pos_ == "AUX":
                continue
            if accusation(tok):
                # "X blamed A on B", "X accused Y of Z": the accusation is X's, reported by the author.
                sub = list(tok.subtree)
                start = offset + tok.idx
                end = offset + sub[-1].idx + len(sub[-1].text)
                src, cue = self._speaker_of_verb(text, table, parse, tok)
                if src is not None:
                    found.append((start, end, src, cue))
                continue
            lemma = tok.lemma_.lower()
            if lemma == "accuse" and unnamed_accusation(tok):
                first, last = accusation_extent(tok)
                unnamed.append((offset + first.idx, offset + last.idx + len(last.text), tok))
                continue
            held = nominal_report(tok)  # "came to the conclusion that …"
            if not (held or lemma in REPORTING_VERBS or lemma in FINDING_VERBS or lemma in DESCRIBING_VERBS):
                continue
            describing = lemma in DESCRIBING_VERBS and lemma not in REPORTING_VERBS and lemma not in FINDING_VERBS
            comp = [c for c in tok.children if c.dep_ == "ccomp"] if not describing else []
            if not comp and (lemma in CLAIM_XCOMP or relative_report(tok)):
                comp = [c for c in tok.children if c.dep_ == "xcomp"]
            if not comp and lemma in DESCRIBING_VERBS:
                comp = described_as(tok)
            comp = comp or (parenthetical_report(tok) if lemma in REPORTING_VERBS else []) or held
            if not comp:
                continue
            sub = list(comp[0].subtree)
            first = next((t for t in sub if not (t.dep_ == "mark" and t.lower_ in ("that", "whether"))), sub[0])
            start, end = offset + first.idx, offset + sub[-1].idx + len(sub[-1].text)
            trailing = None if any(c.dep_ == "nsubj" for c in tok.children) else trailing_speaker(tok)
            if trailing is not None:  # the speaker the parser hung inside the clause is not what they said
                end = min(end, offset + trailing.left_edge.idx)
            src, cue = self._speaker_of_verb(text, table, parse, tok)
            if src is not None:
                found.append((start, end, src, cue))
        return found, unnamed

    def _voice(self, doc: Document, quotes: Sequence[Span], attributed: Sequence[Span]) -> list[Span]:
        text = doc.text
        out = []
        real = [q for q in quotes if not q.attrs.get("phrase") and q.attrs.get("parent_id") is None]
        sentences = sorted(doc.spans("sentences"), key=lambda s: s.start)
        near_attributed, near_real = spans_by_sentence(sentences, attributed), spans_by_sentence(sentences, real)
        for s, attributed_here, real_here in zip(sentences, near_attributed, near_real, strict=True):
            voice, source = "author", None
            # Attributed: inside paraphrased reasoning, or at least half reported speech.
            para = next(
                (
                    p
                    for p in attributed_here
                    if (p.start <= s.start and s.end <= p.end)
                    or (p.label == "reported" and 2 * (min(s.end, p.end) - max(s.start, p.start)) >= s.end - s.start)
                ),
                None,
            )
            if para is not None:
                voice, source = "attributed", para.attrs.get("source_id")
            else:
                # Quoted: a quotation fills at least half the sentence, or a quarter
                # when the rest is its own attribution ("…,” said X).
                size = sum(1 for c in text[s.start : s.end] if not c.isspace()) or 1
                best, cover = None, 0
                for q in real_here:
                    a, b = max(s.start, q.start), min(s.end, q.end)
                    if a < b:
                        n = sum(1 for c in text[a:b] if not c.isspace())
                        if n > cover:
                            best, cover = q, n
                cue = best.attrs.get("cue") if best is not None else None
                cue_here = bool(cue) and s.start <= cue["start"] < s.end  # type: ignore[index]
                if best is not None and (cover / size >= 0.5 or (cue_here and cover / size >= 0.25)):
                    voice, source = "quoted", best.attrs.get("source_id")
            out.append(Span(s.start, s.end, voice, self.name, attrs={"source_id": source}))
        return out

    def _discrediting(
        self, doc: Document, table: Sources, parse: Parse, records: Sequence[dict[str, Any]]
    ) -> list[Group]:
        text = doc.text
        quoted = [(r.get("mark_start", r["start"]), r.get("mark_end", r["end"])) for r in records]
        findings: list[Group] = []
        for sent in doc.spans("sentences"):
            for a, b in find_discrediting(text, sent.start, sent.end):
                if any(qa <= a < qb for qa, qb in quoted):
                    continue  # someone else's words, not the author's label
                words = self._phrase_around(text, sent.start, sent.end, a, b)
                target = self._target(text, table, parse, sent.start, sent.end, a, words)
                if target is None:
                    continue
                src, mention = target
                src.framing.append(text[words[0] : words[1]])
                findings.append(
                    Group(
                        id=f"F{len(findings) + 1}",
                        label="source_discredited",
                        name=f"The author labels or doubts {src.name}: “{text[words[0] : words[1]]}”",
                        component=self.name,
                        spans=(mention, words),
                        attrs={"severity": "warning", "source_id": src.id, "words": text[words[0] : words[1]]},
                    )
                )
        return findings

    def _target(
        self, text: str, table: Sources, parse: Parse, s_start: int, s_end: int, at: int, words: tuple[int, int]
    ) -> tuple[Source, tuple[int, int]] | None:
        """The source a discrediting phrase at ``at`` describes: the nearest mention before it
        (within 150 characters) or after it (within 60), among sources and organisation or
        person entities, outside the phrase itself."""
        by_parse = self._target_by_parse(text, table, parse, words)
        if by_parse is not None:
            return by_parse
        cands: list[tuple[int, tuple[int, int], Source | None, str | None]] = []
        for s in table.items:
            for m in s.mentions:
                if s_start <= m[0] < s_end:
                    cands.append((self._distance(m, at), m, s, None))
        for em in table.mentions:
            if s_start <= em.start < s_end and em.label in ("ORG", "PERSON"):
                where = (em.start, em.end)
                cands.append((self._distance(where, at), where, None, str(em.attrs["entity_id"])))
        # A name inside the phrase ("the house organ of the X service") is not its target.
        cands = [c for c in cands if c[0] < 10_000 and not (words[0] <= c[1][0] < words[1])]
        if not cands:
            return None
        _, mention, src, _ = min(cands, key=lambda c: c[0])
        if src is None:
            sp = parse.span(*mention)
            head = sp.root if sp is not None else None
            src = self._source_from_np(text, table, parse, mention[0], mention[1], head)
            if src is None:
                return None
        return src, mention

    def _target_by_parse(
        self, text: str, table: Sources, parse: Parse, words: tuple[int, int]
    ) -> tuple[Source, tuple[int, int]] | None:
        """The noun a discrediting phrase hangs on: the head of an apposition or relative
        clause ("X, a paid mouthpiece, …"), or the subject of the verb an aside modifies
        ("X, if that outlet can be believed, says …")."""
        sp = parse.span(*words)
        if sp is None:
            return None
        tok = sp.root
        sent = tok.sent
        while tok.dep_ not in ("appos", "relcl", "acl", "advcl", "parataxis") and tok.head.i != tok.i:
            if not (sent.start <= tok.head.i < sent.end):
                return None
            tok = tok.head
        target = None
        if tok.dep_ in ("appos", "relcl", "acl") and tok.head.pos_ in ("PROPN", "NOUN"):
            target = tok.head
        elif tok.dep_ in ("advcl", "parataxis"):
            target = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if target is None or target.pos_ not in ("PROPN", "NOUN"):
            return None
        head, s, e = self._np_extent(target)
        offset = parse.offset_of(target)
        src = self._source_from_np(text, table, parse, offset + s, offset + e, head)
        return (src, strip_span(text, offset + s, offset + e)) if src is not None else None

    @staticmethod
    def _distance(mention: tuple[int, int], at: int) -> int:
        if mention[1] <= at:
            d = at - mention[1]
            return d if d <= 150 else 10_000
        d = mention[0] - at
        return d + 1 if 0 <= d <= 60 else 10_000

    @staticmethod
    def _phrase_around(text: str, s_start: int, s_end: int, a: int, b: int) -> tuple[int, int]:
        """Widen the matched words to their clause (up to a comma or dash)."""
        left = max(text.rfind(",", s_start, a), text.rfind("—", s_start, a), text.rfind("(", s_start, a))
        left = left + 1 if left >= 0 else a
        rights = [i for i in (text.find(",", b, s_end), text.find("—", b, s_end), text.find(")", b, s_end)) if i >= 0]
        right = min(rights) if rights else b
        if right - left > 120:
            left, right = a, b
        return strip_span(text, left, right)
