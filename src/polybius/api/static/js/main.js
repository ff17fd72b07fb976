// The dashboard's router: #/page?filters -> a page module that renders into <main>.

import { fill, errorBox, h } from "./dom.js";
import { routeParams } from "./api.js";
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

async function render() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path] = hash.split("?");
  const [name, ...rest] = path.split("/");
  const page = PAGES[name] || PAGES.overview;
  const main = document.getElementById("main");
  const navName = page.nav || name || "overview";
  for (const a of document.querySelectorAll("nav a")) {
    if (a.dataset.page === navName) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  document.title = `${page.title} · Polybius`;
  const samePage = lastPage === name;
  const firstLoad = lastPage === null;
  lastPage = name;
  main.setAttribute("aria-busy", "true");
  try {
    if (page.view === "document") {
      await page.module.renderDocument(main, decodeURIComponent(rest.join("/")));
    } else {
      await page.module.render(main, routeParams(), { samePage });
    }
  } catch (err) {
    fill(main, h("h1", {}, page.title), errorBox(err));
  }
  main.removeAttribute("aria-busy");
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
