"use client";
import { useEffect, useRef, useState } from "react";

const carriesFiles = (e: { dataTransfer: DataTransfer | null }) => !!e.dataTransfer && [...e.dataTransfer.types].includes("Files");

/**
 * Files dropped anywhere on an element (the chat view): what react-dropzone did here, in the few lines this
 * page needs, so the library is not in the chat page's first load. A drop that misses the element does
 * nothing, instead of the browser leaving the page to open the file.
 */
export function useDropFiles(onFiles: (files: File[]) => void) {
  const [active, setActive] = useState(false);
  const depth = useRef(0);
  const onFilesRef = useRef(onFiles);
  useEffect(() => {
    onFilesRef.current = onFiles;
  });

  useEffect(() => {
    const block = (e: DragEvent) => {
      if (carriesFiles(e)) e.preventDefault();
    };
    document.addEventListener("dragover", block);
    document.addEventListener("drop", block);
    return () => {
      document.removeEventListener("dragover", block);
      document.removeEventListener("drop", block);
    };
  }, []);

  const handlers = {
    onDragEnter: (e: React.DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setActive(true);
    },
    onDragOver: (e: React.DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    },
    onDragLeave: (e: React.DragEvent) => {
      if (!carriesFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setActive(false);
    },
    onDrop: (e: React.DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setActive(false);
      const files = [...e.dataTransfer.files];
      if (files.length) onFilesRef.current(files);
    },
  };
  return { active, handlers };
}
