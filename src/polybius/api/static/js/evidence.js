// The evidence sentence with its source, target and trigger spans highlighted.

import { h } from "./dom.js";

const ROLE_LABEL = { source: "source", target: "target", trigger: "trigger" };

/**
 * A paragraph with <mark> elements for the highlighted spans. Overlapping spans are cut at
 * every boundary; each piece carries the classes of all spans covering it.
 */
export function evidence(text, highlights, tag = "p") {
  text = text || "";
  const cuts = new Set([0, text.length]);
  for (const hl of highlights) { cuts.add(hl.start); cuts.add(hl.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const ends = new Map();
  for (const hl of highlights) {
    if (!ends.has(hl.end)) ends.set(hl.end, []);
    ends.get(hl.end).push(hl.role);
  }
  const out = h(tag, { class: "evidence" });
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const roles = [...new Set(highlights.filter((hl) => hl.start <= a && hl.end >= b).map((hl) => hl.role))];
    if (roles.length) {
      out.append(h("mark", { class: roles.map((r) => `hl-${r}`).join(" "), title: roles.join(" + ") }, piece));
    } else {
      out.append(piece);
    }
    for (const role of ends.get(b) || []) {
      out.append(h("span", { class: "sr-only" }, ` [${ROLE_LABEL[role]}]`));
    }
  }
  return out;
}

export function legend() {
  return h("p", { class: "hl-legend" },
    "Highlighted: ",
    h("mark", { class: "hl-source" }, "source"), " ",
    h("mark", { class: "hl-trigger" }, "trigger"), " ",
    h("mark", { class: "hl-target" }, "target"));
}

/** A one-line evidence for tables: the trigger highlighted. */
export function triggerOnly(event) {
  const hls = [];
  if (event.trigger_start !== null && event.trigger_end !== null && event.trigger_end > event.trigger_start) {
    hls.push({ role: "trigger", start: event.trigger_start, end: event.trigger_end });
  }
  return evidence(event.sentence_text, hls, "span");
}
