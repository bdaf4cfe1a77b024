// The JSON API as the reader uses it: same-origin session, the CSRF token
// in a header on writes, and every refusal thrown as an ApiFailure carrying
// the server's ErrorOut {code, message, details}.
import { gettext } from "./i18n.js";

export class ApiFailure extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

export async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRFToken"] = csrfToken();
  let response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure(0, "network", gettext("The server could not be reached. Check the connection and try again."));
  }
  if (response.status === 204) return null;
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const message = data && data.message ? data.message : gettext("The server refused the change.");
    throw new ApiFailure(response.status, data?.code || "error", message, data?.details);
  }
  return data;
}

// Every item of a paginated list, page by page.
export async function getAll(path) {
  const items = [];
  const limit = 500;
  const join = path.includes("?") ? "&" : "?";
  for (let offset = 0; ; offset += limit) {
    const page = await api("GET", `${path}${join}limit=${limit}&offset=${offset}`);
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}
