"use client";
import { useEffect, useState } from "react";
import { useDropzone } from "react-dropzone";
import { cn } from "@/lib/client/cn";

const carriesFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes("Files");

/**
 * Pictures dropped anywhere on the chat view. It lies over the view and lets every click through until files
 * are dragged into the window; then it becomes react-dropzone's drop target and says what a drop will do.
 * Loaded after the first paint (chat-view.tsx), so the library is not in the chat page's first load.
 */
export default function DropOverlay({ onFiles }: { onFiles: (files: File[]) => void }) {
  const [armed, setArmed] = useState(false);
  const { getRootProps, getInputProps, isDragActive } = useDropzone({
    noClick: true,
    noKeyboard: true,
    // Every file is let through: the composer judges pictures by their bytes and explains refusals.
    onDrop: (files) => {
      setArmed(false);
      if (files.length) onFiles(files);
    },
    onDragLeave: () => setArmed(false),
  });

  useEffect(() => {
    const arm = (e: DragEvent) => {
      if (carriesFiles(e)) setArmed(true);
    };
    // A drag that ends anywhere else (dropped outside the window, cancelled with Esc) never reaches the
    // overlay's own handlers; the pointer moving again means no drag is going on.
    const disarm = () => setArmed(false);
    document.addEventListener("dragenter", arm);
    document.addEventListener("dragend", disarm);
    document.addEventListener("pointermove", disarm);
    return () => {
      document.removeEventListener("dragenter", arm);
      document.removeEventListener("dragend", disarm);
      document.removeEventListener("pointermove", disarm);
    };
  }, []);

  return (
    <div
      {...getRootProps({ className: cn("absolute inset-0 z-40", !armed && "pointer-events-none") })}
      data-testid="chat-drop-target"
      aria-hidden={!armed}
    >
      <input {...getInputProps({ "aria-label": "Pictures to add" })} />
      {(armed || isDragActive) && (
        <div className="pointer-events-none absolute inset-2 grid place-items-center rounded-xl border-2 border-dashed border-accent bg-accent-soft/80 text-sm font-medium">
          Drop pictures to add them to your message
        </div>
      )}
    </div>
  );
}
