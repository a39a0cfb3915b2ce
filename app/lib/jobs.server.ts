import PgBoss from "pg-boss";
import { positionalSql, type DbOrTx } from "../../db/client";

export const QUEUES = {
  email: "send-email",
  purgeRateLimits: "purge-rate-limits",
  searchSync: "search-sync",
  catalogImport: "catalog-import",
  expireOrders: "expire-orders",
  reconcilePayments: "reconcile-payments",
  expireTandems: "expire-tandems",
  remindTandems: "remind-tandems",
  remindLabels: "remind-labels",
  remindEvents: "remind-events",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * One search-sync job at a time across every process: each copies the documents' current rows, so
 * run in turn, the last to run always leaves the newest version in the engine.
 */
export const QUEUE_POLICIES: Record<QueueName, "standard" | "singleton"> = {
  "send-email": "standard",
  "purge-rate-limits": "standard",
  "search-sync": "singleton",
  "catalog-import": "standard",
  "expire-orders": "singleton",
  "reconcile-payments": "singleton",
  "expire-tandems": "singleton",
  "remind-tandems": "singleton",
  "remind-labels": "singleton",
  "remind-events": "singleton",
};

const store = globalThis as unknown as { __tiwiziBoss?: PgBoss; __tiwiziBossStopping?: boolean };

/**
 * pg-boss with its own small pool (its schema install runs explicit transactions, which a
 * shared postgres.js pool refuses). Jobs that follow a change are still sent on the change's
 * own transaction: see `enqueue`.
 */
export function getBoss(opts: { supervise?: boolean } = {}): PgBoss {
  if (!store.__tiwiziBoss) {
    const supervise = opts.supervise ?? false;
    store.__tiwiziBoss = new PgBoss({
      connectionString: process.env.DATABASE_URL,
      max: 3,
      schema: "pgboss",
      supervise,
      schedule: supervise,
      migrate: true,
    });
    store.__tiwiziBoss.on("error", (error) => {
      // While stopping, connections closing under pg-boss are expected.
      if (!store.__tiwiziBossStopping) console.error(`pg-boss: ${error.message}`);
    });
  }
  return store.__tiwiziBoss;
}

/**
 * Installs pg-boss's schema and the queues. The app server supervises (maintenance timers);
 * tests and scripts do not. Sending needs no started instance, only the schema.
 */
export async function startBoss(opts: { supervise?: boolean } = {}) {
  const boss = getBoss(opts);
  await boss.start();
  for (const name of Object.values(QUEUES)) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, policy: QUEUE_POLICIES[name] });
  }
  return boss;
}

export async function stopBoss() {
  const boss = store.__tiwiziBoss;
  store.__tiwiziBossStopping = true;
  store.__tiwiziBoss = undefined;
  await boss?.stop({ graceful: true, close: true, wait: true, timeout: 10_000 });
}

/**
 * Enqueues a job inside the caller's transaction: if the change rolls back, so does the job.
 * Retries back off exponentially (30 s, 60 s, 120 s, …) for about a day.
 */
export async function enqueue(tx: DbOrTx, name: QueueName, data: object, options: PgBoss.SendOptions = {}) {
  return getBoss().send(name, data, {
    retryLimit: 10,
    retryDelay: 30,
    retryBackoff: true,
    ...options,
    db: {
      executeSql: async (text: string, values: unknown[] = []) => ({
        rows: (await tx.execute(positionalSql(text, values))) as unknown as unknown[],
      }),
    },
  });
}
