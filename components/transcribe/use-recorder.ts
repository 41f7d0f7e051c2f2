"use client";
import { useCallback, useEffect, useRef, useState } from "react";

export type RecorderState = "idle" | "starting" | "recording" | "paused";

/** What Chrome, Firefox and Safari record; the result is converted to WAV before upload anyway. */
const MIME_CANDIDATES = ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"];

function pickMime(): string | undefined {
  return MIME_CANDIDATES.find((m) => MediaRecorder.isTypeSupported?.(m));
}

/**
 * The microphone: MediaRecorder for the audio, an AnalyserNode for the input level, and a timer that
 * does not count paused time.
 */
export function useRecorder(onRecorded: (blob: Blob) => void) {
  const [state, setState] = useState<RecorderState>("idle");
  const [elapsed, setElapsed] = useState(0);
  const [level, setLevel] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const rec = useRef<{
    recorder: MediaRecorder;
    stream: MediaStream;
    audio: AudioContext;
    chunks: Blob[];
    keep: boolean;
    startedAt: number;
    banked: number;
    raf: number;
    lastPaint: number;
  } | null>(null);
  const onRecordedRef = useRef(onRecorded);
  useEffect(() => {
    onRecordedRef.current = onRecorded;
  }, [onRecorded]);

  const teardown = useCallback(() => {
    const r = rec.current;
    if (!r) return;
    cancelAnimationFrame(r.raf);
    r.stream.getTracks().forEach((t) => t.stop());
    void r.audio.close().catch(() => {});
    rec.current = null;
    setLevel(0);
  }, []);

  useEffect(() => () => {
    if (rec.current) {
      rec.current.keep = false;
      if (rec.current.recorder.state !== "inactive") rec.current.recorder.stop();
      teardown();
    }
  }, [teardown]);

  const start = useCallback(async () => {
    setError(null);
    if (typeof MediaRecorder === "undefined" || !navigator.mediaDevices?.getUserMedia) {
      setError("This browser cannot record audio here. Pick a file instead.");
      return;
    }
    setState("starting");
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
    } catch (err) {
      setState("idle");
      const name = err instanceof DOMException ? err.name : "";
      setError(
        name === "NotAllowedError"
          ? "Microphone access was refused. Allow it in the browser's site settings, then try again."
          : name === "NotFoundError"
            ? "No microphone was found. Connect one, or pick a file instead."
            : "The microphone could not be opened. Check that no other app is using it.",
      );
      return;
    }
    const mimeType = pickMime();
    const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const audio = new AudioContext();
    const analyser = audio.createAnalyser();
    analyser.fftSize = 1024;
    audio.createMediaStreamSource(stream).connect(analyser);
    const buf = new Float32Array(analyser.fftSize);
    const r = { recorder, stream, audio, chunks: [] as Blob[], keep: true, startedAt: performance.now(), banked: 0, raf: 0, lastPaint: 0 };
    rec.current = r;
    const tick = (now: number) => {
      if (rec.current !== r) return;
      // Repaint about 15 times a second: enough for a meter and a clock, cheap for React.
      if (now - r.lastPaint > 66) {
        r.lastPaint = now;
        analyser.getFloatTimeDomainData(buf);
        let sum = 0;
        for (const v of buf) sum += v * v;
        const rms = Math.sqrt(sum / buf.length);
        setLevel(recorder.state === "recording" ? Math.min(1, rms * 4) : 0);
        setElapsed(r.banked + (recorder.state === "recording" ? now - r.startedAt : 0));
      }
      r.raf = requestAnimationFrame(tick);
    };
    recorder.ondataavailable = (e) => {
      if (e.data.size) r.chunks.push(e.data);
    };
    recorder.onstop = () => {
      const blob = new Blob(r.chunks, { type: recorder.mimeType || mimeType || "audio/webm" });
      teardown();
      setState("idle");
      setElapsed(0);
      if (r.keep && blob.size) onRecordedRef.current(blob);
    };
    recorder.start(1000);
    r.raf = requestAnimationFrame(tick);
    setState("recording");
  }, [teardown]);

  const pause = useCallback(() => {
    const r = rec.current;
    if (!r || r.recorder.state !== "recording") return;
    r.recorder.pause();
    r.banked += performance.now() - r.startedAt;
    setState("paused");
  }, []);

  const resume = useCallback(() => {
    const r = rec.current;
    if (!r || r.recorder.state !== "paused") return;
    r.recorder.resume();
    r.startedAt = performance.now();
    setState("recording");
  }, []);

  const finish = useCallback((keep: boolean) => {
    const r = rec.current;
    if (!r) return;
    r.keep = keep;
    if (r.recorder.state !== "inactive") r.recorder.stop();
    else teardown();
  }, [teardown]);

  return {
    state,
    elapsed,
    level,
    error,
    start,
    pause,
    resume,
    stop: useCallback(() => finish(true), [finish]),
    discard: useCallback(() => finish(false), [finish]),
  };
}
