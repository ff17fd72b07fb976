// Labels beside codes: CAMEO and PLOVER (from GET /api/codes, the coder's own tables).

import { get } from "./api.js";
import { h } from "./dom.js";

let book = null;

/** The code book, fetched once; an empty one when the call fails (codes are shown bare). */
export async function codeBook() {
  if (!book) {
    try {
      book = await get("/api/codes", {}, { keep: true });
    } catch (err) {
      book = { cameo: {}, plover: {}, quad_classes: {} };
    }
  }
  return book;
}

/** The book once loaded (pages await codeBook() first). */
export function loadedBook() {
  return book || { cameo: {}, plover: {}, quad_classes: {} };
}

/** "CAMEO 112 · accuse" */
export function cameoText(code) {
  const entry = loadedBook().cameo[code];
  return entry ? `CAMEO ${code} · ${entry.label}` : `CAMEO ${code}`;
}

/** The code with its label as a small element (label in a muted span). */
export function cameoLabel(code) {
  const entry = loadedBook().cameo[code];
  return h("span", { class: "cameo" }, `CAMEO ${code}`, entry ? h("span", { class: "muted" }, ` ${entry.label}`) : null);
}

export function ploverDefinition(type) {
  const entry = loadedBook().plover[type];
  return entry ? entry.definition : "";
}

/** What a confidence means, in words. */
export function confidenceText(c) {
  if (c === null || c === undefined) return "not estimated";
  const band = c >= 0.75 ? "high" : c >= 0.5 ? "medium" : "low";
  return `${Number(c).toFixed(2)} (${band}): the estimated probability that the type, the source and the target are all right`;
}
