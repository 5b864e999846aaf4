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
naming whose clause holds them ("called the bombers “lone fanatics”").

Limits: rules, not a trained model; no cross-sentence speaker search beyond
colon leads; nested quotes inherit no speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..document import Document, Group, Span
from ..ingest.paragraphs import strip_span
from ..pipeline import Component
from .aliases import display_name, normalise, same_name
from .quote_grammar import (
    ACCUSING_VERBS,
    ANAPHOR_KIND,
    CLAIM_XCOMP,
    FINDING_VERBS,
    FIRST_PERSON,
    NOBODY,
    PERSON_PRONOUNS,
    REPORTING_VERBS,
    THING_PRONOUNS,
    UNNAMED_ACCUSERS,
    Parse,
    Source,
    Sources,
    accusation,
    accusation_extent,
    description_key,
    hyphen_last,
    noun_verb_subject,
    np_left,
    trailing_speaker,
    under_relcl,
    unnamed_accusation,
    verbal,
)
from .quote_marks import find_inline_quotes, is_short_phrase
from .source_rules import SourceProfiles, find_discrediting, kind_of, load_source_profiles

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["ACCUSING_VERBS", "REPORTING_VERBS", "RuleQuotes"]


_PARAPHRASE_CUE = re.compile(
    r"\b(?:argument|arguments|reasoning|logic|thesis|step by step|like this|like so|boils down|"
    r"line of (?:argument|reasoning|thought))\b",
    re.IGNORECASE,
)
_LIST_CUE = re.compile(r"\b(?:the following|these are|these were|as follows|include|includes|including)\b", re.I)
_QUOTE_CUE = re.compile(
    r"\b(?:according to|reported|reports|wrote|writes|said|says|reads|read in|we read|quoted|quote|"
    r"continues|goes on|go on|sums|put it|puts it|stated|states|noted|notes|thus|again)\b",
    re.IGNORECASE,
)
_CONTINUES = re.compile(r"^\s*(?:…|\.\.\.|\[…\]|\[\.\.\.\]|\(…\)|\(\.\.\.\)|[a-z])")
_AT_LENGTH = re.compile(r"\b(?:at length|in full|in extenso|excerpt|passage)\b", re.IGNORECASE)
#: A citation lead-in: an article's quoted title and its byline ("“Motive a mystery in car explosion,” by Phil
#: Willon, Los Angeles Times, March 23, 2018:").  What follows is an excerpt of that article, in its writer's voice,
#: however it is split into lines, up to boilerplate, a new citation, a heading, or a line that ends in an ellipsis.
_CITATION_LEADIN = re.compile(r"^\s*[“\"].{5,300}[,.]?[”\"],?\s+by\s+[A-Z]", re.DOTALL)
_EXCERPT_END = re.compile(
    r"^\s*(?:article posted with permission|take our poll|completing this poll|you may opt out|"
    r"related:|read more|source:|h/t\b)",
    re.IGNORECASE,
)
_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)[.”\"’]*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•‣◦–]\s|\d{1,3}[.)]\s|[a-zA-Z][.)]\s)")
_HEADING = re.compile(r"^\s*#{1,6}\s")
_MD_QUOTE = re.compile(r"^\s*>\s?")
#: Who asks in an interview: "Wikinews interviews …", "X spoke with …", "X sat down with …".
_INTERVIEWER = re.compile(
    r"(?P<who>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}) (?:interviews|interviewed|spoke with|spoke to|talked to|"
    r"talked with|sat down with)\b"
)
#: Labels that open a line with a colon but name no speaker.
_NOT_SPEAKERS = frozenset(
    {
        *"note update source photo image caption related watch video correction disclaimer tags share".split(),
        "advertisement",
        "editor's note",
        "editor’s note",
        "read more",
    }
)
#: An interview turn: a speaker's name of one to four capitalised words, a colon, then what they said.
_TURN = re.compile(r"\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[^\S\n]+(?=\S)")
_AUTHOR_I = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|mine|myself)\b")
#: A line that ends in a tweet's signature: "<words> — Name (@handle) Month D, YYYY".
_TWEET_LINE = re.compile(
    r"^[^\n]*?(?P<sig>[—–]\s*(?P<name>[^\s()@—–\n][^()@—–\n]{0,60}?)\s*\(@\w{1,30}\)\s*"
    r"[A-Z][a-z]+\.? \d{1,2}, \d{4})[^\S\n]*$",
    re.MULTILINE,
)
_LINKS = re.compile(r"(?:https?://|pic\.twitter\.com/)\S*|@\w+")
_READER = re.compile(r"\b(?:you|your|yourself)\b", re.IGNORECASE)
_AUTHOR_OPENERS = re.compile(
    r"^\s*(?:in other words|so,|thus,|note that|notice|put simply|that is,|this means|what this means|"
    r"what does this|let us|let's|we see|we learn|the point is|here,? (?:we|the))",
    re.IGNORECASE,
)


