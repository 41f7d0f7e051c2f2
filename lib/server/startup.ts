import "server-only";
import { getEnv } from "./env";

try {
  getEnv();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
