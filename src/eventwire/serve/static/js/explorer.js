// The explorer: filters live in the URL (shareable views); the table, timeline, map and network
// are all drawn from the same filters.
import { getJSON, query } from "./api.js";
import { actorLabel, clear, el, QUAD_NAMES, quadClass } from "./dom.js";
import { renderMap } from "./map.js";
import { renderNetwork } from "./network.js";
import { renderTimeline } from "./timeline.js";

const FIELDS = ["since", "until", "actor", "target", "country", "type", "min_confidence", "mode", "near", "km"];
// filters set by links (the reader's "these events in the explorer"), not by the form
const LINKED = ["article", "cluster"];
const PAGE = 50;
const RETRY_MS = 5000;
const form = document.getElementById("filters");
const banner = document.getElementById("banner");
let retry = null;

function filtersFromURL() {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const name of [...FIELDS, ...LINKED]) filters[name] = params.get(name) || "";
  filters.quad = params.getAll("quad");
  filters.offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  return filters;
}

function filtersFromForm() {
  const current = filtersFromURL();
  const filters = Object.fromEntries(LINKED.map((name) => [name, current[name]]));
  for (const name of FIELDS) filters[name] = form.elements[name].value.trim();
  filters.quad = [...form.querySelectorAll("input[name=quad]:checked")].map((box) => box.value);
  return filters;
}

function fillForm(filters) {
  for (const name of FIELDS) form.elements[name].value = filters[name] || "";
  for (const box of form.querySelectorAll("input[name=quad]")) box.checked = filters.quad.includes(box.value);
}

function navigate(filters) {
  const { offset, ...rest } = filters;
  history.pushState(null, "", `/${query({ ...rest, offset: offset || null })}`);
  load();
}

function change(update) {
  navigate({ ...filtersFromURL(), ...update, offset: 0 });
}

function apiParams(filters) {
  const { offset, ...rest } = filters;
  return rest;
}

function evidence(row) {
  // the sentence with the source and target mentions marked (offsets are into the body)
  const marks = [["source", row.source_start, row.source_end], ["target", row.target_start, row.target_end]]
    .filter(([, s, e]) => Number.isInteger(s) && Number.isInteger(e) && s >= row.start && e <= row.end && s < e)
    .map(([kind, s, e]) => [kind, s - row.start, e - row.start])
    .sort((a, b) => a[1] - b[1]);
  const out = [];
  let at = 0;
  for (const [kind, s, e] of marks) {
    if (s < at) continue;
    out.push(row.sentence.slice(at, s), el("mark", { class: kind }, row.sentence.slice(s, e)));
    at = e;
  }
  out.push(row.sentence.slice(at));
  return out;
}

function eventRow(row) {
  const link = `/articles/${encodeURIComponent(row.article_id)}#event-${encodeURIComponent(row.event_id)}`;
  return el("tr", { dataset: { key: row.key } },
    el("td", { class: "day" }, row.day || ""),
    el("td", {}, actorLabel("source", row), row.source_code ? el("small", {}, ` ${row.source_code}`) : null),
    el("td", {}, el("span", { class: `badge ${quadClass(row.quad_class)}`, title: QUAD_NAMES[row.quad_class - 1] || "" },
      `${row.cameo} ${row.plover || ""}`.trim()), " ", row.action_text),
    el("td", {}, row.target_text ? [actorLabel("target", row), row.target_code ? el("small", {}, ` ${row.target_code}`) : null] : "—"),
    el("td", {}, row.place_name || ""),
    el("td", {}, row.mode),
    el("td", { class: "num" }, Number(row.confidence).toFixed(2)),
    el("td", { class: "evidence" }, evidence(row), " ",
      el("a", { class: "read", href: link, title: row.headline || "" }, "article →")));
}

function renderTable(data, filters) {
  const body = document.querySelector("#events tbody");
  clear(body);
  for (const row of data.events) body.append(eventRow(row));
  if (!data.events.length) body.append(el("tr", {}, el("td", { colspan: 8, class: "empty" }, "No events for these filters.")));
  const last = Math.min(data.total, data.offset + data.events.length);
  document.getElementById("page").textContent = data.total ? `${data.offset + 1}–${last} of ${data.total}` : "";
  const prev = document.getElementById("prev");
  const next = document.getElementById("next");
  prev.disabled = data.offset === 0;
  next.disabled = last >= data.total;
  prev.onclick = () => navigate({ ...filters, offset: Math.max(0, data.offset - PAGE) });
  next.onclick = () => navigate({ ...filters, offset: data.offset + PAGE });
  const links = document.getElementById("export-links");
  clear(links);
  links.append("export: ", ...["csv", "jsonl", "parquet"].flatMap((format, i) => [i ? " · " : "",
    el("a", { href: `/api/v1/export${query({ ...apiParams(filters), format })}`, download: "" }, format)]));
  const summary = clear(document.getElementById("summary"));
  summary.append(`${data.total} events match.`);
  for (const name of LINKED.filter((n) => filters[n])) {
    summary.append(" ", el("button", { type: "button", class: "chip", title: "remove this filter",
      onclick: () => change({ [name]: "" }) }, `${name}: ${filters[name]} ✕`));
  }
}

function showError(err) {
  banner.hidden = false;
  banner.className = "banner error";
  if (err.code === "database_busy") {
    banner.textContent = `${err.message} (retrying in ${RETRY_MS / 1000} s)`;
    retry = setTimeout(load, RETRY_MS);
  } else {
    banner.textContent = err.message;
  }
}

async function load() {
  clearTimeout(retry);
  const filters = filtersFromURL();
  fillForm(filters);
  document.body.dataset.ready = "false";
  const params = apiParams(filters);
  try {
    const [events, { timeline, places, network }] = await Promise.all([
      getJSON("events", { ...params, limit: PAGE, offset: filters.offset }),
      getJSON("summary", params),
    ]);
    banner.hidden = true;
    renderTable(events, filters);
    renderTimeline(document.getElementById("timeline"), timeline, (since, until) => change({ since, until }));
    renderNetwork(document.getElementById("network"), network,
      (actor, asTarget) => change(asTarget ? { target: actor } : { actor }));
    await renderMap(document.getElementById("map"), places,
      (g) => change({ near: `${g.lat.toFixed(3)},${g.lon.toFixed(3)}`, km: String(Math.round(g.km)) }));
    document.body.dataset.ready = "true";
  } catch (err) {
    showError(err);
    document.body.dataset.ready = "error";
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  navigate({ ...filtersFromForm(), offset: 0 });
});
document.getElementById("reset").addEventListener("click", () => navigate({ quad: [], offset: 0 }));
window.addEventListener("popstate", load);

// Actor names and codes to pick from while typing.
getJSON("actors", { limit: 500 }).then(({ actors }) => {
  const list = el("datalist", { id: "actor-names" });
  for (const a of actors) {
    list.append(el("option", { value: a.code || a.id }, a.name));
    if (a.name) list.append(el("option", { value: a.name }, a.code || ""));
  }
  form.append(list);
  form.elements.actor.setAttribute("list", "actor-names");
  form.elements.target.setAttribute("list", "actor-names");
}).catch(() => {});
load();
