// "Try it": paste text, see the extraction rendered (POST /api/v1/extract).
import { postJSON } from "./api.js";
import { clear, el } from "./dom.js";
import { renderArticle } from "./reader.js";

const form = document.getElementById("try-form");
const out = document.getElementById("try-result");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = form.elements.text.value;
  const published = form.elements.published.value || null;
  const button = form.querySelector("button");
  button.disabled = true;
  clear(out).append(el("p", { class: "status" }, "Extracting…"));
  out.dataset.ready = "false";
  try {
    const doc = await postJSON("extract", { text, published });
    clear(out);
    for (const article of doc.articles) {
      const box = el("div", { class: "try-article" });
      out.append(box);
      renderArticle(box, article);
    }
    out.append(el("details", {}, el("summary", {}, "JSON (the output contract)"),
      el("pre", { class: "json" }, JSON.stringify(doc, null, 1))));
    out.dataset.ready = "true";
  } catch (err) {
    clear(out).append(el("p", { class: "error", id: "error" }, `Extraction failed: ${err.message}`));
    out.dataset.ready = "error";
  } finally {
    button.disabled = false;
  }
});
