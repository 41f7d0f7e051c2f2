// Probe: 20 paced chat streams through /api/chat and straight to the simulator, interleaved: when the first
// event arrives, and first → last event. Equal spans mean the proxy adds latency only at the start.
// Usage: node bench/probes/proxy-stream-span.mjs <app base URL> <simulator /v1 URL> <simulator key>
import { proxyChat, directChat, chatBody } from "../sections/proxy.mjs";
const spans = { proxy: [], direct: [] }, firsts = { proxy: [], direct: [] }, counts = {};
for (let i = 0; i < 20; i++) {
  const p = await proxyChat(process.argv[2], chatBody("long=3000,pace=5"));
  const d = await directChat(process.argv[3], process.argv[4], chatBody("long=3000,pace=5"));
  for (const [k, r] of [["proxy", p], ["direct", d]]) {
    const t = r.eventTimes;
    spans[k].push(t.at(-1).at - t[0].at);
    firsts[k].push(t[0].at);
    counts[k] = t.length;
  }
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
for (const k of ["proxy", "direct"]) console.log(k, "events", counts[k], "first event", med(firsts[k]).toFixed(2), "first→last", med(spans[k]).toFixed(2));
process.exit(0);
