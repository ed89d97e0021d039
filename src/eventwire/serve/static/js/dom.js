// Building DOM nodes safely: text always goes in as text nodes, never as markup.
// Article text is untrusted; nothing in this app uses innerHTML.

const SVG_NS = "http://www.w3.org/2000/svg";

// Only http(s) links to articles; anything else (javascript:, data:, ...) gives null.
export function safeHref(url) {
  if (typeof url !== "string" || !url) return null;
  try {
    const parsed = new URL(url, window.location.origin);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function setAttrs(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) {
      node.addEventListener(name.slice(2), value);
    } else if (name === "href") {
      const href = safeHref(value);
      if (href) node.setAttribute("href", href);
    } else if (name === "dataset") {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  return node;
}

// el("a", {href, class}, "text", child, ...)
export function el(tag, attrs, ...children) {
  return append(setAttrs(document.createElement(tag), attrs), children);
}

export function svg(tag, attrs, ...children) {
  return append(setAttrs(document.createElementNS(SVG_NS, tag), attrs), children);
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export const QUAD_NAMES = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

export function quadClass(q) {
  return q >= 1 && q <= 4 ? `quad${q}` : "quad0";
}

// Goldstein -10 (red) .. 0 (grey) .. +10 (blue).
export function goldsteinColor(g) {
  const t = Math.max(-1, Math.min(1, (g || 0) / 10));
  const grey = [150, 150, 150];
  const end = t < 0 ? [200, 30, 30] : [30, 90, 200];
  const mix = grey.map((c, i) => Math.round(c + (end[i] - c) * Math.abs(t)));
  return `rgb(${mix.join(",")})`;
}

export function actorLabel(prefix, row) {
  return row[`${prefix}_name`] || row[`${prefix}_text`] || "—";
}

// A colour key for the Goldstein scale shared by the map and the network.
export function goldsteinLegend() {
  return el("p", { class: "legend goldstein" }, "mean Goldstein:",
    [-10, -5, 0, 5, 10].map((g) => {
      const swatch = el("span", { class: "swatch" }, String(g));
      swatch.style.background = goldsteinColor(g); // CSSOM, which the CSP allows (style attributes it does not)
      return swatch;
    }),
    "conflict ← → cooperation");
}

// Click handlers on SVG shapes, reachable from the keyboard too (Tab, then Enter or Space).
export function clickable(node, action) {
  node.setAttribute("tabindex", "0");
  node.setAttribute("role", "button");
  node.addEventListener("click", action);
  node.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      action(event);
    }
  });
  return node;
}
