// Section 1: what the proxy adds. Every proxy run is paired with a direct run to the simulator, interleaved and
// alternating which goes first, so drift on a noisy machine lands on both sides.
import { BROWSER_HEADERS, timedRequest } from "../lib/http.mjs";
import { median, p95 } from "../lib/stats.mjs";
import { row } from "../lib/report.mjs";
import { progress } from "../lib/stack.mjs";

export const CHAT_MODEL = "gemini-2.5-flash";
const S = "1 proxy";

export const chatBody = (markers, model = CHAT_MODEL) =>
  ({ model, messages: [{ role: "user", content: `Benchmark answer, please. [[sim:${markers}]]` }] });

/** The chat's request as the browser sends it, to `path` on the app. */
const postChat = (baseURL, path, body, extra = {}) => timedRequest(`${baseURL}${path}`, {
  method: "POST",
  headers: { ...BROWSER_HEADERS, "content-type": "application/json", accept: "text/event-stream" },
  body: JSON.stringify(body),
  sse: true,
  ...extra,
});

export const proxyChat = (baseURL, body, extra = {}) => postChat(baseURL, "/api/chat", body, extra);

/** What lib/gateway sends upstream for the same request: the body plus stream and usage options. */
export function directChat(simUrl, apiKey, body, extra = {}) {
  return timedRequest(`${simUrl}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream", authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ ...body, stream: true, stream_options: { include_usage: true } }),
    sse: true,
    ...extra,
  });
}

const proxyModels = (baseURL) => timedRequest(`${baseURL}/api/models`, { headers: { ...BROWSER_HEADERS, accept: "application/json" } });
const directModels = (simUrl, apiKey) =>
  timedRequest(`${simUrl}/models`, { headers: { accept: "application/json", authorization: `Bearer ${apiKey}` } });

// The framework's floor: a request that Next routes to a route handler which answers at once (GET on the chat
// route: 405, no body read, no upstream call), against the simulator answering a request at once (its 404).
const proxyFloor = (baseURL) => timedRequest(`${baseURL}/api/chat`, { headers: { ...BROWSER_HEADERS, accept: "application/json" } });
const directFloor = (simUrl) => timedRequest(`${simUrl}/chat/completions`, { headers: { accept: "application/json" } });
// The floor under a streaming proxy: a route handler that reads the same POST body and streams one event at once,
// with no checks and no upstream call (app/api/bench/floor, served with BENCH_PAGES=1).
const proxyStreamFloor = (baseURL, body) => postChat(baseURL, "/api/bench/floor", body);
// Its counterpart: the simulator reading the same body and answering at once (no key: its 401).
const directStreamFloor = (simUrl, body) => timedRequest(`${simUrl}/chat/completions`, {
  method: "POST",
  headers: { "content-type": "application/json", accept: "text/event-stream" },
  body: JSON.stringify(body),
});

function check(r, what, status = 200) {
  if (r.status !== status) throw new Error(`${what} answered ${r.status}`);
  return r;
}

/** Times of the events that carry answer text, on either wire shape. */
function textEventTimes(result, shape) {
  const out = [];
  for (const e of result.eventTimes) {
    if (e.data === "[DONE]") continue;
    let obj;
    try { obj = JSON.parse(e.data); } catch { continue; }
    const isText = shape === "proxy" ? obj.type === "text" && obj.delta : !!obj.choices?.[0]?.delta?.content;
    if (isText) out.push(e.at);
  }
  return out;
}

/** Text events that arrived less than 1 ms after the previous one: upstream sent them 5 ms apart, so they were held back. */
function bunched(times) {
  let n = 0;
  for (let i = 1; i < times.length; i++) if (times[i] - times[i - 1] < 1) n++;
  return n;
}

/** "usage+finish ×30": which events shared a read, and how often. */
function sharedKinds(results) {
  const counts = new Map();
  for (const r of results) for (const k of r.sharedReads ?? []) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k} ×${n}`).join(", ") || "none";
}

