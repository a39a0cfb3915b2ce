// Each test file gets its own database, copied from the migrated template, and its own data folder.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, afterEach, beforeEach, inject, vi } from "vitest";
import { closeDb } from "../../db/client";
import { resetEnvCache } from "../../app/lib/env.server";

const adminUrl = inject("adminUrl");
const name = `tiwizi_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name} template tiwizi_template`);
process.env.DATABASE_URL = adminUrl.replace(/\/[^/]+$/, `/${name}`);
process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "tiwizi-test-data-"));
process.env.APP_URL = "http://localhost:3000";
process.env.NODE_ENV = "test";
delete process.env.SMTP_URL;
resetEnvCache();

// A console.error during a test is a bug the test did not expect: fail it.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length) throw new Error(`console.error was called: ${errors.map((e) => e.map(String).join(" ")).join("\n")}`);
});

afterAll(async () => {
  await closeDb();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});
