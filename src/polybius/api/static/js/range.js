// The date range shared by every page: presets (7 days, 30 days, 1 year, all) or two dates,
// kept in the address (#/page?range=30d or ?date_from=...&date_to=...). Presets end at the
// store's latest event date, so that an archive of older news still shows its last month.

import { routeParams } from "./api.js";
import { h } from "./dom.js";

export const PRESETS = [
  { key: "7d", label: "7 days", days: 7 },
  { key: "30d", label: "30 days", days: 30 },
  { key: "1y", label: "1 year", days: 365 },
  { key: "all", label: "All", days: null },
];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function shift(isoDate, days) {
  const d = new Date(isoDate + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The route's parameters with the preset turned into date_from/date_to (the API's filters). */
export function withRange(params, stats) {
  const out = new URLSearchParams(params);
  const preset = PRESETS.find((p) => p.key === params.get("range"));
  if (!preset) return out;
  out.delete("date_from");
  out.delete("date_to");
  if (preset.days && stats.last_event_date) {
    out.set("date_from", shift(stats.last_event_date, 1 - preset.days));
    out.set("date_to", stats.last_event_date);
  }
  return out;
}

function hrefWith(changes) {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path] = hash.split("?");
  const params = routeParams();
  for (const k of ["range", "date_from", "date_to", "offset", "event"]) params.delete(k);
  for (const [k, v] of Object.entries(changes)) if (v) params.set(k, v);
  const q = params.toString();
  return `#/${path || "overview"}${q ? "?" + q : ""}`;
}

/** The control: preset links (the current one marked) and a from/to form. */
export function rangeControl(params, stats) {
  const current = params.get("range") || (params.get("date_from") || params.get("date_to") ? "custom" : "all");
  const effective = withRange(params, stats);
  const form = h("form", { class: "range-form", "aria-label": "Custom date range" },
    h("label", { for: "range-from" }, "From"),
    h("input", { id: "range-from", name: "date_from", type: "date", value: effective.get("date_from") || "", min: stats.first_event_date || null, max: stats.last_event_date || null }),
    h("label", { for: "range-to" }, "to"),
    h("input", { id: "range-to", name: "date_to", type: "date", value: effective.get("date_to") || "", min: stats.first_event_date || null, max: stats.last_event_date || null }),
    h("button", { type: "submit", class: "secondary" }, "Set dates"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const from = String(data.get("date_from") || ""), to = String(data.get("date_to") || "");
    location.hash = hrefWith({ date_from: DATE.test(from) ? from : null, date_to: DATE.test(to) ? to : null });
  });
  const anchor = stats.last_event_date ? `up to the latest event, ${stats.last_event_date}` : "no dated events yet";
  return h("div", { class: "range", role: "group", "aria-label": "Date range of every page" },
    h("span", { class: "range-title" }, "Dates:"),
    h("ul", { class: "presets" }, PRESETS.map((p) => h("li", {},
      h("a", { href: hrefWith({ range: p.key === "all" ? null : p.key }), "aria-current": current === p.key ? "true" : null, class: "preset" }, p.label)))),
    form,
    h("span", { class: "muted small" }, current === "custom" || current === "all" ? anchor.replace("up to", "data up to") : anchor));
}

/** Problems with the address's parameters, in words (checked before calling the API). */
export function badParams(params) {
  const problems = [];
  for (const k of ["date_from", "date_to"]) {
    const v = params.get(k);
    if (v && (!DATE.test(v) || Number.isNaN(Date.parse(v)))) problems.push({ key: k, text: `“${v}” in ${k} is not a date; write it as YYYY-MM-DD (2026-03-31).` });
  }
  const from = params.get("date_from"), to = params.get("date_to");
  if (from && to && DATE.test(from) && DATE.test(to) && from > to) problems.push({ key: "date_to", text: `The range ends (${to}) before it starts (${from}).` });
  const range = params.get("range");
  if (range && !PRESETS.some((p) => p.key === range)) problems.push({ key: "range", text: `“${range}” is not a date range; use 7d, 30d, 1y or all.` });
  for (const k of ["actor", "with_actor", "source", "target", "country", "a", "b"]) {
    const v = params.get(k);
    if (v && !/^[A-Za-z][A-Za-z0-9]{1,11}$/.test(v)) problems.push({ key: k, text: `“${v}” in ${k} is not an actor code (letters and digits, like RUS or NATO).` });
  }
  const quad = params.get("quad_class");
  if (quad && !/^[1-4]$/.test(quad)) problems.push({ key: "quad_class", text: `QuadClass “${quad}” does not exist; use 1 to 4.` });
  return problems;
}
