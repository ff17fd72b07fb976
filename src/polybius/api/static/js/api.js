// Calls to the Polybius JSON API. Errors carry the server's message.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") query.set(k, v);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" } });
  } catch (err) {
    throw new ApiError(0, "the Polybius server cannot be reached; is `polybius serve` running?");
  }
  let body = null;
  try {
    body = await response.json();
  } catch (err) {
    body = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, (body && body.error) || `HTTP ${response.status}`);
  }
  return body;
}

// Hash routes carry the page's filters: #/events?actor=RUS&type=ASSAULT
export function routeParams() {
  const hash = location.hash.replace(/^#/, "");
  const i = hash.indexOf("?");
  return new URLSearchParams(i >= 0 ? hash.slice(i + 1) : "");
}

export function routeHref(page, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") query.set(k, v);
  }
  const q = query.toString();
  return `#/${page}${q ? "?" + q : ""}`;
}
