import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canaryKey, MODELS_BODY, startMockUpstream, type MockUpstream } from "@/lib/server/testing/mock-upstream";
import { APP, captureLogs, expectNoSecret, loadRoutes, responseText } from "@/lib/server/testing/route-harness";

const KEY = canaryKey();
const FIXTURES = new URL("../../../e2e/fixtures/", import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES));
let mock: MockUpstream;
let routes: Awaited<ReturnType<typeof loadRoutes>>;
let logs: string[];
const seen: string[] = [];
let reply: (format: string) => { status: number; body: string; type?: string } = () => ({ status: 200, body: '{"text":"hello"}' });

const calls = () => mock.requests.filter((r) => r.path === "/v1/audio/transcriptions");

function upload(bytes: Uint8Array, filename = "speech.wav", fields: Record<string, string> = { model: "openai/whisper-large-v3" }, type = "audio/wav") {
  const form = new FormData();
  form.set("file", new Blob([bytes as BlobPart], { type }), filename);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return new Request(`${APP}/api/transcriptions`, { method: "POST", body: form, headers: { origin: APP } });
}
async function send(request: Request) {
  const response = await routes.transcriptions.POST(request);
  const body = await response.text();
  seen.push(responseText(response, body));
  return { status: response.status, json: JSON.parse(body) };
}

beforeAll(async () => {
  logs = captureLogs();
  mock = await startMockUpstream();
  mock.handle((req, res, recorded) => {
    if (req.url === "/v1/models") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(MODELS_BODY));
      return;
    }
    const format = /name="response_format"\r\n\r\n(\w+)/.exec(recorded.body.toString("latin1"))?.[1] ?? "json";
    const { status, body, type } = reply(format);
    res.writeHead(status, { "content-type": type ?? "application/json" });
    res.end(body);
  });
  routes = await loadRoutes({ GATEWAY_BASE_URL: mock.url, GATEWAY_API_KEY: KEY });
});
afterAll(async () => {
  for (const line of [...logs, ...seen]) expectNoSecret(line, KEY);
  await mock.close();
});

