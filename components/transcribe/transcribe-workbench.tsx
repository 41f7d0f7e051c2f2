"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { LIMITS } from "@/lib/schemas/limits";
import { getBlob, type TranscriptRecord } from "@/lib/client/db";
import { NotAudioError } from "@/lib/client/audio/prepare";
import { sniffFile, type AudioKind } from "@/lib/client/audio/sniff";
import type { Transcript } from "@/lib/client/audio/stitch";
import { saveTranscript, updateTranscript } from "@/lib/client/transcripts/transcripts";
import { useActiveModel } from "@/components/models/model-picker";
import { AudioCard } from "./audio-card";
import { AudioInput } from "./audio-input";
import { FailureNotice } from "./failure-notice";
import { JobProgress } from "./job-progress";
import { TranscribeOptions, TRANSCRIBE_KINDS, type OptionValues } from "./transcribe-options";
import { TranscriptHistory } from "./transcript-history";
import { TranscriptView, type ShownTranscript } from "./transcript-view";
import { useDraftAudio, type DraftAudio } from "./use-draft-audio";
import { useObjectUrl } from "./use-object-url";
import { useTranscriptHistory } from "./use-transcript-history";
import { useTranscriptionJob } from "./use-transcription-job";

type Source = DraftAudio & { kind: AudioKind };
type Shown = { transcript: ShownTranscript; original: string; audio: Blob | null; audioName: string; notice: string | null };

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

function sourceNote(s: Source): string | null {
  if (s.kind.convert || s.recording) {
    return "Will be converted to 16 kHz WAV in your browser before upload: the gateway cannot measure the length of WebM audio.";
  }
  if (s.blob.size > LIMITS.audioBytes) {
    return `Over the ${mb(LIMITS.audioBytes)} upload limit: it will be converted to 16 kHz WAV and, if still too big, split at quiet points into parts sent one after another.`;
  }
  return "Sent as it is.";
}

