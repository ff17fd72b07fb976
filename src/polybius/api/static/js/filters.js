// The filter form shared by the events, network and map pages (dates: the range bar, range.js).

import { get, routeHref } from "./api.js";
import { h } from "./dom.js";

export const PLOVER_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];
export const STATUSES = ["occurred", "intended", "claimed", "denied"];
export const QUAD_OPTIONS = [
  ["1", "1 · verbal cooperation"], ["2", "2 · material cooperation"],
  ["3", "3 · verbal conflict"], ["4", "4 · material conflict"],
];
export const FILTER_KEYS = ["actor", "with_actor", "source", "target", "type", "cameo_root", "status", "quad_class", "date_from", "date_to", "q", "doc_id", "country", "place"];

let actorList = null;

async function actors() {
  if (!actorList) {
    try {
      actorList = (await get("/api/actors", { limit: 1000 }, { keep: true })).actors;
    } catch (err) {
      actorList = [];
    }
  }
  return actorList;
}

function distance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

/** Codes of the store close to `code` (spelling or name), most active first. */
export async function similarActors(code, n = 3) {
  const upper = code.toUpperCase();
  const lower = code.toLowerCase();
  const scored = (await actors())
    .map((a) => ({ a, d: a.code === upper ? -1 : (a.label || "").toLowerCase().includes(lower) ? 0 : distance(upper, a.code) }))
    .filter((x) => x.d <= 2)
    .sort((x, y) => x.d - y.d || y.a.events - x.a.events);
  return scored.slice(0, n).map((x) => x.a);
}

/**
 * Why a filtered view may be empty: actor codes the store does not know, with the closest
 * ones as links to the same page. Null when every code is known.
 */
export async function emptyHint(page, params) {
  const known = new Set((await actors()).map((a) => a.code));
  for (const key of ["actor", "with_actor", "source", "target", "a", "b"]) {
    const code = (params.get(key) || "").toUpperCase();
    if (!code || known.has(code)) continue;
    const near = await similarActors(code);
    const base = Object.fromEntries(params.entries());
    return h("p", { class: "hint", role: "status" }, `No actor ${code} in this store`,
      near.length ? [", did you mean ", near.map((a, i) => [i ? " or " : "", h("a", { href: routeHref(page, { ...base, [key]: a.code, offset: null, event: null }) }, a.label ? `${a.code} (${a.label})` : a.code)]), "?"] : ". Codes are like RUS, USA, UN or NATO; the Overview lists the most active.");
  }
  return null;
}

/** A <datalist> of the actor codes in the store (fetched once). */
export async function actorDatalist(id = "actor-codes") {
  await actors();
  const existing = document.getElementById(id);
  if (existing) return existing;
  return h("datalist", { id }, actorList.map((a) => h("option", { value: a.code }, a.label ? `${a.code} · ${a.label}` : a.code)));
}

function field(id, label, control, hint) {
  return h("div", { class: "field" }, h("label", { for: id }, label), control, hint ? h("small", { id: `${id}-hint` }, hint) : null);
}

function select(id, name, options, value, anyLabel) {
  return h("select", { id, name },
    h("option", { value: "" }, anyLabel),
    options.map(([v, text]) => h("option", { value: v, selected: v === value }, text)));
}

/**
 * The filter form. `fields` picks which filters to show; `onApply(params)` gets the values.
 */
export function filterForm(params, fields, onApply, prefix = "f") {
  const id = (k) => `${prefix}-${k}`;
  const val = (k) => params.get(k) || "";
  const controls = [];
  if (fields.includes("actor")) {
    controls.push(field(id("actor"), "Actor (source or target)",
      h("input", { id: id("actor"), name: "actor", value: val("actor"), list: "actor-codes", autocomplete: "off", placeholder: "e.g. RUS", "aria-describedby": `${id("actor")}-hint` }),
      "Code such as RUS, UN, NATO"));
  }
  if (fields.includes("type")) {
    controls.push(field(id("type"), "Event type (PLOVER)", select(id("type"), "type", PLOVER_TYPES.map((t) => [t, t]), val("type"), "Any type")));
  }
  if (fields.includes("status")) {
    controls.push(field(id("status"), "Status", select(id("status"), "status", STATUSES.map((t) => [t, t]), val("status"), "Any status")));
  }
  if (fields.includes("quad_class")) {
    controls.push(field(id("quad_class"), "QuadClass", select(id("quad_class"), "quad_class", QUAD_OPTIONS, val("quad_class"), "Any")));
  }
  if (fields.includes("q")) {
    controls.push(field(id("q"), "Text in the sentence", h("input", { id: id("q"), name: "q", type: "search", value: val("q"), placeholder: "e.g. ceasefire" })));
  }
  const form = h("form", { class: "filters", role: "search", "aria-label": "Filter events" },
    controls,
    h("div", { class: "actions" },
      h("button", { type: "submit", class: "primary" }, "Apply filters"),
      h("button", { type: "reset", class: "secondary" }, "Clear")),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const out = {};
    for (const [k, v] of new FormData(form).entries()) {
      const value = String(v).trim();
      if (value) out[k] = k === "actor" ? value.toUpperCase() : value;
    }
    onApply(out);
  });
  form.addEventListener("reset", (ev) => {
    ev.preventDefault();
    onApply({});
  });
  return form;
}

/** The API parameters among the page's route parameters. */
export function apiFilters(params) {
  const out = {};
  for (const k of FILTER_KEYS) if (params.get(k)) out[k] = params.get(k);
  return out;
}

/** Show the route's filters in an existing form (after back/forward or a link). */
export function syncForm(form, params) {
  if (!form) return;
  for (const el of form.elements) {
    if (el.name && "value" in el && el.tagName !== "BUTTON") el.value = params.get(el.name) || "";
  }
}
