// Timeline: stacked bars of event counts per day (or per run of days over long spans), one colour
// per quad class. A click on a bar filters to its days.
import { clear, clickable, el, QUAD_NAMES, svg } from "./dom.js";

const DAY = 86400000;
const W = 1300;
const H = 150;
const PAD = { left: 36, right: 10, top: 10, bottom: 28 };
const MAX_BARS = 120;

const dayValue = (day) => Date.parse(`${day}T00:00:00Z`);
const dayText = (value) => new Date(value).toISOString().slice(0, 10);

// Days grouped into bins of `size` days from the first day, so a long span stays readable.
function bins(days) {
  const first = dayValue(days[0].day);
  const span = Math.round((dayValue(days[days.length - 1].day) - first) / DAY) + 1;
  const size = Math.max(1, Math.ceil(span / MAX_BARS));
  const out = new Map();
  for (const d of days) {
    const index = Math.floor((dayValue(d.day) - first) / DAY / size);
    const bin = out.get(index) || { index, counts: [0, 0, 0, 0],
      since: dayText(first + index * size * DAY), until: dayText(first + ((index + 1) * size - 1) * DAY) };
    d.counts.forEach((n, i) => { bin.counts[i] += n; });
    out.set(index, bin);
  }
  return { bins: [...out.values()], count: Math.ceil(span / size), size };
}

export function renderTimeline(root, data, onRange) {
  clear(root);
  const days = data.days || [];
  if (!days.length) {
    root.append(el("p", { class: "empty" }, "No dated events for these filters."));
    return;
  }
  const { bins: bars, count, size } = bins(days);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const step = innerW / count;
  const barW = Math.min(28, Math.max(1.5, step * 0.85));
  const max = Math.max(...bars.map((b) => b.counts.reduce((a, c) => a + c, 0)));
  const x = (b) => PAD.left + b.index * step + (step - barW) / 2;
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "timeline", role: "img", "aria-label": "events over time" });
  chart.append(svg("line", { x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom, class: "axis" }));
  chart.append(svg("text", { x: PAD.left - 4, y: PAD.top + 8, class: "tick", "text-anchor": "end" }, String(max)));
  chart.append(svg("text", { x: PAD.left - 4, y: H - PAD.bottom, class: "tick", "text-anchor": "end" }, "0"));
  for (const b of bars) {
    let base = H - PAD.bottom;
    const total = b.counts.reduce((a, c) => a + c, 0);
    const when = size === 1 ? b.since : `${b.since} – ${b.until}`;
    const title = `${when}: ${total} events\n${b.counts.map((n, i) => `${QUAD_NAMES[i]}: ${n}`).join("\n")}`;
    const group = clickable(svg("g", { class: "bar", dataset: { since: b.since, until: b.until } },
      svg("title", {}, title)), () => onRange(b.since, b.until));
    b.counts.forEach((n, i) => {
      if (!n) return;
      const h = (n / max) * innerH;
      base -= h;
      group.append(svg("rect", { x: x(b), y: base, width: barW, height: h, class: `quad${i + 1}` }));
    });
    chart.append(group);
  }
  const first = bars[0];
  const last = bars[bars.length - 1];
  chart.append(svg("text", { x: PAD.left, y: H - 8, class: "tick", "text-anchor": "start" }, first.since));
  if (last !== first) chart.append(svg("text", { x: W - PAD.right, y: H - 8, class: "tick", "text-anchor": "end" }, last.until));
  const legend = el("p", { class: "legend" }, QUAD_NAMES.map((name, i) => el("span", { class: `key quad${i + 1}` }, name)),
    size > 1 ? el("span", { class: "note" }, `one bar = ${size} days`) : null);
  root.append(chart, legend);
  if (data.undated) root.append(el("p", { class: "note" }, `${data.undated} events without a day are not drawn.`));
}
