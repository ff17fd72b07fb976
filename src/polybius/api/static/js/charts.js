// Hand-written SVG charts drawn at the width they are shown (one SVG unit = one CSS pixel),
// so that their text keeps its size on a phone: cooperation above the axis, conflict below.

import { fmt, fmtScore, h, plural, QUADS, s } from "./dom.js";

const EMPTY = { events: 0, verbal_cooperation: 0, material_cooperation: 0, verbal_conflict: 0, material_conflict: 0, mean_goldstein: null };
const MAX_BAR = 44; // one period never fills the whole width
export const SERIES_STYLES = [
  { colour: "#0b57a4", dash: "" },
  { colour: "#b2182b", dash: "6 3" },
  { colour: "#1e7a35", dash: "2 3" },
  { colour: "#6a3d9a", dash: "10 3 2 3" },
];

/** The width to draw at: the main column's, minus the figure's padding. */
export function chartWidth() {
  const main = document.getElementById("main");
  if (!main) return 900;
  const style = getComputedStyle(main);
  const figurePadding = window.matchMedia("(max-width: 700px)").matches ? 16 : 34;
  const width = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - figurePadding;
  return Math.max(260, Math.min(1400, Math.floor(width)));
}

function nextPeriod(date, by) {
  const d = new Date(date.getTime());
  if (by === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCDate(d.getUTCDate() + (by === "week" ? 7 : 1));
  return d;
}

/** The first day of the period holding `date` (weeks start on Monday, as the API's). */
function periodStart(date, by) {
  const d = new Date(date.getTime());
  if (by === "month") d.setUTCDate(1);
  else if (by === "week") d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d;
}

/** Every period from `first` to `last` (default: the points' own), empty ones filled with zeros. */
export function fillPeriods(points, by, first = null, last = null) {
  if (!points.length && !first) return [];
  const byKey = new Map(points.map((p) => [p.period, p]));
  const out = [];
  let d = periodStart(new Date((first || points[0].period) + "T00:00:00Z"), by);
  const end = new Date((last || points[points.length - 1].period) + "T00:00:00Z");
  let guard = 0;
  while (d <= end && guard++ < 20000) {
    const key = d.toISOString().slice(0, 10);
    out.push(byKey.get(key) || { period: key, ...EMPTY });
    d = nextPeriod(d, by);
  }
  return out;
}

/** Pick day, week or month so that a date range fits in a readable number of bars. */
export function periodFor(first, last) {
  if (!first || !last) return "day";
  const days = (new Date(last) - new Date(first)) / 86400000;
  if (days > 700) return "month";
  if (days > 120) return "week";
  return "day";
}

export function periodLabel(period, by) {
  if (by === "month") return period.slice(0, 7);
  if (by === "week") return `week of ${period}`;
  return period;
}

function tickLabel(period, by) {
  return by === "month" ? period.slice(0, 7) : period;
}

/** x-axis ticks that fit: labels at least ~96 px apart, none cut at the chart's edges. */
function xTicks(svg, filled, x, y, plotW, by, width) {
  const band = plotW / filled.length;
  const labelW = by === "month" ? 56 : 84;
  const step = Math.max(1, Math.ceil((labelW + 12) / band));
  for (let idx = 0; idx < filled.length; idx += step) {
    const tx = x(idx);
    let anchor = "middle", lx = tx;
    if (tx - labelW / 2 < 2) { anchor = "start"; lx = Math.max(2, tx - 6); }
    else if (tx + labelW / 2 > width - 2) { anchor = "end"; lx = Math.min(width - 2, tx + 6); }
    svg.append(
      s("line", { x1: tx, x2: tx, y1: y - 12, y2: y - 8, class: "axis" }),
      s("text", { x: lx, y, class: "tick", "text-anchor": anchor }, tickLabel(filled[idx].period, by)),
    );
  }
}

/**
 * A figure with the chart, its legend and the same numbers as a table.
 * options: {by, title, goldsteinLine, height, first, last, download}
 */
export function quadChart(points, options) {
  const by = options.by || "day";
  const filled = fillPeriods(points, by, options.first, options.last);
  const title = options.title;
  const events = filled.reduce((a, p) => a + p.events, 0);
  if (!events) {
    return h("figure", { class: "chart" }, h("figcaption", {}, title), h("p", { class: "empty" }, "No dated events for these filters."));
  }
  const width = options.width || chartWidth();
  const height = options.height || (width < 500 ? 220 : 260);
  const left = 44, right = options.goldsteinLine ? 36 : 8, top = 12, bottom = 30;
  const plotW = width - left - right, plotH = height - top - bottom;
  const up = (p) => p.verbal_cooperation + p.material_cooperation;
  const down = (p) => p.verbal_conflict + p.material_conflict;
  const maxUp = Math.max(1, ...filled.map(up));
  const maxDown = Math.max(1, ...filled.map(down));
  const scale = plotH / (maxUp + maxDown);
  const axisY = top + maxUp * scale;
  const band = plotW / filled.length;
  const barW = Math.max(1, Math.min(MAX_BAR, band * 0.8));
  const x = (i) => left + i * band + band / 2;
  const svg = s("svg", {
    viewBox: `0 0 ${width} ${height}`, width, height, class: "chart-svg", role: "img",
    "aria-label": `${title}: ${plural(events, "event")} in ${plural(filled.length, by)} from ${filled[0].period} to ${filled[filled.length - 1].period}; cooperation above the axis, conflict below. The numbers are in the table below the chart.`,
  });
  svg.append(
    s("line", { x1: left, x2: width - right, y1: axisY, y2: axisY, class: "axis" }),
    s("text", { x: left - 6, y: top + 9, class: "tick", "text-anchor": "end" }, fmt(maxUp)),
    s("text", { x: left - 6, y: axisY + 4, class: "tick", "text-anchor": "end" }, "0"),
    s("text", { x: left - 6, y: top + plotH, class: "tick", "text-anchor": "end" }, fmt(maxDown)),
  );
  xTicks(svg, filled, x, height - 6, plotW, by, width);
  filled.forEach((p, i) => {
    if (!p.events) return;
    const bx = x(i) - barW / 2;
    const g = s("g", { class: "bar" });
    let yUp = axisY;
    for (const q of QUADS.slice(0, 2)) {
      const hgt = p[q.key] * scale;
      if (hgt > 0) { yUp -= hgt; g.append(s("rect", { x: bx, y: yUp, width: barW, height: hgt, class: q.cls })); }
    }
    let yDown = axisY;
    for (const q of QUADS.slice(2)) {
      const hgt = p[q.key] * scale;
      if (hgt > 0) { g.append(s("rect", { x: bx, y: yDown, width: barW, height: hgt, class: q.cls })); yDown += hgt; }
    }
    g.append(s("title", {}, `${periodLabel(p.period, by)}: ${plural(p.events, "event")} — ` +
      QUADS.map((q) => `${q.label.toLowerCase()} ${p[q.key]}`).join(", ") +
      `; mean Goldstein ${fmtScore(p.mean_goldstein)}`));
    svg.append(g);
  });
  if (options.goldsteinLine) goldsteinLine(svg, filled, x, { axisY, top, bottom: top + plotH, right: width - right });
  const legend = h("ul", { class: "legend" },
    QUADS.map((q) => h("li", {}, h("span", { class: `swatch ${q.cls}`, "aria-hidden": "true" }), q.label)),
    options.goldsteinLine ? h("li", {}, h("span", { class: "swatch gline-swatch", "aria-hidden": "true" }), "Mean Goldstein score (right axis, −10 to +10; its 0 is the bars' axis)") : null,
  );
  return h("figure", { class: "chart" }, h("figcaption", {}, h("span", {}, title), options.download || null), svg, legend, numbersTable(filled, by));
}

/** The mean Goldstein line, its 0 on the bars' axis; broken across periods without events. */
function goldsteinLine(svg, filled, x, box) {
  const gy = (g) => (g >= 0 ? box.axisY - (g / 10) * (box.axisY - box.top) : box.axisY + (-g / 10) * (box.bottom - box.axisY));
  let run = [];
  const flush = () => {
    if (run.length > 1) svg.append(s("polyline", { points: run.map((p) => p.join(",")).join(" "), class: "gline" }));
    run = [];
  };
  filled.forEach((p, i) => {
    if (p.mean_goldstein === null || p.mean_goldstein === undefined) { flush(); return; }
    const pt = [x(i), gy(p.mean_goldstein)];
    run.push(pt);
    svg.append(s("circle", { cx: pt[0], cy: pt[1], r: 3, class: "gdot" }));
  });
  flush();
  svg.append(
    s("text", { x: box.right + 4, y: gy(10) + 9, class: "tick g" }, "+10"),
    s("text", { x: box.right + 4, y: gy(0) + 4, class: "tick g" }, "0"),
    s("text", { x: box.right + 4, y: gy(-10), class: "tick g" }, "−10"),
  );
}

function numbersTable(filled, by) {
  const rows = filled.filter((p) => p.events);
  return h("details", { class: "data-table" },
    h("summary", {}, `Show the numbers (${plural(rows.length, by)} with events)`),
    h("div", { class: "table-wrap" }, h("table", {},
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, by), QUADS.map((q) => h("th", { scope: "col" }, q.label)), h("th", { scope: "col" }, "Mean Goldstein"))),
      h("tbody", {}, rows.map((p) => h("tr", {}, h("th", { scope: "row" }, periodLabel(p.period, by)), QUADS.map((q) => h("td", { class: "num" }, fmt(p[q.key]))), h("td", { class: "num" }, fmtScore(p.mean_goldstein))))))),
  );
}

