#!/usr/bin/env bash
# Installs, builds and runs the app. Listens on 127.0.0.1:${PORT:-3000} unless HOST says otherwise.
# Configuration comes from the environment or .env (see .env.example).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/setup.sh
npm run --silent build
exec npx --no-install next start -H "${HOST:-127.0.0.1}" -p "${PORT:-3000}"
