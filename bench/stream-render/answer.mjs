// A realistic long assistant answer for the streaming-render benchmark: prose, lists, code in
// several languages, a table, inline and display math. Deterministic, so runs compare.

const SECTIONS = [
  (i) => `## ${i + 1}. Designing the ingestion step\n\nThe pipeline reads events from the queue, validates them, and writes **batches** to the warehouse. The tricky part is back-pressure: when the warehouse slows down, the reader must slow down too, or memory grows without bound. We keep a bounded buffer and measure its fill level, so an operator can see trouble coming *before* it turns into an outage. See [the design notes](https://example.com/notes/${i}) and \`docs/ingest.md\` for the rationale.\n`,
  () => `Key points to keep in mind:\n\n- Every event carries an idempotency key, so a retried batch is harmless.\n- Batches are flushed at **500 events** or **2 seconds**, whichever comes first.\n- Failures are retried with exponential backoff, capped at 30 s.\n  - Transient errors (timeouts, 503) are retried.\n  - Validation errors are sent to the dead-letter queue at once.\n- The reader commits its offset only after the batch is acknowledged.\n`,
  () => "```ts\nimport { setTimeout as sleep } from \"node:timers/promises\";\n\ntype Event = { id: string; at: number; payload: Record<string, unknown> };\n\nexport async function flushLoop(queue: AsyncIterable<Event>, write: (batch: Event[]) => Promise<void>) {\n  let batch: Event[] = [];\n  let deadline = Date.now() + 2_000;\n  for await (const event of queue) {\n    batch.push(event);\n    if (batch.length >= 500 || Date.now() >= deadline) {\n      await writeWithRetry(write, batch);\n      batch = [];\n      deadline = Date.now() + 2_000;\n    }\n  }\n  if (batch.length > 0) await writeWithRetry(write, batch);\n}\n\nasync function writeWithRetry(write: (b: Event[]) => Promise<void>, batch: Event[], attempt = 0): Promise<void> {\n  try {\n    await write(batch);\n  } catch (error) {\n    if (attempt >= 6) throw error;\n    await sleep(Math.min(30_000, 250 * 2 ** attempt));\n    return writeWithRetry(write, batch, attempt + 1);\n  }\n}\n```\n",
  (i) => `The expected delay of a batch follows from the arrival rate $\\lambda$ and the batch size $n$: a batch fills in about $n / \\lambda$ seconds, so with $\\lambda = ${200 + i * 50}$ events/s the size limit is reached after $${(500 / (200 + i * 50)).toFixed(2)}$ s. With retries, the expected total wait is\n\n$$\nE[T] = \\frac{n}{\\lambda} + \\sum_{k=0}^{K-1} p^{k+1} \\cdot \\min(30, 0.25 \\cdot 2^k)\n$$\n\nwhere $p$ is the probability that one write fails.\n`,
  () => `| Setting | Default | Range | Effect |\n|:--|--:|:--:|:--|\n| \`batch.size\` | 500 | 1–10,000 | Larger batches mean fewer writes but more memory |\n| \`batch.maxWait\` | 2 s | 0.1–60 s | Upper bound on the added latency |\n| \`retry.max\` | 6 | 0–20 | Attempts before the batch goes to the DLQ |\n| \`retry.cap\` | 30 s | 1–300 s | Longest single backoff |\n| \`buffer.limit\` | 64 MB | 8–1024 MB | Reader pauses above this fill level |\n| \`dlq.enabled\` | true | — | Keeps invalid events for inspection |\n`,
  () => "In Python the same loop is shorter, thanks to `asyncio.timeout`:\n\n```python\nimport asyncio\n\nasync def flush_loop(queue: asyncio.Queue, write, size: int = 500, max_wait: float = 2.0) -> None:\n    batch = []\n    while True:\n        try:\n            async with asyncio.timeout(max_wait):\n                while len(batch) < size:\n                    batch.append(await queue.get())\n        except TimeoutError:\n            pass\n        if batch:\n            await write(batch)\n            batch = []\n```\n",
  () => `To try it locally:\n\n1. Start the dependencies: \`docker compose up -d queue warehouse\`.\n2. Seed some events, then run the reader with a small batch size.\n3. Watch the buffer gauge while you pause the warehouse.\n\n\`\`\`bash\nexport BATCH_SIZE=50 BATCH_MAX_WAIT=0.5\nnpm run seed -- --events 10000\nnpm run reader 2>&1 | tee reader.log\ngrep -c "flushed" reader.log\n\`\`\`\n`,
  (i) => `> **Note:** never commit the offset before the write is acknowledged. If the process dies in between, the events would be lost, and no retry could bring them back.\n\nA checklist before shipping step ${i + 1}:\n\n- [x] Idempotency keys on every event\n- [x] Bounded buffer with a gauge\n- [ ] Alert on DLQ growth\n- [ ] Load test at 3× the peak rate\n`,
  () => "The configuration is plain JSON, validated at start-up:\n\n```json\n{\n  \"batch\": { \"size\": 500, \"maxWait\": \"2s\" },\n  \"retry\": { \"max\": 6, \"cap\": \"30s\" },\n  \"buffer\": { \"limit\": \"64MB\" },\n  \"dlq\": { \"enabled\": true, \"topic\": \"ingest.dlq\" }\n}\n```\n\nIf validation fails the process exits with a clear message rather than running with defaults; ~~silently falling back~~ hid two misconfigurations last quarter.\n",
];

const ENDING =
  "## Summary\n\nBatching with a bounded buffer keeps memory flat, idempotency keys make retries safe, and committing offsets only after acknowledgement means nothing is lost when a process dies. Measure the buffer fill level, alert on dead-letter growth, and load-test at three times the expected peak before relying on it. If any of these steps is unclear, ask and I will expand on it with more examples and the trade-offs of each choice, including the cost of larger batches, the effect of the retry cap on tail latency, and how to tune the buffer limit for your traffic.";

/** An answer of exactly `chars` characters (sections repeat with varied numbers), ending in prose. */
export function realisticAnswer(chars = 20_000) {
  const parts = ["Here is a walkthrough of the ingestion service, step by step.\n"];
  let length = parts[0].length;
  for (let i = 0; ; i++) {
    const next = SECTIONS[i % SECTIONS.length](Math.floor(i / SECTIONS.length) + i);
    if (length + next.length + 1 + ENDING.length / 2 > chars) break;
    parts.push(next);
    length += next.length + 1;
  }
  let text = parts.join("\n") + "\n";
  const room = chars - text.length;
  let ending = ENDING;
  while (ending.length < room) ending += " " + ENDING.slice(ENDING.indexOf("Batching"));
  text += ending.slice(0, room);
  return text;
}

/** Delta sizes of 20–40 characters from a fixed seed, like a model streaming a few tokens at a time. */
export function deltaSizes(total, seed = 7) {
  const sizes = [];
  let s = seed;
  for (let n = 0; n < total; ) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const size = Math.min(20 + (s % 21), total - n);
    sizes.push(size);
    n += size;
  }
  return sizes;
}
