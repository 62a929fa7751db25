// MagSleep API client: the part of this page a frontend can copy as it is.
//
// Everything goes through api(): relative URLs under /api/v1, the language both as `?lang=` and as
// `Accept-Language`, JSON in and out, and every error turned into an ApiError that carries the RFC 9457
// problem details the API sends (`title`, `detail`, `errors`, `traceId`) plus the Retry-After of a 429.
//
// A person's answers only ever travel in a POST body: never in a URL (URLs end up in history, logs and
// Referer headers), and this page never writes them to localStorage, sessionStorage or cookies either.

/** Thrown by api() for every outcome that is not a 2xx response. */
export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, or 0 when the server could not be reached at all.
   * @param {object|null} problem The parsed problem+json body, when there was one.
   * @param {number|null} retryAfterSeconds From the Retry-After header (or the problem's retryAfterSeconds) of a 429.
   */
  constructor(status, problem, retryAfterSeconds = null) {
    super(problem?.title ?? (status === 0 ? 'Network error' : `HTTP ${status}`));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Field errors of a 400, keyed by the path of the field as sent: "age", "medications[1]", "profile.age". */
  get fieldErrors() {
    return this.problem?.errors ?? {};
  }

  /** The id the service logged this request under: worth showing so a person can quote it to support. */
  get traceId() {
    return this.problem?.traceId ?? null;
  }
}

/**
 * Calls the MagSleep API and resolves to the parsed JSON body.
 *
 * @param {string} path Path below /api/v1, e.g. "/articles" or "/magnesium/dose-checks".
 * @param {object} [options]
 * @param {string} [options.method] "GET" (default) or "POST".
 * @param {object} [options.body] Sent as JSON. Leave a field out (or undefined) rather than sending 0 or "":
 *   the API then answers 400 "Is required." for that field, which is exactly what a person needs to see.
 * @param {string} [options.lang] "en" or "zh-CN": the language of every text in the answer.
 * @param {object} [options.query] Extra query parameters (e.g. { q: "melatonin" } for /search).
 * @param {AbortSignal} [options.signal] To cancel a request that is no longer wanted (e.g. the language changed).
 * @returns {Promise<any>}
 * @throws {ApiError} for 4xx/5xx answers and network failures; an aborted request rejects with the
 *   browser's own AbortError, which callers normally ignore.
 */
export async function api(path, { method = 'GET', body, lang, query, signal } = {}) {
  const params = new URLSearchParams(query);
  // `?lang=` wins over Accept-Language on the server. Sending it makes the language visible in the URL,
  // so every cache (the browser's included) keys on it; the header is what a client without a language
  // picker would send. Neither carries anything personal.
  if (lang) params.set('lang', lang);
  const search = params.toString();
  const url = `/api/v1${path}${search ? `?${search}` : ''}`;

  // Content GETs come with ETag and Cache-Control: the browser's HTTP cache revalidates them
  // (If-None-Match → 304) on its own, so there is no caching code here.
  const headers = { Accept: 'application/json' };
  if (lang) headers['Accept-Language'] = lang;
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'omit', // the API uses no cookies; partners authenticate with X-Api-Key server to server
    });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError(0, null); // offline, DNS, connection refused, CORS refusal…
  }

  const data = await readJson(response);
  if (response.ok) return data;

  let retryAfter = null;
  if (response.status === 429) {
    // Retry-After is delta-seconds here; the problem body repeats it as retryAfterSeconds.
    const header = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    retryAfter = Number.isFinite(header) ? header : Number(data?.retryAfterSeconds) || 60;
  }
  throw new ApiError(response.status, isObject(data) ? data : null, retryAfter);
}

/** Parses application/json and application/problem+json; anything else (an HTML error page from a proxy…) gives null. */
async function readJson(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (!/\bjson\b/i.test(type) || response.status === 204) return null;
  try {
    return await response.json();
  } catch (error) {
    if (error?.name === 'AbortError') throw error; // cancelled while the body was arriving
    return null;
  }
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
