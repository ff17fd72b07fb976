// Dyads: each direction of a pair over time (A→B and B→A), and up to four dyads or actors
// compared on one chart with their latest events.

import { get, routeHref } from "../api.js";
import { fill, codes, downloadMenu, errorBox, fmt, fmtScore, h, pageHeader, plural, QUADS, typeBadge } from "../dom.js";
import { chartWidth, lineChart, periodFor, quadChart, SERIES_STYLES } from "../charts.js";
import { triggerOnly } from "../evidence.js";
import { actorDatalist, apiFilters, emptyHint } from "../filters.js";
import { loadedBook } from "../labels.js";

const MAX_COMPARE = 4;

/** "RUS-UKR, USA" -> [{a: "RUS", b: "UKR"}, {a: "USA"}] (at most four, codes only). */
export function parseCompare(text) {
  return (text || "").split(/[,;\s]+/).map((t) => t.trim().toUpperCase()).filter(Boolean)
    .map((t) => { const [a, b] = t.split(/[-–>/]+/); return b ? { a, b } : { a }; })
    .filter((x) => /^[A-Z][A-Z0-9]{1,11}$/.test(x.a) && (!x.b || /^[A-Z][A-Z0-9]{1,11}$/.test(x.b)))
    .slice(0, MAX_COMPARE);
}

function monthEnd(period) {
  const d = new Date(period + "T00:00:00Z");
  d.setUTCMonth(d.getUTCMonth() + 1);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

function field(id, label, control) {
  return h("div", { class: "field" }, h("label", { for: id }, label), control);
}

function dyadForm(a, b, by, compare, metric) {
  const form = h("form", { class: "filters", "aria-label": "Choose two actors" },
    field("dyad-a", "First actor", h("input", { id: "dyad-a", name: "a", value: a, list: "actor-codes", autocomplete: "off", required: true })),
    field("dyad-b", "Second actor", h("input", { id: "dyad-b", name: "b", value: b, list: "actor-codes", autocomplete: "off", required: true })),
    field("dyad-by", "Period", h("select", { id: "dyad-by", name: "by" }, [["", "automatic"], ["day", "day"], ["week", "week"], ["month", "month"]].map(([v, t]) => h("option", { value: v, selected: v === by }, t)))),
    field("dyad-compare", "Compare (up to 4)", h("input", { id: "dyad-compare", name: "compare", value: compare, placeholder: "RUS-UKR, USA, CHN", autocomplete: "off" })),
    field("dyad-metric", "Compare by", h("select", { id: "dyad-metric", name: "metric" }, [["events", "events"], ["mean_goldstein", "mean Goldstein"]].map(([v, t]) => h("option", { value: v, selected: v === metric }, t)))),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Show")),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const value = (k) => String(data.get(k) || "").trim();
    location.hash = routeHref("dyad", { a: value("a").toUpperCase(), b: value("b").toUpperCase(), by: value("by"), compare: value("compare"), metric: value("metric") === "events" ? null : value("metric") });
  });
  return form;
}

function totals(points) {
  const out = { events: 0, gsum: 0, gn: 0 };
  for (const q of QUADS) out[q.key] = 0;
  for (const p of points) {
    out.events += p.events;
    for (const q of QUADS) out[q.key] += p[q.key];
    if (p.mean_goldstein !== null) { out.gsum += p.mean_goldstein * p.events; out.gn += p.events; }
  }
  out.mean = out.gn ? out.gsum / out.gn : null;
  return out;
}

