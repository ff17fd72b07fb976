// The map of located events: equirectangular world outline, a circle per place. Zoom and pan
// change the SVG viewBox; circles that would overlap at the current zoom are merged into one
// (zoom in to split them); a circle opens the events of its place.

import { get, routeHref } from "../api.js";
import { downloadMenu, fill, errorBox, fmt, fmtScore, goldsteinColour, h, pageHeader, plural, s } from "../dom.js";
import { actorDatalist, apiFilters, emptyHint, filterForm } from "../filters.js";
import { chartWidth } from "../charts.js";

// x = lon + 180, y = 90 - lat; the view leaves out Antarctica and the far north
const WORLD = { x: 0, y: 6, w: 360, h: 146 };
let world = null;

async function worldOutline() {
  if (!world) world = await get("/static/world.json", {}, { keep: true });
  return world;
}

// circle radius on screen, in CSS pixels (the same at every zoom and screen width)
function radiusPx(events, max) {
  return Math.min(24, 5 + 13 * Math.sqrt(events / max));
}

/** Height over width of the drawing: taller on a phone, so that places are not squeezed. */
function aspect() {
  return window.matchMedia("(max-width: 700px)").matches ? 0.8 : WORLD.h / WORLD.w;
}

/** The part of the world that holds the points (with a margin), at the map's proportions. */
function fittedView(points) {
  if (!points.length) return { ...WORLD };
  const xs = points.map((p) => p.lon + 180), ys = points.map((p) => 90 - p.lat);
  const [x0, x1, y0, y1] = [Math.min(...xs) - 12, Math.max(...xs) + 12, Math.min(...ys) - 10, Math.max(...ys) + 10];
  const w = Math.min(WORLD.w, Math.max(60, x1 - x0, (y1 - y0) / aspect()));
  return { x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - (w * aspect()) / 2, w, h: w * aspect() };
}

function radiusOf(events, max, unitsPerPx) {
  return radiusPx(events, max) * unitsPerPx;
}

/** Points merged greedily (biggest first) while their circles overlap at this zoom. */
export function clusterPoints(points, max, unitsPerPx) {
  const groups = [];
  for (const p of [...points].sort((a, b) => b.events - a.events)) {
    const x = p.lon + 180, y = 90 - p.lat;
    const r = radiusOf(p.events, max, unitsPerPx);
    const hit = groups.find((g) => Math.hypot(g.x - x, g.y - y) < g.r + r);
    if (hit) {
      hit.members.push(p);
      hit.events += p.events;
      hit.r = radiusOf(hit.events, max, unitsPerPx);
    } else {
      groups.push({ x, y, r, events: p.events, members: [p] });
    }
  }
  return mergeOverlaps(groups, max, unitsPerPx);
}

/** Merge groups whose (grown) circles still overlap, until none do. */
function mergeOverlaps(groups, max, unitsPerPx) {
  for (let again = true; again;) {
    again = false;
    for (let i = 0; i < groups.length && !again; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const [a, b] = [groups[i], groups[j]];
        if (Math.hypot(a.x - b.x, a.y - b.y) >= a.r + b.r) continue;
        const n = a.events + b.events;
        a.x = (a.x * a.events + b.x * b.events) / n;
        a.y = (a.y * a.events + b.y * b.events) / n;
        a.events = n;
        a.members.push(...b.members);
        a.r = radiusOf(n, max, unitsPerPx);
        groups.splice(j, 1);
        again = true;
        break;
      }
    }
  }
  return groups;
}

function placeLink(p, filters) {
  if (p.precision !== "country" && p.places.length === 1) return routeHref("events", { ...filters, place: p.places[0] });
  return routeHref("events", { ...filters, country: p.country });
}

function mean(members) {
  let sum = 0, n = 0;
  for (const m of members) if (m.mean_goldstein !== null) { sum += m.mean_goldstein * m.events; n += m.events; }
  return n ? sum / n : null;
}

