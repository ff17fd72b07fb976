// Overview: totals, events per period by QuadClass, top dyads, latest events.

import { get, routeHref } from "../api.js";
import { fill, codes, downloadMenu, fmt, fmtScore, h, pageHeader, plural, typeBadge } from "../dom.js";
import { periodFor, quadChart } from "../charts.js";
import { triggerOnly } from "../evidence.js";
import { apiFilters } from "../filters.js";
import { loadedBook } from "../labels.js";

const MONTH_GAP = 92 * 86400000;

/**
 * The months that hold the data: a few stray events far before or after the rest (a date
 * misread from a story's background) would stretch the axis over empty years, so isolated
 * ends holding together at most 2% of the events are left out (and said so).
 */
export function denseWindow(months) {
  const total = months.reduce((a, p) => a + p.events, 0);
  let lo = 0, hi = months.length - 1, cut = 0;
  const time = (i) => new Date(months[i].period).getTime();
  while (lo < hi && time(lo + 1) - time(lo) > MONTH_GAP && cut + months[lo].events <= total * 0.02) cut += months[lo++].events;
  while (hi > lo && time(hi) - time(hi - 1) > MONTH_GAP && cut + months[hi].events <= total * 0.02) cut += months[hi--].events;
  return { lo, hi, cut };
}

