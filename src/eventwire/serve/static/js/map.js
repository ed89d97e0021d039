// Map: located events on an offline Natural Earth outline (world-atlas, installed from npm),
// equirectangular, fitted to the events and clustered on screen; wheel zooms, drag pans, a click
// filters near a cluster.
import { clear, clickable, el, goldsteinColor, goldsteinLegend, svg } from "./dom.js";
import { polygons } from "./topo.js";

// Equirectangular from 85 N to 60 S: Antarctica and the far north carry no news.
const NORTH = 85;
const SOUTH = -60;
const W = 960;
const H = Math.round((W * (NORTH - SOUTH)) / 360);
const ATLAS = "/static/vendor/node_modules/world-atlas/countries-110m.json";
const CLUSTER_PX = 28;
let outline = null; // a promise of the countries' rings, or of null when the file is missing

function project([lon, lat]) {
  return [((lon + 180) / 360) * W, ((NORTH - lat) / (NORTH - SOUTH)) * H];
}

function loadOutline() {
  outline = outline || fetch(ATLAS)
    .then((r) => (r.ok ? r.json() : null))
    .then((topology) => (topology ? polygons(topology, "countries") : null))
    .catch(() => null);
  return outline;
}

// Longitudes made continuous along a ring, so one crossing the antimeridian (Russia, Fiji) does
// not streak across the map; such a ring is drawn once more, shifted, on the other side.
function unwrap(ring) {
  const out = [];
  let shift = 0;
  for (let i = 0; i < ring.length; i++) {
    if (i > 0) {
      const jump = ring[i][0] - ring[i - 1][0];
      if (jump > 180) shift -= 360;
      else if (jump < -180) shift += 360;
    }
    out.push([ring[i][0] + shift, ring[i][1]]);
  }
  const lons = out.map(([lon]) => lon);
  const copies = [out];
  if (Math.min(...lons) < -180) copies.push(out.map(([lon, lat]) => [lon + 360, lat]));
  if (Math.max(...lons) > 180) copies.push(out.map(([lon, lat]) => [lon - 360, lat]));
  return copies;
}

function ringPath(ring) {
  return `M${ring.map((p) => project(p).map((v) => v.toFixed(1)).join(",")).join("L")}Z`;
}

function countryPaths(countries) {
  return countries.map((c) => svg("path", {
    class: "country",
    d: c.rings.flatMap(unwrap).map(ringPath).join(""),
  }, svg("title", {}, c.name || "")));
}

// Greedy clustering: biggest places first, each joins the first cluster within `radius`.
function cluster(places, radius) {
  const groups = [];
  for (const p of places) {
    const [x, y] = project([p.lon, p.lat]);
    const near = groups.find((g) => Math.hypot(g.x - x, g.y - y) <= radius);
    if (near) {
      near.members.push(p);
      near.events += p.events;
    } else {
      groups.push({ x, y, members: [p], events: p.events });
    }
  }
  for (const g of groups) {
    const total = g.events;
    g.lat = g.members.reduce((s, p) => s + p.lat * p.events, 0) / total;
    g.lon = g.members.reduce((s, p) => s + p.lon * p.events, 0) / total;
    g.goldstein = g.members.reduce((s, p) => s + p.goldstein * p.events, 0) / total;
    g.km = Math.max(25, ...g.members.map((p) => Math.hypot(p.lat - g.lat, p.lon - g.lon) * 111 + 10));
  }
  return groups;
}

function markers(places, scale, onCluster) {
  const layer = svg("g", { class: "markers" });
  for (const g of cluster(places, CLUSTER_PX / scale)) {
    const names = g.members.map((p) => `${p.name || "?"} (${p.events})`);
    const r = (5 + 3 * Math.sqrt(g.events)) / scale;
    const node = svg("g", { class: "cluster", dataset: { events: String(g.events) } },
      svg("title", {}, `${g.events} events\n${names.slice(0, 12).join("\n")}${names.length > 12 ? "\n…" : ""}`),
      svg("circle", { cx: g.x, cy: g.y, r, fill: goldsteinColor(g.goldstein) }),
      g.members.length > 1 || g.events > 1
        ? svg("text", { x: g.x, y: g.y + 4 / scale, "font-size": 11 / scale, "text-anchor": "middle" }, String(g.events))
        : null);
    layer.append(clickable(node, (e) => { e.stopPropagation(); onCluster(g); }));
  }
  return layer;
}

// The smallest view (of the map's proportions) around every place, with a margin.
function fit(places) {
  if (!places.length) return { x: 0, y: 0, w: W, h: H };
  const xy = places.map((p) => project([p.lon, p.lat]));
  const xs = xy.map(([x]) => x);
  const ys = xy.map(([, y]) => y);
  const margin = 40;
  let w = Math.max(W / 4, Math.max(...xs) - Math.min(...xs) + 2 * margin);
  let h = Math.max(...ys) - Math.min(...ys) + 2 * margin;
  if (w / h < W / H) w = (h * W) / H; else h = (w * H) / W;
  w = Math.min(W, w);
  h = Math.min(H, h);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  return { x: Math.min(W - w, Math.max(0, cx - w / 2)), y: Math.min(H - h, Math.max(0, cy - h / 2)), w, h };
}

export async function renderMap(root, data, onCluster) {
  clear(root);
  const countries = await loadOutline();
  const view = fit(data.places);
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "map", role: "img", "aria-label": "map of events" });
  chart.append(svg("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }));
  if (countries) chart.append(svg("g", { class: "countries" }, countryPaths(countries)));
  let layer = markers(data.places, W / view.w, onCluster);
  chart.append(layer);
  chart.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
  const redraw = () => {
    chart.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
    const next = markers(data.places, W / view.w, onCluster);
    layer.replaceWith(next);
    layer = next;
  };
  chart.addEventListener("wheel", (e) => {
    e.preventDefault();
    const box = chart.getBoundingClientRect();
    const fx = (e.clientX - box.left) / box.width;
    const fy = (e.clientY - box.top) / box.height;
    const factor = e.deltaY < 0 ? 0.8 : 1.25;
    const w = Math.min(W, Math.max(W / 40, view.w * factor));
    const h = (w * H) / W;
    view.x = Math.min(W - w, Math.max(0, view.x + fx * (view.w - w)));
    view.y = Math.min(H - h, Math.max(0, view.y + fy * (view.h - h)));
    view.w = w;
    view.h = h;
    redraw();
  }, { passive: false });
  let drag = null;
  chart.addEventListener("pointerdown", (e) => { drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y }; });
  chart.addEventListener("pointerup", () => { drag = null; });
  chart.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const box = chart.getBoundingClientRect();
    view.x = Math.min(W - view.w, Math.max(0, drag.vx - ((e.clientX - drag.x) * view.w) / box.width));
    view.y = Math.min(H - view.h, Math.max(0, drag.vy - ((e.clientY - drag.y) * view.h) / box.height));
    chart.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
  });
  root.append(chart, goldsteinLegend());
  if (!countries) {
    root.append(el("p", { class: "note warn", id: "map-missing" },
      "The world outline is not installed (npm package world-atlas, see docs/serve.md): events are drawn without it."));
  }
  root.append(el("p", { class: "note" }, `${data.located} of ${data.events} events have a place.`));
}
