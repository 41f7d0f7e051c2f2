// POST /v1/chat/completions: converted (Gemini) and pass-through (DeepInfra-like) channels, §2.1, §3, quirks 1–12, 22.
import { SseWriter } from "./sse.mjs";
import { blobRef } from "./wire.mjs";
import { picture } from "./picture.mjs";
import { conversationFacts, answerText, reasoningText, imageCaption, longText, pieces, tokens, contentOf } from "./text.mjs";
import { isConverted, isImageChatModel, thinksByDefault } from "./models.mjs";
import { num } from "./modes.mjs";
import { upstreamChatId, unixNow, randomString } from "./ids.mjs";

const SSE_HEADERS = {
  "Content-Type": "text/event-stream",
  "Cache-Control": "no-cache",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
};

/** What the model "says", independent of wire shape. */
export function buildPlan(body, modes, model) {
  const msgs = body.messages;
  const facts = conversationFacts(msgs, modes.__cleanLast);
  const converted = modes.channel ? modes.channel === "gemini" : isConverted(model);
  const imageModel = modes.image === true || (isImageChatModel(model) && modes.image !== "off");
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;

  let reasoningStyle = null;
  if (modes["think-tags"]) reasoningStyle = "think-tags";
  else if (modes["reasoning-field"]) reasoningStyle = "reasoning";
  else if (modes.reasoning || (thinksByDefault(model) && !modes["no-reasoning"])) reasoningStyle = "reasoning_content";
  const reasoning = reasoningStyle ? reasoningText(facts) : null;

  let text = "", images = [], finish = "stop", caption = "";
  if (modes["content-filter"]) {
    finish = "content_filter"; // IMAGE_SAFETY / NO_IMAGE / SAFETY → content_filter, content empty (quirk 12)
  } else if (imageModel) {
    // Image + thinking tokens count against maxOutputTokens: ≤1024 cannot fit a picture (§1 table, quirk 12).
    if (maxTokens != null && maxTokens <= 1024 && !modes["ignore-max-tokens"]) finish = "length";
    else {
      const count = Math.max(1, num(modes.images, 1));
      const largeMB = modes.large ? num(modes.large, 4) : 0;
      for (let i = 0; i < count; i++) {
        images.push(picture({ seed: facts.lastText + (i ? `#${i}` : ""), format: modes.jpeg ? "jpeg" : "png", size: num(modes.size, 256), largeMB }));
      }
      caption = modes["image-only"] ? "" : imageCaption(facts);
    }
  } else {
    text = modes.long ? longText(num(modes.long, 20000), `You asked: “${facts.lastText.slice(0, 80)}”`) : answerText(facts, model);
    if (modes.length) { text = [...text].slice(0, Math.ceil([...text].length / 2)).join(""); finish = "length"; }
    else if (maxTokens != null && tokens(text) > maxTokens) { text = [...text].slice(0, Math.max(1, maxTokens * 4)).join(""); finish = "length"; }
  }

  const promptText = msgs.map((m) => contentOf(m).text).join("\n");
  const imgIn = facts.allImages.length;
  const reasoningTokens = reasoning ? tokens(reasoning) : 0;
  const textTokens = tokens(text + caption) - (text + caption ? 0 : 1);
  const imageTokens = images.length * 1120;
  const usage = {
    prompt_tokens: tokens(promptText) + imgIn * 258,
    completion_tokens: textTokens + reasoningTokens + imageTokens,
  };
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  if (converted) {
    usage.prompt_tokens_details = { cached_tokens: 0, text_tokens: tokens(promptText), audio_tokens: 0, image_tokens: imgIn * 258 };
    usage.completion_tokens_details = { text_tokens: textTokens, audio_tokens: 0, reasoning_tokens: reasoningTokens, image_tokens: imageTokens };
  }
  return { facts, converted, reasoning, reasoningStyle, text, images, caption, finish, usage };
}

/** How each picture appears on the wire (quirks 1, 3, 4). */
function imageShape(modes) {
  if (modes["images-array"]) return { kind: "array", variant: modes["images-array"] === true ? "openrouter" : modes["images-array"] };
  if (modes["content-parts"]) return { kind: "parts" };
  if (modes["remote-url"]) return { kind: "remote" };
  if (modes["images-dup"]) return { kind: "dup" };
  return { kind: "markdown" };
}

const dataUrlParts = (pic) => [`data:${pic.mime};base64,`, pic.b64];