describe("POST /api/transcriptions", () => {
  it("forwards the bytes unchanged as audio.<ext> from magic bytes, asking for verbose_json, and normalizes segments", async () => {
    reply = () => ({ status: 200, body: JSON.stringify({ task: "transcribe", language: "english", duration: 8.47, text: " The quick brown fox.", segments: [{ id: 0, start: 0, end: 3.3, text: " The quick brown fox.", tokens: [1] }], x_groq: { id: "req_1" } }) });
    const wav = fixture("speech-en.wav");
    const { status, json } = await send(upload(wav, "speech.wav", { model: "openai/whisper-large-v3", language: "en", prompt: "fox", temperature: "0.2" }));
    expect(status).toBe(200);
    expect(json).toEqual({ text: "The quick brown fox.", language: "english", duration: 8.47, segments: [{ start: 0, end: 3.3, text: "The quick brown fox." }], format: "verbose_json" });
    const body = calls().at(-1)!.body;
    expect(body.includes(wav)).toBe(true);
    const text = body.toString("latin1");
    expect(text).toContain('filename="audio.wav"');
    for (const field of ["model", "language", "prompt", "temperature", "response_format"]) expect(text).toContain(`name="${field}"`);
  });

  it("falls back to json when the gateway refuses verbose_json with a 4xx", async () => {
    reply = (format) => (format === "verbose_json" ? { status: 400, body: '{"error":{"message":"response_format verbose_json not supported"}}' } : { status: 200, body: '{"text":"plain"}' });
    const { json } = await send(upload(fixture("speech-en.mp3"), "a.mp3", { model: "openai/whisper-large-v3" }, "audio/mpeg"));
    expect(json).toEqual({ text: "plain", format: "json" });
    expect(calls().at(-1)!.body.toString("latin1")).toContain('filename="audio.mp3"');
  });

  it("text formats come back as text", async () => {
    reply = () => ({ status: 200, body: "WEBVTT\n\n00:00:00.000 --> 00:00:03.320\nHi\n", type: "text/plain" });
    const { json } = await send(upload(fixture("speech-en.ogg"), "a.ogg", { model: "openai/whisper-large-v3", response_format: "vtt" }));
    expect(json).toEqual({ text: "WEBVTT\n\n00:00:00.000 --> 00:00:03.320\nHi", format: "vtt" });
  });

  it("count_token_failed for webm maps to audio_format_rejected with a plain message", async () => {
    reply = () => ({ status: 500, body: JSON.stringify({ error: { message: "unsupported audio format: webm (request id: 20250208185713265160286Q0xs4itN)", type: "new_api_error", code: "count_token_failed" } }) });
    const { status, json } = await send(upload(fixture("speech-en.webm"), "rec", { model: "openai/whisper-large-v3" }, "audio/webm"));
    expect(status).toBe(415);
    expect(json.error).toMatchObject({ code: "audio_format_rejected", requestId: "20250208185713265160286Q0xs4itN", message: expect.stringContaining("WAV") });
    expect(calls().at(-1)!.body.toString("latin1")).toContain('filename="audio.webm"');
  });

  it("U-4: text named .mp3, an EXE named .wav and an HTML page are refused with 415 before upload", async () => {
    const before = calls().length;
    for (const [bytes, name] of [[fixture("not-audio.mp3"), "not-audio.mp3"], [Buffer.from("MZ\x90\x00\x03\x00\x00\x00"), "x.wav"], [Buffer.from("<html><script>alert(1)</script>"), "pwn.html"]] as const) {
      const { status, json } = await send(upload(bytes, name));
      expect(status).toBe(415);
      expect(json.error.code).toBe("unsupported_media_type");
    }
    expect(calls().length).toBe(before);
  });

  it("U-4/U-5: a WAV polyglot named pwn.html with a hostile filename is forwarded only as audio.wav", async () => {
    reply = () => ({ status: 200, body: '{"text":"ok"}' });
    const polyglot = Buffer.concat([fixture("speech-en.wav").subarray(0, 4096), Buffer.from("<script>alert(1)</script>")]);
    await send(upload(polyglot, '../../pwn".html\r\nContent-Type: text/html', { model: "openai/whisper-large-v3" }, "text/html"));
    const sent = calls().at(-1)!.body.toString("latin1");
    expect(sent).toContain('filename="audio.wav"');
    expect(sent).toContain("Content-Type: audio/wav");
    expect(sent).not.toMatch(/pwn|text\/html|\.\.\//);
  });

  it("U-6: an empty file and a missing file are 400", async () => {
    expect((await send(upload(new Uint8Array(0)))).json.error).toMatchObject({ code: "bad_request", message: expect.stringContaining("empty") });
    const form = new FormData();
    form.set("model", "openai/whisper-large-v3");
    expect((await send(new Request(`${APP}/api/transcriptions`, { method: "POST", body: form }))).status).toBe(400);
  });

  it("bad fields are a 400 naming the field", async () => {
    const { status, json } = await send(upload(fixture("speech-en.wav"), "a.wav", { model: "openai/whisper-large-v3", language: "english!!", temperature: "7" }));
    expect(status).toBe(400);
    expect(json.error.message).toMatch(/language/);
  });

  it("U-1: Content-Length over the limit is 413 before the body is read", async () => {
    let pulled = 0;
    const body = new ReadableStream({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const request = new Request(`${APP}/api/transcriptions`, {
      method: "POST",
      body,
      duplex: "half",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(200 * 1024 * 1024) },
    } as RequestInit);
    const { status, json } = await send(request);
    expect(status).toBe(413);
    expect(json.error.code).toBe("payload_too_large");
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it("U-2: a 200 MB chunked body is refused at limit+1 bytes, RSS growing < 20 MB", async () => {
    const piece = new Uint8Array(256 * 1024);
    globalThis.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let sent = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (sent >= 200 * 1024 * 1024) return controller.close();
        sent += piece.byteLength;
        controller.enqueue(piece);
      },
    });
    const request = new Request(`${APP}/api/transcriptions`, { method: "POST", body, duplex: "half", headers: { "content-type": "multipart/form-data; boundary=x" } } as RequestInit);
    const { status } = await send(request);
    expect(status).toBe(413);
    expect(sent).toBeLessThan(27 * 1024 * 1024);
    // The refused bytes were spooled to disk, not held in memory.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(20 * 1024 * 1024);
  });

  it("U-2: the same, with every 64 KB read in a fresh buffer as from a socket: peak RSS grows < 20 MB", async () => {
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    let sent = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (sent >= 200 * 1024 * 1024) return controller.close();
        const read = new Uint8Array(64 * 1024).fill(0x41);
        sent += read.byteLength;
        controller.enqueue(read);
      },
    });
    const request = new Request(`${APP}/api/transcriptions`, { method: "POST", body, duplex: "half", headers: { "content-type": "multipart/form-data; boundary=x" } } as RequestInit);
    const { status } = await send(request);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(status).toBe(413);
    expect(sent).toBeLessThan(27 * 1024 * 1024);
    expect(peak - rssBefore).toBeLessThan(20 * 1024 * 1024);
  });
});
