// Runs the production server on a throwaway database for a benchmark, and stops it afterwards.
import { spawn } from "node:child_process";
import { freePort } from "../db/embedded";

// With `databaseUrl`, the server uses that (already throwaway) database instead of making its own,
// so a benchmark can fill it first. `env` adds variables (a throwaway DATA_DIR, TRUST_PROXY…);
// `onOutput` receives everything the server prints (its log and errors), e.g. to look for deadlocks.
export async function startBenchServer(opts: { databaseUrl?: string; env?: Record<string, string>; onOutput?: (text: string) => void } = {}) {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const args = opts.databaseUrl ? ["--import", "tsx", "server/index.ts"] : ["scripts/throwaway-server.mjs"];
  const extra = opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {};
  const child = spawn("node", args, {
    env: { ...process.env, ...extra, PORT: String(port), APP_URL: base, BENCH: "1", LOG_LEVEL: "warn", ...opts.env },
    stdio: ["ignore", opts.onOutput ? "pipe" : "ignore", opts.onOutput ? "pipe" : "inherit"],
    detached: false,
  });
  if (opts.onOutput) {
    const onOutput = opts.onOutput;
    child.stdout?.on("data", (chunk: Buffer) => onOutput(chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => {
      onOutput(chunk.toString("utf8"));
      process.stderr.write(chunk);
    });
  }
  let exited: number | null = null;
  child.on("exit", (code) => (exited = code ?? 1));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited !== null) throw new Error(`bench server exited (code ${exited}) before it answered`);
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