function monthEnd(period) {
  const d = new Date(period + "T00:00:00Z");
  d.setUTCMonth(d.getUTCMonth() + 1);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

export async function render(main, params, { stats }) {
  const filters = apiFilters(params);
  const [monthly, dyads, latest] = await Promise.all([
    get("/api/timeline", { ...filters, by: "month" }),
    get("/api/dyads", { ...filters, limit: 12 }),
    get("/api/events", { ...filters, limit: 10 }),
  ]);
  const months = monthly.points;
  const win = months.length ? denseWindow(months) : { lo: 0, hi: -1, cut: 0 };
  const first = months.length ? (filters.date_from || months[win.lo].period) : null;
  const last = months.length ? (filters.date_to || monthEnd(months[win.hi].period)) : null;
  const by = periodFor(first, last);
  const span = { ...filters, date_from: first, date_to: last };
  // the chart's own query: the store's months as fetched, or the dense span at its period
  const reuse = by === "month" && !win.cut;
  const chartParams = reuse ? { ...filters, by: "month" } : { ...span, by };
  const timeline = reuse ? monthly : await get("/api/timeline", chartParams);
  const book = loadedBook();
  const cards = h("ul", { class: "cards", "aria-label": "Store totals" },
    filters.date_from || filters.date_to
      ? card(`Events ${filters.date_from || "…"} – ${filters.date_to || "…"}`, `${fmt(months.reduce((a, p) => a + p.events, 0))} of ${fmt(stats.events)}`)
      : card("Events", fmt(stats.events)),
    card("Documents", fmt(stats.documents)),
    card("Event dates", stats.first_event_date ? `${stats.first_event_date} – ${stats.last_event_date}` : "none"),
    stats.clusters !== null ? card("Aggregated events", fmt(stats.clusters)) : card("Sentences", fmt(stats.sentences)),
  );
  const dyadTable = h("table", {},
    h("caption", {}, "Top dyads (source → target)"),
    h("thead", {}, h("tr", {}, ["Source", "Target", "Events", "Coop.", "Conflict", "Mean Goldstein"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, dyads.dyads.map((d) => h("tr", {},
      h("td", {}, h("a", { href: routeHref("dyad", { a: d.source, b: d.target }), title: `${d.source_label || d.source} and ${d.target_label || d.target} over time` }, d.source), h("span", { class: "muted" }, d.source_label ? ` ${d.source_label}` : "")),
      h("td", {}, d.target, h("span", { class: "muted" }, d.target_label ? ` ${d.target_label}` : "")),
      h("td", { class: "num" }, fmt(d.events)),
      h("td", { class: "num" }, fmt(d.cooperation)),
      h("td", { class: "num" }, fmt(d.conflict)),
      h("td", { class: "num" }, fmtScore(d.mean_goldstein)),
    ))));
  const latestList = h("ol", { class: "latest" }, latest.events.map((e) => h("li", {},
    h("div", {},
      h("span", { class: "nowrap muted" }, e.event_date || "no date"), " ",
      h("strong", {}, codes(e.source_codes)), " ",
      typeBadge(e.plover_type, book), " ",
      h("strong", {}, codes(e.target_codes)), " ",
      h("a", { href: routeHref("events", { event: e.event_id }) }, "evidence")),
    h("div", { class: "sentence" }, triggerOnly(e)))));
  const types = h("table", {},
    h("caption", {}, "Events by type (whole store)"),
    h("thead", {}, h("tr", {}, ["Type", "Events", "Mean Goldstein"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, stats.events_by_type.map((t) => h("tr", {},
      h("td", {}, h("a", { href: routeHref("events", { type: t.key }), title: book.plover[t.key] ? book.plover[t.key].definition : null }, t.key)),
      h("td", { class: "num" }, fmt(t.count)),
      h("td", { class: "num" }, fmtScore(t.mean_goldstein))))));
  const note = win.cut && !filters.date_from && !filters.date_to
    ? h("p", { class: "muted small" }, `${plural(win.cut, "stray event")} dated far from the rest (in ${[...months.slice(0, win.lo), ...months.slice(win.hi + 1)].map((m) => m.period.slice(0, 7)).join(", ")}) ${win.cut === 1 ? "is" : "are"} left off the axis. `,
      h("a", { href: routeHref("overview", { range: null, date_from: stats.first_event_date, date_to: stats.last_event_date }) }, "Show every date"))
    : null;
  const unplaced = timeline.unplaced
    ? h("p", { class: "muted small", "data-unplaced": String(timeline.unplaced) },
      `Not placed in time: ${plural(timeline.unplaced, "event")} dated less precisely than a ${by} (only a month or a year) ${timeline.unplaced === 1 ? "is" : "are"} in no ${by} of this chart.`)
    : null;
  const mentions = { label: "Events (mentions) of this range", path: "/api/events", params: filters };
  const clusters = stats.clusters !== null ? { label: "Aggregated events of this range", path: "/api/clusters", params: filters } : null;
  fill(main,
    ...pageHeader("Overview", `What the store holds: ${plural(stats.events, "event")} coded from ${plural(stats.documents, "document")}.`),
    cards,
    quadChart(timeline.points, {
      by, first, last, title: `Events per ${by} by QuadClass (cooperation above, conflict below)`,
      download: downloadMenu([{ label: "This chart's numbers", path: "/api/timeline", params: chartParams }, mentions, clusters]),
    }),
    unplaced,
    note,
    h("div", { class: "columns" },
      h("section", { "aria-labelledby": "latest-title" },
        h("div", { class: "section-head" }, h("h2", { id: "latest-title" }, "Latest events"), downloadMenu([mentions, clusters])),
        latest.events.length ? latestList : h("p", { class: "empty" }, "No events in this date range; choose a longer one above."),
        h("p", {}, h("a", { href: routeHref("events", {}) }, "All events →"))),
      h("section", { "aria-labelledby": "dyads-title" },
        h("div", { class: "section-head" }, h("h2", { id: "dyads-title" }, "Who acts on whom"), downloadMenu([{ label: "Top dyads", path: "/api/dyads", params: filters }])),
        h("div", { class: "table-wrap" }, dyadTable),
        h("div", { class: "table-wrap" }, types)),
    ),
  );
}

function card(label, value) {
  // label first for screen readers; CSS shows the value on top
  return h("li", { class: "card" }, h("span", { class: "card-label" }, label), h("span", { class: "card-value" }, value));
}
