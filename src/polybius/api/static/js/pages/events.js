// Events: filters, a page of results, and the evidence panel of the selected event.

import { get, routeHref } from "../api.js";
import { clear, fill, codes, errorBox, fmt, fmtScore, goldsteinColour, h, pageHeader, QUAD_NAMES } from "../dom.js";
import { evidence, legend, triggerOnly } from "../evidence.js";
import { actorDatalist, apiFilters, filterForm, syncForm } from "../filters.js";

const LIMIT = 50;

export async function render(main, params, { samePage }) {
  let results = document.getElementById("event-results");
  let panel = document.getElementById("evidence-panel");
  if (!samePage || !results || !panel) {
    results = h("section", { id: "event-results", "aria-labelledby": "results-title" });
    panel = h("aside", { id: "evidence-panel", class: "panel", "aria-labelledby": "evidence-title", "aria-live": "polite" });
    const form = filterForm(params, ["actor", "type", "status", "quad_class", "dates", "q"], (values) => {
      location.hash = routeHref("events", values);
    });
    fill(main, 
      ...pageHeader("Events", "Coded event mentions, newest first. Choose an event to read the sentence it was coded from."),
      await actorDatalist(),
      form,
      h("div", { id: "active-filters" }),
      h("div", { class: "split" }, results, panel),
    );
  }
  syncForm(main.querySelector("form.filters"), params);
  renderHiddenFilters(document.getElementById("active-filters"), params);
  await Promise.all([renderResults(results, params), renderPanel(panel, params.get("event"))]);
}

// filters set by links from other pages that the form does not show
const HIDDEN_FILTERS = { with_actor: "with actor", source: "source", target: "target", country: "in country", doc_id: "document", cameo_root: "CAMEO root" };

function renderHiddenFilters(box, params) {
  const shown = Object.keys(HIDDEN_FILTERS).filter((k) => params.get(k));
  clear(box);
  if (!shown.length) return;
  const all = apiFilters(params);
  box.append(h("p", { class: "active-filters" }, "Also filtered by: ", shown.map((k) =>
    h("span", { class: "chip" }, `${HIDDEN_FILTERS[k]} ${params.get(k)} `,
      h("a", { href: routeHref("events", { ...all, [k]: null }), "aria-label": `Remove the filter ${HIDDEN_FILTERS[k]} ${params.get(k)}` }, "✕")))));
}

