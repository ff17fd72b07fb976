// Events: filters, a page of results, and the evidence of the selected event (beside the
// list on wide screens, opened in place under its row on narrow ones).

import { get, routeHref } from "../api.js";
import { clear, fill, codes, downloadMenu, errorBox, fmt, fmtScore, goldsteinColour, h, pageHeader, plural, QUAD_NAMES, typeBadge } from "../dom.js";
import { evidence, legend, triggerOnly } from "../evidence.js";
import { actorDatalist, apiFilters, emptyHint, filterForm, syncForm } from "../filters.js";
import { cameoLabel, confidenceText, loadedBook } from "../labels.js";

const LIMIT = 50;
const NARROW = "(max-width: 1000px)";

export async function render(main, params, { samePage, stats }) {
  let results = document.getElementById("event-results");
  let panel = document.getElementById("evidence-panel");
  if (!samePage || !results || !panel) {
    results = h("section", { id: "event-results", "aria-labelledby": "results-title" });
    panel = h("aside", { id: "evidence-panel", class: "panel", "aria-labelledby": "evidence-title", "aria-live": "polite" });
    const form = filterForm(params, ["actor", "type", "status", "quad_class", "q"], (values) => {
      location.hash = routeHref("events", values);
    });
    fill(main,
      ...pageHeader("Events", "Coded event mentions, newest first. Choose “Evidence” on an event to read the sentence it was coded from."),
      await actorDatalist(),
      form,
      h("div", { id: "active-filters" }),
      h("div", { class: "split" }, results, h("div", { id: "panel-home" }, panel)),
    );
  }
  syncForm(main.querySelector("form.filters"), params);
  renderHiddenFilters(document.getElementById("active-filters"), params);
  await Promise.all([renderResults(results, params, stats), renderPanel(panel, params.get("event"))]);
  placePanel(panel, params.get("event"));
}

/** On a narrow screen the evidence opens under its row; on a wide one it stays beside. */
function placePanel(panel, eventId) {
  const row = eventId ? document.querySelector(`tr[data-event="${CSS.escape(eventId)}"]`) : null;
  document.querySelectorAll("tr.evidence-row").forEach((tr) => { if (!tr.contains(panel)) tr.remove(); });
  if (row && window.matchMedia(NARROW).matches) {
    let slot = row.nextElementSibling;
    if (!slot || !slot.classList.contains("evidence-row")) {
      slot = h("tr", { class: "evidence-row" }, h("td", { colspan: 4 }));
      row.after(slot);
    }
    slot.firstChild.append(panel);
    const wrap = row.closest(".table-wrap");
    if (wrap) panel.style.width = `${wrap.clientWidth}px`; // the screen's width, not the table's
    panel.scrollIntoView({ block: "nearest" });
  } else {
    const home = document.getElementById("panel-home");
    panel.style.width = "";
    if (home && panel.parentElement !== home) home.append(panel);
    document.querySelectorAll("tr.evidence-row").forEach((tr) => tr.remove());
    if (eventId) panel.scrollIntoView({ block: "nearest" });
  }
}

// filters set by links from other pages that the form does not show
const HIDDEN_FILTERS = { with_actor: "with actor", source: "source", target: "target", country: "in country", place: "at", doc_id: "document", cameo_root: "CAMEO root" };

function renderHiddenFilters(box, params) {
  const shown = Object.keys(HIDDEN_FILTERS).filter((k) => params.get(k));
  clear(box);
  if (!shown.length) return;
  const all = apiFilters(params);
  box.append(h("p", { class: "active-filters" }, "Also filtered by: ", shown.map((k) =>
    h("span", { class: "chip" }, `${HIDDEN_FILTERS[k]} ${params.get(k)} `,
      h("a", { href: routeHref("events", { ...all, [k]: null }), "aria-label": `Remove the filter ${HIDDEN_FILTERS[k]} ${params.get(k)}` }, "✕")))));
}