/** The Transcribe page: audio in (file or microphone), options, progress, the transcript, and history. */
export function TranscribeWorkbench() {
  const model = useActiveModel("transcribe", TRANSCRIBE_KINDS);
  const [options, setOptions] = useState<OptionValues>({ language: "", prompt: "", temperature: 0 });
  const [source, setSource] = useState<Source | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [time, setTime] = useState<number | null>(null);
  const audioRef = useRef<HTMLAudioElement>(null);
  const sourceRef = useRef<Source | null>(null);
  const history = useTranscriptHistory();

  const adopt = useCallback(async (draft: DraftAudio) => {
    const kind = await sniffFile(draft.blob);
    if (!kind) {
      setInputError(new NotAudioError(draft.name).message);
      return false;
    }
    const next = { ...draft, kind };
    sourceRef.current = next;
    setSource(next);
    setShown(null);
    setTime(null);
    setInputError(null);
    return true;
  }, []);
  const draft = useDraftAudio((d) => void adopt(d));

  const onDone = useCallback(
    async (t: Transcript) => {
      const src = sourceRef.current;
      if (!src) return;
      const title = src.name.replace(/\.[^.]+$/, "") || "Transcript";
      const base = { title, model: model?.id ?? "", ...t };
      try {
        const { record, audioKept } = await saveTranscript(base, { blob: src.blob, name: src.name });
        draft.clear();
        setShown({
          transcript: record,
          original: record.text,
          audio: src.blob,
          audioName: src.name,
          notice: audioKept ? null : "Saved to history without its audio: this browser's storage for the site is full.",
        });
        void history.refresh();
      } catch {
        setShown({
          transcript: { id: "unsaved", ...base },
          original: t.text,
          audio: src.blob,
          audioName: src.name,
          notice: "This transcript could not be saved to history (browser storage refused it). Download or copy it to keep it.",
        });
      }
      setSource(null);
      sourceRef.current = null;
    },
    [model?.id, draft, history],
  );
  const job = useTranscriptionJob(onDone);

  const pick = useCallback(
    async (d: DraftAudio) => {
      job.reset();
      if (await adopt(d)) draft.keep(d);
    },
    [job, adopt, draft],
  );

  const run = (forceWav = false) => {
    if (!source || !model) return;
    void job.start(source, { model: model.id, ...options, language: options.language || undefined }, forceWav);
  };
  const retry = () => {
    if (!model) return;
    void job.retry({ model: model.id, ...options, language: options.language || undefined });
  };

  const openItem = async (item: TranscriptRecord) => {
    job.reset();
    setSource(null);
    sourceRef.current = null;
    setTime(null);
    const audio = item.audioBlobId ? ((await getBlob(item.audioBlobId).catch(() => undefined)) ?? null) : null;
    setShown({ transcript: item, original: item.text, audio, audioName: item.audioName ?? item.title, notice: null });
  };

  // Text edits are saved shortly after typing stops, and at once when the page is being left (nothing lost).
  const pendingText = useRef<{ id: string; text: string } | null>(null);
  useEffect(() => {
    const p = pendingText.current;
    if (!p || p.id === "unsaved") return;
    const save = () => {
      window.removeEventListener("pagehide", save);
      clearTimeout(timer);
      void updateTranscript(p.id, { text: p.text }).then(() => history.refresh());
    };
    const timer = setTimeout(save, 300);
    window.addEventListener("pagehide", save);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("pagehide", save);
    };
  }, [shown?.transcript.text, history]);

  const playerBlob = shown ? shown.audio : (source?.blob ?? null);
  const url = useObjectUrl(playerBlob);
  const busy = job.phase === "running" || job.phase === "preparing";

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto flex max-w-6xl flex-col gap-6 p-4 md:p-6 lg:flex-row">
        <div className="min-w-0 flex-1 space-y-4">
          <header className="space-y-1">
            <h1 className="text-xl font-semibold">Transcribe</h1>
            <p className="text-sm text-muted">Audio or video in, timed text out: read it against the audio, edit it, export subtitles.</p>
          </header>
          <AudioInput
            disabled={busy}
            onFile={(f) => void pick({ blob: f, name: f.name, recording: false })}
            onRecorded={(blob) => {
              const stamp = new Date().toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" }).replace(/[/:]/g, "-");
              void pick({ blob, name: `Recording ${stamp}.${blob.type.includes("mp4") ? "m4a" : blob.type.includes("ogg") ? "ogg" : "webm"}`, recording: true });
            }}
          />
          {inputError && (
            <p role="alert" className="rounded-lg border border-danger/40 bg-danger-soft p-3 text-sm text-danger">
              {inputError}
            </p>
          )}
          <TranscribeOptions value={options} onChange={setOptions} />
          {source && (
            <AudioCard
              name={source.name}
              detail={`${source.kind.format.toUpperCase()} · ${mb(source.blob.size)}${draft.restored ? " · restored after reload" : ""}`}
              note={sourceNote(source)}
              url={url}
              audioRef={audioRef}
              onTime={setTime}
            >
              <button
                type="button"
                onClick={() => run()}
                disabled={busy || !model}
                className="h-9 rounded-md bg-accent px-4 text-sm font-medium text-accent-fg hover:opacity-90 disabled:opacity-50"
              >
                {busy ? "Transcribing…" : "Transcribe"}
              </button>
              <button
                type="button"
                onClick={() => {
                  job.reset();
                  setSource(null);
                  sourceRef.current = null;
                  draft.clear();
                }}
                disabled={busy}
                className="h-9 rounded-md border border-border px-3 text-sm hover:bg-subtle disabled:opacity-50"
              >
                Remove
              </button>
              {!model && <span className="text-sm text-muted">No transcription model is available.</span>}
            </AudioCard>
          )}
          {job.phase !== "done" && <JobProgress phase={job.phase} parts={job.parts} onCancel={job.cancel} />}
          {job.phase === "stopped" && (
            <button type="button" onClick={retry} className="h-9 rounded-md bg-accent px-4 text-sm font-medium text-accent-fg">
              {job.parts.some((p) => p.status === "done") ? "Resume" : "Send again"}
            </button>
          )}
          {job.failure && job.phase === "failed" && (
            <FailureNotice
              failure={job.failure}
              partCount={job.parts.length}
              onRetry={job.parts.length ? retry : undefined}
              onConvert={job.prepared && !job.prepared.conversion ? () => run(true) : undefined}
            />
          )}
          {shown && (
            <>
              {!source && (
                <AudioCard
                  name={shown.audioName}
                  detail={shown.audio ? mb(shown.audio.size) : "text only"}
                  url={url}
                  audioRef={audioRef}
                  onTime={setTime}
                />
              )}
              <TranscriptView
                key={shown.transcript.id}
                transcript={shown.transcript}
                edited={shown.transcript.text !== shown.original}
                onTextChange={(text) => {
                  pendingText.current = { id: shown.transcript.id, text };
                  setShown({ ...shown, transcript: { ...shown.transcript, text } });
                }}
                currentTime={time}
                canPlay={!!url}
                onSeek={(s) => {
                  const el = audioRef.current;
                  if (!el) return;
                  el.currentTime = s;
                  setTime(s);
                  void el.play().catch(() => {});
                }}
                notice={shown.notice}
              />
            </>
          )}
        </div>
        <aside className="shrink-0 lg:w-72">
          <TranscriptHistory
            items={history.items}
            activeId={shown?.transcript.id ?? null}
            onOpen={(item) => void openItem(item)}
            onRename={(id, title) => {
              void history.rename(id, title);
              if (shown?.transcript.id === id) setShown({ ...shown, transcript: { ...shown.transcript, title } });
            }}
            onDelete={(id) => {
              void history.remove(id);
              if (shown?.transcript.id === id) setShown(null);
            }}
          />
          {history.error && <p role="alert" className="mt-2 text-sm text-danger">{history.error}</p>}
        </aside>
      </div>
    </div>
  );
}
