// `npm test`: the Vitest suites, then the browser tests, then one closing line with the totals.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";

const dir = ".cache/test-results";
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function read(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

const unitStatus = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile=${dir}/vitest.json`]);
const unit = read(`${dir}/vitest.json`);

run("node", ["scripts/ensure-build.mjs", "--force"]);
const e2eStatus = run("npx", ["playwright", "test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${dir}/playwright.json` });
const e2e = read(`${dir}/playwright.json`);

const passed = (unit?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0);
const failed = (unit?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0) + (e2e?.stats?.flaky ?? 0);
const skipped = (unit?.numPendingTests ?? 0) + (e2e?.stats?.skipped ?? 0);
const broken = unitStatus !== 0 || e2eStatus !== 0 || !unit || !e2e;
if (broken && failed === 0) console.log("\nA test runner stopped with an error before reporting failures (see above).");
console.log(`\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(broken || failed > 0 ? 1 : 0);
