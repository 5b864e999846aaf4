"""The workbench (``unspin serve``) through its HTTP interface, on a real SQLite file: analyse → search →
report → take passages into a case → rate → scores → export; version conflicts; bad input; hostile text.

The analyser is a light stand-in (the golden example's report for the example text, an empty report
otherwise), so these tests need no model; the real pipeline runs in the slow end-to-end test."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from unspin.document import Document
from unspin.examples import example_path
from unspin.web.app import CSRF_COOKIE, create_app

GOLDEN = Path(__file__).parent / "golden" / "example.json"
LISTS = ("sentences", "quotes", "sources", "techniques", "claims", "relations", "chains", "quantities", "dates")


def fake_analyse(docs: list[Document]) -> list[dict[str, Any]]:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    out = []
    for doc in docs:
        if doc.text == golden["text"]:
            out.append(golden)
            continue
        sha = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        report: dict[str, Any] = {"schema": "unspin.report/1", "text": doc.text, "findings": [], "pipeline": []}
        report["document"] = {"id": doc.id, "title": doc.title, "sha256": sha, "words": len(doc.text.split())}
        out.append({**report, **{k: [] for k in LISTS}})
    return out


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(f"sqlite:///{tmp_path / 'w.sqlite'}", analyser=fake_analyse)
    return TestClient(app)


def csrf(client: TestClient) -> str:
    client.get("/")
    return str(client.cookies[CSRF_COOKIE])


def test_the_analyst_flow_from_article_to_scores(client: TestClient) -> None:
    token = csrf(client)
    page = client.post("/analyse", data={"csrf": token, "text": example_path().read_text(encoding="utf-8")})
    assert page.status_code == 200 and "In short" in page.text and "Valdoria blamed for" in page.text
    number = int(re.search(r"/documents/(\d+)/report", page.text).group(1))  # type: ignore[union-attr]
    listed = client.get("/api/documents", params={"blamed": "Valdoria"}).json()
    assert [d["id"] for d in listed] == [number]
    assert client.get("/api/documents", params={"technique": "Doubt"}).json() == []
    report = client.get(f"/documents/{number}/report")
    assert report.status_code == 200 and "script-src" not in report.headers["content-security-policy"]
    assert client.post("/api/cases", json={"name": "c1", "title": "Who?", "hypotheses": ["A", "B"]}).status_code == 201
    took = client.post(f"/documents/{number}/evidence", data={"csrf": token, "case": "c1", "quote": ["Q1", "Q2"]})
    assert took.status_code == 200 and "c1" in took.text
    case = client.get("/api/cases/c1").json()
    assert [e["quote"]["report"] for e in case["case"]["evidence"]] == [f"document:{number}"] * 2
    version = case["version"]
    before = client.get("/api/cases/c1/scores").json()["base"]["hypotheses"]
    rated = client.put(
        "/api/cases/c1/cells",
        json={
            "cells": [
                {"evidence": "E1", "hypothesis": "H1", "rating": "CC"},
                {"evidence": "E1", "hypothesis": "H2", "rating": "I"},
            ]
        },
        headers={"If-Match": f'"{version}"'},
    )
    assert rated.status_code == 200 and rated.json()["version"] == version + 1
    after = client.get("/api/cases/c1/scores").json()["base"]["hypotheses"]
    assert after[0]["posterior"] > before[0]["posterior"]  # the rating moved the Bayesian score
    exported = client.get("/api/cases/c1/export", params={"format": "csv"})
    assert exported.text.splitlines()[0] == "evidence,text,source,credibility,relevance,H1,H2"
    assert "CC" in exported.text.splitlines()[1]
    editor = client.get("/cases/c1")
    assert (
        editor.status_code == 200 and 'name="cell:E1:H1"' in editor.text and "Two scores, read together" in editor.text
    )


def test_a_stale_write_gets_409_with_the_case_as_it_is_now(client: TestClient) -> None:
    client.post("/api/cases", json={"name": "c2", "hypotheses": ["A"]})
    client.post("/api/cases/c2/evidence", json={"text": "Seen at the dam."})
    v = client.get("/api/cases/c2").json()["version"]
    first = client.put(
        "/api/cases/c2/cells", json={"version": v, "cells": [{"evidence": "E1", "hypothesis": "H1", "rating": "C"}]}
    )
    assert first.status_code == 200
    second = client.put(
        "/api/cases/c2/cells", json={"version": v, "cells": [{"evidence": "E1", "hypothesis": "H1", "rating": "II"}]}
    )
    assert second.status_code == 409
    body = second.json()
    assert "changed while you worked on it" in body["error"] and body["version"] == v + 1
    assert body["case"]["evidence"][0]["ratings"] == {"H1": "C"}  # the first write stands, nothing overwritten
    # the form path: the page comes back with the conflict and the user's choice kept and marked
    token = csrf(client)
    page = client.post("/cases/c2/matrix", data={"csrf": token, "version": str(v), "cell:E1:H1": "II"})
    assert page.status_code == 409 and "changed while you worked on it" in page.text
    assert re.search(r'class="cell r-II mine"', page.text)


def test_bad_input_gets_a_4xx_with_a_message_never_a_500(client: TestClient) -> None:
    assert client.get("/api/cases/nope").status_code == 404
    assert client.get("/api/documents/999").status_code == 404
    bad = client.post("/api/cases", json={"name": "has space"})
    assert bad.status_code == 422
    client.post("/api/cases", json={"name": "c3", "hypotheses": ["A"]})
    dup = client.post("/api/cases", json={"name": "c3"})
    assert dup.status_code == 400 and "already exists" in dup.json()["error"]
    wrong = client.put("/api/cases/c3/cells", json={"cells": [{"evidence": "E9", "hypothesis": "H1", "rating": "C"}]})
    assert wrong.status_code == 400 and "no evidence 'E9'" in wrong.json()["error"]
    assert (
        client.put(
            "/api/cases/c3/cells",
            headers={"If-Match": "soon"},
            json={"cells": [{"evidence": "E9", "hypothesis": "H1", "rating": "C"}]},
        ).status_code
        == 400
    )
    assert client.delete("/api/cases/c3/hypotheses/H7").status_code == 400
    empty = client.post("/api/documents", json={"text": "   "})
    assert empty.status_code == 422 and "empty" in empty.json()["error"]
    page = client.get("/cases/nope")
    assert page.status_code == 404 and "no case &#39;nope&#39;" in page.text


def test_forms_without_the_csrf_token_are_refused(client: TestClient) -> None:
    csrf(client)
    refused = client.post("/cases", data={"name": "x", "hypotheses": "A"})
    assert refused.status_code == 403 and "CSRF" in refused.text
    assert client.get("/api/cases/x").status_code == 404


def test_hostile_article_text_is_shown_as_text(client: TestClient) -> None:
    token = csrf(client)
    payload = '<script>alert(1)</script> <img src=x onerror="alert(2)"> <a href="javascript:alert(3)">x</a>'
    page = client.post("/analyse", data={"csrf": token, "title": payload, "text": payload + " More words here."})
    assert page.status_code == 200
    for html in (page.text, client.get("/").text):
        assert "<script>alert(1)" not in html and "<img src=x" not in html and 'href="javascript:' not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_the_editor_forms_add_grade_and_remove(client: TestClient) -> None:
    token = csrf(client)
    assert (
        client.post("/cases", data={"csrf": token, "name": "c4", "title": "Why?", "hypotheses": "A\nB"}).status_code
        == 200
    )
    v = client.get("/api/cases/c4").json()["version"]
    for kind, fields in (
        ("hypothesis", {"text": "C"}),
        ("source", {"name": "Gazette", "reliability": "C"}),
        ("evidence", {"text": "Seen", "source": "S1"}),
        ("perspective", {"name": "Skeptic"}),
    ):
        page = client.post(f"/cases/c4/{kind}/add", data={"csrf": token, **fields})
        assert page.status_code == 200, (kind, page.text)
    assert client.post("/cases/c4/source/S1/grade", data={"csrf": token, "reliability": "A"}).status_code == 200
    case = client.get("/api/cases/c4").json()
    assert case["version"] == v + 5 and case["case"]["sources"][0]["reliability"] == "A"
    used = client.post("/cases/c4/source/S1/remove", data={"csrf": token})
    assert used.status_code == 400 and "source S1 is the source of E1" in used.text
    assert client.post("/cases/c4/hypothesis/H3/remove", data={"csrf": token}).status_code == 200
    stale = client.post("/cases/c4/perspective/P1/remove", data={"csrf": token, "version": str(v)})
    assert stale.status_code == 409 and [
        p["id"] for p in client.get("/api/cases/c4").json()["case"]["perspectives"]
    ] == ["P1"]
    odd = client.post("/cases/c4/perspective/P1/remove", data={"csrf": token, "version": "soon"})
    assert odd.status_code == 400


def test_any_passage_of_an_article_becomes_evidence_linked_to_its_span(client: TestClient) -> None:
    token = csrf(client)
    page = client.post("/analyse", data={"csrf": token, "text": example_path().read_text(encoding="utf-8")})
    number = int(re.search(r"/documents/(\d+)/report", page.text).group(1))  # type: ignore[union-attr]
    client.post("/api/cases", json={"name": "p", "hypotheses": ["A"]})
    chooser = client.get(f"/documents/{number}/passage")
    assert chooser.status_code == 200 and 'id="article"' in chooser.text and "/static/passage.js" in chooser.text
    text = json.loads(GOLDEN.read_text(encoding="utf-8"))["text"]
    words = "Valdorian officers trained its first\n commanders"  # as a browser may hand them over
    start = text.index("Valdorian officers trained its first commanders")
    took = client.post(
        f"/documents/{number}/passage", data={"csrf": token, "case": "p", "words": words, "near": str(start)}
    )
    assert took.status_code == 200
    item = client.get("/api/cases/p").json()["case"]["evidence"][0]
    assert (item["quote"]["start"], item["quote"]["end"]) == (
        start,
        start + len("Valdorian officers trained its first commanders"),
    )
    sources = client.get("/api/cases/p").json()["case"]["sources"]
    assert [s["name"] for s in sources] == ["Meridian Ledger"]  # it lies in the Ledger's block quotation
    again = client.post(f"/documents/{number}/passage", data={"csrf": token, "case": "p", "words": words, "near": "0"})
    assert again.status_code == 400 and "in the case already" in again.text
    missing = client.post(f"/documents/{number}/passage", data={"csrf": token, "case": "p", "words": "not in it"})
    assert missing.status_code == 400 and "not in the article" in missing.text


def test_documents_are_filtered_by_publication_date(client: TestClient) -> None:
    store = client.app.state.documents  # type: ignore[attr-defined]
    for n, published in enumerate(("2024-04-30", "2024-05-15", "2024-06-01", None)):
        report = fake_analyse([Document(f"Article number {n} about the dam.", id=f"d{n}")])[0]
        report["document"]["published"] = published
        store.add(report)

    def ids(**params: str) -> list[str]:
        return sorted(d["doc_id"] for d in client.get("/api/documents", params=params).json())

    assert ids(since="2024-05") == ["d1", "d2"]
    assert ids(until="2024-05") == ["d0", "d1"]  # May up to its last day
    assert ids(since="2024-05-01", until="2024-05-31") == ["d1"]
    assert client.get("/api/documents", params={"since": "May"}).status_code == 422
    page = client.get("/", params={"since": "yesterday"})
    assert page.status_code == 400 and "is not a date" in page.text


def test_a_case_exports_as_an_excel_workbook(client: TestClient) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    client.post("/api/cases", json={"name": "x", "hypotheses": ["A", "B"]})
    client.post("/api/cases/x/evidence", json={"text": "seen"})
    cells = [
        {"evidence": "E1", "hypothesis": "H1", "rating": "CC"},
        {"evidence": "E1", "hypothesis": "H2", "rating": "II"},
    ]
    client.put("/api/cases/x/cells", json={"cells": cells})
    res = client.get("/api/cases/x/export", params={"format": "xlsx"})
    assert res.status_code == 200 and res.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(res.content))
    matrix = [[c.value for c in row] for row in book["matrix"].iter_rows()]
    assert matrix[0][-2:] == ["H1", "H2"] and matrix[1][-2:] == ["CC", "II"]
    assert book["matrix"].cell(2, 6).fill.fgColor.rgb.endswith("1B7F3B")
    scores = [[c.value for c in row] for row in book["scores"].iter_rows()]
    assert scores[1][:2] == ["base", "H1"] and scores[1][5] > scores[2][5]  # posteriors: H1 above H2


def test_articles_from_the_servers_folder_and_nothing_outside_it(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "one.txt").write_text("The council blamed the storm for the flood.", encoding="utf-8")
    (folder / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not for the web", encoding="utf-8")
    client = TestClient(create_app(f"sqlite:///{tmp_path / 'f.sqlite'}", analyser=fake_analyse, folder=folder))
    token = csrf(client)
    page = client.get("/")
    assert "<option>sub/one.txt</option>" in page.text and ".hidden.txt" not in page.text
    done = client.post("/analyse-file", data={"csrf": token, "path": "sub/one.txt"})
    assert done.status_code == 200 and "one" in done.text
    escape = client.post("/analyse-file", data={"csrf": token, "path": "../secret.txt"})
    assert escape.status_code == 400 and "not an article in the server" in escape.text


def test_likelihoods_and_notes_are_edited_in_the_matrix(client: TestClient) -> None:
    token = csrf(client)
    client.post("/api/cases", json={"name": "m", "hypotheses": ["A", "B"]})
    client.post("/api/cases/m/evidence", json={"text": "seen"})
    v = client.get("/api/cases/m").json()["version"]
    form = {"csrf": token, "version": str(v), "likelihoods:E1": "H1=0.8, H2=0.1", "notes:E1": "Checked the log."}
    assert client.post("/cases/m/matrix", data=form).status_code == 200
    item = client.get("/api/cases/m").json()["case"]["evidence"][0]
    assert item["likelihoods"] == {"H1": 0.8, "H2": 0.1} and item["notes"] == "Checked the log."
    page = client.get("/cases/m").text
    assert 'value="H1=0.8 H2=0.1"' in page and "Checked the log.</textarea>" in page
    v = client.get("/api/cases/m").json()["version"]
    form = {"csrf": token, "version": str(v), "likelihoods:E1": "H2=0.3", "notes:E1": ""}
    assert client.post("/cases/m/matrix", data=form).status_code == 200
    item = client.get("/api/cases/m").json()["case"]["evidence"][0]
    assert item["likelihoods"] == {"H2": 0.3} and "notes" not in item
    bad = client.post("/cases/m/matrix", data={"csrf": token, "likelihoods:E1": "H1=lots"})
    assert bad.status_code == 400 and "is not H=P" in bad.text
