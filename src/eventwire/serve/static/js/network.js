// Network: actors as nodes (size = events), source -> target edges (width = events,
// colour = mean Goldstein), laid out by a small deterministic force simulation.
import { clear, clickable, el, goldsteinColor, goldsteinLegend, svg } from "./dom.js";

const W = 800;
const H = 520;
const GRAVITY = 0.15;

function layout(nodes, edges) {
  const n = nodes.length;
  const pos = nodes.map((_, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, n);
    return { x: W / 2 + (W / 3) * Math.cos(a), y: H / 2 + (H / 3) * Math.sin(a) };
  });
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target)]);
  const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.5;
  for (let step = 0, temp = W / 10; step < 300; step++, temp *= 0.985) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i].x - pos[j].x;
        const dy = pos[i].y - pos[j].y;
        const d = Math.max(1, Math.hypot(dx, dy));
        if (d > 3 * k) continue; // far nodes no longer push: the gravity can hold the graph
        const f = (k * k) / d;
        disp[i].x += (dx / d) * f; disp[i].y += (dy / d) * f;
        disp[j].x -= (dx / d) * f; disp[j].y -= (dy / d) * f;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[a].x - pos[b].x;
      const dy = pos[a].y - pos[b].y;
      const d = Math.max(1, Math.hypot(dx, dy));
      const f = (d * d) / k;
      disp[a].x -= (dx / d) * f; disp[a].y -= (dy / d) * f;
      disp[b].x += (dx / d) * f; disp[b].y += (dy / d) * f;
    }
    for (let i = 0; i < n; i++) {
      disp[i].x += (W / 2 - pos[i].x) * GRAVITY;
      disp[i].y += (H / 2 - pos[i].y) * GRAVITY * (W / H);
      const d = Math.max(1, Math.hypot(disp[i].x, disp[i].y));
      pos[i].x = Math.min(W - 40, Math.max(40, pos[i].x + (disp[i].x / d) * Math.min(d, temp)));
      pos[i].y = Math.min(H - 20, Math.max(20, pos[i].y + (disp[i].y / d) * Math.min(d, temp)));
    }
  }
  return pos;
}

function label(node) {
  const text = node.code || node.name;
  return text.length > 22 ? `${text.slice(0, 21)}…` : text;
}

function radius(node) {
  return 4 + 2.5 * Math.sqrt(node.events);
}

function edgePath(a, b, ra, rb, curved) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const d = Math.max(1, Math.hypot(dx, dy));
  const [ux, uy] = [dx / d, dy / d];
  const start = { x: a.x + ux * ra, y: a.y + uy * ra };
  const end = { x: b.x - ux * (rb + 2), y: b.y - uy * (rb + 2) };
  // edges both ways bend apart so they do not overlap
  const bend = curved ? 18 : 0;
  const mid = { x: (start.x + end.x) / 2 - uy * bend, y: (start.y + end.y) / 2 + ux * bend };
  const tx = end.x - mid.x;
  const ty = end.y - mid.y;
  const td = Math.max(1, Math.hypot(tx, ty));
  const [hx, hy] = [tx / td, ty / td];
  const head = [
    [end.x, end.y],
    [end.x - hx * 8 - hy * 4, end.y - hy * 8 + hx * 4],
    [end.x - hx * 8 + hy * 4, end.y - hy * 8 - hx * 4],
  ];
  return { line: `M${start.x},${start.y}Q${mid.x},${mid.y} ${end.x},${end.y}`, head: head.map((p) => p.join(",")).join(" ") };
}

export function renderNetwork(root, data, onActor) {
  clear(root);
  const { edges } = data;
  // actors that act on no one and are acted on by no one here tell nothing about the network
  const linked = new Set(edges.flatMap((e) => [e.source, e.target]));
  const nodes = data.nodes.filter((node) => linked.has(node.id));
  if (!nodes.length) {
    root.append(el("p", { class: "empty" }, "No actors for these filters."));
    return;
  }
  const pos = layout(nodes, edges);
  const at = new Map(nodes.map((node, i) => [node.id, i]));
  const pairs = new Set(edges.map((e) => `${e.source}\u0000${e.target}`));
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "network", role: "img", "aria-label": "actor network" });
  const edgeLayer = svg("g", { class: "edges" });
  for (const e of edges) {
    const [a, b] = [at.get(e.source), at.get(e.target)];
    const both = pairs.has(`${e.target}\u0000${e.source}`);
    const p = edgePath(pos[a], pos[b], radius(nodes[a]), radius(nodes[b]), both);
    const color = goldsteinColor(e.goldstein);
    edgeLayer.append(svg("g", { class: "edge" },
      svg("title", {}, `${nodes[a].name} → ${nodes[b].name}: ${e.events} events, mean Goldstein ${e.goldstein}`),
      svg("path", { d: p.line, stroke: color, "stroke-width": 1 + Math.log2(e.events) * 1.5, fill: "none" }),
      svg("polygon", { points: p.head, fill: color })));
  }
  const nodeLayer = svg("g", { class: "nodes" });
  nodes.forEach((node, i) => {
    const filterValue = node.resolved ? node.id : node.name;
    nodeLayer.append(clickable(svg("g", { class: node.resolved ? "node" : "node unresolved", dataset: { actor: filterValue } },
      svg("title", {}, `${node.name}${node.code ? ` (${node.code})` : ""}: ${node.events} events`),
      svg("circle", { cx: pos[i].x, cy: pos[i].y, r: radius(node) }),
      svg("text", { x: pos[i].x, y: pos[i].y - radius(node) - 3, "text-anchor": "middle" }, label(node))), (ev) => onActor(filterValue, ev.shiftKey)));
  });
  chart.append(edgeLayer, nodeLayer);
  root.append(chart, goldsteinLegend());
  const alone = data.nodes.length - nodes.length;
  const notes = [];
  if (alone) notes.push(`${alone} ${alone === 1 ? "actor" : "actors"} without a source or target here ${alone === 1 ? "is" : "are"} not drawn`);
  if (data.dropped_nodes) notes.push(`${data.dropped_nodes} less active ${data.dropped_nodes === 1 ? "actor is" : "actors are"} left out`);
  if (notes.length) root.append(el("p", { class: "note" }, `${notes.join("; ")}.`));
}
