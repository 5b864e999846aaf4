"""Turning decoded input into :class:`~unspin.document.Document` objects.

* ``.txt``: the text as it is; the title is the first line when it is short
  (at most 200 characters) and more text follows.
* ``.md``: the text as it is (Markdown marks stay in, so offsets match the
  file); the title is the first ``#`` heading, else as for ``.txt``.
* ``.html``: boilerplate removed with trafilatura, which also gives title,
  author and publication date.  Offsets then index the extracted text.
* ``.jsonl``: one JSON object per line with ``text`` and optional ``id``,
  ``title``, ``url``, ``published``, ``outlet``, ``author``.
"""

from __future__ import annotations

import re
from typing import Any

from ..document import Document
from ..errors import InputError
from ..user_data import BadJSON, parse_json

__all__ = ["FORMATS", "document_from_html", "document_from_jsonl_line", "document_from_text", "sniff_format"]

#: Input formats by file suffix.
FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

_MD_HEADING = re.compile(r"^\ufeff?#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_MIN_HTML_WORDS = 3


def sniff_format(text: str) -> str:
    """Guess the format of text with no file name (stdin)."""
    head = text.lstrip("\ufeff \t\r\n")[:1000].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    if head.startswith("{") and '"text"' in head:
        return "jsonl"
    return "txt"


def _first_line_title(text: str) -> str | None:
    stripped = text.lstrip("\ufeff \t\r\n")
    first, sep, rest = stripped.partition("\n")
    first = first.strip()
    if first and sep and rest.strip() and len(first) <= 200:
        return first.lstrip("#").strip() or None
    return None


def document_from_text(text: str, *, doc_id: str, source: str | None, fmt: str = "txt") -> Document:
    title = None
    if fmt == "md":
        m = _MD_HEADING.search(text)
        title = m.group(1).strip() if m else None
    return Document(text, id=doc_id, title=title or _first_line_title(text), source=source, meta={"format": fmt})


_MAX_HTML_DEPTH = 255  # libxml2's HTML parser drops what lies deeper
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def _nesting_depth(html: str) -> int:
    """The deepest element nesting in ``html``, counted from its tags (void and self-closed tags do not nest)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m.group(2).lower() in _VOID or m.group(3):
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    return deepest


def document_from_html(html: str, *, doc_id: str, source: str | None) -> Document:
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True, url=None
        )
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise InputError(source or doc_id, f"cannot parse HTML ({type(exc).__name__})", "check the file") from None
    text = getattr(result, "text", None) if result is not None else None
    if (not text or len(text.split()) < _MIN_HTML_WORDS) and _nesting_depth(html) > _MAX_HTML_DEPTH:
        raise InputError(
            source or doc_id,
            f"no article text found: the HTML nests elements more than {_MAX_HTML_DEPTH} deep, past what the "
            "HTML parser (libxml2) reads",
            "give the article's text as .txt, or save the page from a browser",
        )
    if not text or len(text.split()) < _MIN_HTML_WORDS:
        raise InputError(
            source or doc_id,
            "no article text found in the HTML (only navigation or boilerplate)",
            "save the article page itself, or give its text as .txt",
        )
    meta: dict[str, Any] = {"format": "html"}
    author = getattr(result, "author", None)
    if author:
        meta["author"] = author
    sitename = getattr(result, "sitename", None)
    if sitename:
        meta["outlet"] = sitename
    return Document(
        text,
        id=doc_id,
        title=getattr(result, "title", None),
        source=source,
        published=getattr(result, "date", None),
        meta=meta,
    )


def document_from_jsonl_line(line: str, *, where: str, default_id: str, source: str) -> Document:
    try:
        obj = parse_json(line)
    except BadJSON as exc:
        raise InputError(where, f"invalid JSON ({exc.reason})", "fix or remove that line") from None
    if not isinstance(obj, dict):
        raise InputError(where, "a line must be a JSON object with a 'text' field", 'e.g. {"text": "…"}')
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "no 'text' field, or it is empty", 'each line needs {"text": "…"}')
    optional = {k: obj.get(k) for k in ("title", "url", "published", "outlet", "author")}
    for key, value in optional.items():
        if value is not None and not isinstance(value, str):
            raise InputError(where, f"field {key!r} must be a string", "fix that line")
    doc_id = obj.get("id")
    meta: dict[str, Any] = {"format": "jsonl"}
    for key in ("outlet", "author", "url"):
        if optional[key]:
            meta[key] = optional[key]
    return Document(
        text,
        id=str(doc_id) if doc_id not in (None, "") else default_id,
        title=optional["title"],
        source=optional["url"] or source,
        published=optional["published"],
        meta=meta,
    )
