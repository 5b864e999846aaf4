"""Blame chains in the HTML and Markdown reports: a diagram per chain, steps, weakest link, numbers, escaping."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from unspin import Document, Group, Span
from unspin.reports import build_report, render_html, render_markdown, report_errors
from unspin.reports.chain_svg import SUPPORT_COLOURS, render_chain_svg
from unspin.reports.view import chain_steps

SVG = "{http://www.w3.org/2000/svg}"
EVIL_ACTOR = "<script>alert(1)</script> Brigade"
SENTENCES = [
    "Lind laid it out.",
    f"Valdoria created the {EVIL_ACTOR}.",
    "Valdoria armed and paid the Brigade.",
    "The Brigade became the Brotherhood.",
    "The Brotherhood probably bombed the station.",
    "Therefore, Valdoria is to blame.",
    "Perhaps Ostrenia created the Brotherhood.",
]
TEXT = " ".join(SENTENCES) + "\n"
PIPELINE = [
    {"name": "s.v1", "assigns": ["sentences"]},
    {"name": "e.v1", "assigns": ["entities"]},
    {"name": "q.v1", "assigns": ["quotes", "sources", "paraphrases"]},
    {"name": "relations.rules.v1", "assigns": ["relations"]},
    {"name": "chains.rules.v1", "assigns": ["chains", "findings"]},
]


def at(phrase: str, within: int = 0) -> tuple[int, int]:
    """Offsets of ``phrase`` in the text of sentence ``within``."""
    base = sum(len(s) + 1 for s in SENTENCES[:within])
    start = TEXT.index(phrase, base)
    return start, start + len(phrase)


def end(phrase: str, sentence: int, node: str | None) -> dict[str, Any]:
    s, e = at(phrase, sentence)
    entity = node if node and node.startswith("E") else None
    return {"start": s, "end": e, "text": TEXT[s:e], "entity_id": entity, "node": node, "resolved_by": "name"}


def relation(
    rid: str,
    rtype: str,
    sentence: int,
    span: str,
    cause: tuple[str, str | None],
    effect: tuple[str, str | None],
    support: str = "asserted",
    who: str | None = "S1",
) -> dict[str, Any]:
    s, e = at(span, sentence)
    return {
        "id": rid,
        "start": s,
        "end": e,
        "text": TEXT[s:e],
        "type": rtype,
        "cause": end(cause[0], sentence, cause[1]),
        "effect": end(effect[0], sentence, effect[1]),
        "voice": "attributed" if who else "author",
        "attributed_to": who,
        "support": support,
        "quote_ids": [],
        "negated": False,
    }


RELATIONS = [
    relation("L1", "create", 1, f"Valdoria created the {EVIL_ACTOR}", ("Valdoria", "E1"), (f"the {EVIL_ACTOR}", "E2")),
    relation("L2", "arm", 2, "Valdoria armed and paid the Brigade", ("Valdoria", "E1"), ("the Brigade", "E2")),
    relation("L3", "fund", 2, "Valdoria armed and paid the Brigade", ("Valdoria", "E1"), ("the Brigade", "E2")),
    relation("L4", "become", 3, "The Brigade became the Brotherhood", ("The Brigade", "E2"), ("the Brotherhood", "E3")),
    relation(
        "L5",
        "perpetrate",
        4,
        "The Brotherhood probably bombed the station",
        ("The Brotherhood", "E3"),
        ("the station", "t:station"),
        "hedged",
    ),
    relation("L6", "blame", 5, "Valdoria is to blame", ("Valdoria", "E1"), ("blame", None)),
    relation(
        "L7",
        "create",
        6,
        "Ostrenia created the Brotherhood",
        ("Ostrenia", "E4"),
        ("the Brotherhood", "E3"),
        "speculative",
        None,
    ),
]


def step(src: str, dst: str, ids: list[str], weight: float, cls: str) -> dict[str, Any]:
    return {"from": src, "to": dst, "relation_ids": ids, "relation_id": ids[0], "weight": weight, "class": cls}


CHAINS = [
    {
        "id": "C1",
        "name": "Valdoria → bombed the station",
        "relation_ids": ["L1", "L2", "L3", "L4", "L5", "L6"],
        "blamed": "Valdoria",
        "blamed_node": "E1",
        "outcome": "bombed the station",
        "outcome_relation": "L5",
        "attributed_to": "S1",
        "conclusion_id": "L6",
        "explicit": True,
        "steps": [
            step("E1", "E2", ["L1", "L2", "L3"], 0.6, "enable"),
            step("E2", "E3", ["L4"], 0.6, "become"),
            step("E3", "t:station", ["L5"], 0.4, "perpetrate"),
        ],
        "strength": 0.144,
        "minimum": 0.4,
        "weakest_link": "L5",
        "responsibility": 0.5,
        "responsibility_fraction": "1/2",
        "alternatives": ["L7"],
        "shape": ["enable", "become", "perpetrate"],
        "same_shape_as": ["C2"],
    },
    {
        "id": "C2",
        "name": "Ostrenia → bombed the station",
        "relation_ids": ["L7", "L5"],
        "blamed": "Ostrenia",
        "blamed_node": "E4",
        "outcome": "bombed the station",
        "outcome_relation": "L5",
        "attributed_to": None,
        "conclusion_id": None,
        "explicit": False,
        "steps": [step("E4", "E3", ["L7"], 0.25, "enable"), step("E3", "t:station", ["L5"], 0.4, "perpetrate")],
        "strength": 0.1,
        "minimum": 0.25,
        "weakest_link": "L7",
        "responsibility": 1.0,
        "responsibility_fraction": "1/1",
        "alternatives": [],
        "shape": ["enable", "perpetrate"],
        "same_shape_as": ["C1"],
    },
]


def chain_report(chains: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A report with hand-made sentences, entities, a source, relations and chains (no model)."""
    doc = Document(TEXT, id="chains", title="Chains")
    bounds = [at(s, i) for i, s in enumerate(SENTENCES)]
    doc.add_spans("sentences", [Span(s, e, "sentence", "s.v1") for s, e in bounds], component="s.v1")
    names = {"E1": "Valdoria", "E2": EVIL_ACTOR, "E3": "Brotherhood", "E4": "Ostrenia"}
    doc.add_groups(
        "entities",
        [Group(eid, "ORG", name, "e.v1", (at(name.split()[-1]),)) for eid, name in names.items()],
        component="e.v1",
    )
    doc.meta["pipeline"] = PIPELINE
    report = build_report(doc)
    report["sources"] = [{"id": "S1", "name": "Mara <b>Lind</b>", "kind": "person", "mentions": [list(at("Lind"))]}]
    report["paraphrases"] = [
        {"id": "A1", "start": bounds[1][0], "end": bounds[5][1], "source_id": "S1", "label": "paraphrase"}
    ]
    report["relations"] = copy.deepcopy(RELATIONS)
    report["chains"] = copy.deepcopy(CHAINS if chains is None else chains)
    report["findings"] = [
        {
            "kind": "chain_shape_match",
            "message": "Chains C1 and C2 have the same shape but blame different actors",
            "spans": [list(at("Valdoria created")), list(at("Ostrenia created"))],
            "chain_ids": ["C1", "C2"],
        }
    ]
    assert report_errors(report) == []
    return report


