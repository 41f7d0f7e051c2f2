import type { Segment } from "@/lib/schemas";

/** `01:02:03,456` (SRT) or `01:02:03.456` (VTT). */
export function formatTimestamp(seconds: number, separator: "," | "."): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`;
}

/** `1:05` or `1:02:05`, for the segment list. */
export function formatClock(seconds: number): string {
  const t = Math.max(0, Math.floor(seconds));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = String(t % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

export type CaptionSource = { text: string; segments?: Segment[]; duration?: number };

/** The cues to write: the segments, or one cue spanning the whole duration when there are none. */
export function cues(t: CaptionSource): Segment[] {
  const segs = (t.segments ?? []).filter((s) => s.text.trim());
  if (segs.length) return segs.map((s) => ({ start: s.start, end: Math.max(s.end, s.start), text: s.text.trim() }));
  const text = t.text.trim();
  if (!text) return [];
  return [{ start: 0, end: t.duration && t.duration > 0 ? t.duration : Math.max(1, text.split(/\s+/).length * 0.4), text }];
}

// A blank line ends a cue in both formats, so a cue's own blank lines are removed; "-->" would start a new timing line.
const cueText = (text: string) => text.replace(/\r/g, "").replace(/\n\s*\n/g, "\n").replace(/-->/g, "->");

export function toSrt(t: CaptionSource): string {
  return cues(t)
    .map((c, i) => `${i + 1}\n${formatTimestamp(c.start, ",")} --> ${formatTimestamp(c.end, ",")}\n${cueText(c.text)}\n`)
    .join("\n");
}

export function toVtt(t: CaptionSource): string {
  const body = cues(t)
    .map((c) => `${formatTimestamp(c.start, ".")} --> ${formatTimestamp(c.end, ".")}\n${cueText(c.text)}\n`)
    .join("\n");
  return `WEBVTT\n\n${body}`;
}
