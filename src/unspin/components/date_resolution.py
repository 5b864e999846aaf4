"""How the dates layer resolves a relative date against its own anchor: the article's dateline or publication
date, the date of the event a sentence or quote tells of, a quote's own time frame, or a date given nearby
("three days later", "earlier this month", "on Friday"), respecting before/after.  Unresolved beats wrong.
Mixed into :class:`unspin.components.dates.RuleDates`, whose docstring gives the rules.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from ..document import Document
from .date_parts import (
    ADVERBIAL_END,
    AGENCY_AFTER,
    AGENCY_BEFORE,
    ATTACH_GAP,
    BOUNDS,
    DATELINE,
    DISTINCT_MODIFIERS,
    FUTURE_GOVERNORS,
    LINE_START_PREPS,
    TWEET_SIGNATURE,
    TWEET_TAIL,
    UNIT_DAYS,
    UNIT_PRECISION,
    WEEKDAYS,
    Cand,
    Layout,
    Resolved,
    count_words,
    dp,
    iso,
    parse_iso,
    unit_name,
)
from .parse import chunk_span
from .quantity_words import EVENT_VERBS, event_class

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

__all__ = ["DateResolution"]


def _clause_verb(toks: list[Token]) -> Token | None:
    """The verb a time expression's clause hangs on: the first verb at most five steps up the parse from the
    expression's head; None at the root or further."""
    if not toks:
        return None
    inside = {t.i for t in toks}
    cur = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[0])
    for _ in range(5):
        head = cur.head
        if head.i == cur.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        cur = head
    return None


