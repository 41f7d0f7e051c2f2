// Types for tests written in TypeScript; the implementation is plain ESM in gateway.mjs.
export interface GatewayOptions {
  port?: number;
  host?: string;
  /** Accepted key (`sk-…`); without it any `Bearer sk-…` is accepted. */
  apiKey?: string;
  /** Added before every /v1 response (first byte). */
  latencyMs?: number;
  jitterMs?: number;
  /** Delay per simulated channel retry (`[[sim:retry=N]]`). Default 500. */
  retryDelayMs?: number;
  /** Default gap between stream events in ms. Default 15. */
  paceMs?: number;
  /** MAX_REQUEST_BODY_MB; bigger bodies get 413. Default 32. */
  maxBodyMB?: number;
  /** The whisper upstream's file limit (OpenAI/Groq: 25 MB); bigger files get its 413 passed through. */
  upstreamMaxFileMB?: number;
  /** Unknown model ids get new-api's 503 "无可用渠道". Default true. */
  strictModels?: boolean;
  /** Extra model ids listed by /v1/models (owned_by "custom", pass-through). */
  extraModels?: string[];
  /** Default delay before `[[sim:cf-524]]` answers. Default 100000. */
  cf524DelayMs?: number;
}

export interface LoggedPart {
  name: string;
  filename?: string;
  contentType?: string;
  size: number;
  sha256: string;
  value?: string;
  data: Buffer;
}

export interface LogEntry {
  seq: number;
  requestId: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** The Authorization header exactly as received (null if absent). */
  authorization: string | null;
  startedAt: number;
  firstByteAt: number | null;
  finishedAt: number | null;
  closedAt?: number;
  /** The client closed the socket before the response finished. */
  aborted: boolean;
  abortedAt: number | null;
  /** The sim itself cut the connection (`abrupt-close`). */
  closedBySim: boolean;
  status: number | null;
  modes: Record<string, string | true>;
  bodyBytes?: number;
  /** When the request body had been fully received. */
  bodyReadAt?: number;
  /** Parsed JSON request body. */
  body?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- arbitrary client JSON
  rawBody?: string;
  parts?: LoggedPart[];
  fields?: Record<string, string>;
  file?: { filename?: string; contentType?: string; size: number; sha256: string; data: Buffer };
}

export interface Gateway {
  /** e.g. http://127.0.0.1:1234/v1 */
  url: string;
  /** e.g. http://127.0.0.1:1234 (control routes live at /__sim/…) */
  origin: string;
  port: number;
  log: LogEntry[];
  files: Map<string, unknown>;
  reset(): void;
  close(): Promise<void>;
}

export function startGateway(opts?: GatewayOptions): Promise<Gateway>;
