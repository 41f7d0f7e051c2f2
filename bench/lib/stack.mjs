// The system under test: a production build in its own dist dir, the simulated gateway, and `next start` wired to it.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { addCompileHints } from "../../scripts/compile-hints.mjs";

export const ROOT = path.resolve(import.meta.dirname, "../..");
// BENCH_DIST lets several people bench their own builds side by side on one checkout.
export const DIST = process.env.BENCH_DIST || ".next-bench";
export const OUT = process.env.BENCH_OUT ? path.resolve(process.env.BENCH_OUT) : path.join(ROOT, "bench/out");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

export const progress = (...args) => process.stderr.write(`[bench] ${args.join(" ")}\n`);

const BUILD_INPUTS = ["app", "components", "lib", "public", "next.config.ts", "package-lock.json", "postcss.config.mjs",
  "tailwind.config.ts", "tsconfig.json", "instrumentation.ts", "instrumentation-client.ts", "proxy.ts", "middleware.ts", "scripts/compile-hints.mjs"];

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return /\.(test|spec)\.[tj]sx?$/.test(p) ? 0 : st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

/** True when `.next-bench` holds a build newer than every input file. */
export function buildIsFresh() {
  const id = path.join(ROOT, DIST, "BUILD_ID");
  if (!existsSync(id)) return false;
  const built = statSync(id).mtimeMs;
  return BUILD_INPUTS.every((p) => newestMtime(path.join(ROOT, p)) <= built);
}

/**
 * Takes our dist dir back out of a file `next build` rewrote, leaving anyone else's edits made meanwhile alone:
 * the saved bytes when nothing else changed, otherwise the current content minus the `.next-bench` entries.
 */
function undoOurEdit(file, saved) {
  if (saved === null || !existsSync(file)) return;
  const now = readFileSync(file, "utf8");
  if (!now.includes(DIST)) return;
  if (file.endsWith(".json")) {
    try {
      const strip = (json) => ({ ...json, include: (json.include ?? []).filter((p) => !p.startsWith(`${DIST}/`)) });
      const current = strip(JSON.parse(now));
      if (JSON.stringify(current) === JSON.stringify(strip(JSON.parse(saved.toString("utf8"))))) writeFileSync(file, saved);
      else writeFileSync(file, JSON.stringify(current, null, 2) + "\n");
      return;
    } catch {
      // not JSON after all: fall through
    }
  }
  writeFileSync(file, saved);
}

/**
 * Builds into `.next-bench`. `next build` rewrites tsconfig.json (adding the dist dir's type folders) and
 * next-env.d.ts; those files belong to the project, so they are put back exactly as they were.
 */