function directionTable(rows) {
  return h("div", { class: "table-wrap" }, h("table", { class: "directions" },
    h("caption", {}, "Each direction: counts by QuadClass and mean Goldstein"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Direction"), h("th", { scope: "col" }, "Events"), QUADS.map((q) => h("th", { scope: "col" }, q.label)), h("th", { scope: "col" }, "Mean Goldstein"))),
    h("tbody", {}, rows.map(([name, t]) => h("tr", {}, h("th", { scope: "row" }, name), h("td", { class: "num" }, fmt(t.events)),
      QUADS.map((q) => h("td", { class: "num" }, fmt(t[q.key]))), h("td", { class: "num" }, fmtScore(t.mean)))))));
}

async function seriesOf(item, filters, by) {
  if (item.b) {
    const r = await get("/api/dyads/series", { ...filters, source: item.a, target: item.b, by });
    return { name: `${item.a}–${item.b}`, points: r.points };
  }
  const r = await get("/api/timeline", { ...filters, actor: item.a, by });
  return { name: item.a, points: r.points };
}

function latestTable(rows, book, params) {
  if (!rows.length) return h("p", { class: "empty" }, "No events for these actors in this date range.");
  return h("div", { class: "table-wrap" }, h("table", { class: "pair-events" },
    h("thead", {}, h("tr", {}, ["Date", "Series", "Source", "Event", "Target", "Goldstein", "Evidence"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, rows.map(({ e, name, k, item }) => {
      const sw = h("span", { class: "swatch line-swatch", "aria-hidden": "true" });
      sw.style.borderTopColor = SERIES_STYLES[k].colour;
      const filter = item.b ? { actor: item.a, with_actor: item.b } : { actor: item.a };
      return h("tr", {},
        h("td", { class: "nowrap" }, e.event_date || "–"),
        h("td", { class: "nowrap" }, sw, name),
        h("td", {}, codes(e.source_codes)),
        h("td", {}, h("a", { href: routeHref("events", { ...filter, event: e.event_id }) }, typeBadge(e.plover_type, book))),
        h("td", {}, codes(e.target_codes)),
        h("td", { class: "num" }, fmtScore(e.goldstein)),
        h("td", { class: "sentence" }, triggerOnly(e)));
    }))));
}

export async function render(main, params) {
  let a = (params.get("a") || "").toUpperCase();
  let b = (params.get("b") || "").toUpperCase();
  const filters = apiFilters(params);
  delete filters.actor; delete filters.with_actor; delete filters.source; delete filters.target;
  if (!a || !b) {
    const top = (await get("/api/dyads", { ...filters, limit: 1 })).dyads[0];
    if (top) { a = a || top.source; b = b || (top.target === a ? top.source : top.target); }
  }
  const compareText = params.get("compare") || "";
  const metric = params.get("metric") === "mean_goldstein" ? "mean_goldstein" : "events";
  fill(main,
    ...pageHeader("Dyads", "Cooperation and conflict between two actors over time, each direction apart, and up to four dyads or actors compared."),
    await actorDatalist(),
    dyadForm(a, b, params.get("by") || "", compareText, metric),
  );
  if (!a || !b) {
    main.append(h("p", { class: "empty" }, "The store has no events between two actors in this date range."));
    return;
  }
  try {
    const both = await get("/api/dyads/series", { ...filters, source: a, target: b, by: "month" });
    const pts = both.points;
    const first = filters.date_from || (pts[0] && pts[0].period);
    const last = filters.date_to || (pts.length ? monthEnd(pts[pts.length - 1].period) : null);
    const by = params.get("by") || periodFor(first, last);
    const [ab, ba] = await Promise.all([
      get("/api/dyads/series", { ...filters, source: a, target: b, by, both_directions: false }),
      get("/api/dyads/series", { ...filters, source: b, target: a, by, both_directions: false }),
    ]);
    const name = (code, label) => (label ? `${code} (${label})` : code);
    const tAB = totals(ab.points), tBA = totals(ba.points);
    const half = window.matchMedia("(max-width: 1000px)").matches ? chartWidth() : Math.floor((chartWidth() - 16) / 2) - 32;
    const axis = { by, first: pts.length ? first : null, last: pts.length ? last : null, width: half };
    const dl = (src, tgt) => downloadMenu([
      { label: "This chart's numbers", path: "/api/dyads/series", params: { ...filters, source: src, target: tgt, by, both_directions: false } },
      { label: "Its event mentions", path: "/api/events", params: { ...filters, source: src, target: tgt } },
    ]);
    main.append(
      h("h2", {}, `${name(a, both.source_label)} and ${name(b, both.target_label)}`),
      h("p", {}, `${plural(tAB.events + tBA.events, "event")}: ${fmt(tAB.events)} from ${a} to ${b}, ${fmt(tBA.events)} from ${b} to ${a}. `,
        h("a", { href: routeHref("events", { ...filters, actor: a, with_actor: b }) }, "List them all →")),
      ...(tAB.events + tBA.events ? [] : [await emptyHint("dyad", params) || h("p", { class: "empty" }, "No events between these two actors in this date range.")]),
      directionTable([[`${a} → ${b}`, tAB], [`${b} → ${a}`, tBA]]),
      h("div", { class: "directions-charts" },
        quadChart(ab.points, { ...axis, title: `${a} → ${b} per ${by}, with the mean Goldstein score`, goldsteinLine: true, download: dl(a, b) }),
        quadChart(ba.points, { ...axis, title: `${b} → ${a} per ${by}, with the mean Goldstein score`, goldsteinLine: true, download: dl(b, a) })),
    );
    await renderCompare(main, { a, b, by, filters, compareText, metric });
  } catch (err) {
    main.append(errorBox(err));
  }
}

async function renderCompare(main, { a, b, by, filters, compareText, metric }) {
  let items = parseCompare(compareText);
  if (!items.length) items = [{ a, b }];
  const series = await Promise.all(items.map((item) => seriesOf(item, filters, by)));
  const latest = await Promise.all(items.map((item) => get("/api/events", { ...filters, ...(item.b ? { actor: item.a, with_actor: item.b } : { actor: item.a }), limit: 8 })));
  const rows = latest.flatMap((page, k) => page.events.map((e) => ({ e, name: series[k].name, k, item: items[k] })))
    .sort((x, y) => (y.e.event_date || "").localeCompare(x.e.event_date || "")).slice(0, 20);
  const downloads = items.map((item, k) => ({ label: `Events of ${series[k].name}`, path: "/api/events", params: { ...filters, ...(item.b ? { actor: item.a, with_actor: item.b } : { actor: item.a }) } }));
  main.append(
    h("h2", { id: "compare-title" }, items.length > 1 ? `Compared: ${series.map((x) => x.name).join(", ")}` : `Compare ${a}–${b} with other dyads or actors`),
    items.length > 1 ? "" : h("p", { class: "muted" }, "Add up to four dyads (RUS-UKR) or actors (USA) under “Compare” above."),
    lineChart(series, { by, metric, title: `${metric === "events" ? "Events" : "Mean Goldstein score"} per ${by}`, download: downloadMenu(downloads) }),
    h("h3", {}, "Latest events of these series"),
    latestTable(rows, loadedBook()),
  );
}
