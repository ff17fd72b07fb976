// The actor network: who interacts with whom, edges coloured by mean Goldstein score. The
// layout fills the drawing's width and height, pushes overlapping circles apart, and writes
// the code of a small node under it rather than over it.

import { get, routeHref } from "../api.js";
import { downloadMenu, fill, errorBox, fmt, fmtScore, goldsteinColour, h, pageHeader, plural, s } from "../dom.js";
import { chartWidth } from "../charts.js";
import { actorDatalist, apiFilters, emptyHint, filterForm } from "../filters.js";

const PAD = 28, LABEL_H = 16, CHAR_W = 8.6;

/** Whether the code fits inside its circle (else it is written under it). */
function labelInside(code, r) {
  return code.length * CHAR_W + 4 <= 2 * r;
}

/**
 * Positions for every node over a W×H canvas: a force layout (Fruchterman–Reingold, with a
 * pull to the centre so that separate groups stay on the canvas), then circles (and their
 * labels) pushed apart until none overlap. Returns Map(code -> {x, y}).
 */
export function layout(nodes, edges, radius, W, H) {
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.code, i]));
  const aspect = W / H;
  const pos = nodes.map((_, i) => ({ x: Math.cos((2 * Math.PI * i) / n) * 0.5 * aspect, y: Math.sin((2 * Math.PI * i) / n) * 0.5 }));
  const k = Math.sqrt((4 * aspect) / Math.max(1, n)) * 0.6;
  let temperature = 0.2;
  for (let it = 0; it < 300 && n > 1; it++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const d = Math.max(0.01, Math.hypot(dx, dy));
        const f = (k * k) / d;
        dx /= d; dy /= d;
        disp[i].x += dx * f; disp[i].y += dy * f; disp[j].x -= dx * f; disp[j].y -= dy * f;
      }
    }
    for (const e of edges) {
      const i = index.get(e.a), j = index.get(e.b);
      let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
      const d = Math.max(0.01, Math.hypot(dx, dy));
      const f = (d * d) / k;
      dx /= d; dy /= d;
      disp[i].x -= dx * f; disp[i].y -= dy * f; disp[j].x += dx * f; disp[j].y += dy * f;
    }
    for (let i = 0; i < n; i++) {
      disp[i].x -= pos[i].x * 0.6 * k; disp[i].y -= pos[i].y * 0.6 * k * aspect; // gravity
      const d = Math.max(0.0001, Math.hypot(disp[i].x, disp[i].y));
      pos[i].x += (disp[i].x / d) * Math.min(d, temperature);
      pos[i].y += (disp[i].y / d) * Math.min(d, temperature);
    }
    temperature *= 0.985;
  }
  // to pixels, filling the canvas
  const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const margin = PAD + Math.max(...nodes.map(radius));
  const px = nodes.map((node, i) => ({
    x: n === 1 ? W / 2 : margin + ((pos[i].x - x0) / Math.max(1e-6, x1 - x0)) * (W - 2 * margin),
    y: n === 1 ? H / 2 : margin + ((pos[i].y - y0) / Math.max(1e-6, y1 - y0)) * (H - 2 * margin - LABEL_H),
  }));
  separate(nodes, px, radius, W, H, margin);
  return new Map(nodes.map((node, i) => [node.code, px[i]]));
}

/** Push overlapping circles (with room for a label under small ones) apart, inside the canvas. */
function separate(nodes, px, radius, W, H, margin) {
  const room = nodes.map((node) => radius(node) + (labelInside(node.code, radius(node)) ? 3 : LABEL_H));
  for (let it = 0; it < 120; it++) {
    let moved = false;
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        let dx = px[j].x - px[i].x, dy = px[j].y - px[i].y;
        const d = Math.hypot(dx, dy) || 0.01;
        const need = room[i] + room[j] + 4;
        if (d >= need) continue;
        if (d === 0.01) { dx = 1; dy = 0; }
        const push = (need - d) / 2;
        px[i].x -= (dx / d) * push; px[i].y -= (dy / d) * push;
        px[j].x += (dx / d) * push; px[j].y += (dy / d) * push;
        moved = true;
      }
    }
    for (const p of px) {
      p.x = Math.min(W - margin, Math.max(margin, p.x));
      p.y = Math.min(H - margin - LABEL_H, Math.max(margin, p.y));
    }
    if (!moved) break;
  }
}

function slider(params, maxEvents, minEvents) {
  const out = h("output", { id: "net-min-out", for: "net-min" }, String(minEvents));
  const input = h("input", { id: "net-min", type: "range", min: 1, max: Math.max(2, maxEvents), value: minEvents, step: 1 });
  input.addEventListener("input", () => { out.textContent = input.value; });
  input.addEventListener("change", () => {
    location.hash = routeHref("network", { ...apiFilters(params), limit: params.get("limit"), min_events: input.value === "1" ? null : input.value });
  });
  return h("div", { class: "field slider" }, h("label", { for: "net-min" }, "Fewest events per link: ", out), input);
}

