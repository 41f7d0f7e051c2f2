import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/schemas/limits";
import { canaryKey, MODELS_BODY, startMockUpstream, type MockUpstream } from "@/lib/server/testing/mock-upstream";
import { jsonRequest, loadRoutes } from "@/lib/server/testing/route-harness";

/** C-1: every per-request cap in lib/schemas/limits.ts (and README's Limits table) is refused before any upstream call. */
let mock: MockUpstream;
let routes: Awaited<ReturnType<typeof loadRoutes>>;

beforeAll(async () => {
  mock = await startMockUpstream();
  mock.handle((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(MODELS_BODY));
  });
  routes = await loadRoutes({ GATEWAY_BASE_URL: mock.url, GATEWAY_API_KEY: canaryKey() });
});
afterAll(() => mock.close());

const PIXEL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const chat = (extra: Record<string, unknown>) => ({ model: "gemini-2.5-flash", messages: [{ role: "user", content: "hi" }], ...extra });
const image = (extra: Record<string, unknown>) => ({ model: "black-forest-labs/FLUX-1.1-pro", prompt: "a cat", ...extra });

describe("C-1 caps", () => {
  const cases: [string, "chat" | "images", unknown, RegExp][] = [
    ["max_tokens: 10^6", "chat", chat({ max_tokens: 1_000_000 }), /max_tokens/],
    [`${LIMITS.chatMessages + 1} messages`, "chat", chat({ messages: Array.from({ length: LIMITS.chatMessages + 1 }, () => ({ role: "user", content: "x" })) }), /messages/],
    [
      `more than ${LIMITS.chatTextChars} characters`,
      "chat",
      chat({ messages: Array.from({ length: 5 }, () => ({ role: "user", content: "x".repeat(LIMITS.chatTextChars / 4) })) }),
      /characters/,
    ],
    [
      `${LIMITS.chatImagesPerRequest + 1} pictures`,
      "chat",
      chat({ messages: [{ role: "user", content: Array.from({ length: LIMITS.chatImagesPerRequest + 1 }, () => ({ type: "image_url", image_url: { url: PIXEL } })) }] }),
      /pictures/,
    ],
    ["n: 50 images", "images", image({ n: 50 }), /n/],
    ["a size that is not offered", "images", image({ size: "4096x4096" }), /size/],
    [`a prompt over ${LIMITS.imagePromptChars} characters`, "images", image({ prompt: "x".repeat(LIMITS.imagePromptChars + 1) }), /prompt/],
  ];
  for (const [name, route, body, field] of cases) {
    it(`refuses ${name} with 400 naming the field, before calling the gateway`, async () => {
      const before = mock.requests.length;
      const response = await routes[route].POST(jsonRequest(`/api/${route}`, body));
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("bad_request");
      expect(error.message).toMatch(field);
      expect(mock.requests.slice(before).filter((r) => !r.path.endsWith("/models"))).toHaveLength(0);
    });
  }

  it(`refuses a chat body over ${LIMITS.chatBodyBytes / 1024 / 1024} MiB and an images body over ${LIMITS.imagesBodyBytes / 1024} KiB with 413`, async () => {
    const big = await routes.chat.POST(jsonRequest("/api/chat", "x", { headers: { "content-length": String(LIMITS.chatBodyBytes + 1) } }));
    expect(big.status).toBe(413);
    const images = await routes.images.POST(jsonRequest("/api/images", image({ prompt: "y".repeat(LIMITS.imagesBodyBytes) })));
    expect(images.status).toBe(413);
  });
});