/**
 * Up to four series on one chart: [{name, points}], `metric` "events" or "mean_goldstein".
 * Each series has its own colour and dash pattern (readable without colour).
 */
export function lineChart(series, options) {
  const by = options.by;
  const metric = options.metric || "events";
  const all = series.flatMap((x) => x.points);
  const periods = [...new Set(all.map((p) => p.period))].sort();
  if (!periods.length) return h("figure", { class: "chart" }, h("figcaption", {}, options.title), h("p", { class: "empty" }, "No dated events for these actors."));
  const filled = fillPeriods([], by, periods[0], periods[periods.length - 1]);
  const width = options.width || chartWidth();
  const height = width < 500 ? 220 : 260;
  const left = 44, right = 8, top = 12, bottom = 30;
  const plotW = width - left - right, plotH = height - top - bottom;
  const values = series.map((x) => new Map(x.points.map((p) => [p.period, p[metric]])));
  const isScore = metric === "mean_goldstein";
  const maxV = isScore ? 10 : Math.max(1, ...all.map((p) => p[metric] || 0));
  const minV = isScore ? -10 : 0;
  const y = (v) => top + ((maxV - v) / (maxV - minV)) * plotH;
  const band = plotW / filled.length;
  const x = (i) => left + i * band + band / 2;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, width, height, class: "chart-svg", role: "img",
    "aria-label": `${options.title}; the numbers are in the table below the chart.` });
  svg.append(
    s("line", { x1: left, x2: width - right, y1: y(isScore ? 0 : 0), y2: y(0), class: "axis" }),
    s("text", { x: left - 6, y: top + 9, class: "tick", "text-anchor": "end" }, isScore ? "+10" : fmt(maxV)),
    s("text", { x: left - 6, y: y(0) + 4, class: "tick", "text-anchor": "end" }, "0"),
    isScore ? s("text", { x: left - 6, y: top + plotH, class: "tick", "text-anchor": "end" }, "−10") : null,
  );
  xTicks(svg, filled, x, height - 6, plotW, by, width);
  series.forEach((ser, k) => {
    const style = SERIES_STYLES[k % SERIES_STYLES.length];
    let run = [];
    const flush = () => {
      if (run.length > 1) svg.append(s("polyline", { points: run.join(" "), fill: "none", stroke: style.colour, "stroke-width": 2.5, "stroke-dasharray": style.dash || null }));
      run = [];
    };
    filled.forEach((p, i) => {
      const v = values[k].get(p.period);
      if (v === undefined || v === null) {
        if (isScore) { flush(); return; }
        run.push(`${x(i)},${y(0)}`);
        return;
      }
      run.push(`${x(i)},${y(v)}`);
      svg.append(s("circle", { cx: x(i), cy: y(v), r: 3, fill: style.colour }, s("title", {}, `${ser.name}, ${periodLabel(p.period, by)}: ${isScore ? fmtScore(v) : plural(v, "event")}`)));
    });
    flush();
  });
  const legend = h("ul", { class: "legend" }, series.map((ser, k) => {
    const sw = h("span", { class: "swatch line-swatch", "aria-hidden": "true" });
    sw.style.borderTopColor = SERIES_STYLES[k].colour;
    sw.style.borderTopStyle = SERIES_STYLES[k].dash ? "dashed" : "solid";
    return h("li", {}, sw, ser.name);
  }));
  const table = h("details", { class: "data-table" }, h("summary", {}, "Show the numbers"),
    h("div", { class: "table-wrap" }, h("table", {},
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, by), series.map((ser) => h("th", { scope: "col" }, ser.name)))),
      h("tbody", {}, periods.map((period) => h("tr", {}, h("th", { scope: "row" }, periodLabel(period, by)),
        values.map((m) => h("td", { class: "num" }, isScore ? fmtScore(m.get(period)) : fmt(m.get(period) || 0)))))))));
  return h("figure", { class: "chart" }, h("figcaption", {}, h("span", {}, options.title), options.download || null), svg, legend, table);
}
