import type { AppError } from "@/lib/schemas";
import { isErrorEnvelope } from "./wire";
import { useSettingsStore } from "@/lib/stores/settings-store";

/** An error from /api/*, carrying the app's error contract. */
export class ApiError extends Error {
  readonly info: AppError;
  readonly status: number;
  constructor(info: AppError, status: number) {
    super(info.message);
    this.name = "ApiError";
    this.info = info;
    this.status = status;
  }
}

/** Headers every call to /api/* carries: the person's own key, when they set one. */
export function apiHeaders(extra?: HeadersInit): Headers {
  const headers = new Headers(extra);
  const userKey = useSettingsStore.getState().userKey.trim();
  if (userKey) headers.set("X-Gateway-Key", userKey);
  return headers;
}

/** Turns a non-2xx response into an ApiError, whatever its body. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => "");
  try {
    const body: unknown = JSON.parse(text);
    if (isErrorEnvelope(body)) return new ApiError(body.error, res.status);
  } catch {
    // not JSON: fall through to a generic message
  }
  const retryAfter = Number(res.headers.get("Retry-After"));
  return new ApiError(
    {
      code: res.status === 429 ? "rate_limited" : res.status >= 500 ? "upstream_unavailable" : "bad_request",
      message: `The server answered ${res.status} ${res.statusText}.`.trim(),
      retryable: res.status === 429 || res.status >= 500,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter } : {}),
    },
    res.status,
  );
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof DOMException && err.name === "AbortError") {
    return new ApiError({ code: "aborted", message: "Stopped.", retryable: true }, 0);
  }
  return new ApiError(
    {
      code: "network_error",
      message: "Could not reach the Gateway Studio server. Check your connection and try again.",
      retryable: true,
    },
    0,
  );
}

/** fetch for /api/*: adds the person's key, throws ApiError on any failure. */
export async function apiFetch(path: `/api/${string}`, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: apiHeaders(init.headers), credentials: "same-origin" });
  } catch (err) {
    throw toApiError(err);
  }
  if (!res.ok) throw await errorFromResponse(res);
  return res;
}

export async function apiJson<T>(path: `/api/${string}`, init: RequestInit = {}): Promise<T> {
  const res = await apiFetch(path, init);
  return (await res.json()) as T;
}
