import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import type { components, paths } from "./schema.js";

export type { components, paths };
export type Schemas = components["schemas"];
export type Language = "en" | "zh-CN";

/** A media type, as openapi-fetch matches it against the document's response content. */
export type MediaType = `${string}/${string}`;

/**
 * The representations a JSON caller gets by default. JSON-LD is left out so an article is typed as the plain
 * article; ask for it with `createMagSleepClient<"application/ld+json" | "application/problem+json">(...)`.
 */
export type JsonMedia = "application/json" | "application/problem+json" | "application/fhir+json";

export interface MagSleepOptions {
  /** Where the service is, e.g. `https://magsleep.example`; the paths begin with `/api/v1` or `/health`. */
  baseUrl: string;
  /** A partner key, sent as `X-Api-Key` (a higher rate limit). Leave it out to call anonymously. */
  apiKey?: string;
  /** Sent as `Accept-Language`; a call's own `lang` query parameter wins over it. */
  language?: Language;
  /** Request headers for every call, e.g. `Accept`. */
  headers?: Record<string, string>;
  fetch?: ClientOptions["fetch"];
}

export type MagSleepClient<Media extends MediaType = JsonMedia> = Client<paths, Media>;

/** A client whose paths, parameters, bodies and answers are typed from the service's OpenAPI document. */
export function createMagSleepClient<Media extends MediaType = JsonMedia>(options: MagSleepOptions): MagSleepClient<Media> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey) {
    headers["X-Api-Key"] = options.apiKey;
  }
  if (options.language) {
    headers["Accept-Language"] = options.language;
  }
  return createClient<paths, Media>({ baseUrl: options.baseUrl, headers, ...(options.fetch ? { fetch: options.fetch } : {}) });
}

/** An RFC 9457 problem as this service sends it: every error answer, in the asker's language. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  traceId?: string;
  /** For a 400: each field that was wrong, with what it must be (never the value sent). */
  errors?: Record<string, string[]>;
  [extension: string]: unknown;
}

/**
 * The problem in an error answer, or undefined when the answer is not one. Takes the body as unknown because
 * some statuses (401, 429) may be answered on operations whose documented errors do not list them.
 */
export function problemOf(response: Response, body: unknown): Problem | undefined {
  const mediaType = response.headers.get("Content-Type")?.split(";")[0]?.trim();
  if (mediaType !== "application/problem+json" || typeof body !== "object" || body === null) {
    return undefined;
  }
  const { title, status } = body as Record<string, unknown>;
  return typeof title === "string" && typeof status === "number" ? (body as Problem) : undefined;
}

/** How long to wait after a 429, from its `Retry-After` header (seconds), or undefined without one. */
export function retryAfterSeconds(response: Response): number | undefined {
  const value = Number(response.headers.get("Retry-After"));
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}