export async function build({ force = false } = {}) {
  if (!force && buildIsFresh()) {
    progress(`build in ${DIST} is up to date; skipping (pass --rebuild to force)`);
    return { built: false };
  }
  // `next build` empties its dist dir first; keep the last good build (hard links, no copying) to fall back on.
  const dist = path.join(ROOT, DIST);
  const prev = path.join(ROOT, `${DIST}-prev`);
  rmSync(prev, { recursive: true, force: true });
  if (existsSync(path.join(dist, "BUILD_ID"))) {
    execFileSync("cp", ["-al", dist, prev]);
    rmSync(path.join(prev, "cache"), { recursive: true, force: true });
  }
  const keep = ["tsconfig.json", "next-env.d.ts"].map((f) => [f, existsSync(path.join(ROOT, f)) ? readFileSync(path.join(ROOT, f)) : null]);
  mkdirSync(OUT, { recursive: true });
  progress(`building into ${DIST} (about a minute)…`);
  const started = Date.now();
  try {
    const code = await new Promise((resolve) => {
      const child = spawn(process.execPath, [NEXT_BIN, "build"], {
        cwd: ROOT,
        env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const log = createWriteStream(path.join(OUT, "build.log"));
      child.stdout.pipe(log);
      child.stderr.pipe(log);
      child.stderr.on("data", (d) => process.stderr.write(d));
      child.on("close", resolve);
    });
    if (code !== 0) {
      if (existsSync(prev)) {
        for (const name of readdirSync(dist)) if (name !== "cache") rmSync(path.join(dist, name), { recursive: true, force: true });
        for (const name of readdirSync(prev)) renameSync(path.join(prev, name), path.join(dist, name));
      }
      throw new Error(`next build failed (exit ${code}); see bench/out/build.log`);
    }
    // As every build of the app is finished (package.json's build script).
    addCompileHints(dist);
  } finally {
    rmSync(prev, { recursive: true, force: true });
    for (const [f, content] of keep) undoOurEdit(path.join(ROOT, f), content);
  }
  progress(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { built: true };
}

/**
 * The build step of both runners: builds unless skipped or fresh; when the build fails but an earlier one exists
 * (someone's work in progress does not compile), measures the earlier one and says so. Returns { value, note, ok }.
 */
export async function ensureBuild({ skip = false, force = false } = {}) {
  if (skip) return { value: "skipped (--no-build)", note: DIST, ok: undefined };
  try {
    const { built } = await build({ force });
    return { value: built ? "fresh build" : "reused (up to date)", note: DIST, ok: undefined };
  } catch (err) {
    if (!existsSync(path.join(ROOT, DIST, "BUILD_ID"))) throw err;
    progress(`${err.message}; measuring the previous build in ${DIST}`);
    return { value: `error: ${err.message}`, note: `measuring the previous build in ${DIST}`, ok: false };
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** Waits until something accepts TCP connections on the port, without sending a request (so the first one is ours). */
export async function waitForPort(port, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => { s.destroy(); resolve(true); });
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`nothing listening on port ${port} after ${timeoutMs} ms`);
}

// Every process group we started, so an interrupted run leaves nothing behind.
const running = new Set();
const otherPids = new Set();
/** Registers a process started by a library (Lighthouse's Chromium) for the same clean-up; returns the forget function. */
export function trackPid(pid) {
  otherPids.add(pid);
  return () => otherPids.delete(pid);
}
/** Kills what is still running, synchronously (also on process exit). */
export function killAllSync() {
  for (const child of running) {
    try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ }
  }
  for (const pid of otherPids) {
    try { process.kill(pid, "SIGKILL"); } catch { /* gone */ }
  }
  running.clear();
  otherPids.clear();
}
process.once("exit", killAllSync);

function spawnLogged(args, env, logName, cwd = ROOT) {
  mkdirSync(OUT, { recursive: true });
  const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  running.add(child);
  child.once("exit", () => running.delete(child));
  const log = createWriteStream(path.join(OUT, logName));
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return child;
}

function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ }
    }, 5_000);
    child.once("exit", () => { clearTimeout(timer); resolve(); });
    try { process.kill(-child.pid, "SIGTERM"); } catch { resolve(); }
  });
}

export async function startSim(apiKey) {
  const child = spawnLogged([path.join(ROOT, "bench/lib/sim-process.mjs")], { ...process.env, SIM_API_KEY: apiKey }, "sim.log");
  const url = await new Promise((resolve, reject) => {
    let buf = "";
    const onData = (d) => {
      buf += d;
      const line = buf.split("\n").find((l) => l.startsWith("{"));
      if (line) { child.stdout.off("data", onData); resolve(JSON.parse(line).url); }
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) => reject(new Error(`simulated gateway exited (${code}); see bench/out/sim.log`)));
    setTimeout(() => reject(new Error("simulated gateway did not start in 20 s")), 20_000).unref();
  });
  return { url, pid: child.pid, stop: () => stopChild(child) };
}

/**
 * Environment that turns the per-client rate limits off for a bench run (README: `RATE_LIMIT_SCALE=0`): every request comes from one client
 * (127.0.0.1), so the limiter meant for strangers would otherwise refuse the benchmark itself.
 */
export const RATE_LIMIT_OFF = { RATE_LIMIT_SCALE: "0" };

export async function startServer({ simUrl, apiKey, extraEnv = {}, logName = "server.log" }) {
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: DIST,
    GATEWAY_BASE_URL: simUrl,
    GATEWAY_API_KEY: apiKey,
    ...RATE_LIMIT_OFF,
    // Serves the markdown engineer's /bench/markdown harness page, which production deployments 404.
    BENCH_PAGES: "1",
    ...extraEnv,
  };
  const { child, listeningMs } = await nextStart(port, env, logName);
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    baseURL: `http://127.0.0.1:${port}`, port, rootPid: child.pid, pid: serverPid(child.pid), listeningMs, alive,
    /** Throws when the server has died, so a section reports that instead of a string of refused connections. */
    assertAlive: () => { if (!alive()) throw new Error(`next start exited (${child.exitCode ?? child.signalCode}); see bench/out/${logName}`); },
    stop: () => stopChild(child),
  };
}

