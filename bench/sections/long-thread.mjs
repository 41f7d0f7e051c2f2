// Section 3: a conversation of 1,000 messages. Seeded straight into the app's IndexedDB (database `gateway-studio`,
// records shaped as lib/client/db.ts's ConversationRecord / MessageRecord), then opened two ways: a full page load of
// /chat/<id>, and an in-app navigation from another conversation through the sidebar link. "Ready" is the first
// frame in which the thread's newest message is in the DOM and the composer is enabled. Then keystrokes into the
// composer: keydown's timestamp to the start of the next frame (all handlers for the key have run by then), and the
// Event Timing API's count of keystrokes slower than 16 ms.
import path from "node:path";
import { chunkReport, fetchedChunks } from "../lib/chunks.mjs";
import { median, p95 } from "../lib/stats.mjs";
import { row } from "../lib/report.mjs";
import { DIST, progress, ROOT } from "../lib/stack.mjs";

const S = "3 long thread";
const BIG = "bench-thread-1000";
const SMALL = "bench-thread-small";
const COUNT = 1000;

/** Runs in the page before any app script: the readiness probe and the keystroke clock. */
function probe() {
  const b = (window.__bench = { armedAt: null, marker: null, readyAt: null, keys: [], slowKeys: 0, longTasks: [] });
  const check = () => {
    if (b.marker && b.readyAt === null) {
      const composer = document.getElementById("chat-composer");
      if (composer && !composer.disabled && document.body?.textContent.includes(b.marker)) b.readyAt = performance.now();
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
  document.addEventListener("keydown", (e) => {
    const at = e.timeStamp;
    requestAnimationFrame((frame) => b.keys.push(frame - at));
  }, true);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === "keydown") b.slowKeys++;
    }).observe({ type: "event", durationThreshold: 16, buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch { /* older engine: rAF clock only */ }
}

/** Writes the two conversations with plain IndexedDB calls (runs in the page). */
export async function seed({ big, small, count }) {
  const names = (await indexedDB.databases?.()) ?? [];
  const existing = names.find((d) => d.name === "gateway-studio");
  const db = await new Promise((resolve, reject) => {
    const req = existing ? indexedDB.open("gateway-studio") : indexedDB.open("gateway-studio", 1);
    // Only when the app has not created its database yet: the version-1 schema of lib/client/db.ts.
    req.onupgradeneeded = () => {
      const d = req.result;
      d.createObjectStore("conversations", { keyPath: "id" }).createIndex("byUpdated", "updatedAt");
      d.createObjectStore("messages", { keyPath: "id" }).createIndex("byConversation", "conversationId");
      d.createObjectStore("blobs", { keyPath: "id" });
      const g = d.createObjectStore("gallery", { keyPath: "id" });
      g.createIndex("byCreated", "createdAt");
      g.createIndex("byConversation", "conversationId");
      d.createObjectStore("transcripts", { keyPath: "id" }).createIndex("byCreated", "createdAt");
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const t0 = Date.now() - count * 60_000;
  const answer = (i) => [
    `Answer m${String(i).padStart(4, "0")}: here is what I found. The **first** point is about \`config\` values, the second about caching.`,
    "",
    "1. Read the setting once at start-up.\n2. Keep the parsed value in memory.\n3. Refresh it when the file changes.",
    "",
    i % 10 === 1 ? "```ts\nexport function parse(input: string): number {\n  return Number.parseInt(input, 10);\n}\n```\n" : "",
    "A closing paragraph with a [link](https://example.com/docs) and some more words so the message has a realistic length for a chat answer, about six hundred characters in all, which is typical for the answers people keep.",
  ].join("\n");
  const question = (i) => `Question m${String(i).padStart(4, "0")}: how should I handle configuration reloads in a small service?`;
  const tx = db.transaction(["conversations", "messages"], "readwrite");
  const conv = (id, title, n) => ({ id, title, createdAt: t0, updatedAt: t0 + n * 60_000, pinned: false, model: "gemini-2.5-flash" });
  tx.objectStore("conversations").put(conv(big, "Bench: 1,000 messages", count));
  tx.objectStore("conversations").put(conv(small, "Bench: short thread", 2));
  const put = (conversationId, prefix, i, text) => tx.objectStore("messages").put({
    id: `${prefix}-${i}`, conversationId, parentId: i === 0 ? null : `${prefix}-${i - 1}`,
    role: i % 2 === 0 ? "user" : "assistant", text, attachments: [], createdAt: t0 + i * 60_000, status: "done",
    ...(i % 2 === 1 ? { finishReason: "stop", model: "gemini-2.5-flash" } : {}),
  });
  for (let i = 0; i < count; i++) put(big, "big", i, i % 2 === 0 ? question(i) : answer(i));
  put(small, "small", 0, "Short question s0000?");
  put(small, "small", 1, "Short answer s0001.");
  await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
  db.close();
}

async function typeInComposer(page, n = 30) {
  await page.focus("#chat-composer");
  await page.evaluate(() => { window.__bench.keys = []; window.__bench.slowKeys = 0; });
  await page.keyboard.type("the quick brown fox jumps over".slice(0, n), { delay: 40 });
  await page.waitForTimeout(100);
  return page.evaluate(() => ({ keys: window.__bench.keys, slow: window.__bench.slowKeys }));
}

const markerOf = (n) => `m${String(n - 1).padStart(4, "0")}`;

export async function benchLongThread({ baseURL, browser, runs = 5, floor }) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  // The floor (bench/floor-app): a bare Next page with the same marker and #chat-composer, loaded the same way.
  const floorContext = floor ? await browser.newContext({ baseURL: floor.baseURL, viewport: { width: 1280, height: 800 } }) : null;
  try {
    await context.addInitScript(probe);
    await floorContext?.addInitScript(probe);
    const page = await context.newPage();
    await page.goto("/chat", { waitUntil: "networkidle" });
    await page.waitForFunction(async () => ((await indexedDB.databases?.()) ?? []).some((d) => d.name === "gateway-studio"), null, { timeout: 5_000 }).catch(() => {});
    progress(`long thread: seeding ${COUNT} messages`);
    await page.evaluate(seed, { big: BIG, small: SMALL, count: COUNT });

    /**
     * One full page load in a new tab of `ctx`: navigation start (performance time origin) → ready, the first frame
     * with `marker` in the DOM and the composer enabled. `whileOpen` runs on the page before it is closed.
     */
    const loadReady = async (ctx, url, marker, whileOpen) => {
      const p = await ctx.newPage();
      await p.goto(url, { waitUntil: "commit" });
      await p.evaluate((m) => { window.__bench.marker = m; }, marker);
      await p.waitForFunction(() => window.__bench.readyAt !== null, null, { timeout: 30_000, polling: 50 });
      const at = await p.evaluate(() => window.__bench.readyAt);
      await whileOpen?.(p);
      await p.close();
      return at;
    };

    // The first load of each kind warms the HTTP cache and the page's chunks, and is not counted.
    const loads = [];
    const loadKeys = [];
    for (let i = 0; i <= runs; i++) {
      const at = await loadReady(context, `/chat/${BIG}`, markerOf(COUNT), i === runs ? async (p) => loadKeys.push(await typeInComposer(p)) : undefined);
      if (i > 0) loads.push(at);
    }

    // The same page load of the short conversation: what any page load costs here, thread size aside. Interleaved
    // with the floor page's loads, so both see the same machine.
    const smallLoads = [];
    const floorLoads = [];
    for (let i = 0; i <= runs; i++) {
      const at = await loadReady(context, `/chat/${SMALL}`, "s0001");
      if (i > 0) smallLoads.push(at);
      if (floorContext) {
        const f = await loadReady(floorContext, floor.path, "s0001");
        if (i > 0) floorLoads.push(f);
      }
    }

    // In-app: from the short conversation, click the sidebar link (client-side navigation).
    progress("long thread: in-app navigation through the sidebar");
    const navs = [];
    const longTasks = [];
    await page.goto(`/chat/${SMALL}`);
    await page.evaluate(() => { window.__bench.marker = "s0001"; });
    await page.waitForFunction(() => window.__bench.readyAt !== null, null, { timeout: 30_000 });
    for (let i = 0; i < runs; i++) {
      const link = page.locator(`a[href="/chat/${BIG}"]`).first();
      await page.evaluate((m) => {
        const b = window.__bench;
        b.readyAt = null;
        b.longTasks = [];
        b.marker = null;
        document.addEventListener("click", () => { b.armedAt = performance.now(); b.marker = m; }, { capture: true, once: true });
      }, markerOf(COUNT));
      await link.click();
      await page.waitForFunction(() => window.__bench.readyAt !== null, null, { timeout: 30_000, polling: 50 });
      const r = await page.evaluate(() => ({ ms: window.__bench.readyAt - window.__bench.armedAt, longTasks: window.__bench.longTasks }));
      navs.push(r.ms);
      longTasks.push(...r.longTasks);
      if (i === runs - 1) loadKeys.push(await typeInComposer(page));
      // back to the short one for the next round
      await page.evaluate(() => { window.__bench.readyAt = null; window.__bench.marker = "s0001"; });
      await page.locator(`a[href="/chat/${SMALL}"]`).first().click();
      await page.waitForFunction(() => window.__bench.readyAt !== null, null, { timeout: 30_000 });
    }
    // Every script a full page load fetches until the network settles (lazy chunks included), and the modules that
    // more than one of those chunks carries: Turbopack builds an import()'s chunks for the place it is made from.
    progress("long thread: JS fetched by a page load");
    const fetched = [];
    for (const url of [`/chat/${SMALL}`, "/chat"]) {
      const p = await context.newPage();
      await p.goto(url, { waitUntil: "networkidle" });
      const scripts = await fetchedChunks(p);
      await p.close();
      fetched.push([url === "/chat" ? url : "/chat/<id>", chunkReport(path.join(ROOT, DIST), scripts)]);
    }

    const keys = loadKeys.flatMap((k) => k.keys);
    const slow = loadKeys.reduce((n, k) => n + k.slow, 0);
    const maxLong = longTasks.reduce((m, t) => Math.max(m, t.duration), 0);
    return [
      row(S, `open ${COUNT} messages: page load → ready (median)`, median(loads), "ms", "< 300 ms", median(loads) < 300,
        `runs ${loads.map((x) => x.toFixed(0)).join(" ")}; ready = newest message shown and composer enabled`),
      row(S, "open a short conversation: page load → ready (median, same run)", median(smallLoads), "ms", "report", undefined,
        `runs ${smallLoads.map((x) => x.toFixed(0)).join(" ")}; loading and hydrating the app, thread size aside`),
      ...(floorContext ? [
        row(S, "floor: a bare Next page, page load → ready (median, interleaved)", median(floorLoads), "ms", "report", undefined,
          `runs ${floorLoads.map((x) => x.toFixed(0)).join(" ")}; bench/floor-app: one client textarea and the marker, the app's Cross-Origin-Opener-Policy, nothing of ours. ` +
          `The short conversation takes ${(median(smallLoads) / median(floorLoads)).toFixed(1)}× as long; the 1,000-message target (300 ms) is ${median(floorLoads) > 300 ? "below" : "above"} this floor`),
      ] : []),
      ...fetched.map(([route, r]) => row(S, `JS fetched by a page load of ${route}, until the network settles (gzip)`, r.gzKB, "kB", "report", undefined,
        `${r.files} files, ${r.rawKB.toFixed(0)} kB raw; modules in more than one chunk: ${r.repeatedModules}, their extra copies ${r.repeatedRawKB.toFixed(1)} kB raw (~${r.repeatedGzKB.toFixed(1)} kB gz)`)),
      row(S, `open ${COUNT} messages: sidebar click → ready (median)`, median(navs), "ms", "< 300 ms", median(navs) < 300,
        `runs ${navs.map((x) => x.toFixed(0)).join(" ")}; ${longTasks.length} long tasks, longest ${maxLong.toFixed(0)} ms`),
      row(S, "keystroke in its composer: keydown → next frame (median)", median(keys), "ms", "< 16 ms", median(keys) < 16,
        `p95 ${p95(keys).toFixed(1)} ms, max ${Math.max(...keys).toFixed(1)} ms over ${keys.length} keys; keydowns with Event Timing duration ≥ 16 ms (to next paint, 8 ms granularity): ${slow} of ${keys.length}`),
    ];
  } finally {
    await context.close();
    await floorContext?.close();
  }
}
