"""Block quotations, inline quotations' speakers, embedded tweets and interview turns: the passes that decide
what is quoted and by whom.  Mixed into :class:`unspin.components.quotes.RuleQuotes` (the rules are described
in that module's docstring)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..document import Document
from ..ingest.paragraphs import strip_span
from .aliases import display_name
from .name_gender import first_name_gender
from .quote_grammar import (
    REPORTING_VERBS,
    SPEAKING_VERBS,
    Parse,
    Source,
    Sources,
    verbal,
)
from .quote_marks import MarkedQuote

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

from .quote_speakers import SpeakerRules, colon_lead

__all__ = ["Block", "BlockRules"]


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

#: A title that says the person speaks to Wikinews, and an introduction that says Wikinews interviewed them.
_TELLS_WIKINEWS = re.compile(
    r"\b(?:tells|told|speaks to|spoke to|talks to|talked to|speaks with|talks with) Wikinews\b"
)
_WIKINEWS_ASKED = re.compile(r"\bWikinews (?:interviewed|interviews|spoke with|spoke to|talked to|talked with|asked)\b")
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

#: A line that only signs what stands above it: "Dave Weigel." / "— Dave Weigel".
_SIGNATURE = re.compile(r"[^\S\n]*(?:[—–-]{1,2}[^\S\n]*)?(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3}?)\.?[^\S\n]*$")

_LINKS = re.compile(r"(?:https?://|pic\.twitter\.com/)\S*|@\w+")

_READER = re.compile(r"\b(?:you|your|yourself)\b", re.IGNORECASE)

_AUTHOR_OPENERS = re.compile(
    r"^\s*(?:in other words|so,|thus,|note that|notice|put simply|that is,|this means|what this means|"
    r"what does this|let us|let's|we see|we learn|the point is|here,? (?:we|the))",
    re.IGNORECASE,
)


@dataclass
class Block:
    start: int
    end: int
    kind: str  # "quote" | "paraphrase"
    cue: tuple[int, int]
    source_id: str | None


class BlockRules(SpeakerRules):
    """The block, inline-speaker, tweet and interview passes of the quotation component."""

    def _blocks(self, doc: Document, table: Sources, parse: Parse) -> tuple[list[Block], list[Block]]:
        text = doc.text
        paragraphs = [(s.start, s.end) for s in doc.spans("paragraphs")]
        sentences = sorted((s.start, s.end) for s in doc.spans("sentences"))
        quotes: list[Block] = []
        paraphrases: list[Block] = []
        previous_source: str | None = None
        i = 0
        while i < len(paragraphs):
            p_start, p_end = paragraphs[i]
            para = text[p_start:p_end]
            if _MD_QUOTE.match(para):
                j = i
                while j + 1 < len(paragraphs) and _MD_QUOTE.match(text[slice(*paragraphs[j + 1])]):
                    j += 1  # the Markdown quotation runs on over the "> " paragraphs that follow
                q_start = p_start + len(_MD_QUOTE.match(para).group(0))  # type: ignore[union-attr]
                if text[q_start : paragraphs[j][1]].strip():  # a lone ">" quotes nothing
                    quotes.append(Block(q_start, paragraphs[j][1], "quote", (q_start, q_start), previous_source))
                i = j + 1
                continue
            lead = _last_sentence(sentences, p_start, p_end) or (p_start, p_end)
            lead_text = text[lead[0] : lead[1]]
            if not lead_text.rstrip().endswith(":") or len(lead_text.split()) > 30 or i + 1 >= len(paragraphs):
                i += 1
                continue
            cue = (lead[0], lead[0] + len(lead_text.rstrip().rstrip(":").rstrip()))
            nxt = text[slice(*paragraphs[i + 1])]
            if _PARAPHRASE_CUE.search(lead_text):
                src, _ = self._leadin_source(text, table, parse, *lead)
                j = _paraphrase_end(text, paragraphs, i + 1, as_list=bool(_LIST_ITEM.match(nxt)))
                if j > i + 1:
                    paraphrases.append(
                        Block(paragraphs[i + 1][0], paragraphs[j - 1][1], "paraphrase", cue, src.id if src else None)
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
            if _CITATION_LEADIN.match(lead_text):
                j = _citation_end(text, paragraphs, i + 1)
                quotes.append(Block(paragraphs[i + 1][0], paragraphs[j - 1][1], "quote", cue, source_id))
                previous_source = source_id
                i = j
                continue
            j = self._block_end(text, paragraphs, sentences, i, at_length, source_id, table)
            if j > i + 1:
                quotes.append(Block(paragraphs[i + 1][0], paragraphs[j - 1][1], "quote", cue, source_id))
                previous_source = source_id
            i = j
        return quotes, paraphrases

    def _block_end(
        self,
        text: str,
        paragraphs: Sequence[tuple[int, int]],
        sentences: Sequence[tuple[int, int]],
        i: int,
        at_length: bool,
        source_id: str | None,
        table: Sources,
    ) -> int:
        """Where the block after the lead-in paragraph ``i`` ends (the index of the first paragraph after it):
        at most ten paragraphs, the second and later only when the lead-in quotes "at length" or the paragraph
        reads as a continuation, never past a heading, the author's own voice, or a new lead-in."""
        j = i + 1
        while j < len(paragraphs) and j - i <= 10:
            if j > i + 1 and not (at_length or _CONTINUES.match(text[slice(*paragraphs[j])])):
                break
            if j > i + 1 and self._author_resumes(text, paragraphs[j], source_id, table, sentences):
                break
            if _HEADING.match(text[slice(*paragraphs[j])]):
                break
            last_j = _last_sentence(sentences, *paragraphs[j])
            if last_j and text[slice(*last_j)].rstrip().endswith(":") and j > i + 1:
                break
            j += 1
            if last_j and text[slice(*last_j)].rstrip().endswith(":"):
                break  # a lead-in inside the block: the next one starts there
        return j

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
            if (t.lemma_.lower() in REPORTING_VERBS or t.lemma_.lower() in SPEAKING_VERBS)
            and verbal(t)
            and not (inside[0] <= offset + t.idx < inside[1])
            and not _going_on(t)
        ]
        if phrase:
            verbs = [v for v in verbs if self._governs(v, parse, inside)]
        elif (lead := colon_lead(text, table, parse, open_at)) is not None:
            return self._speaker_of_verb(text, table, parse, lead, inside)
        if not verbs and not phrase and text[q_start:q_end].rstrip().endswith((",", "!", "?")):
            # "“…,”" then, on the next line, "said X" / "he said": the tail the quote's comma announces; "“…
            # BORDER!” Trump wrote on Twitter.": an exclamation or a question ends the sentence before its tail
            tail = self._tail_verb(text, parse, close_at + 1)
            if tail is not None:
                return self._speaker_of_verb(text, table, parse, tail, inside)
        if not verbs and not phrase:
            signed = self._signed_by(text, table, parse, close_at + 1)
            reporter = self._reporter_before(text, parse, sent, open_at) if signed is None else None
            if reporter is not None:
                return self._speaker_of_verb(text, table, parse, reporter, inside)
            return signed, None
        if not verbs:
            return None, None
        verb = min(verbs, key=lambda v: min(abs(offset + v.idx - inside[0]), abs(offset + v.idx - inside[1])))
        return self._speaker_of_verb(text, table, parse, verb, inside)

    @staticmethod
    def _reporter_before(text: str, parse: Parse, sent: SpacySpan, open_at: int) -> Token | None:
        """The reporting verb of the sentence just before a quotation that opens its own sentence, on the same
        line ("Heald noted the findings show pollution reduction is also important. “An air-quality cleanup would
        improve crop yields …”"): the quotation goes on with what its speaker was reported saying."""
        offset = parse.offset_of(sent[0])
        if sent.start == 0 or offset + sent[0].idx < open_at - 1:
            return None
        prev = sent.doc[sent.start - 1].sent
        if "\n" in text[offset + prev.end_char : open_at]:
            return None
        root = prev.root
        named = any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in root.children)
        return root if named and root.lemma_.lower() in REPORTING_VERBS else None

    def _signed_by(self, text: str, table: Sources, parse: Parse, after: int) -> Source | None:
        """The person a quotation is signed by: it ends its line, and the next line is only a name the parser
        calls a person ("Dave Weigel." / "— Dave Weigel"), as under a post pasted into an article."""
        line_end = text.find("\n", after)
        if line_end < 0 or text[after:line_end].strip(" \t.,;…"):
            return None
        next_end = text.find("\n", line_end + 1)
        m = _SIGNATURE.match(text, line_end + 1, next_end if next_end >= 0 else len(text))
        if m is None:
            return None
        start, end = m.start("name"), m.end("name") - m.group("name").endswith(".")
        ent = table.entity_in(start, end)
        if ent is None or table.entity_label.get(ent[0]) != "PERSON" or tuple(ent[1]) != (start, end):
            return None
        return self._source_from_np(text, table, parse, start, end, None)

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
        return next(
            (t for t in head if t.lemma_.lower() in REPORTING_VERBS | SPEAKING_VERBS and t.pos_ in ("VERB", "AUX")),
            None,
        )

    @staticmethod
    def _governs(verb: Token, parse: Parse, inside: tuple[int, int]) -> bool:
        """Whether the quote lies in the verb's clause (its dependency subtree)."""
        offset = parse.offset_of(verb)
        return any(inside[0] <= offset + tok.idx < inside[1] for tok in verb.subtree)

    @staticmethod
    def _continue_speakers(text: str, records: list[dict[str, Any]], paragraphs: Sequence[tuple[int, int]]) -> None:
        """A full quotation with no speaker of its own, following one with a speaker in the
        same paragraph, goes on with that speaker ("…,” said X. “…”); so does a quotation that is a whole paragraph,
        or a whole sentence opening one, right after a paragraph holding X's quotation (the newswriting convention
        for a quote that runs on: "“…,” Khweis wrote to the judge. ¶ “I ruined my life.”")."""

        def para_of(pos: int) -> int:
            return next((k for k, (a, b) in enumerate(paragraphs) if a <= pos < b), -1)

        previous: dict[str, Any] | None = None
        for r in records:
            if r["kind"] != "inline" or r["phrase"]:
                continue
            if r["source_id"] is None and previous is not None:
                here, there = para_of(r["start"]), para_of(previous["start"])
                opens = here >= 0 and paragraphs[here][0] >= r.get("mark_start", r["start"]) - 1
                # the whole paragraph, or a whole sentence opening it ("“He was trying to attack me.” Ford said …")
                whole = opens and (
                    paragraphs[here][1] <= r.get("mark_end", r["end"]) + 2 or text[r["end"] - 1 : r["end"]] in ".!?"
                )
                if here >= 0 and (here == there or (here == there + 1 and whole)):
                    r["source_id"] = previous["source_id"]
            previous = r

    # -- embedded tweets ----------------------------------------------------
    def _tweets(
        self, text: str, table: Sources, parse: Parse, taken: Sequence[Block], quotes: Sequence[MarkedQuote]
    ) -> list[Block]:
        """Embedded tweets as block quotes of their authors: the words before a signature ("… pic.twitter.com/x —
        Donald J. Trump (@realDonaldTrump) August 1, 2018") on its own line, or, where the signature line holds no
        words of its own, the line right above it (one line only: where a longer tweet starts is not marked).

        A tweet of several lines is marked only where a quotation in it runs over them: it starts on the line the
        quotation opens on.

        Limits: otherwise a tweet of several lines is credited from its last line only; a signature split over two
        lines ("— Name" / "(@handle) date") is not read."""
        out: list[Block] = []
        spanning = [q for q in quotes if "\n" in text[q.open_at : q.close_at]]
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
            # a quotation that closes in the tweet but opened lines above: the tweet starts where it opens
            start = min([start, *(text.rfind("\n", 0, q.open_at) + 1 for q in spanning if q.open_at < start < q.end)])
            start, end = strip_span(text, start, end)
            while end > start and text[end - 1] in "—–- ":
                end -= 1
            if start >= end or any(b.start < end and start < b.end for b in taken):
                continue
            src = self._source_from_np(text, table, parse, m.start("name"), m.end("name"), None)
            out.append(Block(start, end, "quote", (m.start("name"), m.end("name")), src.id if src else None))
        return out

    # -- interviews ---------------------------------------------------------
    @staticmethod
    def _turns(doc: Document, table: Sources, taken: Sequence[Block]) -> list[Block]:
        """Interview turns as block quotes of their speakers.

        * "Name: words" paragraphs, where at least two paragraphs below the first line open with a speaker label
          (a one-off "Name: …" headline is a title, not a turn);
        * a Wikinews-style interview (its first line says "interview" or that someone "tells Wikinews", or the
          introduction before the first question says "Wikinews interviewed …"; and the title, or else the
          introduction, names one person): after the first question (a paragraph ending in "?" of at most 25
          words, or of at most 80 that says "you"), such questions are the asker's ("Wikinews interviews …",
          "X spoke with …", else "the interviewer") and the paragraphs of six words or more that end a statement
          the interviewee's; a middling paragraph ending in "?" without "you" is nobody's.

        The first question may also be a statement addressed to the interviewee ("I just wanted to know if you had
        any thoughts on …."): a paragraph of 8–60 words that says "you".

        Where the title and introduction name nobody, the answers are "the interviewee"'s; where they name two
        people, the interview is left alone (which one answers is not told), unless only one of them has a given
        name the name table knows (the recogniser also takes projects for people: "Stardust @ home").  Limits: a
        later question that ends in a full stop is read as an answer.
        """
        text = doc.text
        paragraphs = [(s.start, s.end) for s in doc.spans("paragraphs")]
        free = [p for p in paragraphs[1:] if not any(b.start < p[1] and p[0] < b.end for b in taken)]
        out: list[Block] = []
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
                out.append(Block(m.end(), p_end, "quote", (m.start(1), m.end(1)), src.id))
            return out
        if not paragraphs:
            return out
        first = text[slice(*paragraphs[0])]
        titled = "interview" in first.casefold() or bool(_TELLS_WIKINEWS.search(first))

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
        # "Biologist Nick Bos tells Wikinews about …" (title), "Wikinews interviewed him for …" (introduction)
        if not (titled or _WIKINEWS_ASKED.search(text, paragraphs[0][0], intro_end)):
            return out

        def people_in(a: int, b: int) -> set[str]:
            return {str(m.attrs.get("entity_id")) for m in table.mentions if m.label == "PERSON" and a <= m.start < b}

        # the one person the title names, else the one the introduction names ("Wikinews spoke with William Evans")
        people = _persons(people_in(*paragraphs[0]) or people_in(paragraphs[0][0], intro_end), table)
        if len(people) > 1:
            return out
        # "The Onion: An interview with 'America's Finest News Source'": nobody named, but the answers are still
        # the interviewee's words, not the writer's
        eid = next(iter(people), None)
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
                out.append(Block(p_start, p_end, "quote", (p_start, p_start), src.id))
                asked = True
            elif (
                asked
                and len(para.split()) >= 6
                and para[-1:] in ".!?\"”’'…"
                and not (para.endswith("?") and len(para.split()) <= 80)
            ):
                src = _interviewee(text, table, eid, (p_start, p_end))
                out.append(Block(p_start, p_end, "quote", (p_start, p_start), src.id))
        return out


