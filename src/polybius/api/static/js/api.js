// Calls to the Polybius JSON API. Errors carry the server's message.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** "path?query" with the empty parameters left out. */
export function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") query.set(k, v);
  }
  return query.toString() ? `${path}?${query}` : path;
}

// answers kept for the life of the page (the store's totals, codes, actors)
const cache = new Map();

export async function get(path, params = {}, { keep = false } = {}) {
  const url = apiUrl(path, params);
  if (keep && cache.has(url)) return cache.get(url);
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" } });
  } catch (err) {
    throw new ApiError(0, "the Polybius server cannot be reached; is `polybius serve` running? Reload the page when it is.");
  }
  let body = null;
  try {
    body = await response.json();
  } catch (err) {
    body = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, (body && body.error) || `the server answered HTTP ${response.status}`);
  }
  if (keep) cache.set(url, body);
  return body;
}

// Hash routes carry the page's filters: #/events?actor=RUS&type=ASSAULT
export function routeParams() {
  const hash = location.hash.replace(/^#/, "");
  const i = hash.indexOf("?");
  return new URLSearchParams(i >= 0 ? hash.slice(i + 1) : "");
}

// the shared date range travels with every link inside the dashboard
export const RANGE_KEYS = ["range", "date_from", "date_to"];

/** A link to a page; the current date range is kept unless `params` sets it (null drops it). */
export function routeHref(page, params = {}) {
  const current = routeParams();
  const query = new URLSearchParams();
  for (const k of RANGE_KEYS) if (current.get(k) && !(k in params)) query.set(k, current.get(k));
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") query.set(k, v);
  }
  const q = query.toString();
  return `#/${page}${q ? "?" + q : ""}`;
}