def chain_svgs(page: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r'<svg xmlns="[^"]+" class="unspin-chain".*?</svg>', page, re.S)]


def groups(root: ET.Element, cls: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if cls in g.get("class", "").split()]


def ids_in(page: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page))


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(chain_report())


def test_one_diagram_per_chain_one_arrow_per_step(page: str) -> None:
    first, second = chain_svgs(page)
    assert len(groups(first, "chain-link")) == 3 and len(groups(second, "chain-link")) == 2
    labels = [g.find(f"{SVG}text").text for g in groups(first, "chain-link")]  # type: ignore[union-attr]
    assert labels == ["create / arm / fund", "become", "perpetrate"]
    # each arrow is coloured by its step's best relation (L1 asserted, L5 hedged)
    strokes = [g.findall(f"{SVG}path")[1].get("stroke") for g in groups(first, "chain-link")]
    assert strokes == [SUPPORT_COLOURS["asserted"], SUPPORT_COLOURS["asserted"], SUPPORT_COLOURS["hedged"]]
    # boxes named by entity, the blamed one marked, then the verdict
    boxes = [g.find(f"{SVG}title").text for g in groups(first, "chain-node")]  # type: ignore[union-attr]
    assert boxes[:2] == ["Valdoria [E1]", f"{EVIL_ACTOR} [E2]"]
    assert groups(first, "chain-node")[0].get("class") == "chain-node blamed"
    assert groups(first, "chain-verdict")[0].find(f"{SVG}title").text == (  # type: ignore[union-attr]
        "Valdoria is blamed for: bombed the station"
    )


