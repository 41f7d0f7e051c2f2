import "server-only";

export type ContentPiece =
  | { kind: "text"; text: string }
  | { kind: "reasoning"; text: string }
  /** A Markdown image `![alt](url)`; `raw` is the whole Markdown, kept as text when the url is not a data URL. */
  | { kind: "image"; url: string; raw: string }
  /** The stream ended inside a Markdown image. */
  | { kind: "cut-image"; raw: string };

const THINK_OPEN = "<think>";
const THINK_CLOSE = "</think>";
const IMAGE_HEAD = /^!\[([^\]\n]{0,300})\]\(/;
const IMAGE_HEAD_PREFIX = /^!(\[[^\]\n]{0,300}\]?)?$/;
/** The longest Markdown image we hold while waiting for its `)`: a few pictures' worth of base64. */
export const MAX_HELD_IMAGE_CHARS = 48 * 1024 * 1024;

/** How many trailing characters of `s` could be the start of `token`. */
function partialSuffix(s: string, token: string): number {
  for (let n = Math.min(token.length - 1, s.length); n > 0; n--) if (token.startsWith(s.slice(s.length - n))) return n;
  return 0;
}

/**
 * Splits streamed `content` text into text, `<think>` reasoning and Markdown images, whatever the delta
 * boundaries: a picture may arrive in one multi-MB delta or split anywhere, even inside `data:image/png;base64,`.
 * Text is passed on as soon as it cannot be the start of a tag or an image, so nothing is coalesced needlessly.
 * `<think>` counts only before any visible text, so an answer that quotes the tag stays text.
 */
export class ContentScanner {
  private buffer = "";
  private mode: "text" | "think" = "text";
  private visible = false;
  private thinkSeen = false;
  private trimNext = false;
  private closeSearchFrom = 0;

  push(delta: string): ContentPiece[] {
    this.buffer += delta;
    const out: ContentPiece[] = [];
    this.scan(out);
    return out;
  }

  /** The stream ended: whatever is held goes out as what it is. */
  end(): ContentPiece[] {
    const out: ContentPiece[] = [];
    const rest = this.buffer;
    this.buffer = "";
    if (!rest) return out;
    if (this.mode === "think") out.push({ kind: "reasoning", text: rest });
    else if (IMAGE_HEAD.test(rest) && rest.includes("](data:")) out.push({ kind: "cut-image", raw: rest });
    else if (!this.trimNext || rest.trim()) this.emitText(out, this.trimNext ? rest.trimStart() : rest);
    return out;
  }

  private emitText(out: ContentPiece[], text: string): void {
    if (!text) return;
    if (text.trim()) this.visible = true;
    const last = out.at(-1);
    if (last?.kind === "text") last.text += text;
    else out.push({ kind: "text", text });
  }

  private scan(out: ContentPiece[]): void {
    for (;;) {
      if (this.mode === "think") {
        const end = this.buffer.indexOf(THINK_CLOSE);
        if (end >= 0) {
          if (end > 0) out.push({ kind: "reasoning", text: this.buffer.slice(0, end) });
          this.buffer = this.buffer.slice(end + THINK_CLOSE.length);
          this.mode = "text";
          this.trimNext = true;
          continue;
        }
        const keep = partialSuffix(this.buffer, THINK_CLOSE);
        const text = this.buffer.slice(0, this.buffer.length - keep);
        if (text) out.push({ kind: "reasoning", text });
        this.buffer = this.buffer.slice(this.buffer.length - keep);
        return;
      }
      if (this.trimNext) {
        this.buffer = this.buffer.trimStart();
        if (!this.buffer) return;
        this.trimNext = false;
      }
      if (!this.visible && !this.thinkSeen) {
        const lead = this.buffer.trimStart();
        if (lead.startsWith(THINK_OPEN)) {
          this.mode = "think";
          this.thinkSeen = true;
          this.buffer = lead.slice(THINK_OPEN.length);
          continue;
        }
        if (THINK_OPEN.startsWith(lead)) return;
      }
      const at = this.buffer.indexOf("![");
      if (at < 0) {
        const keep = this.buffer.endsWith("!") ? 1 : 0;
        this.emitText(out, this.buffer.slice(0, this.buffer.length - keep));
        this.buffer = this.buffer.slice(this.buffer.length - keep);
        return;
      }
      if (at > 0) {
        this.emitText(out, this.buffer.slice(0, at));
        this.buffer = this.buffer.slice(at);
        this.closeSearchFrom = 0;
      }
      const head = IMAGE_HEAD.exec(this.buffer);
      if (!head) {
        if (IMAGE_HEAD_PREFIX.test(this.buffer)) return;
        this.emitText(out, "![");
        this.buffer = this.buffer.slice(2);
        continue;
      }
      const urlStart = head[0].length;
      const close = this.buffer.indexOf(")", Math.max(urlStart, this.closeSearchFrom));
      if (close < 0) {
        const soFar = this.buffer.slice(urlStart);
        if (/\s/.test(soFar) && !soFar.startsWith("data:")) {
          this.emitText(out, this.buffer.slice(0, urlStart));
          this.buffer = soFar;
          this.closeSearchFrom = 0;
          continue;
        }
        if (this.buffer.length > MAX_HELD_IMAGE_CHARS) {
          out.push({ kind: "cut-image", raw: this.buffer.slice(0, 64) });
          this.buffer = "";
          this.closeSearchFrom = 0;
          return;
        }
        this.closeSearchFrom = this.buffer.length;
        return;
      }
      const raw = this.buffer.slice(0, close + 1);
      out.push({ kind: "image", url: this.buffer.slice(urlStart, close).trim(), raw });
      this.visible = true;
      this.buffer = this.buffer.slice(close + 1);
      this.closeSearchFrom = 0;
    }
  }
}