function imageItem(variant, url, i) {
  switch (variant) {
    case "litellm": return { image_url: { url, detail: "auto" }, index: i, type: "image_url" };
    case "bare": return { image_url: { url } };
    case "index": return { index: i, type: "image_url", image_url: { url } };
    default: return { type: "image_url", image_url: { url } };
  }
}

/**
 * Upstream "deltas" for the answer: each becomes one SSE event (stream) or is merged (non-stream).
 * A delta is { d: deltaObject, blobs: Buffer[] }.
 */
function answerDeltas(plan, modes, ctx) {
  const out = [];
  const shape = imageShape(modes);
  const stepSize = plan.converted ? 60 : 16; // Gemini sends sentence-sized chunks, OpenAI-style servers token-sized
  const reasoning = plan.reasoning;
  if (reasoning && plan.reasoningStyle === "reasoning_content") {
    for (const r of pieces(reasoning, 80)) out.push({ d: plan.converted ? { reasoning_content: r } : { content: null, reasoning_content: r }, kind: "reasoning" });
  } else if (reasoning && plan.reasoningStyle === "reasoning") {
    for (const r of pieces(reasoning, 80)) out.push({ d: { content: "", reasoning: r }, kind: "reasoning" });
  } else if (reasoning && plan.reasoningStyle === "think-tags") {
    out.push({ d: { content: "<think>\n" }, kind: "reasoning" });
    for (const r of pieces(reasoning, 40)) out.push({ d: { content: r }, kind: "reasoning" });
    out.push({ d: { content: "\n</think>\n" }, kind: "reasoning" });
  }
  const contentDelta = (c) => (!plan.converted && plan.reasoningStyle === "reasoning_content" ? { content: c, reasoning_content: null } : { content: c });
  for (const p of pieces(plan.text, stepSize)) out.push({ d: contentDelta(p), kind: "content" });

  if (plan.images.length) {
    if (plan.caption && shape.kind !== "parts") out.push({ d: contentDelta(plan.caption + "\n"), kind: "content" });
    plan.images.forEach((pic, i) => {
      const [pre, b64] = dataUrlParts(pic);
      if (shape.kind === "markdown" && modes["split-image"]) {
        // Reverse-proxy upstream splitting the Markdown over deltas, one cut inside `data:image/png;base64,` (quirk 3).
        const n = Math.max(3, num(modes["split-image"], 6));
        const head = `![image](${pre}`;
        const cut1 = 5, cut2 = "![image](data:image/p".length;
        out.push({ d: contentDelta(head.slice(0, cut1)), kind: "image" });
        out.push({ d: contentDelta(head.slice(cut1, cut2)), kind: "image" });
        const rest = n - 2, per = Math.ceil(b64.length / rest);
        for (let k = 0; k < rest; k++) {
          const first = k === 0 ? head.slice(cut2) : "";
          const last = k === rest - 1 ? ")" : "";
          out.push({ d: contentDelta(first + blobRef(0) + last), blobs: [b64.subarray(k * per, (k + 1) * per)], kind: "image" });
        }
      } else if (shape.kind === "markdown") {
        out.push({ d: contentDelta(`${i ? "\n" : ""}![image](${pre}${blobRef(0)})`), blobs: [b64], kind: "image" });
      } else if (shape.kind === "array") {
        const content = shape.variant === "index" ? "" : undefined;
        const d = { ...(content === undefined ? {} : { content }), images: [imageItem(shape.variant, pre + blobRef(0), i)] };
        out.push({ d, blobs: [b64], kind: "image" });
      } else if (shape.kind === "parts") {
        const partsArr = [];
        if (i === 0 && plan.caption) partsArr.push({ type: "text", text: plan.caption });
        partsArr.push({ type: "image_url", image_url: { url: pre + blobRef(0) } });
        out.push({ d: { content: partsArr }, blobs: [b64], kind: "image" });
      } else if (shape.kind === "remote") {
        const url = ctx.storeFile(pic);
        out.push({ d: { content: `![image](${url})`, images: [imageItem("index", url, i)] }, kind: "image" });
      } else if (shape.kind === "dup") {
        out.push({ d: { content: `![image](${pre}${blobRef(0)})`, images: [imageItem("openrouter", pre + blobRef(1), i)] }, blobs: [b64, b64], kind: "image" });
      }
    });
  }
  return out;
}