async function renderResults(section, params, stats) {
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
  const book = loadedBook();
  const selected = params.get("event");
  const link = (extra) => routeHref("events", { ...filters, offset: offset || null, ...extra });
  const from = page.total ? offset + 1 : 0;
  const to = offset + page.events.length;
  const rows = page.events.map((e) =>
    h("tr", { class: e.event_id === selected ? "selected" : null, "data-event": e.event_id },
      h("td", { class: "nowrap" }, e.event_date || "–", h("div", {}, h("span", { class: `status status-${e.status}` }, e.status))),
      h("td", { class: "who" },
        h("div", {}, h("strong", {}, codes(e.source_codes)), " ", typeBadge(e.plover_type, book), " → ", h("strong", {}, codes(e.target_codes))),
        h("div", { class: "muted small" }, cameoLabel(e.cameo_code), " · Goldstein ", h("span", { class: "score", "data-sign": Math.sign(e.goldstein || 0) }, fmtScore(e.goldstein))),
        h("div", { class: "muted small" }, [e.source_text, e.target_text].filter(Boolean).join(" → "))),
      h("td", { class: "sentence" }, triggerOnly(e)),
      h("td", {}, h("a", { class: "button-link", href: link({ event: e.event_id }), "aria-label": `Evidence of the ${e.plover_type} event of ${e.event_date || "unknown date"}` }, "Evidence")),
    ));
  const pager = h("nav", { class: "pager", "aria-label": "Result pages" },
    offset > 0 ? h("a", { href: link({ offset: Math.max(0, offset - LIMIT) || null, event: null }) }, "← Previous") : h("span", { class: "disabled" }, "← Previous"),
    h("span", {}, `${fmt(from)}–${fmt(to)} of ${fmt(page.total)}`),
    to < page.total ? h("a", { href: link({ offset: offset + LIMIT, event: null }) }, "Next →") : h("span", { class: "disabled" }, "Next →"));
  const menu = downloadMenu([
    { label: `All ${plural(page.total, "event mention")} of this filter`, path: "/api/events", params: filters },
    stats.clusters !== null ? { label: "Their aggregated events", path: "/api/clusters", params: filters } : null,
  ]);
  const hint = page.total ? null : await emptyHint("events", params);
  fill(section,
    h("div", { class: "section-head" }, h("h2", { id: "results-title" }, plural(page.total, "event")), menu),
    page.events.length
      ? h("div", { class: "table-wrap" }, h("table", { class: "events" },
          h("caption", { class: "sr-only" }, "Events matching the filters"),
          h("thead", {}, h("tr", {}, ["Date, status", "Source, event → target", "Sentence (trigger highlighted)", h("span", { class: "sr-only" }, "Open")].map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, rows)))
      : [h("p", { class: "empty" }, "No events match these filters."), hint],
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
}

/** Whether an actor was taken from elsewhere in the story rather than from this sentence. */
function inferred(actor, sentence) {
  if (actor.start_char === null || actor.start_char === undefined || actor.start_char < 0) return true;
  if (actor.end_char !== null && actor.end_char <= actor.start_char) return true; // no span
  if (/story/i.test(actor.rule || "")) return true;
  return !!actor.text && !(sentence || "").includes(actor.text);
}

function actorLine(actors, role, codesList, text, sentence) {
  const mine = actors.filter((a) => a.role === role);
  if (!mine.length) return text || codes(codesList);
  return h("ul", { class: "plain" }, mine.map((a) => {
    const guess = inferred(a, sentence);
    return h("li", {},
      h("strong", {}, a.code || "unresolved"), a.label ? ` ${a.label}` : "", a.sector ? ` · ${a.sector}` : "",
      guess ? [" ", h("span", { class: "badge inferred", title: "Not named in this sentence" }, "inferred")] : null,
      h("div", { class: "muted" }, guess
        ? `not named in this sentence; rule: ${a.rule || "taken from the story"}${a.text && a.text !== a.code ? ` (the story calls it “${a.text}”)` : ""}`
        : [`“${a.text}”`, a.rule ? ` — ${a.rule}` : ""]));
  }));
}

function docTitle(doc, fallback) {
  if (doc.title) return doc.title;
  const text = (fallback || "").trim();
  return text ? (text.length > 90 ? text.slice(0, 88) + "…" : text) : doc.doc_id;
}

/** The evidence panel's content for one event (also used by the document view). */
export function eventDetail(d) {
  const e = d.event;
  const doc = d.document;
  const book = loadedBook();
  const plover = book.plover[e.plover_type];
  const dl = h("dl", { class: "facts" },
    h("dt", {}, "Event"), h("dd", {}, typeBadge(e.plover_type, book), e.plover_mode ? ` (${e.plover_mode})` : "", " · ", cameoLabel(e.cameo_code),
      plover ? h("div", { class: "muted small" }, plover.definition) : null),
    h("dt", {}, "QuadClass"), h("dd", {}, `${e.quad_class} · ${QUAD_NAMES[e.quad_class] || "–"}`),
    h("dt", {}, "Goldstein"), h("dd", {}, h("span", { class: "dot", "aria-hidden": "true", "data-colour": goldsteinColour(e.goldstein) }), fmtScore(e.goldstein), h("span", { class: "muted small" }, " (−10 most conflictual … +10 most cooperative)")),
    h("dt", {}, "Source"), h("dd", {}, actorLine(d.actors, "source", e.source_codes, e.source_text, e.sentence_text)),
    h("dt", {}, "Target"), h("dd", {}, actorLine(d.actors, "target", e.target_codes, e.target_text, e.sentence_text), d.reciprocal ? " (reciprocal)" : ""),
    h("dt", {}, "Status"), h("dd", {}, e.status, e.negated ? " · negated" : "", e.attributed_to ? ` · according to ${e.attributed_to}` : ""),
    h("dt", {}, "Date"), h("dd", {}, e.event_date || "unknown", d.date_precision ? ` (${d.date_precision}` + (d.date_source ? `, from ${d.date_source})` : ")") : ""),
    h("dt", {}, "Place"), h("dd", {}, e.location_name ? `${e.location_name}${e.location_country ? " · " + e.location_country : ""}` : "not stated"),
    h("dt", {}, "Confidence"), h("dd", {}, confidenceText(e.confidence)),
    h("dt", {}, "Document"), h("dd", {}, doc
      ? [h("a", { href: `#/document/${encodeURIComponent(doc.doc_id)}` }, docTitle(doc, e.sentence_text)), h("div", { class: "muted" }, [doc.source, doc.published, `sentence ${e.sentence_index + 1}`].filter(Boolean).join(" · "))]
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
        f.num_mentions ? ` · ${plural(f.num_mentions, "mention")}` : "",
        f.num_sources ? ` · ${plural(f.num_sources, "source")}` : "",
        f.num_articles ? ` · ${plural(f.num_articles, "article")}` : ""),
      h("ul", { class: "mentions" }, d.cluster.mentions.map((m) => h("li", { class: m.event_id === e.event_id ? "current" : null },
        h("a", { href: routeHref("events", { event: m.event_id }) }, docTitle(m, m.sentence_text)),
        h("div", { class: "muted" }, [m.source, m.published, m.status].filter(Boolean).join(" · ")),
        h("div", {}, m.sentence_text || "")))),
    );
  }
  return out;
}
