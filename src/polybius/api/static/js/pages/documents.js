// Documents: the list, and one document read sentence by sentence with its events.

import { get, routeHref } from "../api.js";
import { fill, codes, downloadMenu, errorBox, fmt, fmtScore, h, pageHeader, plural, typeBadge, webUrl } from "../dom.js";
import { cameoText, loadedBook } from "../labels.js";
import { evidence, legend } from "../evidence.js";

const LIMIT = 50;

export async function render(main, params) {
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const q = params.get("q") || "";
  const form = h("form", { class: "filters", role: "search", "aria-label": "Search documents" },
    h("div", { class: "field" }, h("label", { for: "doc-q" }, "Title or id contains"), h("input", { id: "doc-q", name: "q", type: "search", value: q })),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Search")));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = routeHref("documents", { q: String(new FormData(form).get("q")).trim() });
  });
  fill(main, ...pageHeader("Documents", "The articles in the store. Open one to read it with its events highlighted."), form);
  let page;
  try {
    page = await get("/api/documents", { q, limit: LIMIT, offset });
  } catch (err) {
    main.append(errorBox(err));
    return;
  }
  const to = offset + page.documents.length;
  main.append(
    h("h2", {}, plural(page.total, "document")),
    h("div", { class: "table-wrap" }, h("table", {},
      h("thead", {}, h("tr", {}, ["Published", "Title", "Source", "Status", "Events"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, page.documents.map((d) => h("tr", {},
        h("td", { class: "nowrap" }, d.published || "–"),
        h("td", {}, h("a", { href: `#/document/${encodeURIComponent(d.doc_id)}` }, titleOf(d, d.first_sentence)),
          d.duplicate_of ? h("div", { class: "muted" }, `duplicate of ${d.duplicate_of}`) : null),
        h("td", {}, d.source || "–"),
        h("td", {}, d.status),
        h("td", { class: "num" }, fmt(d.n_events))))))),
    h("nav", { class: "pager", "aria-label": "Result pages" },
      offset > 0 ? h("a", { href: routeHref("documents", { q, offset: Math.max(0, offset - LIMIT) || null }) }, "← Previous") : h("span", { class: "disabled" }, "← Previous"),
      h("span", {}, `${fmt(page.total ? offset + 1 : 0)}–${fmt(to)} of ${fmt(page.total)}`),
      to < page.total ? h("a", { href: routeHref("documents", { q, offset: offset + LIMIT }) }, "Next →") : h("span", { class: "disabled" }, "Next →")),
  );
}

/** The title, else the first sentence (shortened), else the id. */
function titleOf(doc, sentence) {
  if (doc.title) return doc.title;
  const text = (sentence || "").trim();
  if (!text) return doc.doc_id;
  return text.length > 100 ? text.slice(0, 98) + "…" : text;
}

export async function renderDocument(main, docId) {
  let d;
  try {
    d = await get(`/api/documents/${encodeURIComponent(docId)}`);
  } catch (err) {
    fill(main, h("h1", {}, "Document"), errorBox(err), h("p", {}, h("a", { href: "#/documents" }, "All documents")));
    return;
  }
  const doc = d.document;
  const byIndex = new Map();
  for (const e of d.events) {
    if (!byIndex.has(e.sentence_index)) byIndex.set(e.sentence_index, []);
    byIndex.get(e.sentence_index).push(e);
  }
  const meta = [doc.source, doc.published ? `published ${doc.published}` : null, plural(d.sentences.length, "sentence"), plural(d.events.length, "event"), `status ${doc.status}`];
  const book = loadedBook();
  if (doc.tone !== null && doc.tone !== undefined) meta.push(`tone ${fmtScore(doc.tone)}`);
  const sentences = h("ol", { class: "sentences" }, d.sentences.map((sen) => {
    const evs = byIndex.get(sen.index) || [];
    return h("li", { class: evs.length ? "has-events" : null, id: `s${sen.index}` },
      evidence(sen.text, sen.highlights),
      evs.length ? h("ul", { class: "sentence-events" }, evs.map((e) => h("li", {},
        h("a", { href: routeHref("events", { doc_id: doc.doc_id, event: e.event_id }) },
          `${codes(e.source_codes)} `, typeBadge(e.plover_type, book), ` → ${codes(e.target_codes)}`),
        h("span", { class: "muted" }, ` · ${cameoText(e.cameo_code)} · ${e.status} · ${e.event_date || "no date"} · Goldstein ${fmtScore(e.goldstein)}`)))) : null);
  }));
  fill(main, 
    h("p", { class: "crumbs" }, h("a", { href: "#/documents" }, "Documents"), " / ", doc.doc_id),
    h("div", { class: "section-head" }, h("h1", {}, titleOf(doc, d.sentences.length ? d.sentences[0].text : "")),
      downloadMenu([{ label: "This document's events", path: "/api/events", params: { doc_id: doc.doc_id } }])),
    h("p", { class: "muted" }, meta.filter(Boolean).join(" · ")),
    webUrl(doc.url) ? h("p", {}, h("a", { href: webUrl(doc.url), rel: "noopener noreferrer" }, "Original article"), h("span", { class: "muted" }, ` (${doc.url})`)) : null,
    doc.error ? h("p", { class: "warning" }, doc.error) : null,
    doc.duplicate_of ? h("p", { class: "warning" }, "This document duplicates ", h("a", { href: `#/document/${encodeURIComponent(doc.duplicate_of)}` }, doc.duplicate_of), ".") : null,
    d.duplicates.length ? h("p", { class: "muted" }, `Duplicates of this document: ${d.duplicates.join(", ")}`) : null,
    legend(),
    d.sentences.length ? sentences : h("pre", { class: "doc-text" }, d.text || "(no text)"),
  );
}
