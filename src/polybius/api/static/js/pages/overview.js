// Overview: totals, events per period by QuadClass, top dyads, latest events.

import { get, routeHref } from "../api.js";
import { fill, codes, fmt, fmtScore, h, pageHeader, QUAD_NAMES } from "../dom.js";
import { periodFor, quadChart } from "../charts.js";
import { triggerOnly } from "../evidence.js";

export async function render(main) {
  const stats = await get("/api/stats");
  const by = periodFor(stats.first_event_date, stats.last_event_date);
  const [timeline, dyads, latest] = await Promise.all([
    get("/api/timeline", { by }),
    get("/api/dyads", { limit: 12 }),
    get("/api/events", { limit: 10 }),
  ]);
  const cards = h("ul", { class: "cards", "aria-label": "Store totals" },
    card("Events", fmt(stats.events)),
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
      h("span", { class: "type-badge", title: QUAD_NAMES[e.quad_class] || "" }, e.plover_type), " ",
      h("strong", {}, codes(e.target_codes)), " ",
      h("a", { href: routeHref("events", { event: e.event_id }) }, "evidence")),
    h("div", { class: "sentence" }, triggerOnly(e)))));
  const types = h("table", {},
    h("caption", {}, "Events by type"),
    h("thead", {}, h("tr", {}, ["Type", "Events", "Mean Goldstein"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, stats.events_by_type.map((t) => h("tr", {},
      h("td", {}, h("a", { href: routeHref("events", { type: t.key }) }, t.key)),
      h("td", { class: "num" }, fmt(t.count)),
      h("td", { class: "num" }, fmtScore(t.mean_goldstein))))));
  fill(main, 
    ...pageHeader("Overview", `What the store holds: ${fmt(stats.events)} events coded from ${fmt(stats.documents)} documents.`),
    cards,
    quadChart(timeline.points, { by, title: `Events per ${by} by QuadClass (cooperation above, conflict below)` }),
    h("div", { class: "columns" },
      h("section", { "aria-labelledby": "latest-title" }, h("h2", { id: "latest-title" }, "Latest events"), latestList,
        h("p", {}, h("a", { href: "#/events" }, "All events →"))),
      h("section", { "aria-labelledby": "dyads-title" }, h("h2", { id: "dyads-title" }, "Who acts on whom"), h("div", { class: "table-wrap" }, dyadTable),
        h("div", { class: "table-wrap" }, types)),
    ),
  );
}

function card(label, value) {
  // label first for screen readers; CSS shows the value on top
  return h("li", { class: "card" }, h("span", { class: "card-label" }, label), h("span", { class: "card-value" }, value));
}
