#!/usr/bin/env node
// Static gates: K-1 (no NEXT_PUBLIC_ secret; gateway/server modules are server-only),
// X-2 (no rehype-raw / dangerouslySetInnerHTML), S-5 (every AI route exports maxDuration).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const fail = [];
const walk = (dir, out = []) => {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|mjs|js)$/.test(e)) out.push(p);
  }
  return out;
};
const src = ["app", "components", "lib"].flatMap((d) => walk(d));
for (const f of src) {
  const t = readFileSync(f, "utf8");
  if (/NEXT_PUBLIC_[A-Z_]*(KEY|SECRET|TOKEN|CODE)/.test(t)) fail.push(`K-1: ${f} names a NEXT_PUBLIC_ secret`);
  if (/dangerouslySetInnerHTML|rehype-raw/.test(t)) fail.push(`X-2: ${f} uses dangerouslySetInnerHTML or rehype-raw`);
  if ((f.startsWith("lib/gateway/") || f.startsWith("lib/server/")) && !f.endsWith(".test.ts") && !/import "server-only"/.test(t))
    fail.push(`K-1: ${f} does not import "server-only"`);
}
const pkg = JSON.parse(readFileSync("package.json", "utf8"));
if (pkg.dependencies["rehype-raw"] || pkg.devDependencies["rehype-raw"]) fail.push("X-2: rehype-raw is a dependency");
for (const f of walk("app/api")) {
  if (!f.endsWith("route.ts")) continue;
  if (!/export const maxDuration\s*=/.test(readFileSync(f, "utf8"))) fail.push(`S-5: ${f} does not export maxDuration`);
}
if (fail.length) {
  console.error(fail.join("\n"));
  process.exit(1);
}
console.log(`guards ok: ${src.length} source files checked`);
