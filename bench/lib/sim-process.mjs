// Runs the simulated gateway in its own process, so the bench client and the simulator do not share one event
// loop with each other's timings. Prints one JSON line { url } when listening.
import { startGateway } from "../../e2e/sim/gateway.mjs";

const sim = await startGateway({ port: 0, apiKey: process.env.SIM_API_KEY });
// The simulator keeps a request log for tests; a 10,000-request soak would grow it without end.
setInterval(() => sim.reset?.(), 5_000).unref();
process.stdout.write(JSON.stringify({ url: sim.url }) + "\n");
const stop = () => sim.close().finally(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
