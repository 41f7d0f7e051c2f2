// Model catalogue and channel behaviour (§1 item 4, §7, quirk 21/22).

const GEMINI = ["gemini", "openai"]; // §7: Gemini image models are NOT flagged image-generation
const OPENAI = ["openai"];
const IMAGEGEN = ["image-generation", "openai"]; // prepended for flux-/dall-e-/imagen-/gpt-image-1 ids

export const MODELS = [
  ["gemini-2.5-flash", "vertex-ai", GEMINI],
  ["gemini-2.5-flash-lite", "vertex-ai", GEMINI],
  ["gemini-2.5-pro", "vertex-ai", GEMINI],
  ["gemini-3-pro-preview", "vertex-ai", GEMINI],
  ["gemini-3-pro-image-preview", "vertex-ai", GEMINI],
  ["gemini-2.5-flash-image", "vertex-ai", GEMINI],
  ["deepseek-ai/DeepSeek-V3-0324", "custom", OPENAI],
  ["deepseek-ai/DeepSeek-R1-0528", "custom", OPENAI],
  ["zai-org/GLM-5", "custom", OPENAI],
  ["moonshotai/Kimi-K2-Instruct", "custom", OPENAI],
  ["Qwen/Qwen3-235B-A22B-Instruct-2507", "custom", OPENAI],
  ["meta-llama/Llama-3.3-70B-Instruct-Turbo", "custom", OPENAI],
  ["black-forest-labs/FLUX-1.1-pro", "custom", IMAGEGEN],
  ["black-forest-labs/FLUX-1-schnell", "custom", IMAGEGEN],
  ["openai/whisper-large-v3", "custom", OPENAI],
  ["whisper-large-v3-turbo", "custom", OPENAI],
  ["BAAI/bge-m3", "custom", OPENAI],
];

const KNOWN = new Set(MODELS.map((m) => m[0]));

export function modelList({ legacy = false, extra = [] } = {}) {
  const rows = [...MODELS, ...extra.map((id) => [id, "custom", OPENAI])];
  return {
    success: true,
    object: "list",
    data: rows.map(([id, owned_by, types]) =>
      legacy
        ? { id, object: "model", created: 1626777600, owned_by }
        : { id, object: "model", created: 1626777600, owned_by, supported_endpoint_types: types }),
  };
}

export const isKnownModel = (id, extra = []) => KNOWN.has(id) || extra.includes(id);
/** Gemini/Vertex channels are converted by new-api (own envelope); everything else is pass-through (§3.2). */
export const isConverted = (id) => /^gemini-/i.test(id);
/** Chat models that answer with pictures inside content (§2.1). */
export const isImageChatModel = (id) => /-image/i.test(id);
/** Dedicated image endpoint models (DeepInfra FLUX pass-through, §4). */
export const isFluxLike = (id) => /flux|dall-e|gpt-image|imagen|stable-diffusion|seedream/i.test(id);
/** Models that stream thoughts by default: DeepSeek R1 (reasoning_content) and Gemini 3 Pro Image (§2.1 example). */
export const thinksByDefault = (id) => /R1|gemini-3-pro-image|gemini-2\.5-pro/i.test(id);
/** Groq serves whisper-large-v3-turbo: json/text/verbose_json only, `x_groq` extras (§5.2). */
export const isGroqWhisper = (id) => /turbo|groq|distil-whisper/i.test(id);
