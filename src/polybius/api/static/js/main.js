// The dashboard's router: #/page?filters -> a page module that renders into <main>.

import { fill, errorBox, h, skeleton } from "./dom.js";
import { get, RANGE_KEYS, routeParams } from "./api.js";
import { codeBook } from "./labels.js";
import { badParams, rangeControl, withRange } from "./range.js";
import * as overview from "./pages/overview.js";
import * as events from "./pages/events.js";
import * as dyad from "./pages/dyad.js";
import * as network from "./pages/network.js";
import * as worldmap from "./pages/map.js";
import * as documents from "./pages/documents.js";

const PAGES = {
  overview: { module: overview, title: "Overview" },
  events: { module: events, title: "Events" },
  dyad: { module: dyad, title: "Dyads" },
  network: { module: network, title: "Actor network" },
  map: { module: worldmap, title: "Map" },
  documents: { module: documents, title: "Documents" },
  document: { module: documents, title: "Document", nav: "documents", view: "document" },
};

let lastPage = null;
let renders = 0;

/** The nav links keep the date range. */
function updateNav(navName, params) {
  const keep = new URLSearchParams();
  for (const k of RANGE_KEYS) if (params.get(k)) keep.set(k, params.get(k));
  const q = keep.toString();
  for (const a of document.querySelectorAll("nav a[data-page]")) {
    a.setAttribute("href", `#/${a.dataset.page}${q ? "?" + q : ""}`);
    if (a.dataset.page === navName) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

function withoutParam(key) {
  const params = routeParams();
  params.delete(key);
  const [path] = location.hash.replace(/^#\/?/, "").split("?");
  const q = params.toString();
  return `#/${path}${q ? "?" + q : ""}`;
}

function showBadParams(main, title, problems) {
  fill(main, h("h1", {}, title),
    h("div", { class: "error", role: "alert" },
      h("p", {}, h("strong", {}, "This address has a filter the dashboard cannot use:")),
      h("ul", {}, problems.map((p) => h("li", {}, p.text, " ", h("a", { href: withoutParam(p.key) }, `Drop ${p.key}`))))));
}

async function render() {
  const mine = ++renders;
  const hash = location.hash.replace(/^#\/?/, "");
  const [path] = hash.split("?");
  const [name, ...rest] = path.split("/");
  const page = PAGES[name] || PAGES.overview;
  const main = document.getElementById("main");
  const navName = page.nav || (PAGES[name] ? name : "overview");
  const params = routeParams();
  updateNav(navName, params);
  document.title = `${page.title} · Polybius`;
  const samePage = lastPage === name;
  const firstLoad = lastPage === null;
  lastPage = name;
  main.setAttribute("aria-busy", "true");
  document.body.classList.add("busy");
  if (!samePage) fill(main, h("h1", {}, page.title), skeleton());
  try {
    const [stats] = await Promise.all([get("/api/stats", {}, { keep: true }), codeBook()]);
    const bar = document.getElementById("range-bar");
    fill(bar, rangeControl(params, stats));
    const problems = badParams(params);
    if (problems.length) {
      showBadParams(main, page.title, problems);
    } else if (page.view === "document") {
      await page.module.renderDocument(main, decodeURIComponent(rest.join("/")));
    } else {
      await page.module.render(main, withRange(params, stats), { samePage, stats });
    }
  } catch (err) {
    fill(main, h("h1", {}, page.title), errorBox(err));
  }
  if (mine !== renders) return; // a newer route is rendering
  main.removeAttribute("aria-busy");
  document.body.classList.remove("busy");
  // a counter of finished renders: lets tests (and scripts) wait for a page to settle
  main.dataset.rendered = String(Number(main.dataset.rendered || 0) + 1);
  // moving to another page puts keyboard focus on its content (not on the first load,
  // where the first Tab should reach the skip link)
  if (!samePage && !firstLoad) main.focus({ preventScroll: true });
}

// the skip link moves focus without touching the hash, which holds the route
function skipToContent(event) {
  event.preventDefault();
  document.getElementById("main").focus();
}

window.addEventListener("hashchange", render);
window.addEventListener("DOMContentLoaded", () => {
  document.querySelector(".skip").addEventListener("click", skipToContent);
  render();
});
