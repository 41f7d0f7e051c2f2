import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import path from "node:path";

/** The simulated gateway this run talks to (started by playwright.config.ts). */
export const SIM_URL = `http://127.0.0.1:${process.env.SIM_PORT}`;
export const FIXTURES = path.join(process.cwd(), "e2e/fixtures");
export const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));

export type SimLogEntry = {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
  aborted?: boolean;
  [k: string]: unknown;
};

export const sim = {
  async reset() {
    await fetch(`${SIM_URL}/__sim/reset`, { method: "POST" });
  },
  async log(): Promise<SimLogEntry[]> {
    const res = await fetch(`${SIM_URL}/__sim/log`);
    const body = (await res.json()) as SimLogEntry[] | { entries: SimLogEntry[] };
    return Array.isArray(body) ? body : body.entries;
  },
};

/** Fails the test on any axe violation; prints them readably. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, "axe violations").toEqual([]);
}

export const test = base.extend<{ resetSim: void }>({
  resetSim: [
    async ({}, use) => {
      await sim.reset();
      await use();
    },
    { auto: true },
  ],
});
export { expect };