def test_conclusion_is_the_verdict_not_a_link(page: str) -> None:
    first, second = chain_svgs(page)
    titles = " ".join(g.find(f"{SVG}title").text or "" for g in groups(first, "chain-link"))  # type: ignore[union-attr]
    assert "L6" not in titles and "blame" not in titles
    (therefore,) = groups(first, "chain-therefore")
    assert [t.text for t in therefore.findall(f"{SVG}text")] == ["therefore"]
    links = {a.find(f"{SVG}g"): a.get("href") for a in first.iter(f"{SVG}a")}
    assert links[therefore] == "#sentences-5"  # "Therefore, Valdoria is to blame."
    (implied,) = groups(second, "chain-therefore")
    assert [t.text for t in implied.findall(f"{SVG}text")] == ["implied"]


def test_weakest_link_is_marked(page: str) -> None:
    first, second = chain_svgs(page)
    weakest = groups(first, "weakest")
    assert len(weakest) == 1 and "relation L5" in (weakest[0].find(f"{SVG}title").text or "")  # type: ignore[union-attr]
    assert weakest[0].find(f"{SVG}text[@class='chain-weakest-label']").text == "weakest · 0.40"  # type: ignore[union-attr]
    assert "relation L7" in (groups(second, "weakest")[0].find(f"{SVG}title").text or "")  # type: ignore[union-attr]
    # the card names it with its words, linked to its place in the text
    l5 = [r["id"] for r in RELATIONS].index("L5")
    assert (
        f'<span class="weakest-note">weakest link</span> <a href="#relations-{l5}">'
        "“The Brotherhood probably bombed the station”</a> (perpetrate, hedged)" in page
    )


def test_arrows_link_to_sentences_in_the_page(page: str) -> None:
    ids = ids_in(page)
    for svg in chain_svgs(page):
        hrefs = [a.get("href", "") for a in svg.iter(f"{SVG}a")]
        assert hrefs and all(h.startswith("#sentences-") and h[1:] in ids for h in hrefs)
    first = chain_svgs(page)[0]
    assert [a.get("href") for a in first.iter(f"{SVG}a")] == [
        "#sentences-1",  # the step's best relation, L1, not the later "armed and paid"
        "#sentences-3",
        "#sentences-4",
        "#sentences-5",
    ]
    links = set(re.findall(r'href="#([^"]+)"', page))
    assert links <= ids  # every link on the page lands somewhere


def test_numbers_reasoning_alternatives_and_same_shape(page: str) -> None:
    assert "C1 — Valdoria blamed for bombed the station" in page
    assert "Mara &lt;b&gt;Lind&lt;/b&gt;&#x27;s reasoning (paraphrased)" in page
    assert "The author&#x27;s reasoning" in page
    assert "explicit: the text concludes" in page and "implicit: the text never states the conclusion" in page
    assert "strength <b>0.14</b> = 0.60 × 0.60 × 0.40" in page
    assert "minimum 0.40" in page and "responsibility <b>0.50</b> (1/2)" in page
    assert "responsibility <b>1.00</b>" in page  # no "(1/1)"
    l7 = [r["id"] for r in RELATIONS].index("L7")
    assert f'Alternatives named in the text: <a href="#relations-{l7}">“Ostrenia created the Brotherhood”</a>' in page
    assert 'Same shape as <a href="#chains-1">C2</a>' in page and 'Same shape as <a href="#chains-0">C1</a>' in page
    assert {"chains-0", "chains-1"} <= ids_in(page)
    assert "The text names no alternative cause." in page
    # the explanation and the legend, once
    assert page.count("a long chain of individually plausible links is weak") == 1
    assert page.count('class="chain-legend"') == 1


