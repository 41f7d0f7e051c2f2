// POST /v1/images/generations (§4, quirk 18): Gemini-through-new-api shape vs DeepInfra FLUX pass-through shape.
import { picture } from "./picture.mjs";
import { blobRef } from "./wire.mjs";
import { isFluxLike } from "./models.mjs";
import { num } from "./modes.mjs";
import { unixNow } from "./ids.mjs";

/** @returns {{ body, blobs }} */
export function imagesBody({ body, modes, model, storeFile, expiredUrl }) {
  const prompt = modes.__cleanPrompt ?? String(body.prompt ?? "");
  const flux = isFluxLike(model);
  const asked = Math.max(1, Math.min(10, Number(body.n) || 1));
  const count = modes.count !== undefined ? num(modes.count, asked) : modes.fewer ? Math.max(1, asked - num(modes.fewer === true ? 1 : modes.fewer, 1)) : asked;
  // DeepInfra FLUX often answers JPEG (`/9j/`); Gemini answers PNG (§4).
  const format = modes.png ? "png" : modes.jpeg || flux ? "jpeg" : "png";
  const wantUrl = modes.url === true || modes["url-expired"] === true || (flux && body.response_format === "url");
  const largeMB = modes.large ? num(modes.large, 4) : 0;

  const blobs = [];
  const data = [];
  for (let i = 0; i < count; i++) {
    const pic = picture({ seed: prompt + (i ? `#${i}` : ""), format, size: num(modes.size, 256), largeMB });
    let url = "", b64 = "";
    if (wantUrl) url = modes["url-expired"] ? expiredUrl(pic) : storeFile(pic);
    else { blobs.push(pic.b64); b64 = blobRef(blobs.length - 1); }
    const revised = modes["revised-prompt"] === "echo" ? prompt : modes["revised-prompt"] === "empty" ? "" : flux ? prompt : "";
    if (modes.google) data.push({ b64_json: b64 });
    else if (flux) data.push(wantUrl ? { revised_prompt: revised, url } : { revised_prompt: revised, b64_json: b64 });
    else data.push({ url, b64_json: b64, revised_prompt: revised }); // dto.ImageData: no omitempty
  }
  // Google's own endpoint: no created, no usage, adds model (§2.6).
  if (modes.google) return { body: { data, model }, blobs };
  const out = flux ? { created: unixNow(), data } : { data, created: unixNow() };
  if (modes["no-created"]) delete out.created;
  return { body: out, blobs };
}
