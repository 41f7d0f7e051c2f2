import type { Segment } from "@/lib/schemas";
import { toSrt, toVtt } from "./captions";

export type ExportFormat = "txt" | "srt" | "vtt" | "json";

export type ExportSource = {
  title: string;
  text: string;
  segments?: Segment[];
  language?: string;
  duration?: number;
  model?: string;
};

const MIME: Record<ExportFormat, string> = {
  txt: "text/plain;charset=utf-8",
  srt: "application/x-subrip;charset=utf-8",
  vtt: "text/vtt;charset=utf-8",
  json: "application/json;charset=utf-8",
};

export function exportTranscript(t: ExportSource, format: ExportFormat): { filename: string; blob: Blob } {
  const content =
    format === "txt"
      ? `${t.text.trim()}\n`
      : format === "srt"
        ? toSrt(t)
        : format === "vtt"
          ? toVtt(t)
          : `${JSON.stringify(
              { title: t.title, model: t.model, language: t.language, duration: t.duration, text: t.text, segments: t.segments ?? [] },
              null,
              2,
            )}\n`;
  const base = t.title.replace(/[^\p{L}\p{N} ._-]+/gu, "_").trim().slice(0, 80) || "transcript";
  return { filename: `${base}.${format}`, blob: new Blob([content], { type: MIME[format] }) };
}
