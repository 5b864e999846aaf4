"""Who a quotation's source is: a noun phrase as a source (resolved against the user's source profiles), a
pronoun or description as the person it means, the speaker of a reporting verb, "according to X", and the
source a block quote's lead-in names.  Mixed into :class:`unspin.components.quotes.RuleQuotes`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..ingest.paragraphs import strip_span
from .aliases import display_name, normalise, same_name
from .name_gender import first_name_gender
from .quote_grammar import (
    ANAPHOR_KIND,
    FIRST_PERSON,
    NOBODY,
    PERSON_PRONOUNS,
    THING_PRONOUNS,
    Parse,
    Source,
    Sources,
    description_key,
    hyphen_last,
    noun_verb_subject,
    np_left,
    trailing_speaker,
    under_relcl,
)
from .source_rules import DOCUMENT_WORDS, SourceProfiles, kind_of

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


__all__ = ["SpeakerRules", "colon_lead"]


# How far back (characters) the last speaker may have spoken for a bare "he" / "she" to mean them.
_LAST_SPEAKER_WITHIN = 400
_CLOSING_MARKS = frozenset({"”", '"', "’", "'", "»"})
_OPENING_MARKS = frozenset({"“", '"', "‘", "«", "„"})
#: Writings whose author "according to" means when the text names one ("according to a report by the Associated
#: Press": the Associated Press).
_WRITINGS = DOCUMENT_WORDS | frozenset("article story filing release post publication poll".split())
#: Entities that can write: "a report of gunfire" names no author.
_AUTHORS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_DESCRIPTOR = re.compile(r"^(.*[A-Z]\w*)\s+(?:news\s+)?(?:agency|newspaper|daily|weekly|broadcaster|website)$")


def _clean_np(phrase: str, kind: str) -> str:
    """A readable source name from its noun phrase ("the Tidewire agency" → "Tidewire")."""
    name = display_name(phrase)
    name = re.sub(r"^(?:an?|this|that|these|those|one)\s+", "", name, flags=re.IGNORECASE)
    name = _DESCRIPTOR.sub(r"\1", name)
    if kind == "document":
        name = re.split(r"\s+(?:on|about|into|by|from|of)\s+", name, maxsplit=1)[0]
    return name.strip(" ,.;:") or phrase.strip()


class SpeakerRules:
    """The speaker-finding passes of the quotation component (it supplies ``profiles``)."""

    @property
    def profiles(self) -> SourceProfiles:
        raise NotImplementedError

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
        if phrase[:1] in _OPENING_MARKS:
            return None  # "“Nonsense!” said Rose" misparsed: words in quotation marks are what is said, not who
        words = phrase.split()
        low = [w.casefold().strip(",.’'") for w in words]
        if len(low) == 1 and (low[0] in FIRST_PERSON or low[0] in ("you", "ya", "u")):
            return None  # the writer, or the one addressed ("Do you think …?"): no source the text names
        if " ".join(low) in NOBODY or (low and low[0] in ("our", "my") and low[-1] in ("story", "poll", "article")):
            return None  # "No one said …", "Everybody knows …", "(take our poll -) story continues below"
        if len(low) == 1 and low[0] in PERSON_PRONOUNS:
            found = table.latest_person_before(start, low[0])
            if found is None:
                return self._last_speaker(table, start, low[0])
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

    @staticmethod
    def _last_speaker(table: Sources, start: int, pronoun: str) -> Source | None:
        """ "“…,” Trump wrote on Twitter. ¶ “…,” he added.": where the parser found no person named just before (it
        missed the name), the person who spoke last, just before, whose gender does not clash."""
        prev = table.latest_of_kind(("person", "other"), start)
        if prev is None or start - prev.last_seen > _LAST_SPEAKER_WITHIN:
            return None
        if table.persons_named(start - _LAST_SPEAKER_WITHIN, start):
            return None  # people were named just before: the pronoun was ambiguous, not unresolved
        words = prev.name.split()
        if prev.kind == "other" and not (len(words) <= 3 and all(w[:1].isupper() for w in words)):
            return None  # a speaker the parser did not call a person counts only with a name's shape ("Trump")
        want = "m" if pronoun in ("he", "him", "his") else "f"
        known = table.gender(prev.entity_id) if prev.entity_id else None
        if known not in (None, want) or first_name_gender(prev.name) not in (None, want):
            return None
        prev.mentions.append((start, start + len(pronoun)))
        prev.last_seen = start
        return prev

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
        self, text: str, table: Sources, parse: Parse, verb: Token, inside: tuple[int, int] | None = None
    ) -> tuple[Source | None, tuple[int, int]]:
        """The source the subject of reporting ``verb`` names, and the verb's span.  A subject ``inside`` the
        quotation it would speak (a name the words address, or a word of them the parser took for the subject)
        never speaks them: the subject after the verb does ("“Goodwives,” said a dame"), else no one."""
        offset = parse.offset_of(verb)
        cue = (offset + verb.idx, offset + verb.idx + len(verb.text))
        subj: Token | None = None
        v: Token | None = verb
        if verb.dep_ == "acl" and (verb.tag_ == "VBG" or any(c.dep_ == "ccomp" for c in verb.children)):
            # "women accusing X of Y"; "Karen Monahan, alleged in August that …" (a finite verb the parser took for
            # a participle: a participle does not take a "that" clause)
            subj = verb.head
        # a headline's capitals can hang the subject on the auxiliary ("The Pope Is Now Openly Attacking …")
        subj = subj or next(
            (c for a in verb.children if a.dep_ == "aux" for c in a.children if c.dep_ == "nsubj"), None
        )
        if subj is None and verb.i > 0 and verb.doc[verb.i - 1].text in _CLOSING_MARKS:
            # "“…,” tweeted Ms. Feinstein on Tuesday": the parser may take the inverted speaker for an object
            subj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "PROPN" and c.i > verb.i), None)
        while v is not None and subj is None:
            # "Her too: Lewinsky has emerged … and now says …": of two subjects the parser gives one verb, the one
            # nearest before it; a word before a colon is a label
            subjects = [c for c in v.children if c.dep_ == "nsubj" and c.i < v.i]
            if len(subjects) > 1:
                subj = subjects[-1]
                break
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
            # "…, saying that …", "went to reiterate that …": the main clause's subject
            to_clause = v.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
            participle = v.dep_ == "advcl" and (v.tag_ == "VBG" or to_clause)
            v = v.head if (v.dep_ in ("conj", "xcomp", "ccomp") or participle) and v.head is not v else None
        if subj is None:
            subj = trailing_speaker(verb)
        if subj is not None and inside is not None and inside[0] <= offset + subj.idx < inside[1]:
            # "“Florence,” said Curtis Waring": the name the words address is no speaker; a subject after the verb is
            subj = next(
                (c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i and offset + c.idx >= inside[1]), None
            )
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
                head, s, e = self._np_extent(_author_of(pobj[0]))
                s, e = offset + s, offset + e
                if outside and outside[0] <= s < outside[1]:
                    continue
                cue = (offset + tok.idx, e)
                return self._source_from_np(text, table, parse, s, e, head), cue
        return None

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


def colon_lead(text: str, table: Sources, parse: Parse, open_at: int) -> Token | None:
    """The main verb of a clause that a colon ends right before a quotation, when its subject is a person the
    recogniser named ("Sunak defended the government's record whilst promising a “formal update”: “The Home
    Secretary and I are working …”"): the colon hands the words to that person."""
    before = text[:open_at].rstrip()
    if not before.endswith(":"):
        return None
    mark = parse.span(len(before) - 1, len(before))
    colon = mark[0] if mark is not None and len(mark) and mark[0].text == ":" else None
    if colon is None:
        return None
    # the first clause before the colon with a subject of its own (the parser may make the quotation the root)
    verb = next(
        (
            t
            for t in colon.sent
            if t.i < colon.i and t.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubj" and c.i < t.i for c in t.children)
        ),
        None,
    )
    if verb is None:
        return None
    subject = next(c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i)
    at = parse.offset_of(subject) + subject.idx
    named = table.entity_in(at, at + len(subject.text))
    return verb if named is not None and table.entity_label.get(named[0]) == "PERSON" else None


def _author_of(tok: Token) -> Token:
    """The author a writing names ("a report by the Associated Press", "a study from Harvard", "an article in the
    Times"), else ``tok``: the report reports, but its author is who the reader is told holds it."""
    if tok.lemma_.lower() not in _WRITINGS:
        return tok
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of", "in"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and (obj.ent_type_ in _AUTHORS or (prep.lower_ == "by" and obj.pos_ == "PROPN")):
                    return obj
    return tok