// ---------- envelopes ----------
function envelopes(plan, modes, model, rid) {
  const created = unixNow();
  const wireModel = typeof modes["upstream-model"] === "string" ? modes["upstream-model"] : model;
  if (plan.converted) {
    const id = `chatcmpl-${rid}`;
    return {
      id, created, model: wireModel,
      chunk: (delta, finish = null) => ({
        id, object: "chat.completion.chunk", created, model: wireModel, system_fingerprint: null,
        choices: [{ delta, logprobs: null, finish_reason: finish, index: 0 }], usage: null,
      }),
      usageChunk: (usage) => ({ id, object: "chat.completion.chunk", created, model: wireModel, system_fingerprint: null, choices: [], usage }),
    };
  }
  const id = upstreamChatId();
  const extras = modes["upstream-extras"] ? { provider: "DeepInfra" } : {};
  return {
    id, created, model: wireModel, extras,
    chunk: (delta, finish = null) => ({
      id, object: "chat.completion.chunk", created, model: wireModel, ...extras,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }], usage: null,
    }),
    usageChunk: (usage) => ({ id, object: "chat.completion.chunk", created, model: wireModel, ...extras, choices: [], usage }),
  };
}

/** Upstream-only fields that pass-through channels leak verbatim (quirk 22). */
const firstChunkExtras = (modes) => (modes["upstream-extras"]
  ? { x_groq: { id: `req_${randomString(26)}` }, vertex_ai_grounding_metadata: [], vertex_ai_safety_ratings: [], vertex_ai_citation_metadata: [] }
  : {});

// ---------- non-stream ----------
export function nonStreamBody(plan, modes, model, rid, storeFile) {
  const env = envelopes(plan, modes, model, rid);
  const deltas = answerDeltas(plan, modes, { storeFile });
  const blobs = [];
  let content = "", reasoning = "", images = [], partsContent = null;
  const relocate = (s, bl) => (bl ? s.replace(/\u0000SIMBLOB(\d+)\u0000/g, (_, i) => { blobs.push(bl[Number(i)]); return blobRef(blobs.length - 1); }) : s);
  for (const { d, blobs: bl } of deltas) {
    if (Array.isArray(d.content)) { partsContent = (partsContent ?? []).concat(d.content.map((p) => (p.image_url ? { ...p, image_url: { url: relocate(p.image_url.url, bl) } } : p))); continue; }
    if (typeof d.content === "string") content += relocate(d.content, bl);
    if (d.reasoning_content) reasoning += d.reasoning_content;
    if (d.reasoning) reasoning += d.reasoning;
    if (d.images) images.push(...d.images.map((it) => ({ ...it, image_url: { ...it.image_url, url: relocate(it.image_url.url, bl) } })));
  }
  // Gemini parts are joined with "\n" (§2.1); the stream caption already ends in "\n".
  const message = { role: "assistant", content: partsContent ?? content };
  if (reasoning && plan.reasoningStyle === "reasoning_content") message.reasoning_content = reasoning;
  if (reasoning && plan.reasoningStyle === "reasoning") message.reasoning = reasoning;
  if (images.length) message.images = images;
  const choice = plan.converted
    ? { index: 0, message, finish_reason: plan.finish }
    : { index: 0, message, finish_reason: plan.finish, logprobs: null };
  const body = plan.converted
    ? { id: env.id, model: env.model, object: "chat.completion", created: env.created, choices: [choice], usage: plan.usage }
    : { id: env.id, object: "chat.completion", created: env.created, model: env.model, ...env.extras, choices: [choice], usage: plan.usage };
  return { body, blobs };
}