/** `next start` on `port` in `cwd`, logged to bench/out/<logName>; resolves once the port accepts, rejects if it exits first. */
async function nextStart(port, env, logName, cwd = ROOT) {
  const child = spawnLogged([NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(port)], env, logName, cwd);
  const startedAt = performance.now();
  const exited = new Promise((_, reject) => child.once("exit", (code) => reject(new Error(`next start exited (${code}); see bench/out/${logName}`))));
  await Promise.race([waitForPort(port), exited]);
  return { child, listeningMs: performance.now() - startedAt };
}

// ---------- the floor ----------

const FLOOR_SRC = path.join(ROOT, "bench/floor-app");
const FLOOR_DIR = path.join(os.tmpdir(), "gateway-studio-bench-floor");

/**
 * The framework's floor, measured in the same run as the app: bench/floor-app, a bare Next page (one client
 * textarea, the app's Cross-Origin-Opener-Policy), built from a copy outside the repository (its own Next project,
 * node_modules linked to ours, so the same Next and React) and served by `next start`. Rebuilt when its sources
 * are newer than its build. Returns { baseURL, path, stop }.
 */
export async function startFloor() {
  const env = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  delete env.NEXT_DIST_DIR; // its own project: the app's dist dir must not leak into it
  const id = path.join(FLOOR_DIR, ".next/BUILD_ID");
  if (!existsSync(id) || newestMtime(FLOOR_SRC) > statSync(id).mtimeMs) {
    rmSync(FLOOR_DIR, { recursive: true, force: true });
    execFileSync("cp", ["-r", FLOOR_SRC, FLOOR_DIR]);
    symlinkSync(path.join(ROOT, "node_modules"), path.join(FLOOR_DIR, "node_modules"));
    progress("building the floor page (bench/floor-app)…");
    try {
      execFileSync(process.execPath, [NEXT_BIN, "build"], { cwd: FLOOR_DIR, env, stdio: ["ignore", "pipe", "pipe"] });
    } catch (err) {
      writeFileSync(path.join(OUT, "floor-build.log"), `${err.stdout ?? ""}${err.stderr ?? ""}`);
      throw new Error("the floor page's build failed; see bench/out/floor-build.log");
    }
  }
  const port = await freePort();
  const { child } = await nextStart(port, env, "floor.log", FLOOR_DIR);
  return { baseURL: `http://127.0.0.1:${port}`, path: "/", stop: () => stopChild(child) };
}

export const newApiKey = () => `sk-bench-${randomBytes(16).toString("hex")}`;

// ---------- /proc ----------

function children(pid) {
  const out = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(name));
    } catch { /* exited */ }
  }
  return out;
}

/** The process that serves requests: `next start` may run the server itself or in a child titled next-server. */
export function serverPid(rootPid) {
  const queue = [rootPid];
  const all = [];
  while (queue.length) {
    const pid = queue.shift();
    all.push(pid);
    queue.push(...children(pid));
  }
  const titled = all.find((pid) => {
    try { return /next-server/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8")); } catch { return false; }
  });
  return titled ?? rootPid;
}

export function rssMB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

/** Resets the kernel's peak-RSS mark (VmHWM) so the next read is the peak since now; false if not allowed. */
export function resetPeakRss(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

export function peakRssMB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
}

const CLK_TCK = 100; // Linux USER_HZ: 100 on every mainstream kernel config

/** User + system CPU time of the process so far, in ms. */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

/** Samples RSS every `everyMs` until stopped; returns the peak seen. */
export function sampleRss(pid, everyMs = 100) {
  let peak = rssMB(pid);
  const timer = setInterval(() => {
    try { peak = Math.max(peak, rssMB(pid)); } catch { /* exited */ }
  }, everyMs);
  return { stop: () => { clearInterval(timer); try { peak = Math.max(peak, rssMB(pid)); } catch { /* exited */ } return peak; } };
}
