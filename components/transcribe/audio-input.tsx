"use client";
import { useDropzone } from "react-dropzone";
import { cn } from "@/lib/client/cn";
import { RecorderPanel } from "./recorder-panel";

/** What the file dialog offers. Drops are not filtered by it: every file is judged by its content. */
const ACCEPT = {
  "audio/*": [".mp3", ".mpeg", ".mpga", ".m4a", ".wav", ".webm", ".ogg", ".oga", ".opus", ".flac"],
  "video/mp4": [".mp4"],
  "video/webm": [".webm"],
};

type Props = {
  onFile: (file: File) => void;
  onRecorded: (blob: Blob) => void;
  disabled?: boolean;
};

/** Drop or pick an audio or video file, or record from the microphone. */
export function AudioInput({ onFile, onRecorded, disabled }: Props) {
  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    accept: ACCEPT,
    multiple: false,
    noClick: true,
    disabled,
    onDrop: (accepted, rejected) => {
      const file = accepted[0] ?? rejected[0]?.file;
      if (file) onFile(file);
    },
  });
  return (
    <div className="grid gap-3 md:grid-cols-[minmax(0,1fr)_16rem]">
      <div
        {...getRootProps({
          className: cn(
            "flex min-h-28 flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed border-border bg-panel p-4 text-center text-sm transition-colors",
            isDragActive && "border-accent bg-accent-soft",
          ),
        })}
      >
        <input {...getInputProps({ "aria-label": "Audio or video file" })} />
        <p>
          {isDragActive ? "Drop the file here" : "Drop an audio or video file here, or"}{" "}
          {!isDragActive && (
            <button type="button" onClick={open} disabled={disabled} className="font-medium text-accent underline underline-offset-2">
              choose a file
            </button>
          )}
        </p>
        <p className="text-xs text-muted">MP3, MP4, M4A, WAV, WebM, Ogg, FLAC. Long files are split automatically.</p>
      </div>
      <RecorderPanel onRecorded={onRecorded} disabled={disabled} />
    </div>
  );
}