// ---------- stream ----------
export async function streamChat({ res, plan, modes, model, rid, body, opts, onFirstByte, storeFile, markSimClose }) {
  const env = envelopes(plan, modes, model, rid);
  const lag = modes.lag === true || (!plan.converted && modes["no-lag"] !== true && modes.lag !== "off");
  const cb = modes["chunk-bytes"];
  let chunkBytes = null;
  if (cb && cb !== true) {
    const [a, b] = String(cb).split("-").map(Number);
    chunkBytes = [Math.max(1, a), Math.max(1, b || a)];
  }
  const w = new SseWriter(res, {
    headers: SSE_HEADERS,
    crlf: !!modes.crlf, singleNewline: !!modes["single-newline"],
    chunkBytes, pingMs: num(modes.ping, 0), lag, onFirstByte, markSimClose,
  });
  const pace = num(modes.pace, opts.paceMs);

  // Slow first byte: nothing (not even headers) unless ping is on (quirk 8).
  const sfb = num(modes["slow-first-byte"], 0);
  if (w.o.pingMs) w.startPing();
  await w.wait(sfb);
  if (w.gone) return;

  const deltas = answerDeltas(plan, modes, { storeFile });
  const events = [];
  const first = firstChunkExtras(modes);
  if (plan.converted) {
    // Synthetic role chunk, `content` before `role` (quirk 6).
    events.push({ obj: env.chunk({ content: "", role: "assistant" }), kind: "role" });
  } else {
    events.push({ obj: { ...env.chunk({ role: "assistant", content: "" }), ...first }, kind: "role" });
  }
  for (const { d, blobs, kind } of deltas) events.push({ obj: env.chunk(d), blobs, kind });

  // Finish: STOP becomes a separate delta:{} chunk; other reasons ride on the last content chunk (§2.1).
  const tail = [];
  if (!plan.converted || plan.finish === "stop") {
    tail.push({ obj: env.chunk({}, plan.finish) }); // OpenAI-style upstreams always send a delta:{} finish chunk (§3.1)
  } else if (events.at(-1).kind === "content") {
    events.at(-1).obj.choices[0].finish_reason = plan.finish;
  } else {
    events.push({ obj: env.chunk({ content: "" }, plan.finish), kind: "finish" });
  }
  if (body.stream_options?.include_usage) {
    const u = env.usageChunk(plan.usage);
    if (modes["usage-choices"] === "null") u.choices = null;
    else if (modes["usage-choices"] === "missing") delete u.choices;
    tail.push({ obj: u });
  }

  // Where a mid-stream failure strikes: halfway through the text, or just before the first picture.
  const contentIdx = events.map((e, i) => (e.kind === "content" || e.kind === "image" ? i : -1)).filter((i) => i >= 0);
  const firstImage = events.findIndex((e) => e.kind === "image");
  const cutAt = firstImage > 0 ? firstImage : contentIdx.length ? contentIdx[Math.floor(contentIdx.length / 2)] : events.length;
  const failure = modes["truncated-done"] ? "truncated" : modes["abrupt-close"] ? "abrupt" : modes["stream-error"] ? String(modes["stream-error"]) : null;
  const stall = num(modes.stall, 0);

  if (modes.comments) await w.comment("OPENROUTER PROCESSING");
  for (let i = 0; i < events.length; i++) {
    if (w.gone) return;
    // The converted role chunk goes out with the first upstream chunk, so no pause between them.
    if (i > 0 && !(plan.converted && i === 1)) await w.wait(pace);
    if (i === cutAt) {
      if (stall) await w.wait(stall);
      if (failure) return finishWithFailure(w, failure, env, rid);
    }
    if (modes.comments && i % 3 === 2) { await w.comment("keep-alive"); await w.blank(); }
    await w.data(events[i].obj, events[i].blobs);
  }
  if (failure && cutAt >= events.length) return finishWithFailure(w, failure, env, rid);
  for (const t of tail) await w.data(t.obj);
  await w.done();
  w.end();
}

async function finishWithFailure(w, failure, env, rid) {
  switch (failure) {
    case "truncated": // no finish_reason, no usage, yet a normal-looking [DONE] (quirk 10)
      await w.done(); return w.end();
    case "abrupt":
      await w.flushLag(); return w.destroy();
    case "openrouter":
      await w.flushLag();
      await w.data({ id: env.id, object: "chat.completion.chunk", created: env.created, model: env.model, provider: "openai",
        error: { code: "server_error", message: "Provider disconnected unexpectedly" },
        choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }] });
      await w.flushLag(); return w.end();
    case "litellm":
      await w.flushLag();
      await w.data({ error: { message: "litellm.APIConnectionError: Connection error.", type: "None", param: "None", code: "500" } });
      await w.flushLag(); return w.end();
    case "relay":
      await w.flushLag();
      await w.data({ id: "relay-error-scanner_error", object: "chat.completion.chunk", choices: [],
        error: { message: "stream relay failure: scanner_error: read tcp: connection reset by peer", type: "relay_stream_error", code: "upstream_stream_failure_scanner_error", param: null } });
      await w.done(); return w.end();
    case "bare-json": // Gin's c.JSON appended after SSE began: no `data:` prefix (§3.5)
      await w.flushLag();
      await w.raw(JSON.stringify({ error: { message: `stream error: unexpected EOF (request id: ${rid})`, type: "new_api_error", param: "", code: "bad_response" } }));
      return w.end();
    default:
      await w.done(); return w.end();
  }
}
