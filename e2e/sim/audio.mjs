// POST /v1/audio/transcriptions (§5, quirks 19–20). new-api counts duration by FILE EXTENSION before calling
// the upstream (common/audio.go), so .webm / no extension fail with 500 count_token_failed.
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { extname, join, dirname } from "node:path";
import { randomString } from "./ids.mjs";
import { isGroqWhisper } from "./models.mjs";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
const SENTENCE_EN = "The quick brown fox jumps over the lazy dog. This recording checks that uploads reach the transcription service intact.";
const SENTENCE_ZH = "这是一个中文对话，带有完整的标点符号。";

export function wavDuration(buf) {
  if (buf.length < 12 || buf.toString("ascii", 0, 4) !== "RIFF" || buf.toString("ascii", 8, 12) !== "WAVE") return null;
  let pos = 12, byteRate = 0;
  while (pos + 8 <= buf.length) {
    const id = buf.toString("ascii", pos, pos + 4), size = buf.readUInt32LE(pos + 4);
    if (id === "fmt ") byteRate = buf.readUInt32LE(pos + 16);
    if (id === "data") {
      const bytes = Math.min(size, buf.length - pos - 8);
      return byteRate ? bytes / byteRate : null;
    }
    pos += 8 + size + (size & 1);
  }
  return null;
}

// Fixture digests → the real sentence (e2e/fixtures/README.md), so any filename the app picks still matches.
let known = null;
function knownFixtures() {
  if (known) return known;
  known = new Map();
  let durEn = 8, durZh = 3;
  try { durEn = wavDuration(readFileSync(join(FIXTURES, "speech-en.wav"))) ?? 8; } catch { /* fixtures absent */ }
  try { durZh = wavDuration(readFileSync(join(FIXTURES, "speech-zh.wav"))) ?? 3; } catch { /* fixtures absent */ }
  try {
    for (const line of readFileSync(join(FIXTURES, "SHA256SUMS"), "utf8").split("\n")) {
      const [sha, name] = line.trim().split(/\s+/);
      if (name?.startsWith("speech-en")) known.set(sha, { text: SENTENCE_EN, language: "en", duration: durEn });
      if (name?.startsWith("speech-zh")) known.set(sha, { text: SENTENCE_ZH, language: "zh", duration: durZh });
    }
  } catch { /* fixtures absent */ }
  known.byName = { en: { text: SENTENCE_EN, language: "en", duration: durEn }, zh: { text: SENTENCE_ZH, language: "zh", duration: durZh } };
  return known;
}

const SUPPORTED = new Set([".wav", ".mp3", ".m4a", ".mp4", ".ogg", ".opus", ".flac", ".aac"]);

/** Does the content look like its extension says? (the upstream whisper rejects garbage with a 400) */
function sniff(ext, b) {
  const at = (o, s) => b.toString("latin1", o, o + s.length) === s;
  switch (ext) {
    case ".wav": return at(0, "RIFF") && at(8, "WAVE");
    case ".mp3": return at(0, "ID3") || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0);
    case ".flac": return at(0, "fLaC");
    case ".ogg": case ".opus": return at(0, "OggS");
    case ".m4a": case ".mp4": return at(4, "ftyp");
    case ".aac": return at(0, "ID3") || (b[0] === 0xff && (b[1] & 0xf6) === 0xf0);
    default: return false;
  }
}

const LANG_NAMES = { en: "english", zh: "chinese", de: "german", fr: "french", es: "spanish", ja: "japanese" };

/** Decide the transcript and duration for an upload. */
export function transcribe(file, fields) {
  const k = knownFixtures();
  const sha = createHash("sha256").update(file.data).digest("hex");
  const base = (file.filename ?? "").toLowerCase();
  let hit = k.get(sha) ?? (base.startsWith("speech-en") ? k.byName.en : base.startsWith("speech-zh") ? k.byName.zh : null);
  if (hit) return { ...hit, duration: round2(hit.duration), language: fields.language || hit.language };
  const ext = extname(base);
  const duration = (ext === ".wav" ? wavDuration(file.data) : null) ?? Math.max(1, file.data.length / 16000); // ~128 kbit/s
  const n = Math.max(1, Math.round(duration / 5));
  const sentences = Array.from({ length: n }, (_, i) =>
    i === 0 ? `This is a simulated transcript of ${file.filename}.` : `Segment ${i + 1} of the recording continues here.`);
  return { text: sentences.join(" "), language: fields.language || "en", duration: Math.round(duration * 100) / 100 };
}