async function renderResults(section, params) {
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const filters = apiFilters(params);
  section.setAttribute("aria-busy", "true");
  let page;
  try {
    page = await get("/api/events", { ...filters, limit: LIMIT, offset });
  } catch (err) {
    fill(section, h("h2", { id: "results-title" }, "Results"), errorBox(err));
    return;
  } finally {
    section.removeAttribute("aria-busy");
  }
  const selected = params.get("event");
  const link = (extra) => routeHref("events", { ...filters, offset: offset || null, ...extra });
  const from = page.total ? offset + 1 : 0;
  const to = offset + page.events.length;
  const rows = page.events.map((e) =>
    h("tr", { class: e.event_id === selected ? "selected" : null },
      h("td", { class: "nowrap" }, e.event_date || "–", h("div", {}, h("span", { class: `status status-${e.status}` }, e.status))),
      h("td", { class: "who" },
        h("div", {}, h("strong", {}, codes(e.source_codes)), " ",
          h("span", { class: "type-badge", title: QUAD_NAMES[e.quad_class] || "" }, e.plover_type), " → ",
          h("strong", {}, codes(e.target_codes))),
        h("div", { class: "muted small" }, `CAMEO ${e.cameo_code} · Goldstein `, h("span", { class: "score", "data-sign": Math.sign(e.goldstein || 0) }, fmtScore(e.goldstein))),
        h("div", { class: "muted small" }, [e.source_text, e.target_text].filter(Boolean).join(" → "))),
      h("td", { class: "sentence" }, triggerOnly(e)),
      h("td", {}, h("a", { class: "button-link", href: link({ event: e.event_id }), "aria-label": `Evidence of the ${e.plover_type} event of ${e.event_date || "unknown date"}` }, "Evidence")),
    ));
  const pager = h("nav", { class: "pager", "aria-label": "Result pages" },
    offset > 0 ? h("a", { href: link({ offset: Math.max(0, offset - LIMIT) || null, event: null }) }, "← Previous") : h("span", { class: "disabled" }, "← Previous"),
    h("span", {}, `${fmt(from)}–${fmt(to)} of ${fmt(page.total)}`),
    to < page.total ? h("a", { href: link({ offset: offset + LIMIT, event: null }) }, "Next →") : h("span", { class: "disabled" }, "Next →"));
  fill(section, 
    h("h2", { id: "results-title" }, `${fmt(page.total)} events`),
    page.events.length
      ? h("div", { class: "table-wrap" }, h("table", { class: "events" },
          h("caption", { class: "sr-only" }, "Events matching the filters"),
          h("thead", {}, h("tr", {}, ["Date, status", "Source, event → target", "Sentence (trigger highlighted)", h("span", { class: "sr-only" }, "Open")].map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, rows)))
      : h("p", { class: "empty" }, "No events match these filters."),
    pager,
  );
}

async function renderPanel(panel, eventId) {
  if (!eventId) {
    fill(panel, h("h2", { id: "evidence-title" }, "Evidence"), h("p", { class: "muted" }, "Choose “Evidence” on an event to see the sentence it was coded from, with the source, trigger and target highlighted."));
    return;
  }
  let d;
  try {
    d = await get(`/api/events/${encodeURIComponent(eventId)}`);
  } catch (err) {
    fill(panel, h("h2", { id: "evidence-title" }, "Evidence"), errorBox(err));
    return;
  }
  fill(panel, ...eventDetail(d));
  panel.scrollIntoView({ block: "nearest" });
}

function actorLine(actors, role, codesList, text) {
  const mine = actors.filter((a) => a.role === role);
  if (!mine.length) return text || codes(codesList);
  return h("ul", { class: "plain" }, mine.map((a) => h("li", {},
    h("strong", {}, a.code || "unresolved"), a.label ? ` ${a.label}` : "", a.sector ? ` · ${a.sector}` : "",
    h("div", { class: "muted" }, `“${a.text}”`, a.rule ? ` — ${a.rule}` : ""))));
}

/** The evidence panel's content for one event (also used by the document view). */
export function eventDetail(d) {
  const e = d.event;
  const doc = d.document;
  const dl = h("dl", { class: "facts" },
    h("dt", {}, "Event"), h("dd", {}, h("strong", {}, e.plover_type), e.plover_mode ? ` (${e.plover_mode})` : "", ` · CAMEO ${e.cameo_code}`),
    h("dt", {}, "QuadClass"), h("dd", {}, `${e.quad_class} · ${QUAD_NAMES[e.quad_class] || "–"}`),
    h("dt", {}, "Goldstein"), h("dd", {}, h("span", { class: "dot", "aria-hidden": "true", "data-colour": goldsteinColour(e.goldstein) }), fmtScore(e.goldstein)),
    h("dt", {}, "Source"), h("dd", {}, actorLine(d.actors, "source", e.source_codes, e.source_text)),
    h("dt", {}, "Target"), h("dd", {}, actorLine(d.actors, "target", e.target_codes, e.target_text), d.reciprocal ? " (reciprocal)" : ""),
    h("dt", {}, "Status"), h("dd", {}, e.status, e.negated ? " · negated" : "", e.attributed_to ? ` · according to ${e.attributed_to}` : ""),
    h("dt", {}, "Date"), h("dd", {}, e.event_date || "unknown", d.date_precision ? ` (${d.date_precision}` + (d.date_source ? `, from ${d.date_source})` : ")") : ""),
    h("dt", {}, "Place"), h("dd", {}, e.location_name ? `${e.location_name}${e.location_country ? " · " + e.location_country : ""}` : "not stated"),
    h("dt", {}, "Confidence"), h("dd", {}, e.confidence === null ? "–" : Number(e.confidence).toFixed(2)),
    h("dt", {}, "Document"), h("dd", {}, doc
      ? [h("a", { href: `#/document/${encodeURIComponent(doc.doc_id)}` }, doc.title || doc.doc_id), h("div", { class: "muted" }, [doc.source, doc.published, `sentence ${e.sentence_index + 1}`].filter(Boolean).join(" · "))]
      : e.doc_id),
  );
  const out = [
    h("h2", { id: "evidence-title" }, "Evidence"),
    h("blockquote", {}, evidence(e.sentence_text, d.highlights)),
    legend(),
    dl,
  ];
  for (const dot of dl.querySelectorAll(".dot")) dot.style.background = dot.dataset.colour;
  if (e.trace && e.trace.length) {
    // the trigger pattern, the rules that touched the event and how each actor was found
    out.push(
      h("h3", {}, "Why this event"),
      h("ol", { class: "trace" }, e.trace.map((step) => h("li", {}, h("code", {}, step)))),
    );
  }
  const pair = e.source_codes[0] && e.target_codes[0];
  if (pair) {
    out.push(h("p", {}, h("a", { href: routeHref("dyad", { a: e.source_codes[0], b: e.target_codes[0] }) }, `${e.source_codes[0]} and ${e.target_codes[0]} over time →`)));
  }
  if (d.cluster) {
    const f = d.cluster.fields || {};
    out.push(
      h("h3", {}, "Same event in other reports"),
      h("p", { class: "muted" }, `Aggregated event ${d.cluster.cluster_id}`,
        f.num_mentions ? ` · ${fmt(f.num_mentions)} mentions` : "",
        f.num_sources ? ` · ${fmt(f.num_sources)} sources` : "",
        f.num_articles ? ` · ${fmt(f.num_articles)} articles` : ""),
      h("ul", { class: "mentions" }, d.cluster.mentions.map((m) => h("li", { class: m.event_id === e.event_id ? "current" : null },
        h("a", { href: routeHref("events", { event: m.event_id }) }, m.title || m.doc_id),
        h("div", { class: "muted" }, [m.source, m.published, m.status].filter(Boolean).join(" · ")),
        h("div", {}, m.sentence_text || "")))),
    );
  }
  return out;
}
