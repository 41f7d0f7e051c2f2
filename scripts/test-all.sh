#!/usr/bin/env bash
# Installs what the tests need (npm packages, Debian's Chromium and Redis), then runs every check:
# typecheck, lint, unit and route tests, the build, the key-leak scan of the build, and Playwright.
# Ends with one line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
export CI="${CI:-true}" NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 DEBIAN_FRONTEND=noninteractive
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
OUT=.ci-out; rm -rf "$OUT"; mkdir -p "$OUT"; export E2E_OUT="$OUT"
step() { printf '\n=== %s (%s)\n' "$1" "$(date +%T)"; }

step setup;     bash scripts/setup.sh --test
"$CHROMIUM_PATH" --version

# A real Redis for the shared rate-limit store tests; stopped on exit.
step redis
REDIS_PORT="${REDIS_PORT:-6390}"
redis-server --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes --pidfile "$PWD/$OUT/redis.pid" --logfile "$PWD/$OUT/redis.log"
trap 'kill "$(cat "$OUT/redis.pid" 2>/dev/null)" 2>/dev/null || true' EXIT
export TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"

# One random canary key for the whole run: every suite runs with it and nothing may leak it.
export CANARY_KEY="sk-canary-$(node -e 'process.stdout.write(require("crypto").randomBytes(16).toString("hex"))')"

step typegen;   npx --no-install next typegen
step typecheck; npx --no-install tsc --noEmit
step lint;      npx --no-install eslint . --max-warnings=0
step guards;    node scripts/check-guards.mjs
step unit
set +e; npx --no-install vitest run --reporter=default --reporter=json --outputFile="$OUT/vitest.json"; unit_rc=$?; set -e
step build
GATEWAY_API_KEY="$CANARY_KEY" npm run --silent build
step "key leak scan of the build (K-2)"
node scripts/scan-leaks.mjs "$CANARY_KEY" .next/static .next/server/app
step e2e
set +e; PLAYWRIGHT_JSON_OUTPUT_FILE="$OUT/e2e.json" npx --no-install playwright test --reporter=list,json; e2e_rc=$?; set -e
step "key leak scan of e2e artifacts and server log (K-4, K-5)"
set +e; node scripts/scan-leaks.mjs "$CANARY_KEY" "$OUT"; leak_rc=$?; set -e

node -e '
const fs=require("fs"), rd=f=>{try{return JSON.parse(fs.readFileSync(f,"utf8"))}catch{return null}};
const v=rd(process.argv[1])||{}, s=(rd(process.argv[2])||{}).stats||{};
const up=v.numPassedTests||0, uf=(v.numFailedTests||0)+(v.numRuntimeErrorTestSuites||0);
const ep=(s.expected||0)+(s.flaky||0), ef=s.unexpected||0;
const flaky=[]; const walk=(x)=>{for(const su of x.suites||[])walk(su); for(const sp of x.specs||[])for(const t of sp.tests||[])if(t.status==="flaky")flaky.push(sp.title);};
walk(rd(process.argv[2])||{}); for(const t of flaky) console.log(`e2e flaky (failed once, passed on retry): ${t}`);
const lp=process.argv[3]==="0"?1:0, lf=1-lp;
console.log(`unit: ${up} passed, ${uf} failed`); console.log(`e2e: ${ep} passed, ${ef} failed`);
console.log(`leak scan: ${lp} passed, ${lf} failed`);
console.log(`${up+ep+lp} passed, ${uf+ef+lf} failed`);' "$OUT/vitest.json" "$OUT/e2e.json" "$leak_rc"
[ "$unit_rc" -eq 0 ] && [ "$e2e_rc" -eq 0 ] && [ "$leak_rc" -eq 0 ]
