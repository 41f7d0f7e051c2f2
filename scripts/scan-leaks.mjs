#!/usr/bin/env node
// Searches files for a canary key and its first-8 / last-4 fragments (K-2, K-4, K-5).
// Usage: node scripts/scan-leaks.mjs <canary> <dir-or-file>...  Exits 1 on any hit.
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import path from "node:path";

const [canary, ...roots] = process.argv.slice(2);
if (!canary || canary.length < 16 || roots.length === 0) {
  console.error("usage: scan-leaks.mjs <canary> <path>...");
  process.exit(2);
}
// Fragments: the first 8 characters of every canary are the fixed "sk-canar", and 4 hex characters alone match
// by chance in any bundle, so the prefix is searched with 4 random characters after it ("sk-canary-1a2b"), the
// tail as its last 8, and a masked echo ("sk-canar***…abcd", how gateways quote a key) as a pattern.
const needles = [canary, canary.slice(0, 14), canary.slice(-8)];
const masked = new RegExp(`sk-canar[^\\s"'<>]{0,24}${canary.slice(-4)}`);
const hits = [];
let files = 0;
function walk(p) {
  if (!existsSync(p)) return;
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const e of readdirSync(p)) if (e !== "cache") walk(path.join(p, e));
    return;
  }
  files++;
  const buf = readFileSync(p);
  for (const n of needles) if (buf.includes(n)) hits.push(`${p}: contains ${n === canary ? "the whole key" : "a fragment of it"}`);
  if (masked.test(buf.toString("latin1"))) hits.push(`${p}: contains a masked form of the key`);
}
for (const r of roots) walk(r);
if (hits.length) {
  console.error(`KEY LEAK: ${hits.length} hit(s)\n${hits.join("\n")}`);
  process.exit(1);
}
console.log(`no key leak: ${files} files searched for the canary and its fragments`);