@dataclass
class _Block:
    start: int
    end: int
    kind: str  # "quote" | "paraphrase"
    cue: tuple[int, int]
    source_id: str | None


class RuleQuotes(Component):
    """Rule-based quotations, sources, paraphrases and voice."""

    name = "quotes.rules.v1"
    requires = ("parse", "sentences", "paragraphs", "entities", "entity_mentions")
    assigns = ("quotes", "sources", "paraphrases", "reported", "voice", "findings")
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

    # -- sources ------------------------------------------------------------
    def _source_from_np(
        self, text: str, table: Sources, parse: Parse, start: int, end: int, head: Token | None
    ) -> Source | None:
        start, end = strip_span(text, start, end)
        while end > start and text[end - 1] in ",.;:":
            end -= 1
        if start >= end:
            return None
        phrase = text[start:end]
        words = phrase.split()
        low = [w.casefold().strip(",.’'") for w in words]
        if len(low) == 1 and (low[0] in FIRST_PERSON or low[0] in ("you", "ya", "u")):
            return None  # the writer, or the one addressed ("Do you think …?"): no source the text names
        if " ".join(low) in NOBODY or (low and low[0] in ("our", "my") and low[-1] in ("story", "poll", "article")):
            return None  # "No one said …", "Everybody knows …", "(take our poll -) story continues below"
        if len(low) == 1 and low[0] in PERSON_PRONOUNS:
            found = table.latest_person_before(start, low[0])
            if found is None:
                return None
            eid, span = found
            return table.add(table.entity_name.get(eid, text[span[0] : span[1]]), "person", (start, end), eid)
        if len(low) == 1 and low[0] in THING_PRONOUNS:
            return self._resolve_thing(text, table, parse, start)
        head_word = (head.text if head is not None else words[-1]).casefold()
        if low[0] in ("the", "this", "that") and len(low) == 2 and head_word in ANAPHOR_KIND:
            wanted = ANAPHOR_KIND[head_word]
            src = table.latest_of_kind(wanted, start)
            # A name mentioned more recently than any source of that kind may be meant.
            named = [
                m
                for m in table.mentions
                if m.end <= start
                and m.label == "ORG"
                and kind_of(text[m.start : m.end], text[m.start : m.end].split()[-1], "ORG") in wanted
            ]
            if named and (src is None or named[-1].start > src.last_seen):
                m = named[-1]
                eid = str(m.attrs.get("entity_id"))
                name = table.entity_name.get(eid, text[m.start : m.end])
                src = table.add(name, wanted[0], (m.start, m.end), eid)
            if src is not None:
                src.mentions.append((start, end))
                src.last_seen = start
                return src
        # Only a name at the head counts ("officials in Marvik" are officials, not Marvik).
        if head is not None:
            h_off = parse.offset_of(head)
            ent = table.entity_in(h_off + head.idx, h_off + head.idx + len(head.text))
        else:
            ent = table.entity_in(start, end)
        entity_id = ent[0] if ent else None
        label = table.entity_label.get(entity_id) if entity_id else None
        kind = kind_of(phrase, head_word, label)
        # The user's source profiles name sources canonically and may set their kind.
        profile = self.profiles.find(phrase, _clean_np(phrase, kind))
        if profile is None and entity_id is not None:
            profile = self.profiles.find(table.entity_name.get(entity_id, ""))
        if profile is not None:
            return table.add(profile.name, profile.kind or kind, (start, end), entity_id)
        if kind == "person" and ent is not None and label == "PERSON":
            return table.add(table.entity_name[entity_id or ""], "person", ent[1], entity_id)
        if kind in ("organization", "outlet") and ent is not None:
            name = table.entity_name.get(entity_id or "", display_name(phrase))
            if kind == "outlet" and len(_clean_np(phrase, kind).split()) > len(name.split()):
                name = _clean_np(phrase, kind)  # spaCy found only part of the outlet's name
            return table.add(name, kind, (start, end), entity_id)
        name = _clean_np(phrase, kind)
        return table.add(name, kind, (start, end), entity_id if kind not in ("document", "unnamed") else None)

    def _resolve_thing(self, text: str, table: Sources, parse: Parse, pos: int) -> Source | None:
        """'it'/'they': the latest non-pronoun subject before it in its sentence or the one
        before (subjects are the likeliest antecedents), else the latest non-person source."""
        here = parse.span(pos, pos + 1)
        if here is not None:
            sent = here.sent
            sdoc = sent.doc
            prev_sent = sdoc[sent.start - 1].sent if sent.start > 0 else None
            offset = parse.offset_of(sent[0])
            for scope in (sent, prev_sent):
                if scope is None:
                    continue
                subjects = [
                    t
                    for t in scope
                    if t.dep_ in ("nsubj", "nsubjpass")
                    and t.pos_ in ("PROPN", "NOUN")
                    and offset + t.idx < pos
                    and t.head.dep_ not in ("relcl", "acl", "advcl")  # main clauses only
                ]
                if subjects:
                    head, s, e = self._np_extent(subjects[-1])
                    found = self._source_from_np(text, table, parse, offset + s, offset + e, head)
                    if found is not None:
                        return found
        src = table.latest_of_kind(("outlet", "organization", "document", "official"), pos)
        if src is not None:
            src.last_seen = pos
        return src

    def _np_extent(self, tok: Token) -> tuple[Token, int, int]:
        """A subject or object phrase without its relative clauses and asides."""
        cut = {"relcl", "acl", "punct", "advcl", "cc", "conj"}
        appos = [c for c in tok.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
        if appos:
            tok = appos[0]
            cut |= {"appos"}
        else:
            cut |= {"appos"}
        left = tok.i
        right = tok.i
        for child in tok.children:
            if child.dep_ in cut:
                continue
            # a relative clause deeper down ends the phrase too ("the co-founder of X who has appeared …")
            sub = [t for t in child.subtree if not under_relcl(t, child)]
            if not sub:
                continue
            left = min(left, sub[0].i)
            right = max(right, sub[-1].i)
        sdoc = tok.doc
        return tok, sdoc[left].idx, sdoc[right].idx + len(sdoc[right].text)

    def _described_person(self, text: str, table: Sources, parse: Parse, subj: Token) -> Source | None:
        """The person a description stands for when the text named them with the same description ("The woman
        who accused Minnesota Democratic Rep. Keith Ellison …" after "Karen Monahan, the woman who accused Keith
        Ellison …"): only one person, named before, with the same noun, verb and object."""
        if subj.pos_ != "NOUN":
            return None
        key = description_key(subj)
        offset = parse.offset_of(subj)
        spans = [(a, b) for a, b in parse.described().get(key, []) if b <= offset + subj.idx] if key else []
        names = {normalise(text[a:b]): text[a:b] for a, b in spans}
        if len(names) != 1:
            return None  # nobody, or two people, were described so
        name = next(iter(names.values()))
        hit = table.entity_in(*spans[-1])
        eid = hit[0] if hit is not None and table.entity_label.get(hit[0]) == "PERSON" else None
        if eid is None:  # the name's other mentions may be an entity the model found elsewhere
            eid = next(
                (
                    e
                    for e, n in table.entity_name.items()
                    if table.entity_label.get(e) == "PERSON" and same_name(n, name, person=True)
                ),
                None,
            )
        return table.add(
            table.entity_name.get(eid or "", name),
            "person",
            (offset + subj.idx, offset + subj.idx + len(subj.text)),
            eid,
        )

    def _speaker_of_verb(
        self, text: str, table: Sources, parse: Parse, verb: Token
    ) -> tuple[Source | None, tuple[int, int]]:
        offset = parse.offset_of(verb)
        cue = (offset + verb.idx, offset + verb.idx + len(verb.text))
        subj: Token | None = None
        v: Token | None = verb
        if verb.dep_ == "acl" and (verb.tag_ == "VBG" or any(c.dep_ == "ccomp" for c in verb.children)):
            # "women accusing X of Y"; "Karen Monahan, alleged in August that …" (a finite verb the parser took for
            # a participle: a participle does not take a "that" clause)
            subj = verb.head
        while v is not None and subj is None:
            for child in v.children:
                # a passive's subject is who the words are about ("he would be accused of “bigotry”", "it was
                # called “a hoax”"), except in "X was quoted as saying"
                if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and v.lemma_.lower() == "quote"):
                    subj = child
                    break
                if child.dep_ == "nmod" and child.i == getattr(noun_verb_subject(v), "i", -1):
                    subj = child
                    break
                if child.dep_ == "agent":
                    pobj = [g for g in child.children if g.dep_ == "pobj"]
                    if pobj:
                        subj = pobj[0]
                        break
            participle = v.dep_ == "advcl" and v.tag_ == "VBG"  # "…, saying that …": the main clause's subject
            v = v.head if (v.dep_ in ("conj", "xcomp", "ccomp") or participle) and v.head is not v else None
        if subj is None:
            subj = trailing_speaker(verb)
        if subj is None:
            return None, cue
        if subj.lower_ in ("who", "that", "which") and subj.head.dep_ == "relcl":
            subj = subj.head.head  # "Juanita Broaddrick, who accused …": the speaker is the one "who" stands for
            if subj.dep_ == "appos" and subj.pos_ == "NOUN" and subj.head.pos_ == "PROPN" and subj.head.i != subj.i:
                subj = subj.head  # "Karen Monahan, the woman who accused …": Karen Monahan
        named = self._described_person(text, table, parse, subj)
        if named is not None:
            return named, cue
        first = subj
        subj = hyphen_last(subj)
        head, s, e = self._np_extent(subj)
        s = min(s, first.doc[np_left(first)].idx)
        return self._source_from_np(text, table, parse, offset + s, offset + e, head), cue

    def _according_to(
        self, text: str, table: Sources, parse: Parse, sent: SpacySpan, outside: tuple[int, int] | None
    ) -> tuple[Source | None, tuple[int, int]] | None:
        offset = parse.offset_of(sent[0])
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
                pobj = [c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"]
                if not pobj:
                    continue
                head, s, e = self._np_extent(pobj[0])
                s, e = offset + s, offset + e
                if outside and outside[0] <= s < outside[1]:
                    continue
                cue = (offset + tok.idx, e)
                return self._source_from_np(text, table, parse, s, e, head), cue
        return None

    # -- blocks -------------------------------------------------------------
    def _leadin_source(
        self, text: str, table: Sources, parse: Parse, start: int, end: int
    ) -> tuple[Source | None, bool]:
        """(source, found) for a lead-in sentence; found=False means carry forward."""
        sent = parse.span(start, end)
        if sent is None:
            return None, False
        acc = self._according_to(text, table, parse, sent, None)
        if acc is not None:
            return acc[0], acc[0] is not None
        offset = parse.offset_of(sent[0])
        for tok in sent:
            if (
                tok.dep_ in ("nsubj", "nsubjpass")
                and tok.lower_ not in FIRST_PERSON
                and tok.head.pos_ in ("VERB", "AUX")
            ):
                head, s, e = self._np_extent(tok)
                src = self._source_from_np(text, table, parse, offset + s, offset + e, head)
                if src is not None:
                    return src, True
        for tok in sent:
            if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "from", "by") and tok.pos_ in ("NOUN", "PROPN"):
                head, s, e = self._np_extent(tok)
                src = self._source_from_np(text, table, parse, offset + s, offset + e, head)
                if src is not None:
                    return src, True
        # "Again, the Ledger:" — a bare name.
        nouns = [t for t in sent if t.pos_ in ("PROPN", "NOUN") and t.dep_ not in ("compound",)]
        if nouns and not any(t.pos_ == "VERB" for t in sent):
            head, s, e = self._np_extent(nouns[-1])
            src = self._source_from_np(text, table, parse, offset + s, offset + e, head)
            if src is not None:
                return src, True
        return None, False

    def _blocks(self, doc: Document, table: Sources, parse: Parse) -> tuple[list[_Block], list[_Block]]:
        text = doc.text
        paragraphs = [(s.start, s.end) for s in doc.spans("paragraphs")]
        sentences = [(s.start, s.end) for s in doc.spans("sentences")]
        quotes: list[_Block] = []
        paraphrases: list[_Block] = []
        previous_source: str | None = None
        i = 0
        while i < len(paragraphs):
            p_start, p_end = paragraphs[i]
            para = text[p_start:p_end]
            if _MD_QUOTE.match(para):
                j = i
                while j + 1 < len(paragraphs) and _MD_QUOTE.match(text[slice(*paragraphs[j + 1])]):
                    j += 1
                q_start = p_start + len(_MD_QUOTE.match(para).group(0))  # type: ignore[union-attr]
                quotes.append(_Block(q_start, paragraphs[j][1], "quote", (q_start, q_start), previous_source))
                i = j + 1
                continue
            last = [s for s in sentences if p_start <= s[0] and s[1] <= p_end]
            lead = last[-1] if last else (p_start, p_end)
            lead_text = text[lead[0] : lead[1]]
            if not lead_text.rstrip().endswith(":") or len(lead_text.split()) > 30 or i + 1 >= len(paragraphs):
                i += 1
                continue
            cue = (lead[0], lead[0] + len(lead_text.rstrip().rstrip(":").rstrip()))
            nxt = text[slice(*paragraphs[i + 1])]
            if _PARAPHRASE_CUE.search(lead_text):
                src, _ = self._leadin_source(text, table, parse, *lead)
                j = i + 1
                as_list = bool(_LIST_ITEM.match(nxt))  # list items, or else short lines, to the end
                while j < len(paragraphs):
                    ptext = text[slice(*paragraphs[j])]
                    fits = bool(_LIST_ITEM.match(ptext)) if as_list else len(ptext.split()) <= 25
                    if not fits or ptext.rstrip().endswith(":"):
                        break
                    j += 1
                if j > i + 1:
                    paraphrases.append(
                        _Block(paragraphs[i + 1][0], paragraphs[j - 1][1], "paraphrase", cue, src.id if src else None)
                    )
                i = j
                continue
            is_list = bool(_LIST_ITEM.match(nxt)) or bool(_HEADING.match(nxt))
            if _LIST_CUE.search(lead_text) or (is_list and not _QUOTE_CUE.search(lead_text)):
                i += 1
                continue
            src, found = self._leadin_source(text, table, parse, *lead)
            source_id = src.id if src is not None else (None if found else previous_source)
            at_length = bool(_AT_LENGTH.search(lead_text))
            j = i + 1
            if _CITATION_LEADIN.match(lead_text):
                while j < len(paragraphs):
                    ptext = text[slice(*paragraphs[j])]
                    if j > i + 1 and (
                        _EXCERPT_END.match(ptext) or _CITATION_LEADIN.match(ptext) or _HEADING.match(ptext)
                    ):
                        break
                    j += 1
                    if _ELLIPSIS_END.search(ptext):
                        break
                quotes.append(_Block(paragraphs[i + 1][0], paragraphs[j - 1][1], "quote", cue, source_id))
                previous_source = source_id
                i = j
                continue
            while j < len(paragraphs) and j - i <= 10:
                if j > i + 1 and not (at_length or _CONTINUES.match(text[slice(*paragraphs[j])])):
                    break
                if j > i + 1 and self._author_resumes(text, paragraphs[j], source_id, table, sentences):
                    break
                if _HEADING.match(text[slice(*paragraphs[j])]):
                    break
                last_j = [s for s in sentences if paragraphs[j][0] <= s[0] and s[1] <= paragraphs[j][1]]
                if last_j and text[slice(*last_j[-1])].rstrip().endswith(":") and j > i + 1:
                    break
                j += 1
                if last_j and text[slice(*last_j[-1])].rstrip().endswith(":"):
                    break  # a lead-in inside the block: the next one starts there
            if j > i + 1:
                quotes.append(_Block(paragraphs[i + 1][0], paragraphs[j - 1][1], "quote", cue, source_id))
                previous_source = source_id
            i = j
        return quotes, paraphrases

    def _author_resumes(
        self,
        text: str,
        para: tuple[int, int],
        source_id: str | None,
        table: Sources,
        sentences: Sequence[tuple[int, int]],
    ) -> bool:
        ptext = text[para[0] : para[1]]
        if _LIST_ITEM.match(ptext) or _AUTHOR_OPENERS.match(ptext):
            return True
        if _AUTHOR_I.search(ptext) or _READER.search(ptext) or ptext.rstrip().endswith("?"):
            return True
        if source_id is not None:
            src = next((s for s in table.items if s.id == source_id), None)
            if src is not None:
                names = {src.name} | {text[a:b] for a, b in src.mentions}
                mentions = table.entity_mentions.get(src.entity_id or "", [])
                if any(para[0] <= a < para[1] for a, _ in mentions):
                    return True
                if any(re.search(rf"\b{re.escape(display_name(n))}\b", ptext) for n in names if n.strip()):
                    return True
        return False

    # -- inline quotes ------------------------------------------------------
    def _inline_speaker(
        self,
        text: str,
        table: Sources,
        parse: Parse,
        q_start: int,
        q_end: int,
        open_at: int,
        close_at: int,
        phrase: bool,
    ) -> tuple[Source | None, tuple[int, int] | None]:
        sent = parse.span(open_at, min(close_at + 1, len(text)))
        if sent is None:
            return None, None
        sent = sent.sent
        offset = parse.offset_of(sent[0])
        inside = (open_at, close_at + 1)
        acc = self._according_to(text, table, parse, sent, inside)
        if acc is not None and acc[0] is not None and not phrase:
            return acc[0], acc[1]
        # The attribution may follow the closing mark in the next sentence ("….” said X).
        after = parse.span(close_at, min(close_at + 1, len(text)))
        tokens = list(sent)
        if after is not None and after.sent.start != sent.start and after.sent.doc is sent.doc:
            tokens += [t for t in after.sent if t.i >= sent.end]
        verbs = [
            t
            for t in tokens
            if t.lemma_.lower() in REPORTING_VERBS and verbal(t) and not (inside[0] <= offset + t.idx < inside[1])
        ]
        if phrase:
            verbs = [v for v in verbs if self._governs(v, parse, inside)]
        if not verbs and not phrase and text[q_start:q_end].rstrip().endswith(","):
            # "“…,”" then, on the next line, "said X" / "he said": the tail the quote's comma announces
            tail = self._tail_verb(text, parse, close_at + 1)
            if tail is not None:
                return self._speaker_of_verb(text, table, parse, tail)
        if not verbs:
            return None, None
        verb = min(verbs, key=lambda v: min(abs(offset + v.idx - inside[0]), abs(offset + v.idx - inside[1])))
        return self._speaker_of_verb(text, table, parse, verb)

    @staticmethod
    def _tail_verb(text: str, parse: Parse, after: int) -> Token | None:
        """A reporting verb among the first four words of the sentence that starts right after ``after`` (only
        whitespace between), as in a quote whose "he said" was put on the next line."""
        pos = after
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text) or "\n\n" in text[after:pos]:
            return None
        nxt = parse.span(pos, pos + 1)
        if nxt is None:
            return None
        head = list(nxt.sent)[:4]
        return next((t for t in head if t.lemma_.lower() in REPORTING_VERBS and t.pos_ in ("VERB", "AUX")), None)

    @staticmethod
    def _governs(verb: Token, parse: Parse, inside: tuple[int, int]) -> bool:
        """Whether the quote lies in the verb's clause (its dependency subtree)."""
        offset = parse.offset_of(verb)
        return any(inside[0] <= offset + tok.idx < inside[1] for tok in verb.subtree)

    # -- embedded tweets ----------------------------------------------------
    def _tweets(self, text: str, table: Sources, parse: Parse, taken: Sequence[_Block]) -> list[_Block]:
        """Embedded tweets as block quotes of their authors: the words before a signature ("… pic.twitter.com/x —
        Donald J. Trump (@realDonaldTrump) August 1, 2018") on its own line, or, where the signature line holds no
        words of its own, the line right above it (one line only: where a longer tweet starts is not marked).

        Limits: a tweet of several lines is credited from its last line only; a signature split over two lines
        ("— Name" / "(@handle) date") is not read."""
        out: list[_Block] = []
        for m in _TWEET_LINE.finditer(text):
            body_start, sig_start = m.start(), m.start("sig")
            body = _LINKS.sub(" ", text[body_start:sig_start])
            if len(body.split()) >= 3:
                start, end = body_start, sig_start
            else:
                above_end = body_start - 1
                above_start = text.rfind("\n", 0, max(above_end, 0)) + 1
                above = text[above_start:above_end] if above_end > 0 else ""
                if len(_LINKS.sub(" ", above).split()) < 3 or above.rstrip().endswith(":") or _TWEET_LINE.match(above):
                    continue
                start, end = above_start, above_end
            start, end = strip_span(text, start, end)
            while end > start and text[end - 1] in "—–- ":
                end -= 1
            if start >= end or any(b.start < end and start < b.end for b in taken):
                continue
            src = self._source_from_np(text, table, parse, m.start("name"), m.end("name"), None)
            out.append(_Block(start, end, "quote", (m.start("name"), m.end("name")), src.id if src else None))
        return out

    # -- interviews ---------------------------------------------------------
    @staticmethod
    def _turns(doc: Document, table: Sources, taken: Sequence[_Block]) -> list[_Block]:
        """Interview turns as block quotes of their speakers.

        * "Name: words" paragraphs, where at least two paragraphs below the first line open with a speaker label
          (a one-off "Name: …" headline is a title, not a turn);
        * a Wikinews-style interview (its first line says "interview" and it, or else the introduction before the
          first question, names one person): after the first question (a paragraph ending in "?" of at most 25
          words, or of at most 80 that says "you"), such questions are the asker's ("Wikinews interviews …",
          "X spoke with …", else "the interviewer") and the paragraphs of six words or more that end a statement
          the interviewee's; a middling paragraph ending in "?" without "you" is nobody's.

        The first question may also be a statement addressed to the interviewee ("I just wanted to know if you had
        any thoughts on …."): a paragraph of 8–60 words that says "you".

        Limits: an interview whose title and introduction name nobody, or two people, is left alone; a later question
        that ends in a full stop is read as an answer.
        """
        text = doc.text
        paragraphs = [(s.start, s.end) for s in doc.spans("paragraphs")]
        free = [p for p in paragraphs[1:] if not any(b.start < p[1] and p[0] < b.end for b in taken)]
        out: list[_Block] = []
        labelled = [(p, m) for p in free if (m := _TURN.match(text, p[0], p[1])) is not None]
        labelled = [(p, m) for p, m in labelled if m.group(1).casefold() not in _NOT_SPEAKERS]
        counts: dict[str, int] = {}
        for _, m in labelled:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
        person = {
            m.group(1)
            for _, m in labelled
            if (f := table.entity_in(m.start(1), m.end(1))) is not None and table.entity_label.get(f[0]) == "PERSON"
        }
        # a speaker label recurs, or names a person
        labelled = [(p, m) for p, m in labelled if counts[m.group(1)] >= 2 or m.group(1) in person]
        if len(labelled) >= 2:
            for (_, p_end), m in labelled:
                name = m.group(1)
                found = table.entity_in(m.start(1), m.end(1))
                eid = found[0] if found else None
                src = table.add(name, "person", (m.start(1), m.end(1)), eid)
                out.append(_Block(m.end(), p_end, "quote", (m.start(1), m.end(1)), src.id))
            return out
        first = text[slice(*paragraphs[0])] if paragraphs else ""
        if "interview" not in first.casefold():
            return out

        def is_question(para: str) -> bool:
            # a question is short, or asks the interviewee ("you"); a long paragraph ending in a rhetorical question
            # is an answer
            words = len(para.split())
            return para.endswith("?") and (words <= 25 or (bool(_READER.search(para)) and words <= 80))

        def opens(para: str) -> bool:
            # the first question may be put as a statement ("I just wanted to know if you had any thoughts on …, I
            # know you're speaking at …."): short, and addressed to the interviewee
            return is_question(para) or (bool(_READER.search(para)) and 8 <= len(para.split()) <= 60)

        opening = next((p for p in free if opens(text[p[0] : p[1]].strip())), None)
        intro_end = opening[0] if opening is not None else paragraphs[0][1]

        def people_in(a: int, b: int) -> set[str]:
            return {str(m.attrs.get("entity_id")) for m in table.mentions if m.label == "PERSON" and a <= m.start < b}

        # the one person the title names, else the one the introduction names ("Wikinews spoke with William Evans")
        people = people_in(*paragraphs[0]) or people_in(paragraphs[0][0], intro_end)
        if len(people) != 1:
            return out
        (eid,) = people
        asker = _INTERVIEWER.search(text, paragraphs[0][0], intro_end)
        if asker is not None and (found := table.entity_in(asker.start("who"), asker.end("who"))) and found[0] == eid:
            asker = None  # "Professor Chomsky sat down with Michael Dranove": the subject is the one interviewed
        asker_name = asker.group("who") if asker is not None else "the interviewer"
        asked = False
        for p_start, p_end in free:
            para = text[p_start:p_end].strip()
            if is_question(para) or (opening is not None and p_start == opening[0]):
                # the question itself stands for its asker ("Wikinews interviews …", else "the interviewer")
                src = table.add(asker_name, "person" if asker is None else "outlet", (p_start, p_end), None)
                out.append(_Block(p_start, p_end, "quote", (p_start, p_start), src.id))
                asked = True
            elif (
                asked
                and len(para.split()) >= 6
                and para[-1:] in ".!?\"”’'…"
                and not (para.endswith("?") and len(para.split()) <= 80)
            ):
                span = table.entity_mentions[eid][0]
                src = table.add(table.entity_name.get(eid, text[span[0] : span[1]]), "person", span, eid)
                out.append(_Block(p_start, p_end, "quote", (p_start, p_start), src.id))
        return out

    # -- the component ------------------------------------------------------
    def __call__(self, doc: Document) -> None:
        text = doc.text
        parse = Parse(doc)
        table = Sources(doc)
        blocks, paraphrases = self._blocks(doc, table, parse)
        blocks += self._turns(doc, table, [*blocks, *paraphrases])
        blocks = sorted([*blocks, *self._tweets(text, table, parse, [*blocks, *paraphrases])], key=lambda b: b.start)
        paragraphs = [(s.start, s.end) for s in doc.spans("paragraphs")]
        marked = find_inline_quotes(text, paragraphs)

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
        self._continue_speakers(records, paragraphs)
        quotes: list[Span] = []
        for n, r in enumerate(records, 1):
            r["id"] = f"Q{n}"
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

        reported = self._reported_speech(doc, table, parse, records, blocks, paraphrases)
        findings = self._discrediting(doc, table, parse, records)
        table.finish()
        sources = [
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
        para_spans = [
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
        doc.add_spans("quotes", quotes, component=self.name)
        doc.add_groups("sources", sources, component=self.name)
        doc.add_spans("paraphrases", para_spans, component=self.name)
        doc.add_spans("reported", reported, component=self.name)
        doc.add_spans("voice", self._voice(doc, quotes, [*para_spans, *reported]), component=self.name)
        doc.add_groups("findings", findings, component=self.name)

    def _reported_speech(
        self,
        doc: Document,
        table: Sources,
        parse: Parse,
        records: Sequence[dict[str, Any]],
        blocks: Sequence[_Block],
        paraphrases: Sequence[_Block],
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
            found: list[tuple[int, int, Source | None, tuple[int, int]]] = []
            unnamed: list[tuple[int, int, Token]] = []
            for tok in sent:
                if not verbal(tok) or tok.pos_ == "AUX":
                    continue
                if tok.lemma_.lower() in ACCUSING_VERBS and accusation(tok):
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
                if lemma not in REPORTING_VERBS and lemma not in FINDING_VERBS:
                    continue
                comp = [c for c in tok.children if c.dep_ == "ccomp"]
                if not comp and lemma in CLAIM_XCOMP:
                    comp = [c for c in tok.children if c.dep_ == "xcomp"]
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

    @staticmethod
    def _continue_speakers(records: list[dict[str, Any]], paragraphs: Sequence[tuple[int, int]]) -> None:
        """A full quotation with no speaker of its own, following one with a speaker in the
        same paragraph, goes on with that speaker ("…,” said X. “…”); so does a quotation that is a whole paragraph
        right after a paragraph holding X's quotation (the newswriting convention for a quote that runs on:
        "“…,” Khweis wrote to the judge. ¶ “I ruined my life.”")."""

        def para_of(pos: int) -> int:
            return next((k for k, (a, b) in enumerate(paragraphs) if a <= pos < b), -1)

        previous: dict[str, Any] | None = None
        for r in records:
            if r["kind"] != "inline" or r["phrase"]:
                continue
            if r["source_id"] is None and previous is not None:
                here, there = para_of(r["start"]), para_of(previous["start"])
                whole = here >= 0 and paragraphs[here][0] >= r.get("mark_start", r["start"]) - 1
                whole = whole and paragraphs[here][1] <= r.get("mark_end", r["end"]) + 2
                if here >= 0 and (here == there or (here == there + 1 and whole)):
                    r["source_id"] = previous["source_id"]
            previous = r

    def _voice(self, doc: Document, quotes: Sequence[Span], attributed: Sequence[Span]) -> list[Span]:
        text = doc.text
        out = []
        real = [q for q in quotes if not q.attrs.get("phrase") and q.attrs.get("parent_id") is None]
        for s in doc.spans("sentences"):
            voice, source = "author", None
            # Attributed: inside paraphrased reasoning, or at least half reported speech.
            para = next(
                (
                    p
                    for p in attributed
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
                for q in real:
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


_DESCRIPTOR = re.compile(r"^(.*[A-Z]\w*)\s+(?:news\s+)?(?:agency|newspaper|daily|weekly|broadcaster|website)$")


def _clean_np(phrase: str, kind: str) -> str:
    """A readable source name from its noun phrase ("the Tidewire agency" → "Tidewire")."""
    name = display_name(phrase)
    name = re.sub(r"^(?:an?|this|that|these|those|one)\s+", "", name, flags=re.IGNORECASE)
    name = _DESCRIPTOR.sub(r"\1", name)
    if kind == "document":
        name = re.split(r"\s+(?:on|about|into|by|from|of)\s+", name, maxsplit=1)[0]
    return name.strip(" ,.;:") or phrase.strip()
