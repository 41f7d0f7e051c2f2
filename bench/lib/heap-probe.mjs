// Preloaded into `next start` by bench/load.mjs (NODE_OPTIONS=--expose-gc --import this file). On SIGUSR2 the
// process runs a full garbage collection and appends its JS heap in use to bench/out/heap-<pid>.log: RSS alone
// cannot tell a leak from V8 growing its heap and collecting lazily, the live heap after a full GC can.
import { appendFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const file = fileURLToPath(new URL(`../out/heap-${process.pid}.log`, import.meta.url));
process.on("SIGUSR2", () => {
  if (typeof globalThis.gc !== "function") return;
  globalThis.gc();
  const { heapUsed, rss } = process.memoryUsage();
  appendFileSync(file, `${JSON.stringify({ heapUsedMB: heapUsed / 1048576, rssMB: rss / 1048576 })}\n`);
});
