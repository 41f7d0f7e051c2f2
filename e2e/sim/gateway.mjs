// Simulated IoTeX AI gateway (a new-api deployment), modelled on /work/shared/gateway-protocol.md.
// startGateway(opts) → { url, port, close(), log, reset(), files }. See README.md for every switch.
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { newRequestId, randomString } from "./ids.mjs";
import { errorResponse, newApiError } from "./errors.mjs";
import { extractMarkers, headerModes, splitModel, num } from "./modes.mjs";
import { modelList, isKnownModel, isConverted, MODELS } from "./models.mjs";
import { buildPlan, nonStreamBody, streamChat } from "./chat.mjs";
import { contentOf } from "./text.mjs";
import { imagesBody } from "./images.mjs";
import { handleTranscription } from "./audio.mjs";
import { boundaryOf, parseMultipart } from "./multipart.mjs";
import { jsonParts, partsLength } from "./wire.mjs";
import { sha256, publicEntry } from "./log.mjs";

const JSON_TYPE = "application/json; charset=utf-8";

export async function startGateway(opts = {}) {
  const o = {
    port: 0, host: "127.0.0.1", apiKey: undefined,
    latencyMs: 0, jitterMs: 0, retryDelayMs: 500, paceMs: 15,
    maxBodyMB: 32, upstreamMaxFileMB: 25, strictModels: true, extraModels: [], cf524DelayMs: 100_000,
    ...opts,
  };
  const log = [];
  const files = new Map();
  let seq = 0;
  let base = "";

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) sendJson(res, 500, newApiError(`sim internal error: ${e.message}`, res.__rid, { code: "sim_error" }));
      else res.destroy();
    });
  });
  server.on("connection", (s) => s.setNoDelay(true)); // one write per event reaches the client as its own segment
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 0; // slow uploads and long stalls are intentional here
  server.headersTimeout = 60_000;

  function storeFile(pic) {
    const id = randomString(16);
    files.set(id, pic);
    if (files.size > 256) files.delete(files.keys().next().value);
    return `${base}/files/${id}.${pic.mime === "image/jpeg" ? "jpg" : "png"}`;
  }
  const expiredUrl = (pic) => `${base}/files/expired-${randomString(16)}.${pic.mime === "image/jpeg" ? "jpg" : "png"}`;

  async function handle(req, res) {
    const url = new URL(req.url, "http://sim");
    const path = url.pathname;
    const rid = newRequestId();
    res.__rid = rid;

    if (path.startsWith("/__sim/")) return control(req, res, path, url);

    // new-api middleware: request id on every response; gin-contrib/cors (AllowAllOrigins, AllowHeaders "*").
    res.setHeader("X-Oneapi-Request-Id", rid);
    if (req.headers.origin) {
      res.setHeader("Access-Control-Allow-Origin", "*");
      res.setHeader("Access-Control-Allow-Credentials", "true");
    }
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET,POST,PUT,DELETE,OPTIONS",
        "Access-Control-Allow-Headers": "*",
        "Access-Control-Max-Age": "43200",
      });
      return res.end();
    }

    const entry = {
      seq: ++seq, requestId: rid, method: req.method, path, query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers }, authorization: req.headers.authorization ?? null,
      startedAt: Date.now(), firstByteAt: null, finishedAt: null, aborted: false, abortedAt: null, closedBySim: false,
      status: null, modes: {},
    };
    log.push(entry);
    track(res, entry);

    if (req.method === "GET" && path.startsWith("/files/")) return serveFile(req, res, path);

    const route = `${req.method} ${path}`;
    const known = ["POST /v1/chat/completions", "POST /v1/images/generations", "POST /v1/audio/transcriptions", "GET /v1/models"];
    const isModelGet = req.method === "GET" && /^\/v1\/models\/.+/.test(path);
    if (!known.includes(route) && !isModelGet) {
      await drainBody(req);
      return sendJson(res, 404, { error: { message: `Invalid URL (${req.method} ${path})`, type: "invalid_request_error", param: "", code: "" } });
    }

    // TokenAuth runs before the body is read (§6), but the body is still read so tests can see what arrived.
    const auth = checkAuth(req.headers.authorization);
    const { buf, size, tooLarge } = await readBody(req, o.maxBodyMB * 1024 * 1024);
    entry.bodyBytes = size;
    entry.bodyReadAt = Date.now();
    if (!auth.ok && tooLarge) return sendCatalog(res, errorResponse("401", { rid }));
    if (tooLarge) return sendCatalog(res, errorResponse("413", { rid }));

    const modes = headerModes(req.headers["x-sim-mode"]);
    entry.modes = modes;
    const ctx = { req, res, rid, modes, entry, key: auth.key, authOk: auth.ok, buf, url };
    if (path === "/v1/chat/completions") return chat(ctx);
    if (path === "/v1/images/generations") return images(ctx);
    if (path === "/v1/audio/transcriptions") return audio(ctx);
    return models(ctx, isModelGet ? decodeURIComponent(path.slice("/v1/models/".length)) : null);
  }

  function track(res, entry) {
    const writeHead = res.writeHead;
    res.writeHead = function (status, ...rest) {
      entry.status = status;
      entry.firstByteAt ??= Date.now();
      return writeHead.call(this, status, ...rest);
    };
    res.on("finish", () => { entry.finishedAt = Date.now(); });
    res.on("close", () => {
      if (!res.writableFinished && !entry.closedBySim) { entry.aborted = true; entry.abortedAt = Date.now(); }
      entry.closedAt = Date.now();
    });
    res.__markSimClose = () => { entry.closedBySim = true; };
  }

  /** new-api TokenAuth: `Bearer sk-…`, `sk-` stripped, `-suffix` picks a channel (§1 item 3). */
  function checkAuth(header) {
    const m = /^Bearer\s+(.+)$/i.exec(header ?? "");
    if (!m) return { ok: false };
    const key = m[1].trim();
    if (!o.apiKey) return { ok: key.startsWith("sk-") && key.length > 3, key };
    const want = o.apiKey.replace(/^sk-/, "");
    const got = key.replace(/^sk-/, "");
    return { ok: got === want || got.startsWith(want + "-"), key };
  }

  /** The 401 is decided after markers are read only so `echo-key` can answer with a rejected key (quirk 15). */
  function authGate(ctx) {
    if (ctx.modes.error === "echo-key") { sendCatalog(ctx.res, errorResponse("echo-key", { rid: ctx.rid, key: ctx.key })); return false; }
    if (!ctx.authOk) { sendCatalog(ctx.res, errorResponse("401", { rid: ctx.rid })); return false; }
    return true;
  }

  async function preamble(ctx, { processingMs = 0 } = {}) {
    const { modes, res } = ctx;
    const wait = o.latencyMs + Math.random() * (o.jitterMs + num(modes.jitter, 0)) + num(modes.latency, 0) + num(modes.retry, 0) * o.retryDelayMs +
      (modes.slow !== undefined ? num(modes.slow, 0) : 0);
    if (wait > 0) {
      // HTTP 102 Processing while an image is pending (newest new-api keep_alive.go, §4).
      let timer = null;
      if (processingMs > 0) timer = setInterval(() => { if (!res.headersSent && !res.destroyed) res.writeProcessing(); }, processingMs);
      await waitUnlessGone(res, wait);
      if (timer) clearInterval(timer);
    }
    if (res.destroyed) return false;
    if (modes.redirect && modes.redirect !== true) {
      res.writeHead(302, { Location: modes.redirect, "Content-Length": "0" });
      res.end();
      return false;
    }
    if (modes.error) {
      if (modes.error === "cf-524") await waitUnlessGone(res, num(modes["cf-524"], o.cf524DelayMs));
      const e = errorResponse(String(modes.error), { rid: ctx.rid, model: ctx.model ?? "", key: ctx.key });
      if (e && !res.destroyed) { sendCatalog(res, e); return false; }
    }
    return !res.destroyed;
  }

  async function chat(ctx) {
    const { res, rid, modes } = ctx;
    const body = parseJson(ctx);
    if (!body) return;
    const sm = splitModel(body.model, modes);
    const model = sm.model;
    ctx.model = model;
    const msgs = Array.isArray(body.messages) ? body.messages : null;
    const lastUser = msgs?.filter((m) => m?.role === "user").at(-1);
    const { clean } = extractMarkers(contentOf(lastUser).text, modes);
    modes.__cleanLast = clean;
    if (!authGate(ctx)) return;
    if (!model || !msgs) return sendJson(res, 400, newApiError(`field ${!model ? "model" : "messages"} is required`, rid, { param: "", code: "invalid_request" }));
    if (o.strictModels && !isKnownModel(model, o.extraModels) && !modes.error)
      return sendCatalog(res, errorResponse("503-no-channel", { rid, model }));
    if (isConverted(model)) {
      const n = msgs.reduce((k, m) => k + contentOf(m).images.length, 0);
      if (n > 16) return sendJson(res, 400, newApiError("too many images in the message, max allowed is 16", rid, { param: "", code: "convert_request_failed" }));
    }
    if (!(await preamble(ctx))) return;
    const plan = buildPlan(body, modes, model);
    if (body.stream) {
      return streamChat({ res, plan, modes, model, rid, body, opts: o, storeFile,
        markSimClose: res.__markSimClose });
    }
    await waitUnlessGone(res, num(modes["slow-first-byte"], 0));
    const { body: out, blobs } = nonStreamBody(plan, modes, model, rid, storeFile);
    return sendParts(res, 200, jsonParts(out, blobs), { "Content-Type": JSON_TYPE }, modes);
  }

  async function images(ctx) {
    const { res, rid, modes } = ctx;
    const body = parseJson(ctx);
    if (!body) return;
    const model = splitModel(body.model, modes).model;
    ctx.model = model;
    const { clean } = extractMarkers(String(body.prompt ?? ""), modes);
    modes.__cleanPrompt = clean;
    if (!authGate(ctx)) return;
    if (!model) return sendJson(res, 400, newApiError("field model is required", rid, { param: "", code: "invalid_request" }));
    if (o.strictModels && !isKnownModel(model, o.extraModels) && !modes.error)
      return sendCatalog(res, errorResponse("503-no-channel", { rid, model }));
    if (!body.prompt) return sendJson(res, 400, newApiError("prompt is required", rid, { param: "", code: "invalid_request" }));
    if (!(await preamble(ctx, { processingMs: num(modes.processing, 0) }))) return;
    const { body: out, blobs } = imagesBody({ body, modes, model, storeFile, expiredUrl });
    return sendParts(res, 200, jsonParts(out, blobs), { "Content-Type": JSON_TYPE }, modes);
  }

  async function audio(ctx) {
    const { req, res, rid, modes, entry, buf } = ctx;
    const boundary = boundaryOf(req.headers["content-type"]);
    if (!boundary && !ctx.authOk) return sendCatalog(res, errorResponse("401", { rid }));
    if (!boundary) return sendJson(res, 400, newApiError("request Content-Type isn't multipart/form-data", rid, { param: "", code: "invalid_request" }));
    const parts = parseMultipart(buf, boundary);
    entry.parts = parts.map((p) => ({
      name: p.name, filename: p.filename, contentType: p.contentType, size: p.data.length, sha256: sha256(p.data),
      ...(p.filename === undefined ? { value: p.data.toString("utf8") } : {}), data: p.data,
    }));
    entry.fields = Object.fromEntries(parts.filter((p) => p.filename === undefined).map((p) => [p.name, p.data.toString("utf8")]));
    const file = entry.parts.find((p) => p.filename !== undefined);
    if (file) entry.file = { filename: file.filename, contentType: file.contentType, size: file.size, sha256: file.sha256, data: file.data };
    const model = splitModel(entry.fields.model ?? "", modes).model;
    ctx.model = model;
    extractMarkers(entry.fields.prompt ?? "", modes);
    if (!authGate(ctx)) return;
    if (!model) return sendJson(res, 400, newApiError("field model is required", rid, { param: "", code: "invalid_request" }));
    if (o.strictModels && !isKnownModel(model, o.extraModels) && !modes.error)
      return sendCatalog(res, errorResponse("503-no-channel", { rid, model }));
    if (!(await preamble(ctx))) return;
    const r = handleTranscription({ parts, modes, model, rid, upstreamMaxBytes: o.upstreamMaxFileMB * 1024 * 1024 });
    if (r.body) return sendJson(res, r.status, r.body);
    if (r.json) return sendJson(res, 200, r.json);
    return sendParts(res, 200, [r.text], { "Content-Type": r.contentType }, modes);
  }

  async function models(ctx, id) {
    const { res, modes } = ctx;
    if (!authGate(ctx)) return;
    if (!(await preamble(ctx))) return;
    if (modes["models-error"]) return sendJson(res, 200, { success: false, message: "get user group failed" });
    if (id) {
      const row = [...MODELS, ...o.extraModels.map((x) => [x, "custom"])].find((m) => m[0] === id);
      if (!row) return sendJson(res, 200, { error: { message: `The model '${id}' does not exist`, type: "invalid_request_error", param: "model", code: "model_not_found" } });
      return sendJson(res, 200, { id, object: "model", created: 1626777600, owned_by: row[1] });
    }
    return sendJson(res, 200, modelList({ legacy: !!modes["models-legacy"], extra: o.extraModels }));
  }

  function parseJson(ctx) {
    const { buf, entry, res, rid } = ctx;
    const text = buf.toString("utf8");
    try {
      const body = JSON.parse(text);
      entry.body = body;
      return body;
    } catch (e) {
      entry.rawBody = text;
      if (!ctx.authOk) { sendCatalog(res, errorResponse("401", { rid })); return null; }
      sendJson(res, 400, newApiError(`invalid character in request body: ${e.message}`, rid, { param: "", code: "invalid_request" }));
      return null;
    }
  }

  function serveFile(req, res, path) {
    const id = path.slice("/files/".length).replace(/\.(png|jpg)$/, "");
    const pic = files.get(id);
    if (!pic) { // expired or unknown: like a signed URL past its lifetime
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      return res.end("404 page not found");
    }
    res.writeHead(200, { "Content-Type": pic.mime, "Content-Length": pic.bytes.length, "Cache-Control": "public, max-age=3600" });
    res.end(pic.bytes);
  }

  function control(req, res, path, url) {
    const cors = { "Access-Control-Allow-Origin": "*" };
    if (req.method === "OPTIONS") { res.writeHead(204, { ...cors, "Access-Control-Allow-Methods": "GET,POST", "Access-Control-Allow-Headers": "*" }); return res.end(); }
    if (path === "/__sim/health") return sendJson(res, 200, { ok: true, requests: log.length, url: `${base}/v1` }, cors);
    if (path === "/__sim/reset" && req.method === "POST") { reset(); return sendJson(res, 200, { ok: true }, cors); }
    if (path === "/__sim/log" && req.method === "GET") {
      let rows = log;
      const p = url.searchParams.get("path");
      if (p) rows = rows.filter((e) => e.path === p);
      const last = Number(url.searchParams.get("last"));
      if (last > 0) rows = rows.slice(-last);
      return sendJson(res, 200, { entries: rows.map(publicEntry) }, cors);
    }
    return sendJson(res, 404, { error: "unknown sim control route" }, cors);
  }

  function reset() { log.length = 0; files.clear(); }

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host, () => { server.off("error", reject); resolve(); });
  });
  const port = server.address().port;
  const hostForUrl = o.host.includes(":") ? `[${o.host}]` : o.host;
  base = `http://${hostForUrl}:${port}`;

  return {
    url: `${base}/v1`, origin: base, port, log, files, reset,
    close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

// ---------- helpers ----------

async function waitUnlessGone(res, ms) {
  const end = Date.now() + ms;
  while (!res.destroyed && Date.now() < end) await sleep(Math.min(50, end - Date.now()));
}

/** Reads up to `limit` bytes; the rest is drained and discarded so the client can finish sending (413 path). */
function readBody(req, limit) {
  return new Promise((resolve) => {
    const chunks = []; let size = 0;
    req.on("data", (c) => { size += c.length; if (size <= limit) chunks.push(c); });
    req.on("end", () => resolve({ buf: size <= limit ? Buffer.concat(chunks) : Buffer.alloc(0), size, tooLarge: size > limit }));
    req.on("error", () => resolve({ buf: Buffer.alloc(0), size, tooLarge: false }));
    req.on("close", () => resolve({ buf: Buffer.concat(chunks), size, tooLarge: size > limit }));
  });
}
const drainBody = (req) => readBody(req, 0);

function sendJson(res, status, obj, headers = {}) {
  return sendParts(res, status, jsonParts(obj), { "Content-Type": JSON_TYPE, ...headers });
}

function sendParts(res, status, parts, headers, modes = {}) {
  if (res.destroyed) return;
  res.writeHead(status, { ...headers, "Content-Length": partsLength(parts) });
  if (modes["abrupt-close"]) { // non-stream variant: half the body, then the connection drops
    const all = Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p)));
    res.__markSimClose?.();
    res.write(all.subarray(0, all.length >> 1));
    return setImmediate(() => res.socket?.destroy());
  }
  res.cork();
  for (const p of parts) res.write(p);
  res.end();
  res.uncork();
}

/** Sends a catalog error; proxy-made pages carry no new-api headers (§6: nginx/Cloudflare in front). */
function sendCatalog(res, e) {
  if (e.proxy) {
    res.removeHeader("X-Oneapi-Request-Id");
    res.removeHeader("Access-Control-Allow-Origin");
    res.removeHeader("Access-Control-Allow-Credentials");
  }
  if (e.body === null) { res.writeHead(e.status, { ...e.headers, "Content-Length": "0" }); return res.end(); } // 429 empty: no content-type
  if (typeof e.body === "string") return sendParts(res, e.status, [e.body], e.headers);
  return sendJson(res, e.status, e.body, e.headers);
}
