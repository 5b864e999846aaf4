"""Persuasion techniques in the reports: a colour per technique, a legend, definitions on hover, escaping."""

from __future__ import annotations

import html
import itertools
import re
from typing import Any

import pytest

from unspin import Document, Span
from unspin.corpora.ptc import TECHNIQUES
from unspin.models.technique_defs import TECHNIQUE_DEFS, definition, display_name
from unspin.reports import build_report, load_schema, render_html, render_markdown, report_errors
from unspin.reports.html_techniques import TECHNIQUE_COLOURS

BODY_TEXT = "#1d232b"  # the article text colour of the HTML report


def make_report(text: str, techniques: list[tuple[int, int, str, float]], built: bool = True) -> dict[str, Any]:
    """A report whose techniques layer is given by hand, as the techniques component would add it."""
    doc = Document(text, id="tq")
    if built:
        spans = [
            Span(s, e, label, "t.v1", score=score, id=f"T{k + 1}", attrs={"technique": label, "score": score})
            for k, (s, e, label, score) in enumerate(techniques)
        ]
        doc.add_spans("techniques", spans, component="t.v1")
    doc.meta["pipeline"] = [{"name": "t.v1", "assigns": ["techniques"] if built else []}]
    report = build_report(doc)
    assert report_errors(report) == []
    return report


def cls(label: str) -> str:
    return "tq-" + re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def segments(page: str) -> list[tuple[set[str], str, str]]:
    """The highlighted pieces of the article: (classes, unescaped title, unescaped text)."""
    article = page[page.index("<article>") : page.index("</article>")]
    return [
        (set(c.split()), html.unescape(t), html.unescape(x))
        for c, t, x in re.findall(r'<span class="([^"]*)" title="([^"]*)">([^<]*)</span>', article)
    ]


def legend(page: str) -> list[tuple[str, str, str, str]]:
    """The legend entries: (title, swatch class, display name, count)."""
    m = re.search(r'<ul class="tq-legend"[^>]*>(.*?)</ul>', page)
    assert m, "no legend"
    return [
        (html.unescape(t), c, html.unescape(n), k)
        for t, c, n, k in re.findall(
            r'<li title="([^"]*)"><span class="tq-swatch ([^"]*)"></span>([^<]*) <span class="muted">(\d+)</span></li>',
            m.group(1),
        )
    ]


# --- definitions ---------------------------------------------------------------------------------------------


def test_every_ptc_technique_has_a_name_and_a_short_definition() -> None:
    assert list(TECHNIQUE_DEFS) == list(TECHNIQUES)
    assert set(TECHNIQUE_DEFS) == set(load_schema()["$defs"]["technique"]["enum"])
    names = [d.name for d in TECHNIQUE_DEFS.values()]
    assert len(set(names)) == len(names)
    for label, d in TECHNIQUE_DEFS.items():
        assert d.label == label and display_name(label) == d.name and definition(label) == d.definition
        assert "_" not in d.name and d.name[0].isupper()
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", d.definition) if s]
        assert 1 <= len(sentences) <= 2 and d.definition.endswith("."), label
        assert 40 <= len(d.definition) <= 260, label


def test_definitions_name_no_country_party_or_outlet() -> None:
    # Every capitalised word opens a sentence: no proper nouns (countries, parties, outlets, people).
    for d in TECHNIQUE_DEFS.values():
        for sentence in re.split(r"(?<=[.!?:])\s+", d.definition):
            words = re.findall(r"[A-Za-z][\w'-]*", sentence)
            assert all(w[0].islower() for w in words[1:]), (d.label, sentence)


def test_unknown_labels_are_made_readable() -> None:
    assert display_name("Some_New,Thing") == "Some New, Thing"
    assert definition("Some_New,Thing") == ""
    assert display_name("Name_Calling,Labeling") == "Name calling or labelling"


# --- colours -------------------------------------------------------------------------------------------------


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> tuple[int, int, int]:
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", colour), colour
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def luminance(colour: str) -> float:
    r, g, b = (_linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def lab(colour: str) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in _rgb(colour))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_contrast_formula() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#777777") == pytest.approx(1.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey on white


