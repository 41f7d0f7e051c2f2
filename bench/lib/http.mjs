// Timed HTTP requests with node:http (no fetch machinery between the socket and the clock), keep-alive like a browser.
import http from "node:http";
import zlib from "node:zlib";

export const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

/**
 * Sends one request and times it: headers, first body byte, end. For event streams it also records every read
 * (one `data` callback of the response) and when each complete `data:` event arrived, to see whether events
 * were bunched together on their way.
 * Returns { status, headers, ttfbMs, headersMs, totalMs, bytes, reads, events, eventTimes, readsWithManyEvents, body? }.
 */
export function timedRequest(url, { method = "GET", headers = {}, body, keepBody = false, signal, sse = false } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(url, { method, headers, agent, signal }, (res) => {
      const headersMs = performance.now() - t0;
      let ttfbMs = NaN;
      let bytes = 0;
      let reads = 0;
      let readsWithManyEvents = 0;
      // Which events shared a read, by their `type` (or [DONE]): to tell a held-back answer from a trailer that
      // the upstream itself sent in one burst.
      const sharedReads = [];
      const eventTimes = [];
      const chunks = [];
      let pending = "";
      const encoding = res.headers["content-encoding"];
      let stream = res;
      res.on("data", (d) => {
        if (reads === 0) ttfbMs = performance.now() - t0;
        reads++;
        bytes += d.length;
      });
      if (encoding === "gzip" || encoding === "br" || encoding === "deflate") {
        stream = res.pipe(encoding === "br" ? zlib.createBrotliDecompress() : encoding === "gzip" ? zlib.createGunzip() : zlib.createInflate());
      }
      stream.on("data", (d) => {
        if (keepBody) chunks.push(d);
        if (!sse) return;
        const now = performance.now() - t0;
        pending += d.toString("utf8");
        const parts = pending.split("\n\n");
        pending = parts.pop();
        const complete = parts.filter((p) => p.startsWith("data:"));
        if (complete.length > 1) {
          readsWithManyEvents++;
          sharedReads.push(complete.map(eventKind).join("+"));
        }
        for (const p of complete) eventTimes.push({ at: now, data: p.slice(5).trim() });
      });
      stream.on("end", () => {
        resolve({
          status: res.statusCode, headers: res.headers, startedAt: t0, headersMs, ttfbMs, totalMs: performance.now() - t0,
          bytes, reads, events: eventTimes.length, eventTimes, readsWithManyEvents, sharedReads,
          body: keepBody ? Buffer.concat(chunks) : undefined,
        });
      });
      stream.on("error", reject);
      res.on("error", reject);
    });
    req.on("error", reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

/** An event's kind for the report: the app's `type`, or for an upstream chunk [DONE], usage, finish or content. */
function eventKind(part) {
  const data = part.slice(5).trim();
  if (data === "[DONE]") return data;
  let obj;
  try { obj = JSON.parse(data); } catch { return "unparsed"; }
  if (typeof obj.type === "string") return obj.type;
  const choice = obj.choices?.[0];
  if (!choice) return obj.usage ? "usage" : "other";
  return choice.finish_reason ? "finish" : "content";
}

/** The browser's encodings: the proxy must not compress (and so buffer) an event stream it was asked to gzip. */
export const BROWSER_HEADERS = { "accept-encoding": "gzip, deflate, br, zstd", "accept-language": "en-US,en;q=0.9" };