def test_shape_finding_links_both_chains(page: str) -> None:
    findings = page[page.index('id="panel-findings"') :]
    assert "chain_shape_match" in findings
    assert 'compare <a href="#chains-0">C1</a> and <a href="#chains-1">C2</a>' in findings


def test_relations_are_listed_readably_and_marked_by_support(page: str) -> None:
    section = page[page.index('id="panel-relations"') : page.index('id="panel-quantities"')]
    assert "Causal links <small>(7)</small>" in section
    assert (
        "<b>arm</b></a></span>: Valdoria → &lt;script&gt;alert(1)&lt;/script&gt; Brigade "
        '<span class="tag sup sup-asserted">asserted</span>'
    ) in section
    assert "attributed to Mara &lt;b&gt;Lind&lt;/b&gt;" in section
    assert "<b>blame</b></a></span>: Valdoria <span" in section  # no "→ blame"
    assert '<span class="tag sup sup-speculative">speculative</span> <span class="muted">the author</span>' in section
    assert re.search(r'class="[^"]*l-relations[^"]*sup-hedged[^"]*" title="[^"]*causal link L5 — perpetrate: ', page)
    assert "l-relations.sup-hedged{border-bottom:2px dashed #E69F00}" in page


def test_article_text_in_chains_is_escaped_and_page_has_no_script(page: str) -> None:
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    for svg in chain_svgs(page):  # the diagrams are well-formed XML with the text as text
        assert svg.find(f"{SVG}script") is None
    assert not re.search(r"\b(src|href)\s*=\s*[\"']?(https?:)?//", page)


def test_no_chains() -> None:
    report = chain_report(chains=[])
    report["findings"] = []
    report["relations"] = [r for r in report["relations"] if r["type"] != "blame"]
    page = render_html(report)
    section = page[page.index('id="panel-chains"') :]
    assert "Blame chains <small>(0)</small>" in section and "No blame chains found." in section
    assert "<svg" not in section.split("</section>")[0]
    assert "_No blame chains found._" in render_markdown(report)


def test_no_chain_but_a_blame_statement_is_not_reported_as_no_blame() -> None:
    # the text concludes "Valdoria is to blame" but no chain joins it: the report must say so, not "no blame"
    report = chain_report(chains=[])
    report["findings"] = []
    assert any(r["type"] == "blame" for r in report["relations"])
    section = render_html(report).split('id="panel-chains"')[1].split("</section>")[0]
    assert "No blame chains found." not in section
    assert "No chain could be assembled, but the text blames" in section and "Valdoria" in section
    md = render_markdown(report)
    assert "_No blame chains found._" not in md and "No chain could be assembled, but the text blames:" in md
    # a blame kept as a candidate (below the confidence threshold) is shown too, marked as such
    blame = [r for r in report["relations"] if r["type"] == "blame"]
    report["relations"] = [r for r in report["relations"] if r["type"] != "blame"]
    report["relation_candidates"] = [{**b, "confidence": 0.41} for b in blame]
    section = render_html(report).split('id="panel-chains"')[1].split("</section>")[0]
    assert "candidate below the confidence threshold (0.41)" in section


