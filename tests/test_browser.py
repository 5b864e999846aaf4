"""The workbench in a real Chromium (Debian's ``chromium`` and ``chromium-driver``, driven by Selenium; nothing
is downloaded): analyse an article → its summary → passages into a case → a rating saved from the matrix
editor moves the scores; two sessions rate the same cell and the second loses nothing; an article full of
script payloads runs none of them.  Skipped, saying why, where the browser or its driver is not installed."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from unspin.examples import example_path
from unspin.web.app import create_app

from .test_web import fake_analyse

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (make dev installs it)")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER), reason="needs Debian's chromium and chromium-driver packages (.ci/run installs them)"
)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    from unspin.web.load import serve_in_thread

    base, stop = serve_in_thread(create_app(f"sqlite:///{tmp_path / 'b.sqlite'}", analyser=fake_analyse))
    yield base
    stop()


def _browser() -> Any:
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1300,1000"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)


@pytest.fixture
def browser() -> Iterator[Any]:
    driver = _browser()
    yield driver
    driver.quit()


def _wait(condition: Any, timeout: float = 10.0) -> Any:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting in the browser")


def _by(driver: Any, css: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, css)


def _choose(driver: Any, css: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(_by(driver, css)).select_by_value(value)


def test_article_to_case_to_scores_in_chromium(server: str, browser: Any) -> None:
    browser.get(server + "/")
    _by(browser, 'textarea[name="text"]').send_keys(example_path().read_text(encoding="utf-8"))
    _by(browser, "form.analyse button").click()
    _wait(lambda: "In short" in browser.page_source)
    assert "Valdoria blamed for" in browser.page_source
    doc_url = browser.current_url
    browser.get(server + "/cases")
    _by(browser, 'input[name="name"]').send_keys("marvik")
    _by(browser, 'textarea[name="hypotheses"]').send_keys("The Brotherhood alone\nValdoria directed it")
    _by(browser, "form[action='/cases'] button").click()
    _wait(lambda: browser.current_url.endswith("/cases/marvik"))
    browser.get(doc_url)
    _by(browser, 'input[name="quote"][value="Q1"]').click()
    _by(browser, 'input[name="quote"][value="Q2"]').click()
    _by(browser, 'form[action$="/evidence"] button').click()
    _wait(lambda: 'name="cell:E1:H1"' in browser.page_source)
    before = _by(browser, "#scores").text
    version = _by(browser, "#version").text
    # one click on the menu, one on the rating: saved at once by the page's script, the scores redrawn
    _choose(browser, 'select[name="cell:E1:H1"]', "CC")
    _wait(lambda: _by(browser, "#version").text != version)
    _choose(browser, 'select[name="cell:E1:H2"]', "II")
    _wait(lambda: _by(browser, "#scores").text != before)
    browser.get(server + "/api/cases/marvik")
    assert '"H1":"CC"' in browser.page_source.replace(" ", "") and '"H2":"II"' in browser.page_source.replace(" ", "")


def test_two_sessions_rate_one_cell_and_the_second_loses_nothing(server: str, browser: Any) -> None:
    import httpx

    httpx.post(server + "/api/cases", json={"name": "dam", "hypotheses": ["Accident", "Sabotage"]})
    httpx.post(server + "/api/cases/dam/evidence", json={"text": "The valve was found open."})
    other = _browser()
    try:
        browser.get(server + "/cases/dam")
        other.get(server + "/cases/dam")  # both pages at the same version
        _choose(browser, 'select[name="cell:E1:H1"]', "C")
        _wait(lambda: _by(browser, "#version").text != "2")
        _choose(other, 'select[name="cell:E1:H1"]', "II")
        _wait(lambda: "changed while you worked on it" in other.page_source)
        cell = _by(other, 'select[name="cell:E1:H1"]')
        assert cell.get_attribute("value") == "II"  # the second choice is still on screen, marked as unsaved
        assert "mine" in _by(other, 'select[name="cell:E1:H1"]').find_element("xpath", "..").get_attribute("class")
        assert httpx.get(server + "/api/cases/dam").json()["case"]["evidence"][0]["ratings"] == {"H1": "C"}
        _by(other, "#matrix button[type=submit]:not([formaction])").click()  # save again, on the new version
        _wait(lambda: httpx.get(server + "/api/cases/dam").json()["case"]["evidence"][0]["ratings"] == {"H1": "II"})
    finally:
        other.quit()


def test_script_in_an_article_runs_nowhere(server: str, browser: Any) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    payload = (
        '<script>window.__pwned = 1; alert(1)</script> <img src=x onerror="window.__pwned = 2; alert(2)"> '
        '<a id="js" href="javascript:window.__pwned = 3">click me</a> and more words of text here.'
    )
    browser.get(server + "/")
    _by(browser, 'input[name="title"]').send_keys(payload[:60])
    _by(browser, 'textarea[name="text"]').send_keys(payload)
    _by(browser, "form.analyse button").click()
    _wait(lambda: "In short" in browser.page_source)
    pages = [browser.current_url, browser.current_url + "/report", server + "/"]
    for url in pages:
        browser.get(url)
        time.sleep(0.3)
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text  # noqa: B018 - raises when no alert is open
        assert browser.execute_script("return window.__pwned === undefined")
        assert "<script>window.__pwned" not in browser.page_source.replace("&lt;", "<") or "&lt;script&gt;" in (
            browser.execute_script("return document.documentElement.outerHTML")
        )


def test_a_viewer_reads_the_matrix_but_cannot_change_it(tmp_path: Path, browser: Any) -> None:
    from unspin.web.load import serve_in_thread

    app = create_app(f"sqlite:///{tmp_path / 'v.sqlite'}", analyser=fake_analyse)
    accounts = app.state.accounts
    for name in ("olga", "vic"):
        accounts.add_user(name, "correct horse battery")
    accounts.cases.create(
        "dam", {"title": "Why did the dam fail?", "hypotheses": [{"id": "H1", "text": "Rain"}], "evidence": []}
    )
    accounts.cases.edit("dam", lambda d: ({**d, "evidence": [{"id": "E1", "text": "It rained."}]}, "added"))
    accounts.share("dam", "olga", "owner")
    accounts.share("dam", "vic", "viewer")
    base, stop = serve_in_thread(app)
    try:
        browser.get(base + "/cases/dam")
        _wait(lambda: "/login" in browser.current_url)
        _by(browser, 'input[name="name"]').send_keys("vic")
        _by(browser, 'input[name="password"]').send_keys("correct horse battery")
        _by(browser, "form[action='/login'] button").click()
        _wait(lambda: "Why did the dam fail?" in browser.page_source)
        assert not _by(browser, 'select[name="cell:E1:H1"]').is_enabled()
        # even a request made by hand from the page is refused
        status = browser.execute_async_script(
            "const done = arguments[0];"
            "fetch('/api/cases/dam/cells', {method: 'PUT', headers: {'Content-Type': 'application/json'},"
            " body: JSON.stringify({cells: [{evidence: 'E1', hypothesis: 'H1', rating: 'II', was: 'NA'}]})})"
            ".then(r => done(r.status));"
        )
        assert status == 403
        assert accounts.cases.load("dam")[0]["evidence"][0].get("ratings", {}) == {}
    finally:
        stop()


def test_a_passage_selected_in_the_article_is_taken_into_a_case(server: str, browser: Any) -> None:
    import httpx

    browser.get(server + "/")
    _by(browser, 'textarea[name="text"]').send_keys(example_path().read_text(encoding="utf-8"))
    _by(browser, "form.analyse button").click()
    _wait(lambda: "In short" in browser.page_source)
    httpx.post(server + "/api/cases", json={"name": "sel", "hypotheses": ["A"]})
    browser.get(browser.current_url + "/passage")
    wanted = "the Harrow Brigade, a militia raised in 2019"
    browser.execute_script(  # select the words as a reader's mouse would
        "const node = document.getElementById('article').firstChild;"
        "const at = node.data.indexOf(arguments[0]);"
        "const range = document.createRange(); range.setStart(node, at); range.setEnd(node, at + arguments[0].length);"
        "const sel = document.getSelection(); sel.removeAllRanges(); sel.addRange(range);",
        wanted,
    )
    _wait(lambda: _by(browser, 'textarea[name="words"]').get_attribute("value") == wanted)
    _by(browser, "#passage button").click()
    _wait(lambda: browser.current_url.endswith("/cases/sel"))
    item = httpx.get(server + "/api/cases/sel").json()["case"]["evidence"][0]
    text = example_path().read_text(encoding="utf-8")
    assert text[item["quote"]["start"] : item["quote"]["end"]] == wanted


def test_a_rating_redraws_the_items_diagnosticity_in_the_matrix(server: str, browser: Any) -> None:
    import httpx

    httpx.post(server + "/api/cases", json={"name": "diag", "hypotheses": ["A", "B"]})
    httpx.post(server + "/api/cases/diag/evidence", json={"text": "The valve was found open."})
    browser.get(server + "/cases/diag")
    cell = '[data-diagnosticity="E1"]'
    assert _by(browser, cell).text == "0.00"
    _choose(browser, 'select[name="cell:E1:H1"]', "CC")
    _wait(lambda: _by(browser, "#version").text != "2")
    _choose(browser, 'select[name="cell:E1:H2"]', "II")
    _wait(lambda: _by(browser, cell).text == "2.00")  # CC against II: the item now tells them apart
