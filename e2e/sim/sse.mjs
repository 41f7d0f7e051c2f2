// The event-stream writer: framing, one-chunk lag (quirk 9), pacing, byte slicing (quirk 2), CRLF/comments/ping
// (quirk 8), and abort awareness. One res.write per event unless chunk-bytes slices it further.
import { setTimeout as sleep } from "node:timers/promises";
import { jsonParts } from "./wire.mjs";

export class SseWriter {
  /**
   * @param res ServerResponse
   * @param o { headers, crlf, singleNewline, chunkBytes: [min,max]|null, pingMs, paceMs, lag, onFirstByte }
   */
  constructor(res, o) {
    this.res = res; this.o = o;
    this.eol = o.crlf ? "\r\n" : "\n";
    this.sep = o.singleNewline ? this.eol : this.eol + this.eol;
    this.pending = null; this.busy = false; this.pingTimer = null; this.started = false;
    this.closed = false;
    res.on("close", () => { this.closed = true; this.stopPing(); });
  }

  get gone() { return this.closed || this.res.destroyed; }

  /** Headers are written lazily: new-api sends nothing until the first upstream chunk (quirk 8). */
  open() {
    if (this.started || this.gone) return;
    this.started = true;
    this.res.writeHead(200, this.o.headers);
    this.res.flushHeaders();
    this.o.onFirstByte?.();
  }

  startPing() {
    if (!this.o.pingMs || this.pingTimer) return;
    this.open();
    this.pingTimer = setInterval(() => { if (!this.busy) this.write([`: PING${this.sep}`]); }, this.o.pingMs);
    this.pingTimer.unref();
  }
  stopPing() { if (this.pingTimer) clearInterval(this.pingTimer); this.pingTimer = null; }

  async write(parts) {
    if (this.gone) return;
    this.open();
    const cb = this.o.chunkBytes;
    if (!cb) {
      const ok = parts.length === 1 ? this.res.write(parts[0]) : this.writeCorked(parts);
      if (!ok) await this.drain();
      return;
    }
    this.busy = true;
    try {
      const [min, max] = cb;
      let carry = null;
      for (const p of parts) {
        let buf = typeof p === "string" ? Buffer.from(p) : p;
        if (carry) { buf = Buffer.concat([carry, buf]); carry = null; }
        let off = 0;
        for (;;) {
          const n = min === max ? min : min + Math.floor(Math.random() * (max - min + 1));
          if (buf.length - off < n) { carry = buf.subarray(off); break; }
          if (this.gone) return;
          if (!this.res.write(buf.subarray(off, off + n))) await this.drain();
          off += n;
        }
      }
      if (carry?.length && !this.gone && !this.res.write(carry)) await this.drain();
    } finally { this.busy = false; }
  }

  writeCorked(parts) {
    this.res.cork();
    let ok = true;
    for (const p of parts) ok = this.res.write(p) && ok;
    this.res.uncork();
    return ok;
  }

  drain() {
    return new Promise((resolve) => {
      if (this.gone) return resolve();
      const done = () => { this.res.off("drain", done); this.res.off("close", done); resolve(); };
      this.res.once("drain", done); this.res.once("close", done);
    });
  }

  /** A data event; with lag on, the previous one is released instead (new-api OaiStreamHandler, quirk 9). */
  async data(obj, blobs) {
    const parts = typeof obj === "string" ? [obj] : jsonParts(obj, blobs);
    // Small events become one string → one write() → one chunk; only image events keep Buffer parts (corked).
    const framed = parts.every((p) => typeof p === "string") ? ["data: " + parts.join("") + this.sep] : ["data: ", ...parts, this.sep];
    if (!this.o.lag) return this.write(framed);
    const prev = this.pending; this.pending = framed;
    if (prev) await this.write(prev);
  }

  async flushLag() { const p = this.pending; this.pending = null; if (p) await this.write(p); }
  comment(text) { return this.write([`: ${text}${this.sep}`]); }
  blank() { return this.write([this.eol]); }
  raw(text) { return this.write([text]); }
  async done() { await this.flushLag(); await this.write([`data: [DONE]${this.sep}`]); }

  /** Pause that keeps pinging if asked; returns early when the client goes away. */
  async wait(ms) {
    if (ms <= 0 || this.gone) return;
    const end = Date.now() + ms;
    while (!this.gone && Date.now() < end) await sleep(Math.min(50, end - Date.now()));
  }

  end() { this.stopPing(); if (!this.gone) { this.open(); this.res.end(); } }
  /** Abrupt TCP close with no [DONE] (quirk 10). */
  destroy() { this.stopPing(); this.o.markSimClose?.(); this.open(); this.res.socket?.destroy(); }
}
