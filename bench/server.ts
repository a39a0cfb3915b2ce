// Runs the production server on a throwaway database for a benchmark, and stops it afterwards.
import { spawn } from "node:child_process";
import { freePort } from "../db/embedded";

export async function startBenchServer() {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const child = spawn("node", ["scripts/throwaway-server.mjs"], {
    env: { ...process.env, PORT: String(port), APP_URL: base, BENCH: "1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: false,
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error("bench server did not start");
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    base,
    stop: () =>
      new Promise<void>((resolve) => {
        child.on("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
