// The actor network: who interacts with whom, edges coloured by mean Goldstein score.

import { get, routeHref } from "../api.js";
import { fill, errorBox, fmt, fmtScore, goldsteinColour, h, pageHeader, s } from "../dom.js";
import { actorDatalist, apiFilters, filterForm } from "../filters.js";

const W = 960, PAD = 36, EDGE = 110, GAP = 40;

/** Fruchterman–Reingold from a circle: positions (unit scale) of one connected component. */
function forceLayout(nodes, edges, iterations = 300) {
  const n = nodes.length;
  const pos = nodes.map((_, i) => ({
    x: Math.cos((2 * Math.PI * i) / n) * 0.5,
    y: Math.sin((2 * Math.PI * i) / n) * 0.5,
  }));
  if (n === 1) return [{ x: 0, y: 0 }];
  const index = new Map(nodes.map((node, i) => [node.code, i]));
  const k = Math.sqrt(1 / n);
  let temperature = 0.1;
  for (let it = 0; it < iterations; it++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const d = Math.max(0.01, Math.hypot(dx, dy));
        const f = (k * k) / d;
        dx /= d; dy /= d;
        disp[i].x += dx * f; disp[i].y += dy * f;
        disp[j].x -= dx * f; disp[j].y -= dy * f;
      }
    }
    for (const e of edges) {
      const i = index.get(e.a), j = index.get(e.b);
      let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
      const d = Math.max(0.01, Math.hypot(dx, dy));
      const f = (d * d) / k;
      dx /= d; dy /= d;
      disp[i].x -= dx * f; disp[i].y -= dy * f;
      disp[j].x += dx * f; disp[j].y += dy * f;
    }
    for (let i = 0; i < n; i++) {
      const d = Math.max(0.0001, Math.hypot(disp[i].x, disp[i].y));
      pos[i].x += (disp[i].x / d) * Math.min(d, temperature);
      pos[i].y += (disp[i].y / d) * Math.min(d, temperature);
    }
    temperature *= 0.985;
  }
  return pos;
}

function components(nodes, edges) {
  const parent = new Map(nodes.map((n) => [n.code, n.code]));
  const root = (c) => (parent.get(c) === c ? c : root(parent.get(c)));
  for (const e of edges) parent.set(root(e.a), root(e.b));
  const groups = new Map();
  for (const n of nodes) {
    const r = root(n.code);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r).push(n);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length);
}

/**
 * Positions for every node: each connected component is laid out on its own, scaled so
 * that edges are about EDGE pixels long, and the components are packed in rows.
 * Returns {at: Map(code -> {x, y}), height}.
 */
export function layout(nodes, edges, radius) {
  const at = new Map();
  let x = PAD, y = PAD, rowHeight = 0;
  for (const group of components(nodes, edges)) {
    const codes = new Set(group.map((n) => n.code));
    const own = edges.filter((e) => codes.has(e.a));
    const pos = forceLayout(group, own);
    const index = new Map(group.map((n, i) => [n.code, i]));
    const lengths = own.map((e) => Math.hypot(pos[index.get(e.a)].x - pos[index.get(e.b)].x, pos[index.get(e.a)].y - pos[index.get(e.b)].y)).sort((a, b) => a - b);
    const pad = Math.max(...group.map((n) => radius(n))) + 4;
    const spanX = Math.max(1e-6, Math.max(...pos.map((p) => p.x)) - Math.min(...pos.map((p) => p.x)));
    let scale = lengths.length ? EDGE / Math.max(1e-6, lengths[Math.floor(lengths.length / 2)]) : 1;
    scale = Math.min(scale, (W - 2 * PAD - 2 * pad) / spanX); // a big component fits the width
    const pts = pos.map((p) => ({ x: p.x * scale, y: p.y * scale }));
    const x0 = Math.min(...pts.map((p) => p.x)) - pad, x1 = Math.max(...pts.map((p) => p.x)) + pad;
    const y0 = Math.min(...pts.map((p) => p.y)) - pad, y1 = Math.max(...pts.map((p) => p.y)) + pad;
    const [w, h] = [x1 - x0, y1 - y0];
    if (x > PAD && x + w > W - PAD) { x = PAD; y += rowHeight + GAP; rowHeight = 0; }
    group.forEach((n, i) => at.set(n.code, { x: x + pts[i].x - x0, y: y + pts[i].y - y0 }));
    x += w + GAP;
    rowHeight = Math.max(rowHeight, h);
  }
  return { at, height: y + rowHeight + PAD };
}

