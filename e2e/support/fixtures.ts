import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import path from "node:path";

import { startStack, type Stack } from "./stack";

/** This worker's simulated gateway (set when the worker's stack starts; see stack.ts). */
export let SIM_URL = "";
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

export const test = base.extend<{ resetSim: void }, { stack: Stack }>({
  stack: [
    async ({}, provide, workerInfo) => {
      const stack = await startStack(workerInfo.parallelIndex);
      SIM_URL = stack.simURL;
      process.env.SIM_PORT = new URL(stack.simURL).port;
      process.env.E2E_PORT = new URL(stack.baseURL).port;
      await provide(stack);
      stack.stop();
    },
    { scope: "worker", auto: true, timeout: 120_000 },
  ],
  baseURL: async ({ stack }, provide) => provide(stack.baseURL),
  resetSim: [
    async ({}, use) => {
      await sim.reset();
      await use();
    },
    { auto: true },
  ],
});
export { expect };
