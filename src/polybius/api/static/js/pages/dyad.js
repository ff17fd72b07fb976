// A dyad over time: cooperation and conflict between two chosen actors.

import { get, routeHref } from "../api.js";
import { fill, codes, errorBox, fmt, fmtScore, h, pageHeader } from "../dom.js";
import { periodFor, quadChart } from "../charts.js";
import { triggerOnly } from "../evidence.js";
import { actorDatalist } from "../filters.js";

export async function render(main, params) {
  let a = (params.get("a") || "").toUpperCase();
  let b = (params.get("b") || "").toUpperCase();
  if (!a || !b) {
    const top = (await get("/api/dyads", { limit: 1 })).dyads[0];
    if (top) { a = a || top.source; b = b || (top.target === a ? top.source : top.target); }
  }
  const by = params.get("by") || "";
  const form = h("form", { class: "filters", "aria-label": "Choose two actors" },
    h("div", { class: "field" }, h("label", { for: "dyad-a" }, "First actor"), h("input", { id: "dyad-a", name: "a", value: a, list: "actor-codes", autocomplete: "off", required: true })),
    h("div", { class: "field" }, h("label", { for: "dyad-b" }, "Second actor"), h("input", { id: "dyad-b", name: "b", value: b, list: "actor-codes", autocomplete: "off", required: true })),
    h("div", { class: "field" }, h("label", { for: "dyad-by" }, "Period"),
      h("select", { id: "dyad-by", name: "by" }, [["", "automatic"], ["day", "day"], ["week", "week"], ["month", "month"]].map(([v, t]) => h("option", { value: v, selected: v === by }, t)))),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Show")),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    location.hash = routeHref("dyad", { a: String(data.get("a")).trim().toUpperCase(), b: String(data.get("b")).trim().toUpperCase(), by: data.get("by") });
  });
  fill(main, 
    ...pageHeader("Dyads", "Cooperation and conflict between two actors over time, in both directions."),
    await actorDatalist(),
    form,
  );
  if (!a || !b) {
    main.append(h("p", { class: "empty" }, "The store has no events between two actors yet."));
    return;
  }
  try {
    const probe = await get("/api/dyads/series", { source: a, target: b, by: "day" });
    const pts = probe.points;
    const period = by || periodFor(pts[0] && pts[0].period, pts.length ? pts[pts.length - 1].period : null);
    const series = period === "day" ? probe : await get("/api/dyads/series", { source: a, target: b, by: period });
    const [events, ab, ba] = await Promise.all([
      get("/api/events", { actor: a, with_actor: b, limit: 20 }),
      get("/api/events", { source: a, target: b, limit: 1 }),
      get("/api/events", { source: b, target: a, limit: 1 }),
    ]);
    const name = (code, label) => (label ? `${code} (${label})` : code);
    main.append(
      h("h2", {}, `${name(a, series.source_label)} and ${name(b, series.target_label)}`),
      h("p", {}, `${fmt(events.total)} events: ${fmt(ab.total)} from ${a} to ${b}, ${fmt(ba.total)} from ${b} to ${a}. `,
        h("a", { href: routeHref("events", { actor: a, with_actor: b }) }, "List them all →")),
      quadChart(series.points, { by: period, title: `Events between ${a} and ${b} per ${period}, with the mean Goldstein score`, goldsteinLine: true }),
      h("h3", {}, "Latest events of the pair"),
      events.events.length ? h("div", { class: "table-wrap" }, h("table", { class: "pair-events" },
        h("thead", {}, h("tr", {}, ["Date", "Source", "Event", "Target", "Goldstein", "Evidence"].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, events.events.map((e) => h("tr", {},
          h("td", { class: "nowrap" }, e.event_date || "–"),
          h("td", {}, codes(e.source_codes)),
          h("td", {}, h("a", { href: routeHref("events", { actor: a, with_actor: b, event: e.event_id }) }, e.plover_type)),
          h("td", {}, codes(e.target_codes)),
          h("td", { class: "num" }, fmtScore(e.goldstein)),
          h("td", { class: "sentence" }, triggerOnly(e))))))) : h("p", { class: "empty" }, "No events between these two actors."),
    );
  } catch (err) {
    main.append(errorBox(err));
  }
}
