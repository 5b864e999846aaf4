// The matrix editor: save a rating the moment it is chosen (PUT /api/cases/NAME/cells with the rating the
// cell showed, so only a change of that very cell by someone else conflicts), then redraw the scores. On a
// conflict the whole form is sent the ordinary way: the page comes back with both changes, nothing lost.
"use strict";
(function () {
  const form = document.getElementById("matrix");
  if (!form) return;
  const name = form.dataset.case;
  const versionInput = form.querySelector('input[name="version"]');
  const notice = document.getElementById("notice");
  const scores = document.getElementById("scores");

  function say(text) {
    notice.textContent = text;
    notice.hidden = false;
  }

  async function refreshScores() {
    // one request: the server renders the scores panel (text escaped there; parsed, never run), and the panel
    // carries each item's diagnosticity and linchpin flag for the matrix
    const res = await fetch(scores.dataset.url, { credentials: "same-origin" });
    if (!res.ok) return;
    const doc = new DOMParser().parseFromString(await res.text(), "text/html");
    for (const item of doc.querySelectorAll(".matrix-figures li")) {
      const id = CSS.escape(item.dataset.id);
      const cell = form.querySelector(`[data-diagnosticity="${id}"]`);
      if (cell) cell.textContent = item.dataset.diagnosticity;
      const flag = form.querySelector(`[data-linchpin="${id}"]`);
      if (flag) flag.hidden = item.dataset.linchpin !== "1";
    }
    scores.replaceChildren(...doc.body.childNodes);
  }

  form.addEventListener("change", async (event) => {
    const select = event.target;
    if (!select.dataset || !select.dataset.evidence) return;
    const cell = select.closest("td");
    const rating = select.value || "NA";
    const was = select.dataset.was || "NA";
    const res = await fetch(`/api/cases/${encodeURIComponent(name)}/cells`, {
      method: "PUT",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "If-Match": `"${versionInput.value}"` },
      body: JSON.stringify({
        cells: [{ evidence: select.dataset.evidence, hypothesis: select.dataset.hypothesis, rating, was }],
      }),
    });
    const body = await res.json().catch(() => ({}));
    if (res.ok) {
      versionInput.value = body.version;
      select.dataset.was = rating;
      document.getElementById("version").textContent = body.version;
      cell.className = `cell r-${rating}`;
      notice.hidden = true;
      await refreshScores();
    } else if (res.status === 409) {
      // Someone else saved first: send the whole form the ordinary way, so the page comes back with the
      // other change and every choice made here kept and marked, to be saved again.
      form.requestSubmit();
    } else {
      cell.classList.add("mine");
      say(body.error ? `${body.error} — ${body.hint || ""}` : `Could not save (HTTP ${res.status}).`);
    }
  });
})();
