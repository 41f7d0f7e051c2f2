import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // The files eslint-config-next registers the react plugin for (a .cjs file has none).
    files: ["**/*.{js,jsx,mjs,ts,tsx,mts,cts}"],
    rules: {
      // model output is untrusted; raw HTML injection is never allowed.
      "react/no-danger": "error",
    },
  },
  {
    // Boundaries: browser code never imports the server-only gateway client or server modules.
    files: ["components/**/*.{ts,tsx}", "lib/client/**/*.{ts,tsx}", "lib/stores/**/*.{ts,tsx}", "lib/schemas/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        { group: ["@/lib/gateway", "@/lib/gateway/*", "@/lib/server", "@/lib/server/*"], message: "Server-only code; call /api/* instead." },
      ] }],
    },
  },
  globalIgnores([".next/**", ".next-*/**", "out/**", "build/**", "next-env.d.ts", "playwright-report/**", "test-results/**", "coverage/**", ".ci-out/**", "bench/out/**"]),
]);
