"""A headline set in Title Case, re-cased for the parser (no model).

spaCy's small model reads "Madagascar Plague Outbreak Has Already Killed 57 And Infected Over 600" as a row of
names: every capitalised word a proper noun, no verb.  :func:`parser_text` gives the parser the same text with such
a first line in sentence case: a capitalised word keeps its capital only when the article's body writes it as a
name (in mid-sentence, or capitalised and never in lower case: "Keith Ellison", "Muslim"); the others are
lower-cased ("killed", "infected").  Only letters change case, so every offset stays exact; the parse component
puts the parse back on the article's own words.

Limits: the first line only (subheadings are left as they are); a name the body never repeats loses its capital,
and a common word the body capitalises mid-sentence (in a title, "the Police Officer") keeps it.
"""

from __future__ import annotations

import re

from .paragraphs import SHORT_TITLES

__all__ = ["parser_text", "title_cased"]

_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def title_cased(line: str) -> bool:
    """Whether a line is set in Title Case: three or more words of four letters or more, nine in ten capitalised."""
    long_words = [w for w in _WORD.findall(line) if len(w) >= 4]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.9 * len(long_words)


#: What comes right before a word written capitalised in mid-sentence: a lower-case word or a comma ("said Keith"),
#: an opening quotation mark after one, or a title written short ("Rep. Keith Ellison").
_MID_SENTENCE = re.compile(rf"(?:[a-z0-9,;]\s+|[a-z0-9,;]\s*[\"“‘(]|\b(?:{SHORT_TITLES})\.\s+)$")


def _whole(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'’-])" + re.escape(word) + r"(?![\w'’-])")


def _named_in(body: str, word: str) -> bool:
    """Whether ``body`` writes ``word`` as a name: capitalised in mid-sentence, or capitalised (a sentence may open
    with it: "Ellison denied …") and never in lower case."""
    found = list(_whole(word).finditer(body))
    if any(_MID_SENTENCE.search(body[max(0, m.start() - 8) : m.start()]) for m in found):
        return True
    return bool(found) and _whole(word.lower()).search(body) is None


def parser_text(text: str) -> str:
    """``text`` with its first line in sentence case when that line is a Title Case headline; else ``text``."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end]
    if not title_cased(line):
        return text
    body = text[end:]
    out = []
    last = 0
    for k, m in enumerate(_WORD.finditer(line)):
        word = m.group(0)
        keep = (
            k == 0
            or not word[0].isupper()
            or (word.isupper() and word != "A")  # "ISIS", "MAGA", "UK"; but "A MAGA Hat" is "a MAGA hat"
            or any(ch.isdigit() or ch.isupper() for ch in word[1:])  # "McCarrick", "iPhone", "2018s"
            or _named_in(body, word)
        )
        out.append(line[last : m.start()])
        out.append(word if keep else word[0].lower() + word[1:])
        last = m.end()
    out.append(line[last:])
    recased = "".join(out)
    return text[:start] + recased + text[end:]
