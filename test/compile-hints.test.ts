import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SourceMapConsumer, SourceMapGenerator } from "source-map-js";
import { afterEach, describe, expect, it } from "vitest";
import { addCompileHints, HINT, oneLineDown, withHint } from "../scripts/compile-hints.mjs";

/** A source map of `lines` generated lines, line i (1-based) mapping to line i of `src.ts`. */
function mapOf(lines: number) {
  const g = new SourceMapGenerator({ file: "chunk.js" });
  for (let line = 1; line <= lines; line++) g.addMapping({ source: "src.ts", original: { line, column: 0 }, generated: { line, column: 0 } });
  return g.toJSON();
}

function originalLine(map: object, generatedLine: number) {
  return new SourceMapConsumer(map as never).originalPositionFor({ line: generatedLine, column: 0 }).line;
}

describe("the compile hint (scripts/compile-hints.mjs)", () => {
  it("is put on the first line once, however often it runs, leaving the chunk's bytes as they were", () => {
    const bytes = (s: string) => Buffer.from(s);
    expect(withHint(bytes("(()=>{})()"))).toEqual(bytes(`${HINT}(()=>{})()`));
    expect(withHint(withHint(bytes("x")))).toEqual(bytes(`${HINT}x`));
    // Bytes that are not UTF-8 come through unchanged (the file is never decoded and encoded again).
    const notUtf8 = Buffer.from([0x78, 0xff, 0xfe, 0x0a]);
    expect(withHint(withHint(notUtf8))).toEqual(Buffer.concat([Buffer.from(HINT), notUtf8]));
  });

  it("moves a plain source map and an index map one line down with the code", () => {
    const plain = mapOf(3);
    expect(originalLine(plain, 2)).toBe(2);
    // After the hint, generated line 3 is what line 2 was.
    expect(originalLine(oneLineDown(plain), 3)).toBe(2);
    expect(originalLine(oneLineDown(plain), 1)).toBeNull();

    const index = { version: 3, sections: [{ offset: { line: 0, column: 0 }, map: mapOf(2) }, { offset: { line: 2, column: 0 }, map: mapOf(2) }] };
    expect(originalLine(index, 3)).toBe(1);
    expect(originalLine(oneLineDown(index), 4)).toBe(1);
    expect(originalLine(oneLineDown(index), 2)).toBe(1);
  });
});

describe("addCompileHints on a build", () => {
  let dist = "";
  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  /** A dist dir as `next build` leaves it: a root main file, two pages' client manifests, a lazy chunk, one map. */
  function fakeBuild() {
    dist = mkdtempSync(path.join(tmpdir(), "hints-"));
    const chunks = path.join(dist, "static/chunks");
    mkdirSync(chunks, { recursive: true });
    writeFileSync(path.join(dist, "build-manifest.json"), JSON.stringify({ rootMainFiles: ["static/chunks/runtime.js"] }));
    const page = (dir: string, key: string, files: string[]) => {
      mkdirSync(path.join(dist, "server/app", dir), { recursive: true });
      const manifest = { [key]: { entryJSFiles: { [`[project]/app${key}`]: files } } };
      writeFileSync(path.join(dist, "server/app", dir, "page_client-reference-manifest.js"), `globalThis.__RSC_MANIFEST = ${JSON.stringify(manifest)};`);
    };
    page("(studio)/chat", "/(studio)/chat/page", ["static/chunks/chat.js", "static/chunks/styles.css"]);
    page("(bench)/bench/markdown", "/(bench)/bench/markdown/page", ["static/chunks/markdown.js"]);
    page("api/chat", "/api/chat/page", ["static/chunks/api.js"]);
    for (const name of ["runtime", "chat", "markdown", "lazy", "deep", "bench-lazy", "unused", "api"]) {
      writeFileSync(path.join(chunks, `${name}.js`), `/*${name}*/\n`);
    }
    // Turbopack's loaders name a dynamic import's chunks as string literals: the chat page imports lazy.js (and
    // names a chunk that is not in the build); lazy.js imports deep.js (KaTeX, say); the bench page imports
    // bench-lazy.js.
    writeFileSync(path.join(chunks, "chat.js"), '/*chat*/e.v(()=>Promise.all(["static/chunks/lazy.js","static/chunks/gone.js"]))\n//# sourceMappingURL=chat-map.js.map');
    writeFileSync(path.join(chunks, "chat-map.js.map"), JSON.stringify(mapOf(1)));
    writeFileSync(path.join(chunks, "lazy.js"), '/*lazy*/e.v(()=>Promise.all(["static/chunks/deep.js"]))\n');
    writeFileSync(path.join(chunks, "markdown.js"), '/*markdown*/e.v(()=>Promise.all(["static/chunks/bench-lazy.js"]))\n');
    return chunks;
  }

  it("marks the first-load chunks of the app's pages and the chunks they import, and nothing else", () => {
    const chunks = fakeBuild();
    expect(addCompileHints(dist)).toEqual({ hinted: 3, firstLoad: 2, imported: 1 });
    const read = (name: string) => readFileSync(path.join(chunks, name), "utf8");
    expect(read("runtime.js")).toBe(`${HINT}/*runtime*/\n`);
    expect(read("chat.js").startsWith(`${HINT}/*chat*/`)).toBe(true);
    expect(read("lazy.js").startsWith(`${HINT}/*lazy*/`)).toBe(true);
    // Two imports away, never imported, a bench page's and API routes' chunks are left alone.
    for (const name of ["deep.js", "unused.js", "markdown.js", "bench-lazy.js", "api.js"]) expect(read(name).startsWith(HINT), name).toBe(false);
    expect(originalLine(JSON.parse(read("chat-map.js.map")), 2)).toBe(1);

    // A second run changes nothing: the map is not moved twice.
    expect(addCompileHints(dist)).toEqual({ hinted: 0, firstLoad: 2, imported: 1 });
    expect(originalLine(JSON.parse(read("chat-map.js.map")), 2)).toBe(1);
  });
});
