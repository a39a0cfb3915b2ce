import "./mode";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pino from "pino";
import { getHandle } from "../db/client";
import { printDemoLogins, seedDemo } from "../db/seed";
import { sendQueuedEmail } from "../emails/outbox.server";
import { runCatalogImport } from "../app/modules/catalog/csv-import.server";
import { env } from "../app/lib/env.server";
import { QUEUES, startBoss, stopBoss } from "../app/lib/jobs.server";
import { purgeExpiredLimits } from "../app/lib/rate-limit.server";
import { expireDueOrders, reconcilePayments } from "../app/modules/orders/payment-jobs.server";
import { expireProposals } from "../app/modules/tandems/proposals.server";
import { sendTandemReminders } from "../app/modules/tandems/reminders.server";
import { runLabelJob, syncLabelFacets } from "../app/modules/calls/registry.server";
import { EVENT_REMINDER_BATCH, sendEventReminders } from "../app/modules/events/registrations.server";
import { configuredMeilisearch } from "../search/index.server";
import { prepareMeilisearch, syncSearchDocuments, type SearchSyncJob } from "../search/sync.server";
import { prepareDatabase, shutdownDatabase } from "./database";
import { healthHandler } from "./health";
import { pageCache } from "./page-cache";
import { bodyLimit, contentSecurityPolicy, crossSiteGuard, rememberLanguage, securityHeaders } from "./security";

const dev = process.env.NODE_ENV === "development";
const config = env();
const log = pino({ level: config.LOG_LEVEL, base: { app: "tiwizi" } });

async function main() {
  const { embedded, empty } = await prepareDatabase(config.dataDir);
  const { db } = getHandle();
  if (embedded && empty) {
    log.info("empty embedded database: loading the demo data");
    await seedDemo(db);
  }

  const boss = await startBoss({ supervise: true });
  await boss.work<{ id: string }>(QUEUES.email, { batchSize: 5, pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) await sendQueuedEmail(job.data.id);
  });
  await boss.work<{ id: string }>(QUEUES.catalogImport, { pollingIntervalSeconds: 1 }, async ([job]) => runCatalogImport(db, job.data.id));
  await boss.schedule(QUEUES.purgeRateLimits, "17 * * * *");
  await boss.work(QUEUES.purgeRateLimits, async () => purgeExpiredLimits(db));
  // Payments (decision 013): unpaid holds released every minute; lost webhooks and card refunds every 5.
  await boss.schedule(QUEUES.expireOrders, "* * * * *");
  await boss.work(QUEUES.expireOrders, async () => {
    await expireDueOrders(db);
  });
  await boss.schedule(QUEUES.reconcilePayments, "*/5 * * * *");
  await boss.work(QUEUES.reconcilePayments, async () => {
    await reconcilePayments(db);
  });
  // Tandem proposals not answered in time (decision 016).
  await boss.schedule(QUEUES.expireTandems, "23 * * * *");
  await boss.work(QUEUES.expireTandems, async () => {
    await expireProposals(db, new Date());
  });
  // Running tandems: nothing logged for 30 days, evaluations due (each stamped, so once per period).
  await boss.schedule(QUEUES.remindTandems, "41 8 * * *");
  await boss.work(QUEUES.remindTandems, async () => {
    await sendTandemReminders(db, new Date());
  });
  // Siraj labels: reminders 90 and 30 days before expiry (stamped, so once each), and the directory's facet
  // re-indexed for labels that expired, were suspended or withdrawn, or were just awarded.
  await boss.schedule(QUEUES.remindLabels, "7 0 * * *");
  await boss.work(QUEUES.remindLabels, async () => {
    await runLabelJob(db, new Date());
  });
  // Events: the registered are reminded the day before, in the morning (09:29 UTC is 09:29 in Morocco since
  // 2026-09-20), then hourly until the evening for those who registered since; stamped, so once each; in batches.
  await boss.schedule(QUEUES.remindEvents, "29 9-20 * * *");
  await boss.work(QUEUES.remindEvents, async () => {
    const now = new Date();
    while ((await sendEventReminders(db, now)) === EVENT_REMINDER_BATCH);
  });
  // And once at start, so a server that was down at that hour (or a fresh demo) shows the facet right.
  void syncLabelFacets(db).catch((error) => log.error({ err: error }, "labels: directory facet not synced at start"));

  const meili = configuredMeilisearch();
  if (meili) {
    // The worker runs even while Meilisearch is down: its jobs fail and retry until it is back.
    await boss.work<SearchSyncJob>(QUEUES.searchSync, { batchSize: 50, pollingIntervalSeconds: 1 }, async (jobs) =>
      syncSearchDocuments({ db, engine: meili, ids: jobs.flatMap((job) => job.data.ids) }),
    );
    // Not awaited: a Meilisearch that is slow or down must not keep the site from starting.
    void prepareMeilisearch({ db, engine: meili }).then(
      ({ expected, indexed, filled }) => {
        if (filled) log.info({ filled }, "meilisearch: empty index filled from PostgreSQL");
        if (indexed === expected) log.info({ index: meili.indexName, documents: indexed }, "meilisearch: ready");
        else log.warn({ expected, indexed }, "meilisearch: document count differs from PostgreSQL; run `npm run search:reindex`");
      },
      (error) => log.error({ err: error }, "meilisearch: not ready at start; searches fall back to PostgreSQL while it cannot answer, sync jobs retry"),
    );
  }

  const app = express();
  app.disable("x-powered-by");
  // One proxy hop: the client IP is the one our load balancer appended, not one a client wrote.
  if (config.TRUST_PROXY === "1") app.set("trust proxy", 1);
  app.use(compression());
  app.use(securityHeaders({ https: config.https, dev }));
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
    });
    next();
  });

  app.get(
    "/healthz",
    healthHandler(
      () => getHandle().client`select 1`,
      (error) => log.error({ err: error }, "health check: database unreachable"),
    ),
  );

  app.use(bodyLimit(4 * 1024 * 1024));
  app.use(crossSiteGuard(config.appUrl));
  app.use(rememberLanguage(config.https));

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (dev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true } });
    app.use(viteServer.middlewares);
    build = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    const buildFile = path.resolve("build/server/index.js");
    if (!existsSync(buildFile)) throw new Error("No build found: run `npm run build` first.");
    build = (await import(pathToFileURL(buildFile).href)) as ServerBuild;
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
    app.use(express.static("build/client", { maxAge: "1h" }));
  }

  // The directory and the home page, for visitors without a session: see server/page-cache.ts.
  if (!dev) {
    app.use(
      pageCache({
        paths: /^\/(annuaire(\.data)?|marche(\.data)?|_root\.data)?$/,
        ttlMs: 15_000,
        maxEntries: 300,
        maxBytes: 512 * 1024,
        csp: (nonce, hashes) => contentSecurityPolicy(nonce, dev, hashes),
      }),
    );
  }

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: dev ? "development" : "production",
      getLoadContext: (req, res) => ({ nonce: res.locals.nonce as string, clientIp: req.ip ?? "unknown" }),
    }),
  );

  const server = app.listen(config.PORT, () => {
    log.info(`Tiwizi is listening on ${config.appUrl}`);
    void printDemoLogins(db).then((lines) => lines.forEach((line) => console.log(line)));
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, "shutting down");
    server.close();
    await stopBoss().catch((e) => log.error(e));
    await shutdownDatabase(embedded).catch((e) => log.error(e));
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  log.fatal({ err: error }, "failed to start");
  process.exit(1);
});