export async function render(main, params) {
  const limit = params.get("limit") || "60";
  const form = filterForm(params, ["actor", "type", "status", "dates"], (values) => {
    location.hash = routeHref("network", { ...values, limit });
  }, "net");
  fill(main, 
    ...pageHeader("Actor network", "Who interacts with whom. Edges join actors that acted on each other (either direction); thicker edges have more events; colour is the mean Goldstein score, from conflict (red) to cooperation (blue). Choose an actor to list its events."),
    await actorDatalist(),
    form,
  );
  let net;
  try {
    net = await get("/api/network", { ...apiFilters(params), limit });
  } catch (err) {
    main.append(errorBox(err));
    return;
  }
  if (!net.edges.length) {
    main.append(h("p", { class: "empty" }, "No interactions between two actors for these filters."));
    return;
  }
  const maxEdge = Math.max(...net.edges.map((e) => e.events));
  const maxNode = Math.max(...net.nodes.map((n) => n.events));
  const radius = (n) => 13 + 11 * Math.sqrt(n.events / maxNode);
  const { at, height } = layout(net.nodes, net.edges, radius);
  const svg = s("svg", { viewBox: `0 0 ${W} ${height}`, class: "network-svg", role: "group", "aria-label": `Network of ${net.nodes.length} actors and ${net.edges.length} interactions; the same data is in the table below` });
  for (const e of net.edges) {
    const p = at.get(e.a), q = at.get(e.b);
    svg.append(s("line", { x1: p.x, y1: p.y, x2: q.x, y2: q.y, stroke: goldsteinColour(e.mean_goldstein), "stroke-width": (1 + 7 * Math.sqrt(e.events / maxEdge)).toFixed(1), class: "edge" },
      s("title", {}, `${e.a} – ${e.b}: ${e.events} events, mean Goldstein ${fmtScore(e.mean_goldstein)}`)));
  }
  net.nodes.forEach((n) => {
    const p = at.get(n.code);
    const r = radius(n);
    svg.append(s("a", { href: routeHref("events", { actor: n.code }), class: "node", "aria-label": `${n.code}${n.label ? " " + n.label : ""}: ${n.events} events; list them` },
      s("title", {}, `${n.code}${n.label ? " · " + n.label : ""}: ${n.events} events in these edges`),
      s("circle", { cx: p.x, cy: p.y, r: r.toFixed(1) }),
      s("text", { x: p.x, y: p.y + 4, "text-anchor": "middle" }, n.code)));
  });
  const scale = h("ul", { class: "legend" },
    [-10, -5, -2, 0, 2, 5, 10].map((g) => {
      const sw = h("span", { class: "swatch", "aria-hidden": "true" });
      sw.style.background = goldsteinColour(g);
      return h("li", {}, sw, fmtScore(g));
    }),
    h("li", { class: "muted" }, "mean Goldstein score of the edge"));
  const table = h("details", { class: "data-table" },
    h("summary", {}, `Show the ${net.edges.length} interactions as a table`),
    h("table", {},
      h("thead", {}, h("tr", {}, ["Actor", "Actor", "Events", "Mean Goldstein"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, net.edges.map((e) => h("tr", {},
        h("td", {}, h("a", { href: routeHref("dyad", { a: e.a, b: e.b }) }, e.a)), h("td", {}, e.b),
        h("td", { class: "num" }, fmt(e.events)), h("td", { class: "num" }, fmtScore(e.mean_goldstein)))))));
  main.append(h("figure", { class: "chart" }, h("figcaption", {}, `${net.nodes.length} actors, ${net.edges.length} interactions` + (net.edges.length >= Number(limit) ? ` (the ${limit} heaviest)` : "")), svg, scale, table));
}
