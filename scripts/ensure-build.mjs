// Builds the app when the build is missing or older than the sources (or always with --force),
// so `npm start` works right after `npm install` and never serves stale code.
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const output = "build/server/index.js";

function newest(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newest(path.join(entry, name))));
}

const sources = ["app", "emails", "db/schema", "vite.config.ts", "package-lock.json"];
const stale = !existsSync(output) || Math.max(...sources.map(newest)) > statSync(output).mtimeMs;
if (process.argv.includes("--force") || stale) {
  execSync("npx remix vite:build", { stdio: "inherit" });
}
