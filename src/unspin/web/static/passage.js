// Choosing a passage: the words selected in the article fill the form, with where they start (in characters,
// as the server counts them) so the server picks the right one of several equal passages.
"use strict";
(function () {
  const article = document.getElementById("article");
  const form = document.getElementById("passage");
  if (!article || !form) return;
  document.addEventListener("selectionchange", () => {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    if (!article.contains(range.startContainer)) return;
    const before = document.createRange();
    before.setStart(article, 0);
    before.setEnd(range.startContainer, range.startOffset);
    form.elements.words.value = sel.toString();
    form.elements.near.value = Array.from(before.toString()).length; // code points, as Python counts
  });
})();
