"use client";
import { useCallback, useRef, useState } from "react";
import type { AppError, TranscriptionResponse } from "@/lib/schemas";
import { toApiError } from "@/lib/client/api";
import { prepareAudio, type PreparedAudio, type UploadPart } from "@/lib/client/audio/prepare";
import { postTranscription, type TranscribeOptions } from "@/lib/client/audio/upload";
import { stitch, type Transcript } from "@/lib/client/audio/stitch";

export type PartState = UploadPart & {
  /** sending: bytes going up; transcribing: all sent, waiting for the text. */
  status: "waiting" | "sending" | "transcribing" | "done" | "failed";
  progress: number;
  result?: TranscriptionResponse;
};

export type JobPhase = "idle" | "preparing" | "running" | "failed" | "stopped" | "done";

export type JobSource = { blob: Blob; name: string; recording: boolean };

export type JobFailure = { message: string; error?: AppError; part?: number };

/**
 * One transcription: prepares the audio (conversion, splitting), sends the parts one after another, and
 * stitches the results. A failed or stopped job keeps its finished parts, so Retry sends only the rest.
 */
export function useTranscriptionJob(onDone: (t: Transcript, prepared: PreparedAudio) => void | Promise<void>) {
  const [phase, setPhase] = useState<JobPhase>("idle");
  const [parts, setParts] = useState<PartState[]>([]);
  const [prepared, setPrepared] = useState<PreparedAudio | null>(null);
  const [failure, setFailure] = useState<JobFailure | null>(null);
  const partsRef = useRef<PartState[]>([]);
  const preparedRef = useRef<PreparedAudio | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  const update = (i: number, patch: Partial<PartState>) => {
    partsRef.current = partsRef.current.map((p, j) => (j === i ? { ...p, ...patch } : p));
    setParts(partsRef.current);
  };

  const runParts = useCallback(
    async (options: TranscribeOptions) => {
      const controller = new AbortController();
      abortRef.current = controller;
      setPhase("running");
      setFailure(null);
      for (let i = 0; i < partsRef.current.length; i++) {
        const part = partsRef.current[i]!;
        if (part.status === "done") continue;
        update(i, { status: "sending", progress: 0 });
        try {
          const result = await postTranscription(part, options, {
            signal: controller.signal,
            onProgress: (f) => update(i, f >= 1 ? { status: "transcribing", progress: 1 } : { progress: f }),
          });
          update(i, { status: "done", progress: 1, result });
        } catch (err) {
          const info = toApiError(err).info;
          update(i, { status: "failed" });
          if (info.code === "aborted") {
            setPhase("stopped");
          } else {
            setPhase("failed");
            setFailure({ message: info.message, error: info, part: i });
          }
          return;
        }
      }
      abortRef.current = null;
      setPhase("done");
      const done = partsRef.current.map((p) => ({ offset: p.offset, duration: p.duration, result: p.result! }));
      if (preparedRef.current) void onDone(stitch(done), preparedRef.current);
    },
    [onDone],
  );

  const start = useCallback(
    async (source: JobSource, options: TranscribeOptions, forceWav = false) => {
      abortRef.current?.abort();
      setPhase("preparing");
      setFailure(null);
      partsRef.current = [];
      setParts([]);
      let prep: PreparedAudio;
      try {
        prep = await prepareAudio(source.blob, source.name, { recording: source.recording, forceWav });
      } catch (err) {
        setPhase("failed");
        setFailure({ message: err instanceof Error ? err.message : "The audio could not be prepared." });
        return;
      }
      preparedRef.current = prep;
      setPrepared(prep);
      partsRef.current = prep.parts.map((p) => ({ ...p, status: "waiting", progress: 0 }));
      setParts(partsRef.current);
      await runParts(options);
    },
    [runParts],
  );

  const cancel = useCallback(() => abortRef.current?.abort(), []);

  const reset = useCallback(() => {
    abortRef.current?.abort();
    abortRef.current = null;
    partsRef.current = [];
    preparedRef.current = null;
    setParts([]);
    setPrepared(null);
    setFailure(null);
    setPhase("idle");
  }, []);

  return { phase, parts, prepared, failure, start, retry: runParts, cancel, reset };
}