export async function render(main, params) {
  const limit = params.get("limit") || "60";
  const minEvents = Math.max(1, parseInt(params.get("min_events") || "1", 10) || 1);
  const form = filterForm(params, ["actor", "type", "status"], (values) => {
    location.hash = routeHref("network", { ...values, limit: params.get("limit"), min_events: params.get("min_events") });
  }, "net");
  fill(main,
    ...pageHeader("Actor network", "Who interacts with whom. Links join actors that acted on each other (either direction); thicker links have more events; colour is the mean Goldstein score, from conflict (red) to cooperation (blue). Choose an actor to list its events."),
    await actorDatalist(),
    form,
  );
  const filters = apiFilters(params);
  let net, widest;
  try {
    [net, widest] = await Promise.all([
      get("/api/network", { ...filters, limit, min_events: minEvents }),
      get("/api/network", { ...filters, limit: 1 }),
    ]);
  } catch (err) {
    main.append(errorBox(err));
    return;
  }
  const maxPair = widest.edges.length ? widest.edges[0].events : 1;
  main.append(slider(params, maxPair, minEvents));
  if (!net.edges.length) {
    main.append(h("p", { class: "empty" }, minEvents > 1 ? `No pair of actors has ${plural(minEvents, "event")} or more here; move the slider down.` : "No interactions between two actors for these filters."),
      (await emptyHint("network", params)) || "");
    return;
  }
  const W = chartWidth();
  const H = Math.round(Math.max(320, Math.min(720, W * (W < 600 ? 1.1 : 0.6), 140 + net.nodes.length * 14)));
  const maxEdge = Math.max(...net.edges.map((e) => e.events));
  const maxNode = Math.max(...net.nodes.map((n) => n.events));
  const scaleR = W < 600 ? 0.7 : 1;
  const radius = (n) => (8 + 12 * Math.sqrt(n.events / maxNode)) * scaleR;
  const at = layout(net.nodes, net.edges, radius, W, H);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "network-svg", role: "group", "aria-label": `Network of ${plural(net.nodes.length, "actor")} and ${plural(net.edges.length, "interaction")}; the same data is in the table below` });
  for (const e of net.edges) {
    const p = at.get(e.a), q = at.get(e.b);
    svg.append(s("line", { x1: p.x, y1: p.y, x2: q.x, y2: q.y, stroke: goldsteinColour(e.mean_goldstein), "stroke-width": (1 + 7 * Math.sqrt(e.events / maxEdge)).toFixed(1), class: "edge" },
      s("title", {}, `${e.a} – ${e.b}: ${plural(e.events, "event")}, mean Goldstein ${fmtScore(e.mean_goldstein)}`)));
  }
  net.nodes.forEach((n) => {
    const p = at.get(n.code);
    const r = radius(n);
    const inside = labelInside(n.code, r);
    svg.append(s("a", { href: routeHref("events", { ...filters, actor: n.code }), class: `node${inside ? "" : " small"}`, "aria-label": `${n.code}${n.label ? " " + n.label : ""}: ${plural(n.events, "event")}; list them` },
      s("title", {}, `${n.code}${n.label ? " · " + n.label : ""}: ${plural(n.events, "event")} in these links`),
      s("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r.toFixed(1) }),
      s("text", { x: p.x.toFixed(1), y: (inside ? p.y + 4 : p.y + r + 13).toFixed(1), "text-anchor": "middle" }, n.code)));
  });
  const scale = h("ul", { class: "legend" },
    [-10, -5, -2, 0, 2, 5, 10].map((g) => {
      const sw = h("span", { class: "swatch", "aria-hidden": "true" });
      sw.style.background = goldsteinColour(g);
      return h("li", {}, sw, fmtScore(g));
    }),
    h("li", { class: "muted" }, "mean Goldstein score of the link; circle size: events of the actor"));
  const table = h("details", { class: "data-table" },
    h("summary", {}, `Show the ${plural(net.edges.length, "interaction")} as a table`),
    h("div", { class: "table-wrap" }, h("table", {},
      h("thead", {}, h("tr", {}, ["Actor", "Actor", "Events", "Mean Goldstein"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, net.edges.map((e) => h("tr", {},
        h("td", {}, h("a", { href: routeHref("dyad", { a: e.a, b: e.b }) }, e.a)), h("td", {}, e.b),
        h("td", { class: "num" }, fmt(e.events)), h("td", { class: "num" }, fmtScore(e.mean_goldstein))))))));
  const menu = downloadMenu([
    { label: "The links", path: "/api/network", params: { ...filters, limit, min_events: minEvents } },
    { label: "Their event mentions", path: "/api/events", params: filters },
  ]);
  main.append(h("figure", { class: "chart" }, h("figcaption", {}, h("span", {}, `${plural(net.nodes.length, "actor")}, ${plural(net.edges.length, "interaction")}` + (net.edges.length >= Number(limit) ? ` (the ${limit} heaviest)` : "")), menu), svg, scale, table));
}