def test_markdown_lists_steps_and_escapes() -> None:
    md = render_markdown(chain_report())
    assert "<script>" not in md
    assert "### C1 — Valdoria blamed for bombed the station" in md
    assert "Mara \\<b\\>Lind\\</b\\>'s reasoning \\(paraphrased\\); explicit: the text concludes" in md
    evil = "\\<script\\>alert\\(1\\)\\</script\\> Brigade"
    assert f"1. Valdoria —create/arm/fund→ {evil} (asserted, 0.60) — L1, L2, L3\n" in md
    assert f"2. {evil} —become→ Brotherhood (asserted, 0.60) — L4\n" in md
    assert "3. Brotherhood —perpetrate→ the station (hedged, 0.40) — L5 **weakest link**" in md
    assert "4. Therefore: Valdoria is blamed for bombed the station." in md
    assert "3. Implied: Ostrenia is blamed for bombed the station." in md
    assert "- **strength:** 0.14 (0.60 × 0.60 × 0.40); minimum 0.40" in md
    assert "- **weakest link:** “The Brotherhood probably bombed the station” (L5)" in md
    assert "- **responsibility:** 0.50 (1/2)" in md
    assert "- **alternatives named in the text:** “Ostrenia created the Brotherhood” (L7)" in md
    assert "- **same shape as:** C2" in md and "- **same shape as:** C1" in md


def test_steps_group_parallel_relations() -> None:
    rels = {r["id"]: r for r in RELATIONS}
    steps = chain_steps(CHAINS[0], rels)
    assert [s.label for s in steps] == ["create / arm / fund", "become", "perpetrate"]
    assert [s.relation_id for s in steps] == ["L1", "L4", "L5"]
    assert [s.support for s in steps] == ["asserted", "asserted", "hedged"]
    # an older chain without steps: a step per relation, the conclusion left out
    legacy = {k: v for k, v in CHAINS[0].items() if k != "steps"}
    assert [s.relation_id for s in chain_steps(legacy, rels)] == ["L1", "L2", "L3", "L4", "L5"]
    # a step whose best relation is missing falls back to another of its relations
    partial = CHAINS[0] | {"steps": [step("E1", "E2", ["L9", "L2"], 0.6, "enable")]}
    (only,) = chain_steps(partial, rels)
    assert only.relation_id == "L9" and only.relation is rels["L2"] and only.missing == ("L9",)


def test_bare_accusation_draws_the_accused_and_a_weakest_verdict() -> None:
    rels = {r["id"]: r for r in RELATIONS}
    bare = {
        "id": "C9",
        "relation_ids": ["L6"],
        "blamed": "Valdoria",
        "blamed_node": "E1",
        "outcome": "the attack",
        "attributed_to": "S1",
        "conclusion_id": "L6",
        "steps": [],
        "strength": 0.6,
        "weakest_link": "L6",
        "responsibility": 1.0,
    }
    root = ET.fromstring(render_chain_svg(bare, rels, sentence_anchor=lambda s: "s5"))
    assert [g.get("class") for g in groups(root, "chain-node")] == ["chain-node blamed", "chain-node chain-verdict"]
    (verdict,) = groups(root, "chain-therefore")
    assert "weakest" in verdict.get("class", "").split()
    assert not groups(root, "chain-link")


@pytest.mark.slow
def test_example_report_draws_every_chain(example_report: dict[str, Any]) -> None:
    page = render_html(example_report)
    chains = example_report["chains"]
    assert chains
    svgs = chain_svgs(page)
    assert len(svgs) == len(chains)
    ids = ids_in(page)
    for chain, svg in zip(chains, svgs, strict=True):
        assert len(groups(svg, "chain-link")) == len(chain["steps"])
        assert len(groups(svg, "weakest")) == 1
        assert all(a.get("href", "")[1:] in ids for a in svg.iter(f"{SVG}a"))
    assert "<script" not in page.lower()
    md = render_markdown(example_report)
    assert md.count("\n### C") == len(chains)


def test_an_unresolved_pronoun_is_shown_as_unresolved() -> None:
    from unspin.reports.view import end_name

    assert end_name({"text": "She", "entity_id": None}, {}) == "“She” (unresolved)"
    assert end_name({"text": "the militia", "entity_id": None}, {}) == "the militia"
    assert end_name({"text": "she", "entity_id": "E1"}, {"E1": "Mara Lind"}) == "Mara Lind"
