import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

/**
 * One simulated gateway and one `next start` of the build per Playwright worker, so workers run side by side
 * without sharing the simulator's request log. The server's output goes to E2E_OUT/server-w<N>.log, which the
 * key-leak scan searches (K-4).
 */
export type Stack = { baseURL: string; simURL: string; stop: () => void };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
      .once("error", reject)
      .listen(0, "127.0.0.1", () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
  });
}

async function waitFor(url: string, child: ChildProcess, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode})`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up within ${ms} ms`);
}

export async function startStack(worker: number): Promise<Stack> {
  const out = process.env.E2E_OUT ?? ".ci-out";
  mkdirSync(out, { recursive: true });
  const key = process.env.CANARY_KEY!;
  const [simPort, appPort] = [await freePort(), await freePort()];
  const simURL = `http://127.0.0.1:${simPort}`;
  const baseURL = `http://127.0.0.1:${appPort}`;
  const sim = spawn(process.execPath, ["e2e/sim/cli.mjs", "--port", String(simPort)], {
    env: { ...process.env, SIM_API_KEY: key },
    stdio: "ignore",
    detached: true,
  });
  const app = spawn("npx", ["--no-install", "next", "start", "-H", "127.0.0.1", "-p", String(appPort)], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      GATEWAY_BASE_URL: `${simURL}/v1`,
      GATEWAY_API_KEY: key,
      UPSTREAM_IDLE_TIMEOUT_MS: "8000",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const log = createWriteStream(path.join(out, `server-w${worker}.log`), { flags: "a" });
  app.stdout!.pipe(log);
  app.stderr!.pipe(log);
  const stop = () => {
    for (const child of [app, sim]) {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
    }
  };
  try {
    await waitFor(`${simURL}/__sim/health`, sim);
    await waitFor(`${baseURL}/settings`, app);
  } catch (err) {
    stop();
    throw err;
  }
  return { baseURL, simURL, stop };
}