function drawPoints(layer, data, filters, view, zoomTo) {
  while (layer.firstChild) layer.removeChild(layer.firstChild);
  const svg = layer.ownerSVGElement;
  const shown = svg && svg.getBoundingClientRect().width ? svg.getBoundingClientRect().width : chartWidth();
  const unitsPerPx = view.w / shown;
  const max = Math.max(1, ...data.points.map((p) => p.events));
  for (const g of clusterPoints(data.points, max, unitsPerPx)) {
    const single = g.members.length === 1 ? g.members[0] : null;
    const names = g.members.flatMap((m) => (m.places.length ? m.places : [m.country])).slice(0, 6).join(", ");
    const g_mean = mean(g.members);
    const circle = s("circle", { cx: g.x.toFixed(2), cy: g.y.toFixed(2), r: g.r.toFixed(3), "stroke-width": (1.2 * unitsPerPx).toFixed(3), fill: goldsteinColour(g_mean), class: single ? null : "cluster" });
    const label = single
      ? `${names} (${single.precision}): ${plural(g.events, "event")}, ${fmt(single.conflict)} conflict, ${fmt(single.cooperation)} cooperation, mean Goldstein ${fmtScore(g_mean)}; open its events`
      : `${g.members.length} places (${names}…): ${plural(g.events, "event")}, mean Goldstein ${fmtScore(g_mean)}; zoom in`;
    if (single) {
      layer.append(s("a", { href: placeLink(single, filters), class: "place", "aria-label": label }, circle, s("title", {}, label)));
    } else {
      const a = s("a", { href: "#", class: "place", role: "button", "aria-label": label }, circle, s("title", {}, label));
      a.addEventListener("click", (ev) => { ev.preventDefault(); zoomTo(g.x, g.y, 2.5); });
      layer.append(a);
      layer.append(s("text", { x: g.x.toFixed(2), y: (g.y + 4 * unitsPerPx).toFixed(2), class: "cluster-n", "font-size": (12 * unitsPerPx).toFixed(3), "stroke-width": (2 * unitsPerPx).toFixed(3), "aria-hidden": "true" }, String(g.members.length)));
    }
  }
}

function legendBox(max) {
  const sizes = [1, Math.round(max / 4), max].filter((v, i, all) => v > 0 && all.indexOf(v) === i);
  return h("div", { class: "map-legend" },
    h("div", {}, h("strong", {}, "Colour: mean Goldstein score "),
      h("ul", { class: "legend" }, [-10, -5, 0, 5, 10].map((g) => {
        const sw = h("span", { class: "swatch", "aria-hidden": "true" });
        sw.style.background = goldsteinColour(g);
        return h("li", {}, sw, `${fmtScore(g)}${g === -10 ? " conflict" : g === 10 ? " cooperation" : ""}`);
      }))),
    h("div", {}, h("strong", {}, "Size: number of events "),
      h("ul", { class: "legend" }, sizes.map((n) => {
        const d = 2 * radiusPx(n, max);
        const dot = h("span", { class: "size-dot", "aria-hidden": "true" });
        dot.style.width = dot.style.height = `${d.toFixed(0)}px`;
        return h("li", {}, dot, plural(n, "event"));
      })), h("span", { class: "muted small" }, "A circle with a number merges that many places; zoom in to split it.")));
}

