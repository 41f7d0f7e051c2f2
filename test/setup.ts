import "@testing-library/jest-dom/vitest";
import { afterEach, vi } from "vitest";

// `server-only` throws outside a React Server environment; unit tests import server modules directly.
vi.mock("server-only", () => ({}));

afterEach(async () => {
  if (typeof window !== "undefined") {
    const { cleanup } = await import("@testing-library/react");
    cleanup();
  }
});
