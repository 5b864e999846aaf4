"""The HTML report's persuasion techniques: a colour per technique, a legend, the definition on hover."""

from __future__ import annotations

import itertools
from typing import Any

from ..models.technique_defs import definition, display_name
from .html_parts import Mark, esc, link, panel_section
from .view import excerpt

__all__ = ["TECHNIQUE_COLOURS", "technique_css", "technique_marks", "techniques_section"]


#: Background of each PTC technique's spans.  Fourteen light colours, all but one (#D4AA88) from published
#: colour-blind-aware qualitative palettes (Okabe-Ito, Paul Tol's light, pale and medium-contrast schemes,
#: ColorBrewer Set3 / Paired / PRGn), chosen so that every pair stays apart in CIELAB for normal vision
#: (ΔE76 ≥ 19) and under simulated deuteranopia, protanopia and tritanopia (ΔE76 ≥ 9, Machado et al. 2009).
#: The usual article text colour (#1d232b) has a WCAG contrast ratio of at least 6 on every one.
TECHNIQUE_COLOURS: dict[str, str] = {
    "Loaded_Language": "#FDB462",
    "Name_Calling,Labeling": "#56B4E9",
    "Repetition": "#B2DF8A",
    "Exaggeration,Minimisation": "#C2A5CF",
    "Doubt": "#8DD3C7",
    "Appeal_to_fear-prejudice": "#EE8866",
    "Flag-Waving": "#FCCDE5",
    "Causal_Oversimplification": "#BBCC33",
    "Slogans": "#E69F00",
    "Appeal_to_Authority": "#BBCCEE",
    "Black-and-White_Fallacy": "#D4AA88",
    "Thought-terminating_Cliches": "#CCDDAA",
    "Whataboutism,Straw_Men,Red_Herring": "#EE99AA",
    "Bandwagon,Reductio_ad_hitlerum": "#FFED6F",
}
_OTHER_TECHNIQUE = ("tq-other", "#DDDDDD")  # a label outside the 14 PTC classes
_TECHNIQUE_ORDER = {label: i for i, label in enumerate(TECHNIQUE_COLOURS)}
_TQ_SEL = "#t-techniques:checked~.wrap .l-techniques"


def _technique_label(t: dict[str, Any]) -> str:
    return str(t.get("technique") or t.get("label") or "")


def _technique_class(label: str) -> str:
    """The CSS class of a technique: ``tq-`` and the label in lower case with runs of other characters as ``-``."""
    if label not in TECHNIQUE_COLOURS:
        return _OTHER_TECHNIQUE[0]
    return "tq-" + "-".join("".join(c if c.isalnum() else " " for c in label.lower()).split())


def _technique_colour(label: str) -> str:
    return TECHNIQUE_COLOURS.get(label, _OTHER_TECHNIQUE[1])


def _technique_hover(label: str, score: Any = None) -> str:
    """``Display name — definition (score 0.87)``; without a definition or a score, those parts are left out."""
    out = display_name(label)
    if definition(label):
        out += f" — {definition(label)}"
    if score is not None:
        out += f" (score {float(score):.2f})"
    return out


def _technique_items(report: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """The techniques with a valid span, with their index in the report (the ``techniques-<i>`` anchor)."""
    n = len(report["text"])
    return [
        (i, t)
        for i, t in enumerate(report.get("techniques", []))
        if isinstance(t.get("start"), int) and isinstance(t.get("end"), int) and 0 <= t["start"] < t["end"] <= n
    ]


def technique_marks(report: dict[str, Any]) -> list[Mark]:
    return [
        Mark(
            t["start"],
            t["end"],
            "techniques",
            f"techniques-{i}",
            _technique_hover(_technique_label(t), t.get("score")),
            _technique_class(_technique_label(t)),
        )
        for i, t in _technique_items(report)
    ]


def _technique_overlaps(report: dict[str, Any]) -> set[tuple[str, ...]]:
    """Every set of two or more different techniques that share some characters (in colour order)."""
    items = [(t["start"], t["end"], _technique_label(t)) for _, t in _technique_items(report)]
    bounds = sorted({b for s, e, _ in items for b in (s, e)})
    found: set[tuple[str, ...]] = set()
    for a, b in itertools.pairwise(bounds):
        labels = {label for s, e, label in items if s <= a and b <= e}
        if len(labels) > 1:
            found.add(tuple(sorted(labels, key=lambda x: (_TECHNIQUE_ORDER.get(x, len(_TECHNIQUE_ORDER)), x))))
    return found


def technique_css(report: dict[str, Any]) -> str:
    """A background per technique (while the layer is on), swatches, and stripes where techniques overlap.

    Text covered by several techniques carries all their classes; a rule for each such combination in this
    report paints diagonal stripes of all their colours, so no technique hides another.
    """
    rules = [
        ".tq-legend{margin:4px 0 8px;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:4px 12px}",
        ".tq-legend li{cursor:help;margin:0}",
        ".tq-swatch{display:inline-block;width:.95em;height:.95em;border:1px solid #8a96a3;border-radius:3px;"
        "vertical-align:-2px;margin-right:4px}",
        f"{_TQ_SEL}{{cursor:help}}",
    ]
    for cls, colour in [(_technique_class(label), c) for label, c in TECHNIQUE_COLOURS.items()] + [_OTHER_TECHNIQUE]:
        rules.append(f".tq-swatch.{cls}{{background:{colour}}}")
        rules.append(f"{_TQ_SEL}.{cls}{{background:{colour}}}")
    for combo in sorted(_technique_overlaps(report)):
        stops = ",".join(
            f"{_technique_colour(label)} {k * 0.45:.2f}em {(k + 1) * 0.45:.2f}em" for k, label in enumerate(combo)
        )
        classes = "".join(f".{cls}" for cls in dict.fromkeys(_technique_class(label) for label in combo))
        rules.append(f"{_TQ_SEL}{classes}{{background:repeating-linear-gradient(135deg,{stops})}}")
    return "\n".join(rules)


def techniques_section(report: dict[str, Any]) -> str:
    """The panel's techniques: a legend of the techniques found (count, definition on hover), then each span."""
    text: str = report["text"]
    items = _technique_items(report)
    counts: dict[str, int] = {}
    for _, t in items:
        counts[_technique_label(t)] = counts.get(_technique_label(t), 0) + 1
    legend = "".join(
        f'<li title="{esc(_technique_hover(label))}"><span class="tq-swatch {_technique_class(label)}"></span>'
        f'{esc(display_name(label))} <span class="muted">{n}</span></li>'
        for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], display_name(kv[0])))
    )
    lead = f'<ul class="tq-legend" aria-label="technique legend">{legend}</ul>' if legend else ""
    rows = []
    for i, t in items:
        label = _technique_label(t)
        rows.append(
            f'<span class="tq-swatch {_technique_class(label)}"></span>'
            f'<span title="{esc(_technique_hover(label, t.get("score")))}">'
            f"{link(f'techniques-{i}', esc(display_name(label)))}</span> "
            f'<span class="muted">{float(t.get("score") or 0):.2f}</span> '
            f"“{esc(excerpt(text, t['start'], t['end'], 100))}”"
        )
    return panel_section("Persuasion techniques", "techniques", report, rows, lead, "No persuasion techniques found.")
