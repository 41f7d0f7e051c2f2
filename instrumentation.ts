/** Runs once when the server starts: a wrong environment stops it with a message naming the variable. */
export async function register() {
  // Node-only code sits behind this check, in its own module, as Next's docs advise for instrumentation.
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./lib/server/startup");
}
