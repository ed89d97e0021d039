// The article page: /articles/<id>[#event-<event id>]
import { getJSON } from "./api.js";
import { clear, el } from "./dom.js";
import { renderArticle } from "./reader.js";

const RETRY_MS = 5000;

async function main() {
  const root = document.getElementById("article");
  const id = decodeURIComponent(window.location.pathname.split("/").filter(Boolean).pop() || "");
  try {
    const article = await getJSON(`articles/${encodeURIComponent(id)}`);
    document.title = `${article.headline || article.id} — eventwire`;
    const select = renderArticle(root, article, { explorerLink: true });
    const hash = window.location.hash.match(/^#event-(.+)$/);
    if (hash) select(decodeURIComponent(hash[1]), true);
    root.dataset.ready = "true";
  } catch (err) {
    const again = err.code === "database_busy" ? ` (retrying in ${RETRY_MS / 1000} s)` : "";
    clear(root).append(el("p", { class: "error", id: "error" }, `Cannot show this article: ${err.message}${again}`));
    root.dataset.ready = "error";
    if (again) setTimeout(main, RETRY_MS);
  }
}

main();
