import { createRequire } from "node:module";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * K-1: nothing a browser runs can reach the gateway client or the server's key handling. Two proofs that do not
 * cost a second `next build`: the `server-only` marker every lib/gateway and lib/server module imports throws
 * under every condition but react-server (so a client bundle that pulled one in fails), and a walk of the static
 * import graph from every "use client" module that must never arrive in lib/gateway or lib/server. A planted
 * client module that imports the gateway (the negative fixture) is caught by the same walk.
 */
const ROOT = process.cwd();
const SOURCE_DIRS = ["app", "components", "lib"];
const EXTS = [".ts", ".tsx", ".mts", ".js", ".mjs"];
const SERVER_ONLY = /^(lib\/gateway|lib\/server)\//;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(tsx?|mjs)$/.test(e) && !/\.(test|spec)\./.test(e) ? [p] : [];
  });
}

/** Resolves "@/x" and relative specifiers to a file in the repository; bare packages return null. */
function resolve(spec: string, from: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, ...EXTS.map((x) => base + x), ...EXTS.map((x) => path.join(base, "index" + x))]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Runtime imports only: `import type` and `export type` vanish at build time and cannot bundle anything. */
function importsOf(source: string): string[] {
  const specs: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (const m of source.matchAll(re)) specs.push(m[1] ?? m[2]!);
  return specs;
}

/** The first path from `entry` into a server-only module, or null. */
function reachServer(entry: string, read: (f: string) => string): string[] | null {
  const seen = new Set<string>();
  const walk = (file: string, trail: string[]): string[] | null => {
    const rel = path.relative(ROOT, file);
    if (SERVER_ONLY.test(rel)) return [...trail, rel];
    if (seen.has(file)) return null;
    seen.add(file);
    for (const spec of importsOf(read(file))) {
      const next = resolve(spec, file);
      if (next) {
        const found = walk(next, [...trail, rel]);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(entry, []);
}

const read = (f: string) => readFileSync(f, "utf8");
// Every "use client" module, and instrumentation-client.ts: Next bundles it into every page's first script.
const clientEntries = [
  ...SOURCE_DIRS.flatMap((d) => files(path.join(ROOT, d))).filter((f) => /^\s*["']use client["']/.test(read(f))),
  path.join(ROOT, "instrumentation-client.ts"),
];

describe("K-1 the gateway client cannot reach the browser", () => {
  it("server-only throws outside the react-server condition, which is what fails a client build", () => {
    // Plain Node resolution (the test setup stubs the module for unit tests of server code).
    const require = createRequire(path.join(ROOT, "package.json"));
    expect(() => require("server-only")).toThrow(/cannot be imported from a Client Component/);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "node_modules/server-only/package.json"), "utf8")) as { exports: Record<string, Record<string, string>> };
    expect(pkg.exports["."]?.["react-server"]).toBe("./empty.js");
  });

  it(`no "use client" module reaches lib/gateway or lib/server through its imports (${clientEntries.length} entries)`, () => {
    expect(clientEntries.length).toBeGreaterThan(20);
    const leaks = clientEntries.flatMap((f) => {
      const trail = reachServer(f, read);
      return trail ? [trail.join(" → ")] : [];
    });
    expect(leaks).toEqual([]);
  });

  it("negative fixture: a client module importing the gateway client is caught", () => {
    const planted = path.join(ROOT, "components/__planted__.tsx");
    const fake = (f: string) => (f === planted ? `"use client";\nimport { streamChat } from "@/lib/gateway/chat";\n` : read(f));
    expect(reachServer(planted, fake)).toEqual(["components/__planted__.tsx", "lib/gateway/chat.ts"]);
    const viaHelper = path.join(ROOT, "components/__planted2__.tsx");
    const fake2 = (f: string) => (f === viaHelper ? `"use client";\nimport { x } from "../app/api/chat/route";\n` : read(f));
    expect(reachServer(viaHelper, fake2)?.at(-1)).toMatch(SERVER_ONLY);
  });
});
