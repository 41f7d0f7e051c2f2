import type { Segment, TranscriptionResponse } from "@/lib/schemas";

export type Transcript = { text: string; segments?: Segment[]; language?: string; duration?: number };

/** Joins the parts' transcripts into one, moving each part's timestamps by where that part starts. */
export function stitch(parts: { offset: number; duration?: number; result: TranscriptionResponse }[]): Transcript {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const withSegments = parts.every((p) => p.result.segments?.length || !p.result.text.trim());
  const segments: Segment[] = withSegments
    ? parts.flatMap((p) =>
        (p.result.segments ?? []).map((s) => ({ start: round(s.start + p.offset), end: round(s.end + p.offset), text: s.text })),
      )
    : [];
  const last = parts.at(-1);
  const lastDuration = last ? (last.result.duration ?? last.duration) : undefined;
  return {
    text: parts
      .map((p) => p.result.text.trim())
      .filter(Boolean)
      .join(" "),
    ...(segments.length ? { segments } : {}),
    ...(parts[0]?.result.language ? { language: parts[0].result.language } : {}),
    ...(last && lastDuration !== undefined ? { duration: round(last.offset + lastDuration) } : {}),
  };
}
