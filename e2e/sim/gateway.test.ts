// Wire-level checks of the simulator against /work/shared/gateway-protocol.md (quirk numbers from §8).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";
import http from "node:http";
import { startGateway, type Gateway } from "./gateway.mjs";

const KEY = "sk-simtest-123";
const FIX = new URL("../fixtures/", import.meta.url);
let sim: Gateway;

beforeAll(async () => { sim = await startGateway({ apiKey: KEY, paceMs: 2 }); });
afterAll(async () => { await sim.close(); });

const auth = { Authorization: `Bearer ${KEY}` };
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(sim.url + path, { method: "POST", headers: { ...auth, "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
const chat = (content: unknown, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  post("/chat/completions", { model: "gemini-2.5-flash", messages: [{ role: "user", content }], ...extra }, headers);
const events = (text: string) => text.split(/\r?\n\r?\n/).filter(Boolean);
const dataJson = (text: string) => events(text).filter((e) => e.startsWith("data: {")).map((e) => JSON.parse(e.slice(6)));

function isValidPng(buf: Buffer) {
  if (buf.subarray(0, 8).toString("hex") !== "89504e470d0a1a0a") return false;
  const w = buf.readUInt32BE(16), h = buf.readUInt32BE(20);
  let pos = 8; const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), type = buf.toString("ascii", pos + 4, pos + 8);
    if (type === "IDAT") idat.push(buf.subarray(pos + 8, pos + 8 + len));
    pos += 12 + len;
  }
  return inflateSync(Buffer.concat(idat)).length === h * (w * 3 + 1);
}

describe("routing, auth, headers (quirks 15, 21, 23)", () => {
  it("401 without a key, new-api shape and request id suffix", async () => {
    const r = await fetch(sim.url + "/models");
    expect(r.status).toBe(401);
    const rid = r.headers.get("x-oneapi-request-id")!;
    expect(rid).toMatch(/^\d{23}[A-Za-z0-9]{8}$/);
    expect(await r.json()).toEqual({ error: { message: `无效的令牌 (request id: ${rid})`, type: "new_api_error" } });
  });

  it("lists models like new-api", async () => {
    const r = await fetch(sim.url + "/models", { headers: auth });
    const j = await r.json();
    expect(j.success).toBe(true);
    const byId = Object.fromEntries(j.data.map((m: { id: string }) => [m.id, m]));
    for (const id of ["gemini-2.5-flash", "gemini-3-pro-image-preview", "deepseek-ai/DeepSeek-V3-0324", "zai-org/GLM-5", "openai/whisper-large-v3", "BAAI/bge-m3"]) expect(byId[id]).toBeTruthy();
    expect(byId["gemini-3-pro-image-preview"]).toMatchObject({ created: 1626777600, owned_by: "vertex-ai", supported_endpoint_types: ["gemini", "openai"] });
    expect(byId["black-forest-labs/FLUX-1.1-pro"].supported_endpoint_types[0]).toBe("image-generation");
    const bad = await fetch(sim.url + "/models", { headers: { ...auth, "x-sim-mode": "models-error" } });
    expect(bad.status).toBe(200);
    expect(await bad.json()).toEqual({ success: false, message: "get user group failed" });
  });

  it("404 Invalid URL and CORS for any origin", async () => {
    const r = await fetch(sim.url + "/foo", { method: "POST", headers: { ...auth, Origin: "https://x.example" } });
    expect(r.status).toBe(404);
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
    expect(r.headers.get("x-oneapi-request-id")).toBeTruthy();
    expect(await r.json()).toEqual({ error: { message: "Invalid URL (POST /v1/foo)", type: "invalid_request_error", param: "", code: "" } });
  });

  it("echo-key 401 masks the key it received", async () => {
    const r = await fetch(sim.url + "/chat/completions", { method: "POST", headers: { Authorization: "Bearer sk-canary-0000ffffabcd", "x-sim-mode": "echo-key" }, body: "{}" });
    expect(r.status).toBe(401);
    expect((await r.json()).error.message).toContain("Incorrect API key provided: sk-canar***…abcd");
  });
});

describe("chat streaming envelopes (quirks 6, 7, 9)", () => {
  it("converted (Gemini) stream: role chunk, separate stop chunk, usage only on request, [DONE]", async () => {
    const r = await chat("Hello there [[sim:pace=0]]", { stream: true });
    expect(r.headers.get("content-type")).toBe("text/event-stream");
    const text = await r.text();
    const ev = events(text);
    expect(ev.at(-1)).toBe("data: [DONE]");
    const chunks = dataJson(text);
    expect(JSON.stringify(chunks[0].choices[0].delta)).toBe('{"content":"","role":"assistant"}');
    expect(chunks[0]).toMatchObject({ system_fingerprint: null, usage: null, object: "chat.completion.chunk" });
    expect(chunks[0].id).toBe(`chatcmpl-${r.headers.get("x-oneapi-request-id")}`);
    expect(chunks.at(-1).choices[0]).toEqual({ delta: {}, logprobs: null, finish_reason: "stop", index: 0 });
    expect(chunks.some((c) => c.choices.length === 0)).toBe(false);
    expect(chunks.map((c) => c.choices[0].delta.content ?? "").join("")).toContain("Hello there");

    const u = dataJson(await (await chat("hi", { stream: true, stream_options: { include_usage: true } })).text());
    expect(u.at(-1).choices).toEqual([]);
    expect(u.at(-1).usage.completion_tokens_details).toHaveProperty("image_tokens");
  });

  it("answers depend on history (multi-turn)", async () => {
    const r = await post("/chat/completions", { model: "deepseek-ai/DeepSeek-V3-0324", messages: [
      { role: "system", content: "be brief" }, { role: "user", content: "My name is Ada" },
      { role: "assistant", content: "Hi Ada" }, { role: "user", content: [{ type: "text", text: "What is my name?" }, { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } }] }] });
    const c = (await r.json()).choices[0].message.content;
    expect(c).toContain("What is my name?");
    expect(c).toContain("turn **2**");
    expect(c).toContain("My name is Ada");
    expect(c).toMatch(/1 attached image \(image\/png/);
  });

  it("pass-through channels lag one chunk; converted ones do not", async () => {
    const ttfb = async (model: string, marker: string) => {
      const t0 = Date.now();
      const r = await post("/chat/completions", { model, stream: true, messages: [{ role: "user", content: `hi ${marker}` }] });
      const reader = r.body!.getReader();
      await reader.read();
      const dt = Date.now() - t0;
      await reader.cancel();
      return dt;
    };
    expect(await ttfb("zai-org/GLM-5", "[[sim:pace=300]]")).toBeGreaterThanOrEqual(250);
    expect(await ttfb("zai-org/GLM-5", "[[sim:pace=300,no-lag]]")).toBeLessThan(200);
  });

  it("usage chunk variants (choices null / missing)", async () => {
    const a = dataJson(await (await chat("x [[sim:usage-choices=null]]", { stream: true, stream_options: { include_usage: true } })).text());
    expect(a.at(-1).choices).toBeNull();
    const b = dataJson(await (await chat("x [[sim:usage-choices=missing]]", { stream: true, stream_options: { include_usage: true } })).text());
    expect("choices" in b.at(-1)).toBe(false);
  });
});

describe("images in chat (quirks 1–4, 12)", () => {
  const img = (content: string, extra = {}) => post("/chat/completions", { model: "gemini-3-pro-image-preview", stream: true, messages: [{ role: "user", content }], ...extra });

  it("whole image in ONE data: line as a Markdown data URL holding a valid PNG", async () => {
    const text = await (await img("a blue whale")).text();
    const lines = text.split("\n").filter((l) => l.includes("data:image/png;base64,"));
    expect(lines).toHaveLength(1);
    const content = JSON.parse(lines[0]!.slice(6)).choices[0].delta.content as string;
    const m = /^!\[image\]\(data:image\/png;base64,([A-Za-z0-9+/=]+)\)$/.exec(content)!;
    expect(isValidPng(Buffer.from(m[1]!, "base64"))).toBe(true);
    expect(dataJson(text).some((c) => c.choices[0]?.delta?.reasoning_content)).toBe(true);
  });

  it("large mode: multi-MB single line", async () => {
    const text = await (await img("big [[sim:large=2]]")).text();
    const longest = Math.max(...text.split("\n").map((l) => l.length));
    expect(longest).toBeGreaterThan(2_000_000);
  });

  it("split-image spreads the Markdown over deltas, cutting inside data:image/png;base64,", async () => {
    const chunks = dataJson(await (await img("x [[sim:split-image]]")).text());
    const contents = chunks.map((c) => c.choices[0]?.delta?.content).filter((s) => typeof s === "string" && s);
    const joined = contents.join("");
    expect(joined).toMatch(/!\[image\]\(data:image\/png;base64,[A-Za-z0-9+/=]+\)$/);
    expect(contents.some((s: string) => s.endsWith("data:image/p"))).toBe(true);
    expect(contents.filter((s: string) => /[A-Za-z0-9+/]{50}/.test(s)).length).toBeGreaterThan(1);
  });

  it("images-array and jpeg variants", async () => {
    const j = await (await post("/chat/completions", { model: "gemini-2.5-flash-image", messages: [{ role: "user", content: "x [[sim:images-array,jpeg]]" }] })).json();
    const url = j.choices[0].message.images[0].image_url.url as string;
    expect(url.startsWith("data:image/jpeg;base64,/9j/")).toBe(true);
    expect(j.choices[0].message.content).not.toContain("![image]");
  });

  it("max_tokens ≤ 1024 on an image model → length, empty content, no image", async () => {
    const chunks = dataJson(await (await post("/chat/completions", { model: "gemini-2.5-flash-image", stream: true, max_tokens: 1024, messages: [{ role: "user", content: "cat" }] })).text());
    expect(chunks.at(-1).choices[0]).toMatchObject({ finish_reason: "length", delta: { content: "" } });
    expect(JSON.stringify(chunks)).not.toContain("base64");
    const ok = dataJson(await (await post("/chat/completions", { model: "gemini-2.5-flash-image", stream: true, max_tokens: 1024, messages: [{ role: "user", content: "cat [[sim:ignore-max-tokens]]" }] })).text());
    expect(JSON.stringify(ok)).toContain("base64");
  });
});

describe("stream failures and framing (quirks 2, 5, 8, 10, 11, 13)", () => {
  it("truncated stream still ends in [DONE] with no finish_reason", async () => {
    const text = await (await chat("x [[sim:truncated-done]]", { stream: true, stream_options: { include_usage: true } })).text();
    expect(events(text).at(-1)).toBe("data: [DONE]");
    expect(dataJson(text).every((c) => c.choices?.[0]?.finish_reason == null && !c.usage)).toBe(true);
  });

  it("abrupt close: no [DONE]", async () => {
    const r = await chat("x [[sim:abrupt-close]]", { stream: true });
    const text = await r.text().catch((e) => `ERR ${e}`);
    expect(text).not.toContain("[DONE]");
  });

  it("relay_stream_error chunk + [DONE]; bare JSON error without data: prefix", async () => {
    const a = await (await chat("x [[sim:relay-stream-error]]", { stream: true })).text();
    expect(dataJson(a).at(-1).error.type).toBe("relay_stream_error");
    expect(events(a).at(-1)).toBe("data: [DONE]");
    const b = await (await chat("x [[sim:bare-json-error]]", { stream: true })).text();
    expect(b).toMatch(/\n\{"error":\{/);
    expect(b).not.toContain("[DONE]");
  });

  it("crlf + ping + think-tags", async () => {
    const text = await (await chat("x [[sim:crlf,ping=40,slow-first-byte=150,think-tags]]", { stream: true })).text();
    expect(text.startsWith(": PING\r\n\r\n")).toBe(true);
    expect(text).toContain("\r\n\r\ndata: [DONE]\r\n\r\n");
    expect(dataJson(text).map((c) => c.choices[0]?.delta?.content ?? "").join("")).toMatch(/^<think>\n[\s\S]+\n<\/think>\n/);
  });

  it("chunk-bytes slices still reassemble to the same events (UTF-8 split safe)", async () => {
    const text = await (await chat("héllo 中文 [[sim:chunk-bytes=7]]", { stream: true })).text();
    expect(text).toContain("中文");
    expect(events(text).at(-1)).toBe("data: [DONE]");
  });

  it("pre-stream errors are plain JSON even with stream:true; 429-empty has no body or content-type", async () => {
    const r = await chat("x [[sim:error=429-empty]]", { stream: true });
    expect(r.status).toBe(429);
    expect(r.headers.get("content-type")).toBeNull();
    expect(await r.text()).toBe("");
    const q = await chat("x [[sim:error=403-quota]]", { stream: true });
    expect(q.status).toBe(403);
    expect((await q.json()).error.code).toBe("insufficient_user_quota");
    const g = await chat("x", { stream: true }, { "x-sim-mode": "error=429-gemini" });
    expect((await g.json()).error.code).toBe(429);
    const h = await chat("x [[sim:html-502]]");
    expect(h.status).toBe(502);
    expect(h.headers.get("content-type")).toBe("text/html");
    expect(h.headers.get("x-oneapi-request-id")).toBeNull();
  });

  it("records client aborts", async () => {
    sim.reset();
    const ac = new AbortController();
    const r2 = await fetch(sim.url + "/chat/completions", { method: "POST", signal: ac.signal, headers: auth,
      body: JSON.stringify({ model: "gemini-2.5-flash", stream: true, messages: [{ role: "user", content: "y [[sim:long=20000,pace=20]]" }] }) });
    const reader = r2.body!.getReader();
    await reader.read();
    const stopAt = Date.now();
    ac.abort();
    await new Promise((res) => setTimeout(res, 200));
    const e = sim.log.find((x) => x.body?.messages?.[0]?.content?.startsWith("y "))!;
    expect(e.aborted).toBe(true);
    expect(e.abortedAt! - stopAt).toBeLessThan(1000);
  });
});

describe("images endpoint (quirk 18)", () => {
  it("gemini: b64_json PNG with url:\"\" and revised_prompt:\"\"", async () => {
    const j = await (await post("/images/generations", { model: "gemini-3-pro-image-preview", prompt: "cat", n: 1 })).json();
    expect(Object.keys(j)).toEqual(["data", "created"]);
    expect(j.data[0].url).toBe("");
    expect(j.data[0].revised_prompt).toBe("");
    expect(isValidPng(Buffer.from(j.data[0].b64_json, "base64"))).toBe(true);
  });

  it("flux: JPEG without prefix, prompt echoed; fewer images than asked", async () => {
    const j = await (await post("/images/generations", { model: "black-forest-labs/FLUX-1.1-pro", prompt: "astronaut [[sim:fewer]]", n: 3 })).json();
    expect(j.data).toHaveLength(2);
    expect(j.data[0].b64_json.startsWith("/9j/")).toBe(true);
    expect(j.data[0].revised_prompt).toBe("astronaut");
  });

  it("url mode is served by the sim; url-expired 404s", async () => {
    const j = await (await post("/images/generations", { model: "gemini-2.5-flash-image", prompt: "x [[sim:url]]" })).json();
    const img = await fetch(j.data[0].url);
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(isValidPng(Buffer.from(await img.arrayBuffer()))).toBe(true);
    const k = await (await post("/images/generations", { model: "gemini-2.5-flash-image", prompt: "x [[sim:url-expired]]" })).json();
    expect((await fetch(k.data[0].url)).status).toBe(404);
  });

  it("sends HTTP 102 while waiting when asked", async () => {
    const infos = await new Promise<number[]>((resolve) => {
      const seen: number[] = [];
      const req = http.request(sim.url + "/images/generations", { method: "POST", headers: { ...auth, "Content-Type": "application/json" } }, (res: http.IncomingMessage) => { res.resume(); res.on("end", () => resolve(seen)); });
      req.on("information", (i: http.InformationEvent) => seen.push(i.statusCode));
      req.end(JSON.stringify({ model: "gemini-2.5-flash-image", prompt: "x [[sim:slow=300,processing=100]]" }));
    });
    expect(infos).toContain(102);
  });
});

describe("transcriptions (quirks 19, 20)", () => {
  const upload = (file: Blob, filename: string, fields: Record<string, string> = {}) => {
    const fd = new FormData();
    fd.append("file", file, filename);
    fd.append("model", fields.model ?? "openai/whisper-large-v3");
    for (const [k, v] of Object.entries(fields)) if (k !== "model") fd.append(k, v);
    return fetch(sim.url + "/audio/transcriptions", { method: "POST", headers: auth, body: fd });
  };
  const fixture = (name: string) => new Blob([readFileSync(new URL(name, FIX))]);

  it("returns the fixture's real sentence and records the upload byte for byte", async () => {
    sim.reset();
    const bytes = readFileSync(new URL("speech-en.mp3", FIX));
    const j = await (await upload(new Blob([bytes], { type: "audio/mpeg" }), "recording.mp3", { response_format: "verbose_json" })).json();
    expect(j.text).toMatch(/^The quick brown fox/);
    expect(j.segments.length).toBe(2);
    expect(j.duration).toBeGreaterThan(7);
    const e = sim.log.at(-1)!;
    expect(Buffer.compare(e.file!.data, bytes)).toBe(0);
    expect(e.file).toMatchObject({ filename: "recording.mp3", contentType: "audio/mpeg" });
    expect(e.authorization).toBe(`Bearer ${KEY}`);
    const zh = await (await upload(fixture("speech-zh.wav"), "speech-zh.wav")).json();
    expect(zh.text).toBe("这是一个中文对话，带有完整的标点符号。");
  });

  it(".webm and extension-less names fail with 500 count_token_failed", async () => {
    for (const name of ["speech-en.webm", "blob"]) {
      const r = await upload(fixture("speech-en.webm"), name);
      expect(r.status).toBe(500);
      expect((await r.json()).error.code).toBe("count_token_failed");
    }
  });

  it("text/srt/vtt are text/plain; Groq-style model refuses srt with a 4xx and adds x_groq", async () => {
    const srt = await upload(fixture("speech-en.wav"), "a.wav", { response_format: "srt" });
    expect(srt.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await srt.text()).toMatch(/^1\n00:00:00,000 --> 00:00:0\d,\d{3}\n The quick/);
    const vtt = await upload(fixture("speech-en.wav"), "a.wav", { response_format: "vtt", model: "whisper-large-v3-turbo" });
    expect(vtt.status).toBe(400);
    const j = await (await upload(fixture("speech-en.wav"), "a.wav", { model: "whisper-large-v3-turbo" })).json();
    expect(j.x_groq.id).toMatch(/^req_/);
  });

  it("413 over MAX_REQUEST_BODY_MB", async () => {
    const small = await startGateway({ apiKey: KEY, maxBodyMB: 1 });
    try {
      const fd = new FormData();
      fd.append("file", new Blob([Buffer.alloc(1_200_000)]), "big.wav");
      fd.append("model", "openai/whisper-large-v3");
      const r = await fetch(small.url + "/audio/transcriptions", { method: "POST", headers: auth, body: fd });
      expect(r.status).toBe(413);
      expect((await r.json()).error.code).toBe("read_request_body_failed");
    } finally { await small.close(); }
  });

  it("upstream 413 for a file over the whisper limit that fits new-api's body limit", async () => {
    const scaled = await startGateway({ apiKey: KEY, maxBodyMB: 2, upstreamMaxFileMB: 1 }); // 25/32 MB scaled down
    try {
      const wav = readFileSync(new URL("speech-en.wav", FIX));
      const fd = new FormData();
      fd.append("file", new Blob([Buffer.concat([wav, Buffer.alloc(1_500_000 - wav.length)])]), "big.wav");
      fd.append("model", "openai/whisper-large-v3");
      const r = await fetch(scaled.url + "/audio/transcriptions", { method: "POST", headers: auth, body: fd });
      expect(r.status).toBe(413);
      expect((await r.json()).error.message).toMatch(/^Maximum content size limit \(1048576\) exceeded/);
    } finally { await scaled.close(); }
  });
});

describe("control routes", () => {
  it("health, log (sha256 instead of bytes), reset, without a key", async () => {
    expect((await (await fetch(sim.origin + "/__sim/health")).json()).ok).toBe(true);
    const fd = new FormData();
    fd.append("file", new Blob([readFileSync(new URL("speech-en.wav", FIX))]), "speech-en.wav");
    fd.append("model", "openai/whisper-large-v3");
    await fetch(sim.url + "/audio/transcriptions", { method: "POST", headers: auth, body: fd });
    const { entries } = await (await fetch(sim.origin + "/__sim/log?last=1")).json();
    expect(entries[0].file).toMatchObject({ filename: "speech-en.wav", sha256: "a1dd6e522cdd008bff2997a803468a74847d8e8fc9e4025127c7a2a3eea247fd" });
    expect(entries[0].file.data).toBeUndefined();
    await fetch(sim.origin + "/__sim/reset", { method: "POST" });
    expect((await (await fetch(sim.origin + "/__sim/log")).json()).entries).toEqual([]);
  });
});
