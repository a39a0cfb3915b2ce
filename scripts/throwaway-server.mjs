// Starts the production server on a fresh throwaway data folder (embedded PostgreSQL, demo data),
// so browser tests and benchmarks never touch .data/. Removes the folder when the server stops.
import { spawn } from "node:child_process";
import { mkdtempSync, chmodSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = mkdtempSync(path.join(os.tmpdir(), "tiwizi-e2e-"));
chmodSync(dir, 0o755);
// Browser tests recount figures in SQL: they find this server's data folder (and so its database) by its port.
const pointer = path.join(os.tmpdir(), `tiwizi-e2e-${process.env.PORT ?? "3000"}.datadir`);
writeFileSync(pointer, dir);
const env = { ...process.env, DATA_DIR: dir };
delete env.DATABASE_URL;
const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { stdio: "inherit", env });
const stop = () => child.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code) => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(pointer, { force: true });
  process.exit(code ?? 0);
});