@pytest.mark.parametrize("label", TECHNIQUES)
def test_dark_text_is_readable_on_every_technique_colour(label: str) -> None:
    colour = TECHNIQUE_COLOURS[label]
    assert contrast("#000000", colour) >= 4.5
    assert contrast(BODY_TEXT, colour) >= 4.5


def test_technique_colours_are_distinct() -> None:
    assert list(TECHNIQUE_COLOURS) == sorted(TECHNIQUE_COLOURS, key=list(TECHNIQUE_COLOURS).index)
    assert set(TECHNIQUE_COLOURS) == set(TECHNIQUES)
    closest = min(
        sum((p - q) ** 2 for p, q in zip(lab(a), lab(b), strict=True)) ** 0.5
        for a, b in itertools.combinations(TECHNIQUE_COLOURS.values(), 2)
    )
    assert closest >= 15  # CIELAB ΔE76: clearly different side by side


# --- the HTML page -------------------------------------------------------------------------------------------

WORDS = [f"word{k:02d}" for k in range(len(TECHNIQUES))]
ALL_TEXT = "Start. " + " ".join(WORDS) + " end."


def all_techniques_report() -> dict[str, Any]:
    spans = []
    for k, label in enumerate(TECHNIQUES):
        s = ALL_TEXT.index(WORDS[k])
        spans.append((s, s + len(WORDS[k]), label, 0.5 + k / 100))
    return make_report(ALL_TEXT, spans)


def test_each_technique_span_has_its_own_colour_class() -> None:
    page = render_html(all_techniques_report())
    by_text = {x: c for c, _, x in segments(page)}
    classes = {cls(label) for label in TECHNIQUES}
    assert len(classes) == 14
    for k, label in enumerate(TECHNIQUES):
        assert "l-techniques" in by_text[WORDS[k]]
        assert by_text[WORDS[k]] & classes == {cls(label)}, label
        colour = TECHNIQUE_COLOURS[label]
        # the colour is applied while the techniques layer is switched on, and to the legend swatch
        assert f"#t-techniques:checked~.wrap .l-techniques.{cls(label)}{{background:{colour}}}" in page
        assert f".tq-swatch.{cls(label)}{{background:{colour}}}" in page


def test_hover_shows_name_definition_and_score() -> None:
    text = "They are cowards and traitors."
    s = text.index("cowards")
    page = render_html(make_report(text, [(s, s + len("cowards"), "Name_Calling,Labeling", 0.87)]))
    [(classes, title, chunk)] = [seg for seg in segments(page) if "l-techniques" in seg[0]]
    assert chunk == "cowards" and cls("Name_Calling,Labeling") in classes
    expected = f"Name calling or labelling — {definition('Name_Calling,Labeling')} (score 0.87)"
    assert title == expected
    assert f'title="{html.escape(expected)}"' in page  # the panel item carries it too
    assert ">Name calling or labelling</a>" in page  # the panel shows the display name, not the label
    assert "Name_Calling,Labeling" not in page


def test_legend_lists_only_the_techniques_found_with_counts() -> None:
    text = "A disgrace, a shameful disgrace. Everyone knows it. Doubtful at best."
    d1, d2 = [m.start() for m in re.finditer("disgrace", text)]
    ev = text.index("Everyone knows it")
    spans = [
        (d1, d1 + 8, "Loaded_Language", 0.9),
        (d2, d2 + 8, "Loaded_Language", 0.8),
        (text.index("shameful"), text.index("shameful") + 8, "Loaded_Language", 0.7),
        (ev, ev + 17, "Bandwagon,Reductio_ad_hitlerum", 0.4),
    ]
    page = render_html(make_report(text, spans))
    entries = legend(page)
    assert [(n, c, k) for _, c, n, k in entries] == [
        ("Loaded language", cls("Loaded_Language"), "3"),
        ("Bandwagon or reductio ad Hitlerum", cls("Bandwagon,Reductio_ad_hitlerum"), "1"),
    ]
    assert entries[0][0] == f"Loaded language — {definition('Loaded_Language')}"
    assert entries[1][0] == f"Bandwagon or reductio ad Hitlerum — {definition('Bandwagon,Reductio_ad_hitlerum')}"
    assert "Doubt" not in {e[2] for e in entries}
    assert "No persuasion techniques found" not in page


