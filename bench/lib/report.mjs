// The one table: rows of { section, name, value, unit, target, verdict, note }, printed to stdout and written to bench/out/.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * A row. `target` is text such as "≤ 2 ms"; `meets` (optional) is true/false when the figure can be judged against it.
 * `value` may be a number or a string ("error: …", "not available").
 */
export function row(section, name, value, unit = "", target = "", meets = undefined, note = "") {
  return { section, name, value, unit, target, meets, note };
}

export function errorRow(section, err) {
  const message = err instanceof Error ? err.message : String(err);
  return row(section, "(section failed)", `error: ${message.split("\n")[0].slice(0, 160)}`, "", "", false);
}

function formatValue(v) {
  if (typeof v !== "number") return String(v);
  if (!Number.isFinite(v)) return "n/a";
  if (Number.isInteger(v)) return String(v);
  const abs = Math.abs(v);
  return abs >= 100 ? v.toFixed(0) : abs >= 10 ? v.toFixed(1) : v.toFixed(2);
}

const verdict = (r) => (r.meets === true ? "ok" : r.meets === false ? "MISS" : "");

export function toCells(r) {
  return [r.section, r.name, `${formatValue(r.value)}${r.unit ? ` ${r.unit}` : ""}`, r.target || "", verdict(r), r.note || ""];
}

const HEAD = ["section", "figure", "value", "target", "", "note"];

export function renderText(rows) {
  const cells = [HEAD, ...rows.map(toCells)];
  const widths = HEAD.map((_, i) => Math.max(...cells.map((c) => [...c[i]].length)));
  const line = (c) => c.map((s, i) => s + " ".repeat(widths[i] - [...s].length)).join("  ").trimEnd();
  return [line(cells[0]), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export function renderMarkdown(rows, meta) {
  const esc = (s) => s.replace(/\|/g, "\\|");
  const lines = [
    `# Benchmark ${meta.startedAt}`,
    "",
    `\`${meta.command}\` on ${meta.machine}; load average ${meta.loadAverage}`,
    "",
    `| ${HEAD.map(esc).join(" | ")} |`,
    `|${HEAD.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${toCells(r).map(esc).join(" | ")} |`),
  ];
  return lines.join("\n") + "\n";
}

/** Writes bench/out/<name>.json and .md (and a copy named latest-<name>). */
export function writeReport(dir, name, rows, meta) {
  mkdirSync(dir, { recursive: true });
  const stamp = meta.startedAt.replace(/[:.]/g, "-");
  const json = JSON.stringify({ ...meta, rows }, null, 2) + "\n";
  const md = renderMarkdown(rows, meta);
  for (const base of [`${name}-${stamp}`, `latest-${name}`]) {
    writeFileSync(path.join(dir, `${base}.json`), json);
    writeFileSync(path.join(dir, `${base}.md`), md);
  }
  return path.join(dir, `latest-${name}.md`);
}
