// Section 6: the server process's memory at idle after warm-up, and CPU time per MB it streams with 50 streams at once.
import { setTimeout as sleep } from "node:timers/promises";
import { row } from "../lib/report.mjs";
import { cpuMs, progress, rssMB } from "../lib/stack.mjs";
import { chatBody, proxyChat } from "./proxy.mjs";

const S = "6 server";

export async function benchServerIdle({ server }) {
  await sleep(3_000);
  const rss = rssMB(server.pid);
  return [row(S, "next-server RSS at idle after warm-up", rss, "MB", "", undefined, `pid ${server.pid}, after the proxy section's ~300 requests`)];
}

export async function benchServerCpu({ server, concurrency = 50, waves = 3, chars = 20_000 }) {
  progress(`server: ${waves} waves of ${concurrency} concurrent streams of ${chars} chars`);
  const body = chatBody(`long=${chars},pace=0`);
  await Promise.all(Array.from({ length: 10 }, () => proxyChat(server.baseURL, body)));
  let bytes = 0;
  let errors = 0;
  const cpu0 = cpuMs(server.pid);
  const t0 = performance.now();
  for (let w = 0; w < waves; w++) {
    const results = await Promise.allSettled(Array.from({ length: concurrency }, () => proxyChat(server.baseURL, body)));
    for (const r of results) {
      if (r.status === "fulfilled" && r.value.status === 200 && r.value.eventTimes.at(-1)?.data.includes('"finish"')) bytes += r.value.bytes;
      else errors++;
    }
  }
  const wallMs = performance.now() - t0;
  const cpu = cpuMs(server.pid) - cpu0;
  const mb = bytes / 1024 / 1024;
  return [
    row(S, `CPU time per streamed MB (${concurrency} concurrent streams)`, cpu / mb, "ms/MB", "", undefined,
      `${cpu.toFixed(0)} ms CPU for ${mb.toFixed(1)} MB in ${(wallMs / 1000).toFixed(1)} s (${(mb / (wallMs / 1000)).toFixed(1)} MB/s); ${errors} failed streams`),
    row(S, "next-server RSS after the concurrent streams", rssMB(server.pid), "MB"),
  ];
}
