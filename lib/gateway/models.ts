import "server-only";
import { createHash } from "node:crypto";
import type { ModelInfo, ModelKind } from "@/lib/schemas/models";
import { getEnv } from "@/lib/server/env";
import { fail } from "@/lib/server/failure";
import { DEMO_MODELS } from "./demo";
import { cleanUpstreamMessage } from "./errors";
import { assertOk, gatewayFetch, readReplyJson, type GatewayContext } from "./transport";

const CACHE_TTL_MS = 60_000;

// Id heuristics after Cherry Studio (protocol §7); the user can always override the kind in the UI.
const TRANSCRIPTION = /whisper|transcri|(^|[-_/.])(asr|stt)([-_/.]|$)/i;
const EMBEDDING = /(?:^text-|embed|bge-|e5-|LLM2Vec|retrieval|uae-|gte-|jina-clip|jina-embeddings|voyage-)/i;
const RERANK = /(?:rerank|re-rank|re-ranker|re-ranking|retriever)/i;
const IMAGE_API = /flux|dall-?e|gpt-image|imagen|stable-diffusion|stabilityai|diffusion|seedream|cogview|midjourney|(^|[-_/])mj-|(^|[-_/])sd-|janus|recraft|ideogram|kolors|hidream/i;
const CHAT_IMAGE = /-image|gemini-2\.0-flash-exp|nano-banana/i;
const VISION =
  /gpt-4o|gpt-4\.1|gpt-4-turbo|gpt-4-vision|gpt-5|chatgpt-4o|(^|[-_/])o[134]([-_]|$)|claude-3|claude-(sonnet|opus|haiku)|claude-\w+-4|gemini|gemma-?3|vision|(^|[-_/.])vl([-_/.]|$)|-vl-|qwen[\w.-]*-vl|qvq|qwen2\.5-omni|qwen3-omni|llava|pixtral|internvl|glm-4(\.\d+)?v|glm-4\.5v|minicpm-v|llama-3\.2-\d+b-vision|llama-4|grok-\d?-?vision|grok-4|step-1[ov]|moondream|deepseek-vl|kimi-vl|mistral-small-3|mistral-medium|phi-3\.5-vision|phi-4-multimodal|ui-tars|molmo|aya-vision/i;

const KNOWN_PROVIDERS: [RegExp, string][] = [
  [/^(gemini|gemma|imagen|learnlm)/i, "google"],
  [/^(gpt-|o\d|chatgpt|dall-e|whisper|text-embedding|tts-)/i, "openai"],
  [/^claude/i, "anthropic"],
  [/^deepseek/i, "deepseek"],
  [/^(qwen|qwq|qvq)/i, "qwen"],
  [/^(llama|meta-llama)/i, "meta"],
  [/^(mistral|mixtral|pixtral|codestral)/i, "mistral"],
  [/^grok/i, "xai"],
  [/^(glm|chatglm|cogview)/i, "zhipu"],
  [/^(flux|black-forest)/i, "black-forest-labs"],
];

/** A model's kind (which page can use it) and whether it takes pictures, judged from its id. */
export function classifyModel(id: string, endpointTypes: readonly string[] = []): Pick<ModelInfo, "kind" | "vision"> {
  let kind: ModelKind;
  if (TRANSCRIPTION.test(id)) kind = "transcription";
  else if (endpointTypes.includes("embeddings") || EMBEDDING.test(id)) kind = "embedding";
  else if (RERANK.test(id)) kind = "other";
  else if (endpointTypes.includes("image-generation") || IMAGE_API.test(id)) kind = "image";
  else if (CHAT_IMAGE.test(id)) kind = "chat-image";
  else if (/(^|[-_/])(tts|speech)([-_/]|$)|moderation|video|veo-|sora/i.test(id)) kind = "other";
  else kind = "chat";
  const vision = kind === "chat-image" || (kind === "chat" && VISION.test(id));
  return { kind, vision };
}

export function providerOf(id: string, ownedBy: unknown): string {
  const slash = id.indexOf("/");
  if (slash > 0) return id.slice(0, slash).toLowerCase();
  if (typeof ownedBy === "string" && ownedBy && !/^(custom|system|vertex-ai|gemini|openai-compatible)$/i.test(ownedBy)) {
    return ownedBy.toLowerCase();
  }
  return KNOWN_PROVIDERS.find(([re]) => re.test(id))?.[1] ?? (typeof ownedBy === "string" && ownedBy === "vertex-ai" ? "google" : "other");
}

/** Reshapes the gateway's `/models` body; `{success:false}` with a 200 is an error (new-api). */
export function normalizeModels(body: unknown, secrets: readonly string[]): ModelInfo[] {
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  if (record.success === false || !Array.isArray(record.data)) {
    const { text, requestId } = cleanUpstreamMessage(typeof record.message === "string" ? record.message : undefined, secrets);
    throw fail("upstream_bad_response", "The gateway could not list its models.", { retryable: true, upstreamMessage: text, requestId });
  }
  const seen = new Set<string>();
  const models: ModelInfo[] = [];
  for (const item of record.data) {
    if (typeof item !== "object" || item === null) continue;
    const { id, owned_by: ownedBy, supported_endpoint_types: types } = item as Record<string, unknown>;
    if (typeof id !== "string" || !id || id.length > 257 || seen.has(id)) continue;
    seen.add(id);
    const endpointTypes = Array.isArray(types) ? types.filter((t): t is string => typeof t === "string") : [];
    models.push({ id, provider: providerOf(id, ownedBy), ...classifyModel(id, endpointTypes) });
  }
  return models.sort((a, b) => a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id));
}

const cache = new Map<string, { at: number; models: Promise<ModelInfo[]> }>();

/** The gateway's models, cached ~60 s per key (the cache is keyed by a hash, never the key itself). */
export async function listModels(context: GatewayContext): Promise<ModelInfo[]> {
  if (getEnv().DEMO_MODE) return DEMO_MODELS;
  const slot = createHash("sha256").update(context.key).digest("hex");
  const hit = cache.get(slot);
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.models;
  const models = fetchModels(context);
  cache.set(slot, { at: Date.now(), models });
  models.catch(() => cache.delete(slot));
  return models;
}

async function fetchModels(context: GatewayContext): Promise<ModelInfo[]> {
  // Not tied to one browser request: a cached list outlives it, and an aborted first caller must not fail the others.
  const reply = await gatewayFetch("models", { key: context.key, signal: AbortSignal.timeout(30_000), accept: "application/json" });
  await assertOk(reply, [context.key]);
  return normalizeModels(await readReplyJson(reply, 8 * 1024 * 1024), [context.key]);
}

/**
 * P-2: a model id the gateway does not list is refused before any spending call. When the list itself cannot
 * be loaded, the id's shape (already checked by the schema) is all we can go on, and the gateway decides.
 */
export async function assertKnownModel(id: string, context: GatewayContext): Promise<void> {
  let models: ModelInfo[];
  try {
    models = await listModels(context);
  } catch {
    return;
  }
  if (!models.some((m) => m.id === id)) throw fail("bad_request", `model: "${id}" is not offered by the gateway.`);
}