export async function render(main, params) {
  const form = filterForm(params, ["actor", "type", "status", "quad_class"], (values) => {
    location.hash = routeHref("map", values);
  }, "map");
  fill(main,
    ...pageHeader("Map", "Where events took place, when the text says so: at the event's coordinates, else its city, else the centre of its country. Choose a circle to list its events."),
    await actorDatalist(),
    form,
  );
  const filters = apiFilters(params);
  let data, outline;
  try {
    [data, outline] = await Promise.all([get("/api/map", filters), worldOutline()]);
  } catch (err) {
    main.append(errorBox(err));
    return;
  }
  const view = fittedView(data.points);
  const svg = s("svg", { viewBox: `${view.x} ${view.y} ${view.w} ${view.h}`, class: "map-svg", role: "group", "aria-label": `World map with ${plural(data.points.length, "place")}; the same data is in the table below` });
  svg.append(s("rect", { x: -360, y: -180, width: 1080, height: 540, class: "sea" }));
  for (let lon = -150; lon <= 150; lon += 30) svg.append(s("line", { x1: lon + 180, x2: lon + 180, y1: 0, y2: 180, class: "graticule" }));
  for (let lat = -60; lat <= 80; lat += 20) svg.append(s("line", { x1: 0, x2: 360, y1: 90 - lat, y2: 90 - lat, class: "graticule" }));
  const land = s("g", { class: "land", "aria-hidden": "true" });
  for (const c of outline.countries) land.append(s("path", { d: c.d }, s("title", {}, c.name)));
  const layer = s("g", { class: "places" });
  svg.append(land, layer);
  const apply = () => {
    view.w = Math.min(WORLD.w, Math.max(WORLD.w / 16, view.w));
    view.h = view.w * aspect();
    view.x = Math.min(WORLD.x + WORLD.w - view.w, Math.max(WORLD.x, view.x));
    view.y = view.h > WORLD.h ? WORLD.y + (WORLD.h - view.h) / 2 // taller than the world: centred
      : Math.min(WORLD.y + WORLD.h - view.h, Math.max(WORLD.y, view.y));
    svg.setAttribute("viewBox", `${view.x.toFixed(2)} ${view.y.toFixed(2)} ${view.w.toFixed(2)} ${view.h.toFixed(2)}`);
    drawPoints(layer, data, filters, view, zoomTo);
  };
  const zoomTo = (cx, cy, factor) => {
    const w = view.w / factor;
    view.x = cx - w / 2; view.y = cy - (w * aspect()) / 2; view.w = w;
    apply();
  };
  const centre = () => [view.x + view.w / 2, view.y + view.h / 2];
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const box = svg.getBoundingClientRect();
    const px = view.x + ((ev.clientX - box.left) / box.width) * view.w;
    const py = view.y + ((ev.clientY - box.top) / box.height) * view.h;
    const f = ev.deltaY < 0 ? 1.25 : 0.8;
    view.x = px - (px - view.x) / f; view.y = py - (py - view.y) / f; view.w /= f;
    apply();
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (ev) => { if (ev.button === 0) drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false }; });
  svg.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const box = svg.getBoundingClientRect();
    const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 4) drag.moved = true;
    if (!drag.moved) return;
    view.x = drag.vx - (dx / box.width) * view.w; view.y = drag.vy - (dy / box.height) * view.h;
    apply();
  });
  svg.addEventListener("pointerup", () => { setTimeout(() => { drag = null; }, 0); });
  svg.addEventListener("click", (ev) => { if (drag && drag.moved) { ev.preventDefault(); ev.stopPropagation(); } }, true);
  svg.setAttribute("tabindex", "0"); // arrows pan, + and − zoom, from the keyboard
  svg.addEventListener("keydown", (ev) => {
    const step = view.w / 8;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[ev.key]) { view.x += moves[ev.key][0]; view.y += moves[ev.key][1]; apply(); }
    else if (ev.key === "+" || ev.key === "=") zoomTo(...centre(), 2);
    else if (ev.key === "-") zoomTo(...centre(), 0.5);
    else return;
    ev.preventDefault();
  });
  const button = (text, label, fn) => { const b = h("button", { type: "button", class: "secondary", "aria-label": label }, text); b.addEventListener("click", fn); return b; };
  const controls = h("div", { class: "map-controls", role: "group", "aria-label": "Zoom" },
    button("+", "Zoom in", () => zoomTo(...centre(), 2)),
    button("−", "Zoom out", () => zoomTo(...centre(), 0.5)),
    button("Whole world", "Show the whole world", () => { Object.assign(view, WORLD); apply(); }));
  apply();
  const table = h("details", { class: "data-table" },
    h("summary", {}, `Show the ${plural(data.points.length, "place")} as a table`),
    h("div", { class: "table-wrap" }, h("table", {},
      h("thead", {}, h("tr", {}, ["Place", "Country", "Placed by", "Events", "Conflict", "Cooperation", "Mean Goldstein"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, data.points.map((p) => h("tr", {},
        h("td", {}, h("a", { href: placeLink(p, filters) }, p.places.join(", ") || p.country || "–")), h("td", {}, p.country || "–"), h("td", {}, p.precision),
        h("td", { class: "num" }, fmt(p.events)), h("td", { class: "num" }, fmt(p.conflict)),
        h("td", { class: "num" }, fmt(p.cooperation)), h("td", { class: "num" }, fmtScore(p.mean_goldstein))))))));
  const max = Math.max(1, ...data.points.map((p) => p.events));
  const menu = downloadMenu([{ label: "The places", path: "/api/map", params: filters }, { label: "Their event mentions", path: "/api/events", params: filters }]);
  main.append(h("figure", { class: "chart" },
    h("figcaption", {}, h("span", {}, `${plural(data.located, "located event")} at ${plural(data.points.length, "place")}; ${plural(data.unlocated, "event")} without a place.`), menu),
    controls, svg, legendBox(max), h("p", { class: "muted small" }, "Country outlines: Natural Earth (public domain). Scroll or use + and − to zoom, drag (or the arrow keys) to move."), table));
  if (!data.points.length) main.append(await emptyHint("map", params) || h("p", { class: "empty" }, "No located events for these filters."));
}
