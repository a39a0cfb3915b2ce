import PgBoss from "pg-boss";
import { getHandle, pgValue, positionalSql, type DbOrTx } from "../../db/client";

export const QUEUES = { email: "send-email" } as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const store = globalThis as unknown as { __tiwiziBoss?: PgBoss };

/** pg-boss on the app's own postgres.js pool: one pool per process, no second driver. */
export function getBoss(opts: { supervise?: boolean } = {}): PgBoss {
  if (!store.__tiwiziBoss) {
    const supervise = opts.supervise ?? false;
    const { client } = getHandle();
    store.__tiwiziBoss = new PgBoss({
      db: {
        executeSql: async (text: string, values: unknown[] = []) => {
          const rows = await client.unsafe(text, values.map(pgValue) as never[]);
          return { rows };
        },
      },
      schema: "pgboss",
      supervise,
      schedule: supervise,
      migrate: true,
    });
    store.__tiwiziBoss.on("error", (error) => console.error("pg-boss", error));
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
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, policy: "standard" });
  }
  return boss;
}

export async function stopBoss() {
  const boss = store.__tiwiziBoss;
  store.__tiwiziBoss = undefined;
  await boss?.stop({ graceful: true, close: false, wait: true, timeout: 10_000 });
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
