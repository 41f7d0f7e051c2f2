import "server-only";
import type { ChatRequest, ChatStreamEvent } from "@/lib/schemas/chat";
import type { ImagesRequest, ImagesResponse } from "@/lib/schemas/images";
import type { ModelInfo } from "@/lib/schemas/models";
import type { TranscriptionResponse } from "@/lib/schemas/transcriptions";

/** DEMO_MODE: simulated answers, no gateway call and no key. The UI shows a banner (ModelsResponse.demo). */
export const DEMO_MODELS: ModelInfo[] = [
  { id: "demo-chat", provider: "demo", kind: "chat", vision: true },
  { id: "demo-chat-image", provider: "demo", kind: "chat-image", vision: true },
  { id: "demo-image", provider: "demo", kind: "image", vision: false },
  { id: "demo-whisper", provider: "demo", kind: "transcription", vision: false },
];

/** A 1×1 blue PNG. */
const DEMO_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgaPj/HwADhAH/hc1VxQAAAABJRU5ErkJggg==";

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => { clearTimeout(timer); resolve(); }, { once: true });
  });

export async function* demoChat(request: ChatRequest, signal: AbortSignal): AsyncGenerator<ChatStreamEvent> {
  yield { type: "start", model: request.model };
  const words = "This is a simulated answer: the server runs in demo mode, so no gateway was called.".split(" ");
  for (const word of words) {
    await sleep(40, signal);
    if (signal.aborted) return;
    yield { type: "text", delta: `${word} ` };
  }
  if (request.model.includes("image")) yield { type: "image", mime: "image/png", data: DEMO_PNG };
  yield { type: "finish", reason: "stop" };
}

export function demoImages(request: ImagesRequest): ImagesResponse {
  return { images: Array.from({ length: request.n ?? 1 }, () => ({ mime: "image/png", data: DEMO_PNG })), requested: request.n ?? 1 };
}

export function demoTranscription(): TranscriptionResponse {
  return { text: "This is a simulated transcript (demo mode).", format: "json" };
}