def test_no_techniques_says_so_and_not_analysed_stays_distinct() -> None:
    page = render_html(make_report("Nothing persuasive here.", []))
    assert "No persuasion techniques found." in page
    assert 'class="tq-legend"' not in page
    not_built = render_html(make_report("Nothing persuasive here.", [], built=False))
    panel = not_built[not_built.index('id="panel-techniques"') :]
    assert panel.index("Not analysed") < panel.index("</section>")
    assert "No persuasion techniques found" not in not_built


def test_overlapping_techniques_all_stay_visible() -> None:
    text = "This evil, corrupt regime must fall."
    a = text.index("evil, corrupt regime")  # Name calling over the whole phrase
    b = text.index("evil")  # Loaded language inside it
    c = text.index("corrupt regime must fall")  # Slogans, overlapping its end
    spans = [
        (a, a + len("evil, corrupt regime"), "Name_Calling,Labeling", 0.6),
        (b, b + 4, "Loaded_Language", 0.9),
        (b, b + 4, "Doubt", 0.3),  # a second technique on the very same span
        (c, c + len("corrupt regime must fall"), "Slogans", 0.5),
    ]
    page = render_html(make_report(text, spans))
    tq = {x: {k for k in c if k.startswith("tq-")} for c, _, x in segments(page)}
    names, loaded, doubt, slogans = (cls(t) for t in ("Name_Calling,Labeling", "Loaded_Language", "Doubt", "Slogans"))
    assert tq["evil"] == {names, loaded, doubt}
    assert tq[", "] == {names}
    assert tq["corrupt regime"] == {names, slogans}
    assert tq[" must fall"] == {slogans}
    # every piece covered by several techniques gets stripes of all their colours (the most specific rule)
    for combo, labels in (
        ({names, loaded, doubt}, ("Loaded_Language", "Name_Calling,Labeling", "Doubt")),
        ({names, slogans}, ("Name_Calling,Labeling", "Slogans")),
    ):
        rule = next(
            r
            for r in re.findall(r"#t-techniques:checked~\.wrap \.l-techniques((?:\.tq-[a-z0-9-]+)+)\{([^}]*)\}", page)
            if set(r[0].strip(".").split(".")) == combo
        )
        assert "repeating-linear-gradient" in rule[1]
        assert all(TECHNIQUE_COLOURS[label] in rule[1] for label in labels)
    # hover over the nested piece names all three techniques
    title = next(t for c, t, x in segments(page) if x == "evil")
    assert all(display_name(t) in title for t in ("Name_Calling,Labeling", "Loaded_Language", "Doubt"))
    assert "(score 0.90)" in title and "(score 0.30)" in title
    # all four are in the panel list, linked to their place
    for i in range(4):
        assert f'href="#techniques-{i}"' in page and f'id="techniques-{i}"' in page


def test_article_text_inside_a_technique_span_stays_escaped() -> None:
    text = 'Intro.\nThe <script>alert("x")</script> menace & <b>horde</b> "attack".\n'
    s = text.index("<script>")
    e = text.index("horde</b>") + len("horde</b>")
    page = render_html(make_report(text, [(s, e, "Loaded_Language", 0.99)]))
    assert not re.search(r"<script", page, re.IGNORECASE)
    assert "<b>horde" not in page
    [(classes, _, chunk)] = [seg for seg in segments(page) if "l-techniques" in seg[0]]
    assert chunk == text[s:e] and cls("Loaded_Language") in classes
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; menace &amp; &lt;b&gt;horde&lt;/b&gt;" in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp and "default-src 'none'" in csp.group(1) and "script-src" not in csp.group(1)
    assert not re.search(r"\son[a-z]+\s*=", page)  # no event handlers anywhere


def test_markdown_shows_display_names() -> None:
    text = "They are cowards."
    s = text.index("cowards")
    md = render_markdown(make_report(text, [(s, s + 7, "Name_Calling,Labeling", 0.87)]))
    line = next(x for x in md.splitlines() if "cowards" in x and x.startswith("- "))
    assert line.startswith("- **Name calling or labelling** (Name\\_Calling,Labeling, 0.87):")