class DateResolution:
    """The resolving passes of the dates component."""

    @staticmethod
    def _token_at(chunks: list[tuple[int, SpacyDoc]], start: int, end: int) -> list[Token]:
        sp = chunk_span(chunks, start, end)
        return list(sp) if sp is not None else []

    @staticmethod
    def _tweet_dates(
        layout: Layout, pieces: list[tuple[int, int, Cand, int]], items: list[Resolved], text: str
    ) -> dict[int, tuple[str, dt.date]]:
        """Paragraph index → the date on the tweet signature right after it ("— Name (@handle) December 1,
        2017"): an embedded tweet is a quote dated by its signature."""
        out: dict[int, tuple[str, dt.date]] = {}
        for k, (start, end, cand, _) in enumerate(pieces):
            if cand.kind != "abs" or not cand.groups.get("y") or cand.groups.get("d") is None:
                continue
            p = layout.para(start)
            ps, _pe = layout.paras[p]
            if not (TWEET_SIGNATURE.match(text[ps:start]) or TWEET_TAIL.search(text[ps:start])):
                continue
            day = dp(text[start:end], dt.date(int(str(cand.groups["y"])), 1, 1), "current_period")
            if day is not None:
                # "— Mike Cernovich\n(@Cernovich) December 1, 2017": the name may sit on its own line.
                name_line = p >= 1 and text[layout.paras[p - 1][0] : layout.paras[p - 1][1]].lstrip().startswith(
                    ("—", "–", "-")
                )
                for q in (p, p - 1, p - 2) if name_line else (p, p - 1):
                    out.setdefault(q, (items[k].id, day))
        return out

    # -- resolving ----------------------------------------------------------
    def _resolve(
        self,
        doc: Document,
        chunks: list[tuple[int, SpacyDoc]],
        pieces: list[tuple[int, int, Cand, int]],
        sent_starts: list[int],
    ) -> list[Resolved]:
        text = doc.text
        layout = Layout.of(doc, sent_starts)
        published = parse_iso(doc.published)
        pub: tuple[str, dt.date] | None = ("published", published[0]) if published and published[1] == "day" else None
        last_day: tuple[str, dt.date] | None = None  # nearest preceding absolute date with a day
        # nearest preceding date of any kind with a day, never a tweet's signature
        last_event: tuple[str, dt.date] | None = None
        history: list[tuple[str, dt.date, str]] = []  # every absolute story date, in order, with its precision
        events: dict[str, list[tuple[str, dt.date, str]]] = {}
        items = [Resolved(f"D{i}", s, e, "absolute") for i, (s, e, _, _) in enumerate(pieces, 1)]
        pos = {r.id: r.start for r in items}
        tweets = self._tweet_dates(layout, pieces, items, text)
        signed = {i for i, _ in tweets.values()}

        def frame(x: int) -> tuple[str, dt.date] | None:
            """The time the words at ``x`` are spoken from: a dated quote's date, else the article's."""
            q = layout.quote(x)
            if q is not None:
                qs, qe = layout.quotes[q]
                sents = {layout.sentence(qs - 1), layout.sentence(qe)}
                dated = [
                    (i, d)
                    for i, d, p in history
                    if p == "day" and layout.sentence(pos[i]) in sents and not qs <= pos[i] < qe
                ]
                if dated:
                    return dated[-1]
            return tweets.get(layout.para(x)) or pub

        def close(anchor: tuple[str, dt.date] | None, x: int) -> tuple[str, dt.date] | None:
            """A story date in the same paragraph and the same quotation (or outside both)."""
            if anchor is None or anchor[0] not in pos:
                return None
            y = pos[anchor[0]]
            return anchor if layout.para(y) == layout.para(x) and layout.quote(y) == layout.quote(x) else None

        for k, (start, end, cand, part) in enumerate(pieces):
            r = items[k]
            g = cand.groups
            toks = self._token_at(chunks, start, end)
            flashback = self._flashback(toks)
            if flashback:
                r.attrs["flashback"] = True
            if cand.kind in ("abs", "iso", "numeric", "range", "month", "year", "entity"):
                days = [(h[0], h[1]) for h in history if h[2] == "day"]
                self._absolute(r, cand, part, text, last_day or (days[-1] if days else None), pub, layout)
                if r.day is not None and r.precision is not None:
                    caption = layout.caption(start)
                    if r.attrs.get("published"):
                        # A dateline stands for the publication date, not a date in the story.
                        if pub is None and r.precision == "day":
                            pub = (r.id, r.day)
                    elif not caption:
                        history.append((r.id, r.day, r.precision))
                    if not r.attrs.get("published") and r.precision == "day" and not flashback and not caption:
                        last_day = (r.id, r.day)
                        # a tweet's posting day dates its words and nearby weekdays, but "that night" means an event
                        last_event = last_day if r.id not in signed else last_event
                    event = self._event(toks)
                    if event is not None:
                        r.attrs.update(event)
                        events.setdefault(event["event"], []).append((r.id, r.day, r.precision))
            elif cand.kind == "offset":
                self._offset(r, g, history, frame(start), events, items, pieces, k, text)
            elif cand.kind == "anaph":
                self._anaphoric(r, g, last_event, history, events, text, self._attach(r, items, pieces, k, text))
            elif cand.kind == "deictic":
                self._deictic(r, g, frame(start))
            elif cand.kind == "weekday":
                self._weekday(r, g, close(last_day, start), frame(start), self._future(toks))
            elif cand.kind == "duration":
                self._duration(r, g)
                if cand.extra.get("range"):
                    r.attrs["range"] = True  # "3–5 days": only the upper end was read
                self._attach(r, items, pieces, k, text)
            if r.kind != "absolute" and r.day is not None and r.precision == "day" and not flashback:
                last_event = (r.id, r.day)
            self._finish(r, bisect.bisect_right(sent_starts, start) - 1)
        return items

    @staticmethod
    def _finish(r: Resolved, sentence: int) -> None:
        """The attributes every date carries, null where nothing set them."""
        for key in ("weekday", "days", "anchor"):
            r.attrs.setdefault(key, None)
        r.attrs["precision"] = r.precision
        r.attrs["sentence"] = max(0, sentence)

    @staticmethod
    def _future(toks: list[Token]) -> bool:
        """Whether the clause of a time expression looks ahead: "will", "is to", "plans to", "is set to"."""
        head = _clause_verb(toks)
        if head is None:
            return False
        aux = [c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")]
        if any(a in ("will", "shall", "'ll", "’ll", "wo") for a in aux):
            return True
        if "to" in aux and head.head.i != head.i:
            gov = head.head
            return gov.lemma_.lower() in FUTURE_GOVERNORS or (
                gov.lower_ == "going" and any(c.dep_ == "aux" for c in gov.children)
            )
        # "Mohamed and his father are to travel … On Wednesday": the date hangs on "are".
        return head.lemma_.lower() in FUTURE_GOVERNORS and any(
            c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in head.children
        )

    def _absolute(
        self,
        r: Resolved,
        cand: Cand,
        part: int,
        text: str,
        last_day: tuple[str, dt.date] | None,
        pub: tuple[str, dt.date] | None,
        layout: Layout,
    ) -> None:
        g = cand.groups
        r.kind = "absolute"
        # A dateline: "Published 9 June 2030", or a date alone on its line ("Friday, July 21, 2017").
        line_start = text.rfind("\n", 0, r.start) + 1
        line_end = text.find("\n", r.end)
        line_end = len(text) if line_end < 0 else line_end
        alone = not text[line_start : r.start].strip(" \t*_#>") and not text[r.end : line_end].strip(" \t*_.")
        if (
            # "Published 9 June 2030" at the top or opening its line; "a letter dated 22 November 2000"
            # in running text is a story date.
            (
                (kw := DATELINE.search(text[max(0, r.start - 40) : r.start])) is not None
                and (
                    (kw.group(0)[:1].isupper() and any(ls <= r.start < le for ls, le in layout.head_lines))
                    or not DATELINE.sub("", text[line_start : r.start]).strip(" \t*_#>|")
                )
            )
            or (alone and cand.kind != "range")
            or (pub is None and self._head_dateline(r, cand, text, layout, line_start, line_end))
        ):
            r.attrs["published"] = True
        if cand.kind == "entity":
            r.value, r.precision = g["value"], g["precision"]
            parsed = parse_iso(r.value)
            r.day = parsed[0] if parsed else None
            return
        if cand.kind == "year":
            y = int(str(g["y"]))
            r.value, r.precision, r.day = f"{y:04d}", "year", dt.date(y, 1, 1)
            return
        if cand.kind == "iso":
            parsed = parse_iso(text[r.start : r.end])
            if parsed is not None:
                r.day, r.precision = parsed
                r.value = iso(*parsed)
            return
        if cand.kind == "numeric":
            a, b, y = int(str(g["a"])), int(str(g["b"])), int(str(g["y"]))
            if a > 12 >= b or b > 12 >= a:
                day_n, month_n = (a, b) if a > 12 else (b, a)
                try:
                    r.day, r.precision = dt.date(y, month_n, day_n), "day"
                    r.value = r.day.isoformat()
                except ValueError:
                    pass
            return
        # Day–month–year text: parse the span (the weekday is checked, not parsed).
        year = g.get("y")
        month = str(g["m"])
        if cand.kind == "range":
            day_text = g["d1"] if part == 0 else g["d2"]
            phrase = f"{day_text} {month} {year or ''}".strip()
        elif cand.kind == "month":
            phrase = month
        else:
            m = cand.extra["match"]
            phrase = text[(m.end("wd") if g.get("wd") else r.start) : r.end].strip(" ,")
        has_day = cand.kind in ("range",) or g.get("d") is not None
        precision = "day" if has_day else "month"
        if year is None:
            base_src = last_day or pub
            if base_src is None:
                r.attrs["year_inferred"] = True
                r.precision = precision
                if g.get("wd"):
                    r.attrs["weekday"] = g["wd"]
                return
            base = base_src[1]
            r.attrs["year_inferred"] = True
            r.attrs["anchor"] = base_src[0]
            parsed_day = dp(f"{phrase} {base.year}", base, "current_period")
        else:
            parsed_day = dp(phrase, dt.date(int(year), 1, 1), "current_period")
        if g.get("wd"):
            r.attrs["weekday"] = g["wd"]
        if parsed_day is None:
            r.precision = precision
            return
        r.day, r.precision = parsed_day, precision
        r.value = iso(parsed_day, precision)

    @staticmethod
    def _head_dateline(r: Resolved, cand: Cand, text: str, layout: Layout, line_start: int, line_end: int) -> bool:
        """A full date in the first three lines that ends the headline ("… ants Tuesday, September 1, 2015"),
        opens the first paragraph with its weekday ("Thursday, May 7, 2015 On Tuesday, …") or is an agency
        dateline ("BUDAPEST, Hungary, February 19, 2018 (LifeSiteNews) – …")."""
        g = cand.groups
        if cand.kind != "abs" or not g.get("y") or g.get("d") is None:
            return False
        if not any(ls <= r.start < le for ls, le in layout.head_lines[:3]):
            return False
        before = text[line_start : r.start]
        words = before.split()
        if not text[r.end : line_end].strip() and words and words[-1].lower().strip(",") not in LINE_START_PREPS:
            return True
        if g.get("wd") and not before.strip():
            return True
        # An agency dateline, a byline's date and time ("January 25, 2018 2:16 pm"), or a date right before the
        # place of an agency dateline ("WSYX/WTTE Saturday, February 10th 2018 COLUMBUS, Ohio (WSYX/WTTE) -").
        after = text[r.end : r.end + 80]
        if AGENCY_BEFORE.match(before):
            return bool(AGENCY_AFTER.match(after))
        return bool(AGENCY_AFTER.match(after)) and not re.match(r"^,?[^\S\r\n]*[(–—-]", after)

    def _event(self, toks: list[Token]) -> dict[str, Any] | None:
        """The event an absolute date dates: the event noun its phrase attaches to, or the
        subject or object of the verb it modifies ("On 4 June, a bomb tore through …")."""
        if not toks:
            return None
        inside = {t.i for t in toks}
        root = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[0])
        # "the 2019 bombing": the date names the event, so it is a distinct one.
        if root.dep_ in ("compound", "nummod", "amod", "nmod", "poss") and event_class(root.head.lemma_):
            return self._describe_event(root.head, named_by_date=True)
        cur = root
        for _ in range(5):
            head = cur.head
            if head.i == cur.i:
                break
            if head.pos_ in ("NOUN", "PROPN") and event_class(head.lemma_):
                return self._describe_event(head, named_by_date=False)
            if head.pos_ in ("VERB", "AUX"):
                nouns = [
                    c
                    for c in head.children
                    if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and event_class(c.lemma_)
                ]
                if nouns:
                    return self._describe_event(min(nouns, key=lambda t: abs(t.i - root.i)), named_by_date=False)
                cls = EVENT_VERBS.get(head.lemma_.lower())
                if cls is not None:
                    # A verb introduces an event ("they met on 2 and 5 June" may be two meetings).
                    return {"event": cls, "event_word": head.lemma_.lower(), "event_ref": "indefinite"}
                return None
            cur = head
        return None

    @staticmethod
    def _flashback(toks: list[Token]) -> bool:
        """Whether the date sits in a past-perfect clause ("had been inspected on 28 May"):
        a look back from the story's time, which later story-time words do not count from."""
        head = _clause_verb(toks)
        return head is not None and any(c.dep_ == "aux" and c.lower_ in ("had", "'d", "’d") for c in head.children)

    @staticmethod
    def _describe_event(noun: Token, *, named_by_date: bool) -> dict[str, Any]:
        cls = event_class(noun.lemma_)
        ref = "indefinite"
        dets = [c.lower_ for c in noun.children if c.dep_ in ("det", "poss")]
        mods = [c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nummod")]
        if named_by_date or any(m in DISTINCT_MODIFIERS for m in mods) or "another" in dets:
            ref = "distinct"
        elif noun.tag_ in ("NNS", "NNPS"):
            ref = "plural"
        elif any(d in ("the", "this", "that") for d in dets) or any(c.dep_ == "poss" for c in noun.children):
            ref = "definite"
        return {"event": cls, "event_word": noun.lemma_.lower(), "event_ref": ref}

    def _event_date(
        self, events: dict[str, list[tuple[str, dt.date, str]]], refnoun: str | None
    ) -> tuple[str, dt.date] | None:
        cls = event_class(refnoun or "")
        if cls is None:
            return None
        dated = [(i, d) for i, d, p in events.get(cls, []) if p == "day"]
        return dated[-1] if dated else None

    def _offset(
        self,
        r: Resolved,
        g: dict[str, str | None],
        history: list[tuple[str, dt.date, str]],
        frame: tuple[str, dt.date] | None,
        events: dict[str, list[tuple[str, dt.date, str]]],
        items: list[Resolved],
        pieces: list[tuple[int, int, Cand, int]],
        k: int,
        text: str,
    ) -> None:
        r.kind = "relative"
        n = count_words(str(g["n"]))
        unit = unit_name(str(g["unit"]))
        direction = str(g.get("dir") or g.get("dir2")).lower()
        sign = -1 if direction in ("earlier", "before", "ago", "previously", "prior") else 1
        refnoun = g.get("refnoun")
        ref_cls = event_class(refnoun or "")
        # "ten days before the beginning of the Hajj", "a year after Assange took refuge": the offset counts
        # from a reference the text names; only a dated event of that class can anchor it.
        complement = direction in ("before", "after", "prior") and (
            refnoun is not None or not ADVERBIAL_END.match(text[r.end : r.end + 20])
        )
        if refnoun is not None and ref_cls is None:
            # "two days after the minister resigned": only the offset is the expression.
            m = re.search(r"\b(?:the|that|this)\s+[A-Za-z]+$", text[r.start : r.end])
            if m is not None:
                r.end = r.start + m.start()
                while text[r.end - 1].isspace():
                    r.end -= 1
        r.attrs["ref_event"] = ref_cls
        r.attrs["shift"] = {"n": None if n is None else sign * n, "unit": unit}
        r.precision = UNIT_PRECISION.get(unit, "day")
        attached = self._attach(r, items, pieces, k, text)
        # The date written next to it is what the offset should give, not where it counts from;
        # the anchor must be at least as precise as the unit ("eight months later" may count from "January 1998").
        rank = {"day": 0, "month": 1, "year": 2}
        story = [(h[0], h[1]) for h in history if h[0] != attached and rank[h[2]] <= rank[r.precision]]
        last_day = story[-1] if story else None
        anchor: tuple[str, dt.date] | None
        if direction == "ago":
            anchor = frame  # the time of writing (or of a dated quote), never a story date
        elif complement:
            anchor = (self._event_date(events, refnoun) or last_day) if ref_cls else None
        else:
            anchor = last_day  # "three days later": the story's time, never the publication date
        if anchor is None or n is None:
            return
        r.attrs["anchor"] = anchor[0]
        unit_word = {"night": "day", "fortnight": "week", "decade": "year", "century": "year"}.get(unit, unit)
        count = n * {"fortnight": 2, "decade": 10, "century": 100}.get(unit, 1)
        phrase = f"{count:g} {unit_word}s ago" if sign < 0 else f"in {count:g} {unit_word}s"
        day = dp(phrase, anchor[1], "past" if sign < 0 else "future")
        if day is not None:
            r.day = day
            r.value = iso(day, r.precision)

    def _attach(
        self, r: Resolved, items: list[Resolved], pieces: list[tuple[int, int, Cand, int]], k: int, text: str
    ) -> str | None:
        """The absolute date written right next to this expression ("a week earlier, on 2 June")."""
        for j in (k - 1, k + 1):
            if not 0 <= j < len(pieces):
                continue
            other = pieces[j]
            if other[2].kind not in ("abs", "iso", "numeric", "range", "year", "month"):
                continue
            gap = text[other[1] : r.start] if j < k else text[r.end : other[0]]
            if len(gap) <= 8 and ATTACH_GAP.match(gap):
                r.attrs["attached"] = items[j].id
                return items[j].id
        return None

    def _anaphoric(
        self,
        r: Resolved,
        g: dict[str, str | None],
        last_any: tuple[str, dt.date] | None,
        history: list[tuple[str, dt.date, str]],
        events: dict[str, list[tuple[str, dt.date, str]]],
        text: str,
        attached: str | None = None,
    ) -> None:
        r.kind = "relative"
        unit = (g.get("u1") or g.get("u2") or g.get("u3") or g.get("u4") or "day").lower()
        rel = (g.get("rel") or "").lower()
        shift = 0
        if rel in ("next", "following") or (g.get("ba") or "").lower() == "after":
            shift = 1
        elif rel in ("previous", "preceding") or (g.get("ba") or "").lower() == "before":
            shift = -1
        base_unit = unit if unit in ("week", "weekend", "month", "year") else "day"
        r.attrs["shift"] = {"n": shift, "unit": base_unit}
        refnoun = g.get("refnoun")
        r.attrs["ref_event"] = event_class(refnoun or "")
        anchor = self._event_date(events, refnoun) or last_any
        if g.get("ba") and refnoun is None and not ADVERBIAL_END.match(text[r.end : r.end + 20]):
            anchor = None  # "the day after he lodged a complaint": the text does not date the reference
        elif refnoun is not None and r.attrs["ref_event"] is None:
            anchor = None
        if g.get("ba") and anchor is not None and anchor[0] == attached:
            # "on Nov. 7, 2016, the day before the election": the date next to it is its own value, not the
            # day it counts from.
            anchor = None
        elif base_unit in ("month", "year") and not g.get("refnoun"):
            # "late that year" refers to the last date at least as precise as a year ("in 2015"), not only to
            # the last day.
            rank = {"day": 0, "month": 1, "year": 2}
            coarse = [(h[0], h[1]) for h in history if rank[h[2]] <= rank[base_unit]]
            if coarse and (anchor is None or int(coarse[-1][0][1:]) > int(anchor[0][1:])):
                anchor = coarse[-1]
        r.precision = {"week": None, "weekend": None, "month": "month", "year": "year"}.get(base_unit, "day")
        if anchor is None:
            return
        r.attrs["anchor"] = anchor[0]
        if r.precision is None:
            return
        day: dt.date | None = anchor[1]
        if shift:
            phrase = f"in 1 {base_unit}" if shift > 0 else f"1 {base_unit} ago"
            day = dp(phrase, anchor[1], "future" if shift > 0 else "past")
        if day is not None:
            r.day = day
            r.value = iso(day, r.precision)

    def _deictic(self, r: Resolved, g: dict[str, str | None], anchor: tuple[str, dt.date] | None) -> None:
        r.kind = "relative"
        unit = (g.get("u") or "day").lower()
        r.precision = {"week": None, "weekend": None, "month": "month", "year": "year"}.get(unit, "day")
        if anchor is None:
            return
        r.attrs["anchor"] = anchor[0]
        if r.precision is None:
            return
        if g.get("word"):
            phrase = str(g["word"])
        elif g.get("part"):
            phrase = "today"  # "this morning"
        elif g.get("rel"):
            phrase = f"{g['rel']} {unit}"  # "earlier this month" is in this month
        else:
            phrase = "last night"
        day = dp(phrase.lower(), anchor[1], "past")
        if day is not None:
            r.day = day
            r.value = iso(day, r.precision)

    def _weekday(
        self,
        r: Resolved,
        g: dict[str, str | None],
        story: tuple[str, dt.date] | None,
        frame: tuple[str, dt.date] | None,
        future: bool,
    ) -> None:
        """A weekday counts from a story date close to it (same paragraph and quotation), else from the
        time it is spoken from (the publication date or a dated quote's date), else stays null."""
        r.kind = "weekday"
        name = str(g["wd"])
        r.attrs["weekday"] = name
        r.precision = "day"
        lnt = (g.get("lnt") or "").lower()
        anchor = story or frame
        if anchor is None:
            return
        r.attrs["anchor"] = anchor[0]
        base = anchor[1]
        if WEEKDAYS[base.weekday()] == name and not lnt:
            day: dt.date | None = base
        else:
            if lnt in ("last", "next"):
                prefer = "past" if lnt == "last" else "future"
            else:
                # After a story date the story moves on; from the time of writing a weekday lies in the past
                # unless its clause looks ahead ("are to travel … on Wednesday").
                prefer = "future" if story is not None or future else "past"
            day = dp(name, base, prefer)
        if day is not None:
            r.day = day
            r.value = day.isoformat()

    @staticmethod
    def _duration(r: Resolved, g: dict[str, str | None]) -> None:
        r.kind = "duration"
        n = count_words(str(g["n"]))
        unit = unit_name(str(g["unit"]))
        prep = " ".join((g.get("prep") or "").lower().split())
        r.attrs["days"] = None if n is None else n * UNIT_DAYS[unit]
        r.attrs["bound"] = BOUNDS.get(prep)
        r.attrs["prep"] = prep or None
        r.attrs["n"] = n
        r.attrs["unit"] = unit
