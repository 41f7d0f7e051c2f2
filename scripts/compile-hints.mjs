// After `next build`: puts V8's compile hint, `//# allFunctionsCalledOnLoad`, at the top of every chunk of a page's
// first load, and of every chunk that first-load code imports directly (Chrome 136 and later; to any other engine it
// is a comment).
//
// Why: Turbopack wraps each module in a function that runs only when the module is first required, during the boot
// script and hydration. V8 compiles such a function lazily, on the main thread, when it first runs (a CPU profile of
// a saved conversation's page load puts ~160 ms there, as self time of Turbopack's instantiateModule:
// bench/probes/load-profile.mjs). With the hint, V8 compiles the whole file as it streams in, on a background
// thread. In that profile instantiateModule's self time fell to 49-61 ms and React DOM's from 118-173 to 82-93 ms,
// while the browser's own main-thread time grew by about as much: the work left is spread out, not in one task.
// Mobile Lighthouse on /chat, 6 alternated pairs: the boot script's task (88-147 ms unthrottled without the hint) no
// longer shows as a long task, and blocking time fell by about a third (closing note of issue 7).
//
// One import away: the chunks first-load code asks for with import() (the thread, the markdown renderer, the chat's
// data code, the model list) are fetched right after hydration when a saved conversation opens, and most of what
// they hold runs at once; marked, its page load was ready 5-9% sooner (bench/probes/page-load-ab.mjs, desktop and
// phone profile). Chunks further away are left unmarked: KaTeX, highlight.js and its languages, which the markdown
// renderer loads only when an answer needs them, and of which only part runs.
//
// Usage: node scripts/compile-hints.mjs [distDir=$NEXT_DIST_DIR or .next]. Safe to run twice. package.json's build
// script runs it after `next build`, and every build of this project goes through that script (scripts/run-app.sh,
// scripts/test-all.sh, scripts/demo.mjs) except the bench's, which calls addCompileHints itself;
// e2e/page-load.spec.ts fails on a build without it.
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";

export const HINT = "//# allFunctionsCalledOnLoad\n";

function clientManifests(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) clientManifests(p, found);
    else if (entry.name.endsWith("page_client-reference-manifest.js")) found.push(p);
  }
  return found;
}

/** `/(studio)/chat/[id]/page` → `/chat/[id]`. */
const routeOf = (key) => key.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";

/**
 * Each page route's first-load JS, from the build's own manifests: the root main files (runtime, framework) plus
 * every chunk the page's client-reference manifest lists for its segments (layouts, page, loading, error).
 * Files are relative to the dist dir's parent URL path `/_next/` (e.g. `static/chunks/x.js`).
 */
export function firstLoadByRoute(dist) {
  const build = JSON.parse(readFileSync(path.join(dist, "build-manifest.json"), "utf8"));
  const routes = [];
  for (const file of clientManifests(path.join(dist, "server/app"))) {
    const sandbox = {};
    sandbox.globalThis = sandbox;
    vm.runInNewContext(readFileSync(file, "utf8"), sandbox);
    const [[key, manifest]] = Object.entries(sandbox.__RSC_MANIFEST);
    const route = routeOf(key);
    if (route.startsWith("/_") || route.startsWith("/api")) continue;
    const files = new Set(build.rootMainFiles ?? []);
    for (const list of Object.values(manifest.entryJSFiles ?? {})) for (const f of list) files.add(f);
    routes.push({ route, files: [...files] });
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}

/** The chunk's bytes (never decoded) with the hint as its first line; the same Buffer if it has it already. */
export function withHint(code) {
  return code.subarray(0, HINT.length).toString("latin1") === HINT ? code : Buffer.concat([Buffer.from(HINT), code]);
}

/** A source map for the same code one line lower (a plain map, or an index map of sections). */
export function oneLineDown(map) {
  if (Array.isArray(map.sections)) {
    return { ...map, sections: map.sections.map((s) => ({ ...s, offset: { ...s.offset, line: s.offset.line + 1 } })) };
  }
  return { ...map, mappings: `;${map.mappings}` };
}

/** Written beside and renamed over: a build kept as hard links (the bench's fallback copy) keeps its own file. */
function replace(file, content) {
  writeFileSync(`${file}.tmp`, content);
  renameSync(`${file}.tmp`, file);
}

/**
 * The chunks that `files` load with import(), and that are not among `files`: Turbopack's loader for a dynamic
 * import names the chunks it needs as "static/chunks/<name>.js" string literals.
 */
export function importedChunks(dist, files) {
  const found = new Set();
  for (const rel of files) {
    const code = readFileSync(path.join(dist, rel), "latin1");
    for (const [, chunk] of code.matchAll(/"(static\/chunks\/[^"\\/]+\.js)"/g)) if (!files.has(chunk)) found.add(chunk);
  }
  return [...found].filter((rel) => existsSync(path.join(dist, rel))).sort();
}

/** Adds the hint to every first-load chunk in `dist` and every chunk one import away (moving source maps too). */
export function addCompileHints(dist) {
  // Pages under /bench are measuring harnesses that load lazy code (the markdown stack) eagerly; their chunks are
  // lazy everywhere else, and stay unmarked.
  const routes = firstLoadByRoute(dist).filter((r) => !r.route.startsWith("/bench"));
  const firstLoad = new Set(routes.flatMap((r) => r.files).filter((f) => f.endsWith(".js")));
  const imported = importedChunks(dist, firstLoad);
  let hinted = 0;
  for (const rel of [...firstLoad, ...imported]) {
    const file = path.join(dist, rel);
    const code = readFileSync(file);
    const marked = withHint(code);
    if (marked === code) continue;
    replace(file, marked);
    hinted++;
    const mapName = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code.subarray(-400).toString("utf8"))?.[1];
    const mapFile = mapName && !mapName.startsWith("data:") ? path.join(path.dirname(file), mapName) : null;
    if (mapFile && existsSync(mapFile)) replace(mapFile, JSON.stringify(oneLineDown(JSON.parse(readFileSync(mapFile, "utf8")))));
  }
  return { hinted, firstLoad: firstLoad.size, imported: imported.length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dist = path.resolve(process.argv[2] ?? process.env.NEXT_DIST_DIR ?? ".next");
  const { hinted, firstLoad, imported } = addCompileHints(dist);
  const where = path.relative(process.cwd(), dist) || ".";
  console.log(`compile hints: ${hinted} of ${firstLoad + imported} chunks marked in ${where} (${firstLoad} first-load, ${imported} one import away)`);
}
