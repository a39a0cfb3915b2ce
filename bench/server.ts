// Runs the production server on a throwaway database for a benchmark, and stops it afterwards.
import { spawn } from "node:child_process";
import { freePort } from "../db/embedded";

// With `databaseUrl`, the server uses that (already throwaway) database instead of making its own,
// so a benchmark can fill it first.
export async function startBenchServer(opts: { databaseUrl?: string } = {}) {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const args = opts.databaseUrl ? ["--import", "tsx", "server/index.ts"] : ["scripts/throwaway-server.mjs"];
  const extra = opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {};
  const child = spawn("node", args, {
    env: { ...process.env, ...extra, PORT: String(port), APP_URL: base, BENCH: "1", LOG_LEVEL: "warn" },
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
