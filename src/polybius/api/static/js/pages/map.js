// The map of located events: equirectangular world outline, a circle per place.

import { get, routeHref } from "../api.js";
import { fill, errorBox, fmt, fmtScore, goldsteinColour, h, pageHeader, s } from "../dom.js";
import { actorDatalist, apiFilters, filterForm } from "../filters.js";

// x = lon + 180, y = 90 - lat; the view leaves out Antarctica and the far north
const VIEW = { x: 0, y: 6, w: 360, h: 146 };
let world = null;

async function worldOutline() {
  if (!world) world = await get("/static/world.json");
  return world;
}

export async function render(main, params) {
  const form = filterForm(params, ["actor", "type", "status", "quad_class", "dates"], (values) => {
    location.hash = routeHref("map", values);
  }, "map");
  fill(main, 
    ...pageHeader("Map", "Where events took place, when the text says so: at the event's coordinates, else its city, else the centre of its country. Circle size is the number of events; colour is the mean Goldstein score."),
    await actorDatalist(),
    form,
  );
  let data, outline;
  try {
    [data, outline] = await Promise.all([get("/api/map", apiFilters(params)), worldOutline()]);
  } catch (err) {
    main.append(errorBox(err));
    return;
  }
  const svg = s("svg", { viewBox: `${VIEW.x} ${VIEW.y} ${VIEW.w} ${VIEW.h}`, class: "map-svg", role: "group", "aria-label": `World map with ${data.points.length} places; the same data is in the table below` });
  svg.append(s("rect", { x: VIEW.x, y: VIEW.y, width: VIEW.w, height: VIEW.h, class: "sea" }));
  for (let lon = -150; lon <= 150; lon += 30) svg.append(s("line", { x1: lon + 180, x2: lon + 180, y1: VIEW.y, y2: VIEW.y + VIEW.h, class: "graticule" }));
  for (let lat = -60; lat <= 80; lat += 20) svg.append(s("line", { x1: 0, x2: 360, y1: 90 - lat, y2: 90 - lat, class: "graticule" }));
  const land = s("g", { class: "land", "aria-hidden": "true" });
  for (const c of outline.countries) land.append(s("path", { d: c.d }, s("title", {}, c.name)));
  svg.append(land);
  const max = Math.max(1, ...data.points.map((p) => p.events));
  for (const p of [...data.points].sort((a, b) => b.events - a.events)) {
    const r = 1.2 + 5 * Math.sqrt(p.events / max);
    const name = p.places.length ? p.places.join(", ") : p.country;
    svg.append(s("a", { href: routeHref("events", { ...apiFilters(params), country: p.country }), class: "place", "aria-label": `${name}: ${p.events} events` },
      s("circle", { cx: (p.lon + 180).toFixed(2), cy: (90 - p.lat).toFixed(2), r: r.toFixed(2), fill: goldsteinColour(p.mean_goldstein) }),
      s("title", {}, `${name} (${p.precision}): ${p.events} events, ${p.conflict} conflict, ${p.cooperation} cooperation, mean Goldstein ${fmtScore(p.mean_goldstein)}`)));
  }
  const table = h("details", { class: "data-table" },
    h("summary", {}, `Show the ${data.points.length} places as a table`),
    h("table", {},
      h("thead", {}, h("tr", {}, ["Place", "Country", "Placed by", "Events", "Conflict", "Cooperation", "Mean Goldstein"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, data.points.map((p) => h("tr", {},
        h("td", {}, p.places.join(", ") || "–"), h("td", {}, p.country || "–"), h("td", {}, p.precision),
        h("td", { class: "num" }, fmt(p.events)), h("td", { class: "num" }, fmt(p.conflict)),
        h("td", { class: "num" }, fmt(p.cooperation)), h("td", { class: "num" }, fmtScore(p.mean_goldstein)))))));
  main.append(h("figure", { class: "chart" },
    h("figcaption", {}, `${fmt(data.located)} located events at ${fmt(data.points.length)} places; ${fmt(data.unlocated)} events have no place.`),
    svg, h("p", { class: "muted small" }, "Country outlines: Natural Earth (public domain)."), table));
}
