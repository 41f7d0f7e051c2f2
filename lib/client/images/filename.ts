const EXT: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
};

export function extensionFor(mime: string): string {
  return EXT[mime] ?? "bin";
}

/** A download name from the prompt: "A red fox, at dusk!" → "a-red-fox-at-dusk.png". ASCII only, 60 chars at most. */
export function filenameFromPrompt(prompt: string, mime: string): string {
  const slug = prompt
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return `${slug || "image"}.${extensionFor(mime)}`;
}