def _persons(people: set[str], table: Sources) -> set[str]:
    """Of several names the recogniser took for people, those with a given name the name table knows ("…: Andrew
    Westphal about Stardust @ home": the project is no person); one name, or none, as it is."""
    if len(people) < 2:
        return people
    return {e for e in people if first_name_gender(table.entity_name.get(e, ""))}


def _interviewee(text: str, table: Sources, eid: str | None, answer: tuple[int, int]) -> Source:
    """The source an interview's answers are quoted from: the one person named, else "the interviewee" (found
    where the answer is)."""
    if eid is None:
        return table.add("the interviewee", "person", answer, None)
    span = table.entity_mentions[eid][0]
    return table.add(table.entity_name.get(eid, text[span[0] : span[1]]), "person", span, eid)


def _going_on(verb: Token) -> bool:
    """ "continue" that goes on doing something ("permit couples to continue in adultery") rather than speaking on
    ("“…,” he continued")."""
    if verb.lemma_.lower() != "continue":
        return False
    return any(
        c.dep_ in ("aux", "prep", "xcomp", "dobj") and (c.dep_ != "aux" or c.lower_ == "to") for c in verb.children
    )


def _last_sentence(sentences: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The last of the (sorted, non-overlapping) ``sentences`` that lies within ``start:end``, found by
    bisection: a scan of every sentence for every paragraph made 200,000-line texts quadratic."""
    k = bisect.bisect_right(sentences, (end, end)) - 1
    while k >= 0 and sentences[k][0] >= start:
        if sentences[k][1] <= end:
            return sentences[k]
        k -= 1
    return None


def _paraphrase_end(text: str, paragraphs: Sequence[tuple[int, int]], j: int, as_list: bool) -> int:
    """Where a paraphrased list starting at paragraph ``j`` ends: list items (``as_list``), or else short
    lines, up to the next lead-in."""
    while j < len(paragraphs):
        ptext = text[slice(*paragraphs[j])]
        fits = bool(_LIST_ITEM.match(ptext)) if as_list else len(ptext.split()) <= 25
        if not fits or ptext.rstrip().endswith(":"):
            break
        j += 1
    return j


def _citation_end(text: str, paragraphs: Sequence[tuple[int, int]], first: int) -> int:
    """Where a cited excerpt starting at paragraph ``first`` ends: before the excerpt's end mark, another
    citation or a heading; or after a paragraph ending in an ellipsis."""
    j = first
    while j < len(paragraphs):
        ptext = text[slice(*paragraphs[j])]
        if j > first and (_EXCERPT_END.match(ptext) or _CITATION_LEADIN.match(ptext) or _HEADING.match(ptext)):
            break
        j += 1
        if _ELLIPSIS_END.search(ptext):
            break
    return j