function segmentsOf(text, duration) {
  const sentences = text.match(/[^.!?。！？]+[.!?。！？]?/g)?.map((s) => s.trim()).filter(Boolean) ?? [text];
  const total = sentences.reduce((n, s) => n + s.length, 0) || 1;
  let t = 0;
  return sentences.map((s, id) => {
    const start = t; t += (duration * s.length) / total;
    return { id, seek: 0, start: round2(start), end: round2(t), text: " " + s, tokens: [50364 + id], temperature: 0,
      avg_logprob: -0.25, compression_ratio: 1.2, no_speech_prob: 0.01 };
  });
}
const round2 = (x) => Math.round(x * 100) / 100;

function words(segments) {
  return segments.flatMap((s) => {
    const ws = s.text.trim().split(/\s+/);
    const step = (s.end - s.start) / ws.length;
    return ws.map((w, i) => ({ word: w, start: round2(s.start + i * step), end: round2(s.start + (i + 1) * step) }));
  });
}

const stamp = (t, sep) => {
  const ms = Math.round(t * 1000), h = Math.floor(ms / 3600000), m = Math.floor(ms / 60000) % 60, s = Math.floor(ms / 1000) % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}${sep}${String(ms % 1000).padStart(3, "0")}`;
};

/**
 * @returns {{ status, json?, text?, contentType? , error? }} error = catalog-like {status, body}
 */
export function handleTranscription({ parts, modes, model, rid, upstreamMaxBytes = 25 * 1024 * 1024 }) {
  const fields = {};
  for (const p of parts) if (p.filename === undefined) fields[p.name] = p.data.toString("utf8");
  const file = parts.find((p) => p.name === "file" && p.filename !== undefined);
  const err = (status, message, type, code, param = "") => ({ status, body: { error: { message: `${message} (request id: ${rid})`, type, param, code } } });
  if (!file) return err(400, "http: no such file", "new_api_error", "invalid_request");

  if (modes["ffprobe-na"]) // April-2025 ffprobe variant (QuantumNous/new-api#739)
    return err(500, 'strconv.ParseFloat: parsing "N/A": invalid syntax', "new_api_error", "count_audio_tokens_failed");
  const ext = extname(file.filename ?? "").toLowerCase();
  if (ext === ".webm") return err(500, "webm duration parsing requires full EBML parser", "new_api_error", "count_token_failed");
  if (!SUPPORTED.has(ext)) return err(500, `unsupported audio format: ${ext}`, "new_api_error", "count_token_failed");

  // Whisper hosts cap files at 25 MB (§5.1, §5.2); new-api passes the upstream's 413 through (§5.3).
  if (file.data.length > upstreamMaxBytes)
    return { status: 413, body: { error: { message: `Maximum content size limit (${upstreamMaxBytes}) exceeded (${file.data.length} bytes read) (request id: ${rid})`, type: "server_error", param: null, code: null } } };
  const groq = modes.groq === true || isGroqWhisper(model);
  const format = fields.response_format || "json";
  if (groq && (format === "srt" || format === "vtt"))
    return err(400, "response_format must be one of [json text verbose_json]", "invalid_request_error", "invalid_value", "response_format");
  if (!["json", "text", "srt", "vtt", "verbose_json"].includes(format))
    return err(400, `Invalid value for 'response_format': '${format}'.`, "invalid_request_error", "invalid_value", "response_format");
  if (!sniff(ext, file.data)) return err(400, "Audio file might be corrupted or unsupported", "invalid_request_error", "invalid_value", "file");

  const t = transcribe(file, fields);
  const segments = segmentsOf(t.text, t.duration);
  const xg = groq ? { x_groq: { id: `req_${randomString(26).toLowerCase()}` } } : {};
  switch (format) {
    case "text": return { status: 200, text: t.text + "\n", contentType: "text/plain; charset=utf-8" };
    case "srt": return { status: 200, contentType: "text/plain; charset=utf-8",
      text: segments.map((s, i) => `${i + 1}\n${stamp(s.start, ",")} --> ${stamp(s.end, ",")}\n${s.text}\n\n`).join("") };
    case "vtt": return { status: 200, contentType: "text/plain; charset=utf-8",
      text: "WEBVTT\n\n" + segments.map((s) => `${stamp(s.start, ".")} --> ${stamp(s.end, ".")}\n${s.text.trim()}\n\n`).join("") };
    case "verbose_json": {
      const grans = parts.filter((p) => p.name === "timestamp_granularities[]" || p.name === "timestamp_granularities").map((p) => p.data.toString());
      const body = { task: "transcribe", language: LANG_NAMES[t.language] ?? t.language, duration: t.duration, text: t.text,
        segments: groq ? segments.map(({ id, start, end, text }) => ({ id, seek: 0, start, end, text })) : segments };
      if (grans.includes("word")) body.words = words(segments);
      return { status: 200, json: { ...body, ...xg } };
    }
    default: return { status: 200, json: { text: t.text, ...xg } };
  }
}
