"""The blame-chain SVG: escaping, links, weakest link, support styles, node sharing, valid XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

from unspin.reports.chain_svg import (
    SUPPORT_COLOURS,
    SUPPORT_DASHES,
    render_chain_svg,
    sentence_anchor_lookup,
    support_legend_svg,
)

NS = {"svg": "http://www.w3.org/2000/svg"}
EVIL = 'the <script>alert("pwned")</script> "militia"'


def rel(
    rid: str, cause: str, effect: str, support: str = "asserted", start: int = 0, **ends: str | None
) -> dict[str, Any]:
    return {
        "id": rid,
        "type": "cause",
        "cause": {"start": 0, "end": 1, "text": cause, "entity_id": ends.get("cause_id")},
        "effect": {"start": 0, "end": 1, "text": effect, "entity_id": ends.get("effect_id")},
        "start": start,
        "end": start + 1,
        "voice": "author",
        "support": support,
    }


def chain_of(*rids: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": "c1",
        "relation_ids": list(rids),
        "blamed": "Valdoria",
        "outcome": "the bombing",
        "attributed_to": None,
        "strength": 0.4213,
        "weakest_link": None,
        "responsibility": 0.5,
    } | extra


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def nodes(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter("{http://www.w3.org/2000/svg}g") if "chain-node" in g.get("class", "").split()]


def links(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter("{http://www.w3.org/2000/svg}g") if "chain-link" in g.get("class", "").split()]


def stroke_of(link: ET.Element) -> ET.Element:
    # The second path is the visible arrow; the first is the invisible hit area.
    return link.findall("svg:path", NS)[1]


def test_article_text_is_escaped() -> None:
    relations = {"r1": rel("r1", EVIL, "the bombing")}
    svg = render_chain_svg(chain_of("r1", blamed=EVIL, outcome='<img src=x onerror="y">'), relations)
    assert "<script" not in svg and "<img" not in svg
    assert "&lt;script&gt;" in svg and "&quot;" in svg
    root = parse(svg)
    assert root.find("svg:script", NS) is None
    titles = [t.text for g in nodes(root) for t in g.findall("svg:title", NS)]
    assert EVIL in titles  # the full text, unescaped once parsed, in the tooltip
    assert f'{EVIL} is blamed for: <img src=x onerror="y">' in titles


def test_characters_xml_forbids_are_dropped() -> None:
    relations = {"r1": rel("r1", "bad\x00\x07\x1b text\ufffe", "x")}
    root = parse(render_chain_svg(chain_of("r1"), relations))
    assert "bad text" in ET.tostring(root, encoding="unicode")


def test_arrows_link_to_sentence_anchors() -> None:
    relations = {"r1": rel("r1", "A", "B", start=5), "r2": rel("r2", "B", "C", start=25)}
    lookup = sentence_anchor_lookup([[0, 20], [20, 40]])
    root = parse(render_chain_svg(chain_of("r1", "r2"), relations, sentence_anchor=lookup))
    hrefs = [a.get("href") for a in root.iter("{http://www.w3.org/2000/svg}a")]
    assert hrefs == ["#sentences-0", "#sentences-1"]
    assert [a.find("svg:g", NS).get("class") for a in root.iter("{http://www.w3.org/2000/svg}a")] == [  # type: ignore[union-attr]
        "chain-link support-asserted",
        "chain-link support-asserted",
    ]


def test_no_link_without_an_anchor() -> None:
    relations = {"r1": rel("r1", "A", "B", start=5), "r2": rel("r2", "B", "C", start=25)}
    assert "<a " not in render_chain_svg(chain_of("r1", "r2"), relations)
    only_first = render_chain_svg(chain_of("r1", "r2"), relations, sentence_anchor=lambda s: "s-a" if s < 10 else None)
    assert only_first.count("<a ") == 1 and 'href="#s-a"' in only_first


def test_anchor_is_escaped() -> None:
    svg = render_chain_svg(chain_of("r1"), {"r1": rel("r1", "A", "B")}, sentence_anchor=lambda s: 'x"><script>')
    assert 'href="#x&quot;&gt;&lt;script&gt;"' in svg
    parse(svg)


def test_sentence_anchor_lookup() -> None:
    look = sentence_anchor_lookup([[0, 10], [12, 30]])
    assert [look(0), look(9), look(10), look(12), look(29), look(30)] == [
        "sentences-0",
        "sentences-0",
        None,
        "sentences-1",
        "sentences-1",
        None,
    ]
    assert sentence_anchor_lookup([])(3) is None


def test_weakest_link_is_marked() -> None:
    relations = {"r1": rel("r1", "A", "B", "sourced"), "r2": rel("r2", "B", "C", "hedged")}
    root = parse(render_chain_svg(chain_of("r1", "r2", weakest_link="r2"), relations))
    first, second = links(root)
    assert "weakest" not in first.get("class", "").split()
    assert "weakest" in second.get("class", "").split()
    assert float(stroke_of(second).get("stroke-width", 0)) > float(stroke_of(first).get("stroke-width", 0))
    assert [t.text for t in second.findall("svg:text", NS)] == ["cause", "weakest"]
    assert "weakest link r2" in ET.tostring(root, encoding="unicode")


def test_colour_and_dash_per_support() -> None:
    relations = {f"r{i}": rel(f"r{i}", f"N{i}", f"N{i + 1}", support) for i, support in enumerate(SUPPORT_COLOURS)}
    root = parse(render_chain_svg(chain_of(*relations), relations))
    arrows = [stroke_of(g) for g in links(root)]
    assert [a.get("stroke") for a in arrows] == list(SUPPORT_COLOURS.values())
    assert [a.get("stroke-dasharray") for a in arrows] == list(SUPPORT_DASHES.values())
    assert len(set(SUPPORT_COLOURS.values())) == len(set(SUPPORT_DASHES.values())) == 5
    assert set(SUPPORT_COLOURS) == {"sourced", "asserted", "hedged", "speculative", "question"}


def test_unknown_support_is_grey_not_an_error() -> None:
    root = parse(render_chain_svg(chain_of("r1"), {"r1": rel("r1", "A", "B", "rumoured")}))
    (link,) = links(root)
    assert link.get("class") == "chain-link support-unknown"
    assert stroke_of(link).get("stroke") not in SUPPORT_COLOURS.values()


def test_consecutive_links_share_a_node() -> None:
    relations = {
        "r1": rel("r1", "Valdoria", "the Brotherhood"),
        "r2": rel("r2", "The  brotherhood", "the bombing"),  # same text up to case and spacing
    }
    root = parse(render_chain_svg(chain_of("r1", "r2"), relations))
    texts = [g.find("svg:title", NS).text for g in nodes(root)]  # type: ignore[union-attr]
    assert texts == ["Valdoria", "the Brotherhood", "the bombing", "Valdoria is blamed for: the bombing"]
    assert root.find(".//svg:g[@class='chain-join']", NS) is None


def test_entity_ids_decide_sharing_when_both_have_one() -> None:
    alias = {
        "r1": rel("r1", "Washington", "the Brotherhood", effect_id="E2"),
        "r2": rel("r2", "the group", "the bombing", cause_id="E2"),
    }
    assert len(nodes(parse(render_chain_svg(chain_of("r1", "r2"), alias)))) == 4
    distinct = {
        "r1": rel("r1", "Washington", "the Brotherhood", effect_id="E2"),
        "r2": rel("r2", "the Brotherhood", "the bombing", cause_id="E9"),
    }
    root = parse(render_chain_svg(chain_of("r1", "r2"), distinct))
    assert len(nodes(root)) == 5
    assert root.find(".//svg:g[@class='chain-join']", NS) is not None


def test_blamed_node_and_verdict() -> None:
    relations = {"r1": rel("r1", "valdoria", "the Brotherhood"), "r2": rel("r2", "the Brotherhood", "the bombing")}
    root = parse(render_chain_svg(chain_of("r1", "r2"), relations))
    classes = [g.get("class") for g in nodes(root)]
    assert classes == ["chain-node blamed", "chain-node", "chain-node", "chain-node chain-verdict"]
    assert root.find(".//svg:g[@class='chain-therefore']", NS) is not None


def test_accessible_title_desc_and_caption() -> None:
    relations = {"r1": rel("r1", "Valdoria", "the Brotherhood", "hedged")}
    root = parse(render_chain_svg(chain_of("r1"), relations))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chain-c1-title chain-c1-desc"
    assert root[0].tag.endswith("title") and root[1].tag.endswith("desc")
    assert "Valdoria blamed for the bombing" in (root[0].text or "")
    assert "Valdoria —cause (hedged)→ the Brotherhood" in (root[1].text or "")
    caption = root.find(".//svg:text[@class='chain-caption']", NS)
    assert caption is not None and caption.text == "strength 0.42 · responsibility 0.50 (1/2)"


def test_no_script_or_external_reference() -> None:
    relations = {"r1": rel("r1", "A", "B")}
    svg = render_chain_svg(chain_of("r1"), relations, sentence_anchor=lambda s: "s0")
    for bad in ("<script", "<style", "http://", "https://", "@import", "<image", "<foreignObject", "xlink"):
        assert bad not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert all(a.get("href", "").startswith("#") for a in parse(svg).iter("{http://www.w3.org/2000/svg}a"))


def test_long_chain_wraps_and_stays_valid() -> None:
    relations = {f"r{i}": rel(f"r{i}", f"step {i} " + "word " * 12, f"step {i + 1} " + "word " * 12) for i in range(15)}
    relations = {
        rid: r | {"effect": r["effect"] | {"text": f"node {i + 1}"}, "cause": r["cause"] | {"text": f"node {i}"}}
        for i, (rid, r) in enumerate(relations.items())
    }
    svg = render_chain_svg(chain_of(*relations, weakest_link="r7"), relations, per_row=4)
    root = parse(svg)
    assert len(nodes(root)) == 17  # 16 shared actors and the verdict
    assert len(links(root)) == 15
    assert int(root.get("height", 0)) > 5 * 56  # five rows
    assert int(root.get("width", 0)) < 1200
    wrapped = [stroke_of(g).get("d", "") for g in links(root) if " V" in stroke_of(g).get("d", "")]
    assert len(wrapped) == 3


def test_long_labels_are_cut_with_an_ellipsis() -> None:
    long = "the Brotherhood of the Northern Valleys and Associated Militias of the Eastern Reaches"
    root = parse(render_chain_svg(chain_of("r1"), {"r1": rel("r1", long, "B")}))
    first = nodes(root)[0]
    lines = [t.text or "" for t in first.findall("svg:text", NS)]
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert first.find("svg:title", NS).text == long  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "chain",
    [
        chain_of(),
        chain_of("r9"),
        chain_of("r1", "r9", "r2"),
        chain_of("r1", strength=None, responsibility=None, weakest_link="r9", blamed=None, id=None),
    ],
)
def test_malformed_chains_render(chain: dict[str, Any]) -> None:
    relations = {"r1": rel("r1", "A", "B"), "r2": rel("r2", "C", "D")}
    root = parse(render_chain_svg(chain, relations))
    assert nodes(root)[-1].get("class") == "chain-node chain-verdict"


def test_missing_relation_is_shown() -> None:
    relations = {"r1": rel("r1", "A", "B"), "r2": rel("r2", "B", "C")}
    root = parse(render_chain_svg(chain_of("r1", "r9", "r2"), relations))
    gap = root.find(".//svg:g[@class='chain-missing']", NS)
    assert gap is not None and "r9" in (gap.find("svg:title", NS).text or "")  # type: ignore[union-attr]
    assert len(nodes(root)) == 5  # B is not shared across the gap


def test_legend() -> None:
    root = parse(support_legend_svg())
    assert root.get("role") == "img"
    samples = [g for g in root.iter("{http://www.w3.org/2000/svg}g")]
    assert [g.get("class") for g in samples] == [f"legend-{k}" for k in [*SUPPORT_COLOURS, "weakest"]]
    assert [g.find("svg:path", NS).get("stroke") for g in samples[:5]] == list(SUPPORT_COLOURS.values())  # type: ignore[union-attr]


def test_missing_relations_are_named_in_the_caption() -> None:
    relations = {"r1": rel("r1", "A", "B")}
    root = parse(render_chain_svg(chain_of("r8", "r1", "r9"), relations))
    caption = root.find(".//svg:text[@class='chain-caption']", NS)
    assert caption is not None and (caption.text or "").endswith("not in the report: r8, r9")
