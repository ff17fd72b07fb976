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

/** The PLOVER type as a badge coloured by its own QuadClass (not by the event's CAMEO code). */
export function typeBadge(type, labels) {
  const info = labels && labels.plover[type];
  return h("span", { class: `type-badge tq${info ? info.quad_class : 0}`, title: info ? info.definition : "" }, type);
}

export const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };

/** "RUS+CHN" with the actor text in a title, for tables. */
export function codes(list) {
  return list && list.length ? list.join("+") : "–";
}

/** "1 event", "2 events", "1 day", "3 weeks" (with a thousands separator). */
export function plural(n, word, many = null) {
  const count = Number(n || 0);
  return `${fmt(count)} ${count === 1 ? word : many || word + "s"}`;
}

/** A message for a failed call: what went wrong and what to do. */
export function errorBox(err) {
  const status = err && err.status;
  let hint = null;
  if (status === 422) hint = "Check the filters in the address (or clear them) and try again.";
  else if (status === 413) hint = null; // the server's message says what to do
  else if (status === 503) hint = "The store is busy being written; wait a few seconds and reload.";
  else if (status >= 500) hint = "This is a server error; the server's log has the details.";
  return h("div", { class: "error", role: "alert" },
    h("p", {}, h("strong", {}, "Could not load this: "), err.message),
    hint ? h("p", {}, hint) : null,
    h("p", {}, h("a", { href: location.hash.split("?")[0] || "#/overview" }, "Reload this page without filters")));
}

/** Grey blocks shown while a page loads. */
export function skeleton(lines = 3) {
  return h("div", { class: "skeleton", "aria-hidden": "true" },
    h("div", { class: "sk sk-title" }), h("div", { class: "sk sk-chart" }),
    Array.from({ length: lines }, () => h("div", { class: "sk sk-line" })));
}

/**
 * A "Download" menu: for each entry {label, path, params}, links to its CSV, Parquet and
 * JSON (path + ".csv" ...) with the same parameters.
 */
export function downloadMenu(entries) {
  const link = (e, fmt) => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(e.params || {})) if (v !== null && v !== undefined && v !== "") query.set(k, v);
    const q = query.toString();
    return h("a", { href: `${e.path}.${fmt}${q ? "?" + q : ""}`, download: "", class: "dl", "data-format": fmt, "aria-label": `${e.label} as ${fmt.toUpperCase()}` }, fmt.toUpperCase());
  };
  return h("details", { class: "download" },
    h("summary", {}, "Download"),
    h("ul", { class: "plain" }, entries.filter(Boolean).map((e) => h("li", {},
      h("span", { class: "dl-label" }, e.label),
      h("span", { class: "dl-links" }, ["csv", "parquet", "json"].map((f) => link(e, f)))))));
}

/** A heading with an optional short explanation under it. */
export function pageHeader(title, intro) {
  return [h("h1", {}, title), intro ? h("p", { class: "intro" }, intro) : null];
}
