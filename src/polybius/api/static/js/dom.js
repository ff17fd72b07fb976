// Small helpers to build DOM and SVG nodes. Text is always set as text (never parsed as HTML).

const SVG_NS = "http://www.w3.org/2000/svg";
const LINK_ATTRIBUTES = new Set(["href", "src", "xlink:href", "action", "formaction"]);

/** `url` when it is an absolute http(s) URL, else null (never a javascript: or data: link). */
export function webUrl(url) {
  if (typeof url !== "string" || !/^https?:\/\/[^\s\\]/i.test(url)) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/** Links inside the dashboard ("#/...", "/...") or to the web; anything else is dropped. */
function safeLink(value) {
  const text = String(value);
  if (text.startsWith("#") || (text.startsWith("/") && !text.startsWith("//"))) return text;
  return webUrl(text);
}

function build(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else if (key === "dataset") {
      Object.assign(node.dataset, value);
    } else if (LINK_ATTRIBUTES.has(key)) {
      const link = safeLink(value);
      if (link !== null) node.setAttribute(key, link);
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An HTML element: h("a", {href: "#/"}, "text", otherNode). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Replace a node's content; null, undefined and false children are left out. */
export function fill(node, ...children) {
  clear(node);
  return build(node, {}, children);
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function fmt(n) {
  return n === null || n === undefined ? "–" : Number(n).toLocaleString("en-GB");
}

export function fmtScore(x) {
  if (x === null || x === undefined) return "–";
  return (x > 0 ? "+" : "") + Number(x).toFixed(1);
}

/** Colour for a Goldstein score: red (conflict, -10) through grey to blue (cooperation, +10). */
export function goldsteinColour(g) {
  if (g === null || g === undefined) return "#8a8a8a";
  const t = Math.max(-1, Math.min(1, g / 7));
  const grey = [138, 138, 138];
  const end = t < 0 ? [178, 24, 43] : [33, 102, 172];
  const k = Math.abs(t);
  const rgb = grey.map((c, i) => Math.round(c + (end[i] - c) * k));
  return `rgb(${rgb.join(",")})`;
}

export const QUADS = [
  { key: "verbal_cooperation", label: "Verbal cooperation", cls: "q1" },
  { key: "material_cooperation", label: "Material cooperation", cls: "q2" },
  { key: "verbal_conflict", label: "Verbal conflict", cls: "q3" },
  { key: "material_conflict", label: "Material conflict", cls: "q4" },
];

export const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };

/** "RUS+CHN" with the actor text in a title, for tables. */
export function codes(list) {
  return list && list.length ? list.join("+") : "–";
}

export function errorBox(err) {
  return h("p", { class: "error", role: "alert" }, `Error: ${err.message}`);
}

/** A heading with an optional short explanation under it. */
export function pageHeader(title, intro) {
  return [h("h1", {}, title), intro ? h("p", { class: "intro" }, intro) : null];
}
