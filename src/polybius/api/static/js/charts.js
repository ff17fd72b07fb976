// Hand-written SVG charts: cooperation above the axis, conflict below, per period.

import { fmt, fmtScore, h, QUADS, s } from "./dom.js";

const WIDTH = 960;

function nextPeriod(date, by) {
  const d = new Date(date.getTime());
  if (by === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCDate(d.getUTCDate() + (by === "week" ? 7 : 1));
  return d;
}

/** Every period from the first to the last point, empty ones filled with zeros. */
export function fillPeriods(points, by) {
  if (!points.length) return [];
  const byKey = new Map(points.map((p) => [p.period, p]));
  const out = [];
  let d = new Date(points[0].period + "T00:00:00Z");
  const last = new Date(points[points.length - 1].period + "T00:00:00Z");
  let guard = 0;
  while (d <= last && guard++ < 20000) {
    const key = d.toISOString().slice(0, 10);
    out.push(
      byKey.get(key) || {
        period: key, events: 0, verbal_cooperation: 0, material_cooperation: 0,
        verbal_conflict: 0, material_conflict: 0, mean_goldstein: null,
      },
    );
    d = nextPeriod(d, by);
  }
  return out;
}

/** Pick day, week or month so that a date range fits in a readable number of bars. */
export function periodFor(first, last) {
  if (!first || !last) return "day";
  const days = (new Date(last) - new Date(first)) / 86400000;
  if (days > 900) return "month";
  if (days > 150) return "week";
  return "day";
}

function periodLabel(period, by) {
  if (by === "month") return period.slice(0, 7);
  if (by === "week") return `week of ${period}`;
  return period;
}

/**
 * A figure with the chart, its legend and the same numbers as a table.
 * options: {by, title, goldsteinLine, height}
 */
export function quadChart(points, options) {
  const by = options.by || "day";
  const filled = fillPeriods(points, by);
  const title = options.title;
  if (!filled.length) {
    return h("figure", { class: "chart" }, h("figcaption", {}, title), h("p", { class: "empty" }, "No dated events for these filters."));
  }
  const height = options.height || 260;
  const left = 78, right = options.goldsteinLine ? 40 : 10, top = 14, bottom = 30;
  const plotW = WIDTH - left - right, plotH = height - top - bottom;
  const up = (p) => p.verbal_cooperation + p.material_cooperation;
  const down = (p) => p.verbal_conflict + p.material_conflict;
  const maxUp = Math.max(1, ...filled.map(up));
  const maxDown = Math.max(1, ...filled.map(down));
  const scale = plotH / (maxUp + maxDown);
  const axisY = top + maxUp * scale;
  const band = plotW / filled.length;
  const barW = Math.max(1, band * 0.8);
  const total = filled.reduce((a, p) => a + p.events, 0);
  const svg = s("svg", {
    viewBox: `0 0 ${WIDTH} ${height}`, class: "chart-svg", role: "img",
    "aria-label": `${title}: ${fmt(total)} events in ${filled.length} ${by}s from ${filled[0].period} to ${filled[filled.length - 1].period}; cooperation above the axis, conflict below. The numbers are in the table below the chart.`,
  });
  // grid and axis labels
  svg.append(
    s("line", { x1: left, x2: WIDTH - right, y1: axisY, y2: axisY, class: "axis" }),
    s("text", { x: left - 6, y: top + 4, class: "tick", "text-anchor": "end" }, fmt(maxUp)),
    s("text", { x: left - 6, y: axisY + 4, class: "tick", "text-anchor": "end" }, "0"),
    s("text", { x: left - 6, y: top + plotH, class: "tick", "text-anchor": "end" }, fmt(maxDown)),
    s("text", { x: 4, y: top + 10, class: "tick side" }, "coop."),
    s("text", { x: 4, y: top + plotH - 2, class: "tick side" }, "conflict"),
  );
  const ticks = Math.min(8, filled.length);
  for (let i = 0; i < ticks; i++) {
    const idx = Math.round((i * (filled.length - 1)) / Math.max(1, ticks - 1));
    const x = left + idx * band + band / 2;
    svg.append(
      s("line", { x1: x, x2: x, y1: top + plotH, y2: top + plotH + 4, class: "axis" }),
      s("text", { x, y: height - 8, class: "tick", "text-anchor": "middle" }, by === "month" ? filled[idx].period.slice(0, 7) : filled[idx].period),
    );
  }
  filled.forEach((p, i) => {
    if (!p.events) return;
    const x = left + i * band + (band - barW) / 2;
    const g = s("g", { class: "bar" });
    let yUp = axisY;
    for (const q of QUADS.slice(0, 2)) {
      const hgt = p[q.key] * scale;
      if (hgt > 0) { yUp -= hgt; g.append(s("rect", { x, y: yUp, width: barW, height: hgt, class: q.cls })); }
    }
    let yDown = axisY;
    for (const q of QUADS.slice(2)) {
      const hgt = p[q.key] * scale;
      if (hgt > 0) { g.append(s("rect", { x, y: yDown, width: barW, height: hgt, class: q.cls })); yDown += hgt; }
    }
    g.append(s("title", {}, `${periodLabel(p.period, by)}: ${p.events} events — ` +
      QUADS.map((q) => `${q.label.toLowerCase()} ${p[q.key]}`).join(", ") +
      `; mean Goldstein ${fmtScore(p.mean_goldstein)}`));
    svg.append(g);
  });
  if (options.goldsteinLine) {
    const gy = (g) => top + plotH / 2 - (g / 10) * (plotH / 2);
    const pts = filled.map((p, i) => (p.mean_goldstein === null ? null : [left + i * band + band / 2, gy(p.mean_goldstein)])).filter(Boolean);
    if (pts.length > 1) svg.append(s("polyline", { points: pts.map((p) => p.join(",")).join(" "), class: "gline" }));
    for (const [x, y] of pts) svg.append(s("circle", { cx: x, cy: y, r: 2.5, class: "gdot" }));
    svg.append(
      s("text", { x: WIDTH - right + 6, y: gy(10) + 4, class: "tick g" }, "+10"),
      s("text", { x: WIDTH - right + 6, y: gy(0) + 4, class: "tick g" }, "0"),
      s("text", { x: WIDTH - right + 6, y: gy(-10), class: "tick g" }, "−10"),
    );
  }
  const legend = h("ul", { class: "legend" },
    QUADS.map((q) => h("li", {}, h("span", { class: `swatch ${q.cls}`, "aria-hidden": "true" }), q.label)),
    options.goldsteinLine ? h("li", {}, h("span", { class: "swatch gline-swatch", "aria-hidden": "true" }), "Mean Goldstein score (right axis, −10 to +10)") : null,
  );
  const rows = filled.filter((p) => p.events);
  const table = h("details", { class: "data-table" },
    h("summary", {}, `Show the numbers (${rows.length} ${by}s with events)`),
    h("table", {},
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, by), QUADS.map((q) => h("th", { scope: "col" }, q.label)), h("th", { scope: "col" }, "Mean Goldstein"))),
      h("tbody", {}, rows.map((p) => h("tr", {}, h("th", { scope: "row" }, periodLabel(p.period, by)), QUADS.map((q) => h("td", { class: "num" }, fmt(p[q.key]))), h("td", { class: "num" }, fmtScore(p.mean_goldstein))))),
    ),
  );
  return h("figure", { class: "chart" }, h("figcaption", {}, title), svg, legend, table);
}