/** Median gap between the last two events of direct streams: the upstream's own trailer spacing. */
function trailerGap(results) {
  return median(results.map((r) => r.eventTimes.at(-1).at - r.eventTimes.at(-2).at));
}

async function pairs(runs, proxyFn, directFn, [proxyStatus, directStatus] = [200, 200]) {
  const proxy = [];
  const direct = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      proxy.push(check(await proxyFn(), "proxy", proxyStatus));
      direct.push(check(await directFn(), "direct", directStatus));
    } else {
      direct.push(check(await directFn(), "direct", directStatus));
      proxy.push(check(await proxyFn(), "proxy", proxyStatus));
    }
  }
  return { proxy, direct };
}

function addedRows(label, { proxy, direct }) {
  const rows = [];
  for (const [metric, key] of [["TTFB", "ttfbMs"], ["total", "totalMs"]]) {
    const pm = median(proxy.map((r) => r[key]));
    const dm = median(direct.map((r) => r[key]));
    const pp = p95(proxy.map((r) => r[key]));
    const dp = p95(direct.map((r) => r[key]));
    const added = pm - dm;
    rows.push(row(S, `${label}: ${metric} added by proxy (median)`, added, "ms", "≤ 2 ms", added <= 2,
      `proxy ${pm.toFixed(2)} / direct ${dm.toFixed(2)} ms median; p95 ${pp.toFixed(2)} / ${dp.toFixed(2)}; n=${proxy.length}`));
  }
  return rows;
}

