// The article reader: clean text with actors, places, dates, quotes and event sentences
// highlighted, captions apart, the events listed beside. Shared by the reader and "Try it".
import { clear, el, QUAD_NAMES, quadClass, safeHref } from "./dom.js";

const KINDS = ["actor", "entity", "place", "time", "quote", "event"];

function spans(article) {
  const out = [];
  for (const m of article.entities || []) {
    const who = m.actor ? `${m.actor.name} (${m.actor.code})` : m.label;
    out.push({ start: m.start, end: m.end, kind: m.actor ? "actor" : "entity", note: `${m.label}: ${who}` });
  }
  for (const p of article.places || []) {
    for (const [start, end] of p.mentions || []) {
      out.push({ start, end, kind: "place", note: `place: ${p.name}${p.country ? `, ${p.country}` : ""}` });
    }
  }
  for (const t of article.times || []) {
    out.push({ start: t.start, end: t.end, kind: "time", note: `date: ${t.value || "?"} (${t.precision})` });
  }
  for (const q of article.quotes || []) {
    const speaker = q.speaker ? (q.speaker.actor ? q.speaker.actor.name : q.speaker.text) : "unknown speaker";
    out.push({ start: q.start, end: q.end, kind: "quote", note: `quote (${q.direct ? "direct" : "indirect"}) by ${speaker}` });
  }
  for (const e of article.events || []) {
    out.push({ start: e.start, end: e.end, kind: "event", event: e.id, note: `event ${e.action.cameo} ${e.action.name}` });
  }
  const size = article.body.length;
  return out.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.start >= 0 && s.end <= size);
}

// The body cut at every span boundary; each piece carries the kinds of the spans covering it.
function segments(body, marks) {
  const cuts = new Set([0, body.length]);
  for (const m of marks) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const covering = marks.filter((m) => m.start <= start && m.end >= end);
    pieces.push({ text: body.slice(start, end), covering });
  }
  return pieces;
}

function renderBody(article, onEvent) {
  const body = el("div", { class: "article-body", id: "article-body" });
  for (const piece of segments(article.body, spans(article))) {
    if (!piece.covering.length) {
      body.append(document.createTextNode(piece.text));
      continue;
    }
    const kinds = [...new Set(piece.covering.map((m) => m.kind))];
    const events = [...new Set(piece.covering.filter((m) => m.event).map((m) => m.event))];
    const node = el("span", {
      class: kinds.map((k) => `hl-${k}`).join(" "),
      title: piece.covering.map((m) => m.note).join("\n"),
      dataset: events.length ? { events: events.join(" ") } : undefined,
    }, piece.text);
    if (events.length) node.addEventListener("click", () => onEvent(events[0]));
    body.append(node);
  }
  return body;
}

function mentionText(m) {
  if (!m) return "—";
  return m.actor ? `${m.actor.name} (${m.actor.code})` : m.text;
}

function eventItem(e, onEvent) {
  const a = e.action;
  const facts = [
    e.mode !== "asserted" ? e.mode : null,
    e.date ? `date ${e.date.value || e.date.text}` : null,
    e.place ? `at ${e.place.name}` : null,
    e.fatalities != null ? `${e.fatalities} killed` : null,
    e.injured != null ? `${e.injured} injured` : null,
    e.attributed_to ? `according to ${e.attributed_to}` : null,
    `confidence ${Number(e.confidence).toFixed(2)}`,
  ].filter(Boolean);
  return el("li", { class: "event-item", id: `event-${e.id}`, dataset: { event: e.id }, onclick: () => onEvent(e.id) },
    el("div", { class: "event-line" },
      el("span", { class: "actor" }, mentionText(e.source)), " ",
      el("span", { class: `badge ${quadClass(a.quad_class)}`, title: QUAD_NAMES[a.quad_class - 1] || "" },
        `${a.cameo} ${a.plover || ""}`.trim()), " ",
      el("span", { class: "action" }, a.text), " → ",
      el("span", { class: "actor" }, mentionText(e.target))),
    el("div", { class: "event-name" }, a.name, a.acled ? ` · ACLED: ${a.acled.sub_event_type}` : ""),
    el("div", { class: "event-facts" }, facts.join(" · ")));
}

function header(article, options) {
  const link = safeHref(article.url);
  const meta = [article.source, article.published, article.byline].filter(Boolean).join(" · ");
  return el("header", { class: "article-head" },
    el("h1", { id: "article-headline" }, article.headline || article.ref || "(no headline)"),
    el("p", { class: "meta" }, meta || "undated",
      link ? [" · ", el("a", { href: link, rel: "noopener noreferrer nofollow", target: "_blank", id: "article-link" }, "original")] : null,
      ` · id ${article.id}`,
      options.explorerLink ? [" · ", el("a", { href: `/?article=${encodeURIComponent(article.id)}`, id: "in-explorer" },
        "these events in the explorer")] : null),
    (article.warnings || []).length
      ? el("ul", { class: "warnings" }, [...new Set(article.warnings)].map((w) => el("li", {}, w))) : null);
}

function legend() {
  const names = { actor: "actor", entity: "other name", place: "place", time: "date", quote: "quote", event: "event sentence" };
  return el("p", { class: "legend" }, KINDS.map((k) => el("span", { class: `hl-${k}` }, names[k])));
}

// Renders `article` into `root`; returns select(eventId) to highlight one event.
export function renderArticle(root, article, options = {}) {
  const list = el("ol", { class: "event-list", id: "event-list" });
  let select = () => {};
  const onEvent = (id) => select(id, true);
  for (const e of article.events || []) list.append(eventItem(e, onEvent));
  const body = renderBody(article, onEvent);
  const captions = (article.captions || []).length
    ? el("aside", { class: "captions", id: "captions" }, el("h2", {}, "Captions"),
      el("ul", {}, article.captions.map((c) => el("li", {}, c))))
    : null;
  clear(root).append(
    header(article, options),
    el("div", { class: "reader" },
      el("section", { class: "reader-text" }, legend(), body, captions),
      el("section", { class: "reader-events" }, el("h2", {}, `${(article.events || []).length} events`), list)));
  select = (id, scroll) => {
    for (const node of root.querySelectorAll(".current")) node.classList.remove("current");
    const item = root.querySelector(`#event-${CSS.escape(id)}`);
    if (!item) return;
    item.classList.add("current");
    const pieces = [...body.querySelectorAll("[data-events]")].filter((n) => n.dataset.events.split(" ").includes(id));
    for (const piece of pieces) piece.classList.add("current");
    if (scroll) {
      if (pieces.length) pieces[0].scrollIntoView({ block: "center" });
      item.scrollIntoView({ block: "nearest" });
      history.replaceState(null, "", `#event-${id}`);
    }
  };
  return select;
}
