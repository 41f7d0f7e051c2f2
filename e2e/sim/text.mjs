// Deterministic, request-dependent answers so multi-turn tests can see that history and attachments arrived.

/** Text and images of one message's content (string or OpenAI content-parts array). */
export function contentOf(msg) {
  const c = msg?.content;
  if (typeof c === "string") return { text: c, images: [] };
  if (!Array.isArray(c)) return { text: "", images: [] };
  const text = c.filter((p) => p?.type === "text").map((p) => p.text ?? "").join("\n");
  const images = c.filter((p) => p?.type === "image_url").map((p) => describeImage(p.image_url?.url ?? ""));
  return { text, images };
}

export function describeImage(url) {
  const m = /^data:([^;,]+)?(;base64)?,/.exec(url);
  if (!m) return { kind: "url", url };
  const payload = url.slice(m[0].length);
  const bytes = m[2] ? Math.floor((payload.length * 3) / 4) - (payload.endsWith("==") ? 2 : payload.endsWith("=") ? 1 : 0) : payload.length;
  return { kind: "data", mime: m[1] ?? "text/plain", bytes };
}

const kb = (n) => (n >= 1024 * 1024 ? `${(n / 1048576).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`);
export const summarize = (s, n = 120) => {
  const one = String(s).replace(/\s+/g, " ").trim();
  return one.length > n ? one.slice(0, n - 1) + "…" : one;
};

/** Facts about a chat request that the answer reflects. */
export function conversationFacts(messages, cleanLast) {
  const msgs = Array.isArray(messages) ? messages : [];
  const users = msgs.filter((m) => m?.role === "user");
  const last = users.at(-1);
  const lastC = contentOf(last);
  const prevUser = users.length > 1 ? contentOf(users.at(-2)).text : null;
  const allImages = msgs.flatMap((m) => contentOf(m).images);
  return {
    total: msgs.length,
    userTurns: users.length,
    assistantTurns: msgs.filter((m) => m?.role === "assistant").length,
    hasSystem: msgs.some((m) => m?.role === "system" || m?.role === "developer"),
    lastText: cleanLast ?? lastC.text,
    lastImages: lastC.images,
    allImages,
    prevUser,
  };
}

export function answerText(facts, model) {
  const lines = [];
  lines.push(`You asked: “${summarize(facts.lastText) || "(no text)"}”`, "");
  lines.push(
    `This is turn **${facts.userTurns}** of our conversation — ${facts.total} message${facts.total === 1 ? "" : "s"}, ` +
    `${facts.userTurns} from you${facts.hasSystem ? ", plus a system prompt" : ""}.`,
  );
  if (facts.lastImages.length) {
    const d = facts.lastImages.map((i) => (i.kind === "data" ? `${i.mime}, ${kb(i.bytes)}` : `linked from ${hostOf(i.url)}`));
    lines.push("", `I can see ${facts.lastImages.length} attached image${facts.lastImages.length > 1 ? "s" : ""} (${d.join("; ")}).`);
  }
  if (facts.prevUser != null) lines.push("", `Earlier you said: “${summarize(facts.prevUser, 80)}”.`);
  lines.push(
    "",
    `- **Model:** \`${model}\``,
    `- **Your message:** ${[...facts.lastText].length} characters`,
    facts.allImages.length ? `- **Images in history:** ${facts.allImages.length}` : `- **Images in history:** none`,
    "",
    "Hope that helps! ✅",
  );
  return lines.join("\n");
}

const hostOf = (u) => { try { return new URL(u).host; } catch { return "a URL"; } };

export function reasoningText(facts) {
  return `**Reading the request**\n\nThe user wrote ${[...facts.lastText].length} characters over ${facts.userTurns} turn(s). ` +
    `I should answer directly and keep the formatting simple.\n\n**Planning the answer**\n\nSummarise, then list the key facts.`;
}

export function imageCaption(facts) {
  return `Here is the image you asked for: ${summarize(facts.lastText, 60) || "an image"}.`;
}

const SECTIONS = [
  (i) => `## Section ${i}: overview\n\nThis part of the answer is deliberately long so renderers get exercised — **bold**, _italic_, \`inline code\`, and a link to [the docs](https://docs.iotex.ai). 中文字符和表情 🚀 keep multi-byte UTF-8 in the stream.\n`,
  (i) => `### Code sample ${i}\n\n\`\`\`ts\nexport function fib${i}(n: number): number {\n  let [a, b] = [0, 1];\n  for (let k = 0; k < n; k++) [a, b] = [b, a + b];\n  return a;\n}\n\`\`\`\n`,
  (i) => `### Table ${i}\n\n| model | input | output | notes |\n|---|---:|---:|---|\n| gemini-2.5-flash | $0.30 | $2.50 | fast |\n| deepseek-ai/DeepSeek-V3-0324 | $0.28 | $0.88 | open weights |\n| zai-org/GLM-5 | $0.60 | $2.20 | — |\n`,
  (i) => `### Math ${i}\n\nInline: $E = mc^2$ and $\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$.\n\n$$\n\\int_0^1 x^2\\,dx = \\frac{1}{3}\n$$\n`,
  (i) => `### List ${i}\n\n1. First point with a nested list:\n   - alpha\n   - beta\n2. Second point\n3. Third point\n\n> A blockquote to finish section ${i}.\n`,
];

/** A markdown answer of about `n` characters with code, tables, math and lists (`[[sim:long=N]]`). */
export function longText(n, head = "") {
  let out = head ? head + "\n\n" : "";
  for (let i = 0; out.length < n; i++) out += SECTIONS[i % SECTIONS.length](Math.floor(i / SECTIONS.length) + 1) + "\n";
  return [...out].slice(0, n).join(""); // code points, so the cut never splits an emoji
}

/** Split text into stream deltas of ~size chars, on whitespace where possible (never inside a code point). */
export function pieces(text, size) {
  const cps = [...text];
  const out = [];
  let i = 0;
  while (i < cps.length) {
    let j = Math.min(cps.length, i + size);
    if (j < cps.length) { const sp = cps.lastIndexOf(" ", j); if (sp > i + size / 2) j = sp + 1; }
    out.push(cps.slice(i, j).join(""));
    i = j;
  }
  return out;
}

export const tokens = (s) => Math.max(1, Math.ceil([...(s ?? "")].length / 4));