export async function benchProxy({ baseURL, simUrl, apiKey, runs = 30, longChars = 3000 }) {
  const rows = [];
  const burst = chatBody(`long=${longChars},pace=0`);
  const paced = chatBody(`long=${longChars},pace=5`);

  // The very first request after `next start` is listening: route module load, env parse, model-list fetch.
  progress("proxy: first request after start");
  const first = check(await proxyChat(baseURL, burst), "first proxy request");
  const firstDirect = check(await directChat(simUrl, apiKey, burst), "direct");
  rows.push(row(S, "first /api/chat after start: TTFB", first.ttfbMs, "ms", "(NextChat: up to 21 ms added)", undefined,
    `direct to simulator ${firstDirect.ttfbMs.toFixed(2)} ms`));

  progress("proxy: warm-up");
  await pairs(10, () => proxyChat(baseURL, burst), () => directChat(simUrl, apiKey, burst));
  await pairs(4, () => proxyChat(baseURL, paced), () => directChat(simUrl, apiKey, paced));
  await pairs(10, () => proxyModels(baseURL), () => directModels(simUrl, apiKey));
  await pairs(10, () => proxyFloor(baseURL), () => directFloor(simUrl), [405, 404]);
  await pairs(10, () => proxyStreamFloor(baseURL, burst), () => directStreamFloor(simUrl, burst), [200, 401]);

  // Measured first, so the rows below can be read against it.
  progress(`proxy: the framework's floor (${runs} pairs)`);
  const f = await pairs(runs, () => proxyFloor(baseURL), () => directFloor(simUrl), [405, 404]);
  const floor = median(f.proxy.map((r) => r.ttfbMs)) - median(f.direct.map((r) => r.ttfbMs));
  rows.push(row(S, "floor: Next route handler answering at once, TTFB added", floor, "ms", "(what ≤ 2 ms leaves our code)", undefined,
    `GET /api/chat → 405 (no body, no upstream) vs the simulator's 404: proxy ${median(f.proxy.map((r) => r.ttfbMs)).toFixed(2)} / direct ${median(f.direct.map((r) => r.ttfbMs)).toFixed(2)} ms median; n=${runs}`));
  progress(`proxy: the floor under a streaming route (${runs} pairs)`);
  const fs = await pairs(runs, () => proxyStreamFloor(baseURL, burst), () => directStreamFloor(simUrl, burst), [200, 401]);
  const streamFloor = median(fs.proxy.map((r) => r.ttfbMs)) - median(fs.direct.map((r) => r.ttfbMs));
  rows.push(row(S, "floor: Next route handler reading the chat's POST body and streaming one event at once, TTFB added", streamFloor, "ms",
    "(what ≤ 2 ms leaves a streaming proxy)", undefined,
    `POST /api/bench/floor (no checks, no upstream) vs the simulator reading the same body and answering 401 at once: proxy ${median(fs.proxy.map((r) => r.ttfbMs)).toFixed(2)} / direct ${median(fs.direct.map((r) => r.ttfbMs)).toFixed(2)} ms median; n=${runs}`));
  const overFloor = (label, { proxy, direct }, base, what) => {
    const added = median(proxy.map((r) => r.ttfbMs)) - median(direct.map((r) => r.ttfbMs));
    return row(S, `${label}: TTFB added beyond the floor`, added - base, "ms", "", undefined, what);
  };
  const CHAT_BEYOND = "beyond the streaming floor: the checks, the body's parse and validation, the model check, the upstream request and the first event's translation";

  progress(`proxy: chat, upstream in a burst (${runs} pairs)`);
  const b = await pairs(runs, () => proxyChat(baseURL, burst), () => directChat(simUrl, apiKey, burst));
  rows.push(...addedRows(`chat burst (${longChars} chars)`, b), overFloor("chat burst", b, streamFloor, CHAT_BEYOND));

  progress(`proxy: chat, upstream paced 5 ms per event (${runs} pairs)`);
  const p = await pairs(runs, () => proxyChat(baseURL, paced), () => directChat(simUrl, apiKey, paced));
  rows.push(...addedRows(`chat paced 5 ms`, p), overFloor("chat paced", p, streamFloor, CHAT_BEYOND));
  const proxyTimes = p.proxy.map((r) => textEventTimes(r, "proxy"));
  const directTimes = p.direct.map((r) => textEventTimes(r, "direct"));
  const proxyBunched = proxyTimes.reduce((n, t) => n + bunched(t), 0);
  const directBunched = directTimes.reduce((n, t) => n + bunched(t), 0);
  const textEvents = proxyTimes.reduce((n, t) => n + t.length, 0);
  rows.push(row(S, "paced: text events held back and bunched (< 1 ms apart)", proxyBunched, `of ${textEvents}`, "0", proxyBunched === 0,
    `direct: ${directBunched} of ${directTimes.reduce((n, t) => n + t.length, 0)}`));
  // "Each event its own read": the proxy must not make a read carry events the upstream sent as separate writes. It
  // is held to the count of shared reads straight from the simulator, which sends its trailer (usage, then [DONE])
  // back to back, so a client may see those two in one read on either path.
  const reads = p.proxy.reduce((n, r) => n + r.reads, 0);
  const events = p.proxy.reduce((n, r) => n + r.events, 0);
  const many = p.proxy.reduce((n, r) => n + r.readsWithManyEvents, 0);
  const directMany = p.direct.reduce((n, r) => n + r.readsWithManyEvents, 0);
  rows.push(row(S, "paced: reads carrying more than one event, proxy (straight from the simulator)", many, `(${directMany})`,
    "no more than straight from the simulator", many <= directMany,
    `proxy: ${sharedKinds(p.proxy)}; simulator: ${sharedKinds(p.direct)}, its last two events ${trailerGap(p.direct).toFixed(2)} ms apart (median); ${reads} reads for ${events} proxy events (${(reads / events).toFixed(2)} per event); content-encoding ${p.proxy[0].headers["content-encoding"] ?? "none"}`));

  progress(`proxy: /api/models (${runs} pairs)`);
  const m = await pairs(runs, () => proxyModels(baseURL), () => directModels(simUrl, apiKey));
  rows.push(...addedRows("/api/models", m).map((r) => ({ ...r, note: `${r.note}; proxy answers from its 60 s model-list cache, ${m.proxy[0].headers["content-encoding"] ?? "uncompressed"}` })));
  rows.push(overFloor("/api/models", m, floor, "beyond the 405 floor: the checks and the answer from the model-list cache"));
  return rows;
}
