import { eq, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { emailMessages } from "../../db/schema";
import { MAX_ATTEMPTS, queueEmail, sendQueuedEmail } from "../../emails/outbox.server";
import { resetTransport } from "../../emails/transport.server";
import { resetEnvCache } from "~/lib/env.server";

// A real SMTP server, in process: what nodemailer sends is what it receives.
const received: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let port = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  port = (smtp.server.address() as { port: number }).port;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvCache();
  resetTransport();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

function useSmtp(url: string) {
  process.env.SMTP_URL = url;
  resetEnvCache();
  resetTransport();
}

describe("e-mail delivery", () => {
  it("sends over SMTP, rendered in the recipient's language, and clears one-time links once sent", async () => {
    useSmtp(`smtp://127.0.0.1:${port}`);
    const id = await db.transaction((tx) =>
      queueEmail(tx, { to: "hafsa@example.ma", locale: "ar", template: "verifyEmail", props: { name: "حفصة", url: "http://localhost:3000/verification-email?token=abc&lang=ar" } }),
    );
    await sendQueuedEmail(id);
    const mail = received.find((m) => m.to.includes("hafsa@example.ma"));
    expect(mail).toBeDefined();
    expect(mail!.raw).toMatch(/Subject: =\?UTF-8\?/);
    const [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, id));
    expect(row).toMatchObject({ status: "sent", props: null, attempts: 1 });
    expect(row.subject).toMatch(/[\u0600-\u06FF]/);
  });

  it("a rolled-back change leaves neither the e-mail nor its job", async () => {
    await expect(
      db.transaction(async (tx) => {
        await queueEmail(tx, { to: "ghost@example.ma", locale: "fr", template: "resetPassword", props: { name: "x", url: "http://x" } });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await db.select().from(emailMessages).where(eq(emailMessages.to, "ghost@example.ma"))).toHaveLength(0);
    const [{ n }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where data->>'id' is not null and name = 'send-email' and data::text like '%ghost%'`);
    expect(n).toBe(0);
  });

  it("each queued e-mail has its pg-boss job, with retries and backoff", async () => {
    const id = await db.transaction((tx) =>
      queueEmail(tx, { to: "job@example.ma", locale: "fr", template: "resetPassword", props: { name: "x", url: "http://x" } }),
    );
    const [job] = await db.execute<{ retry_limit: number; retry_backoff: boolean }>(
      sql`select retry_limit, retry_backoff from pgboss.job where name = 'send-email' and data->>'id' = ${id}`,
    );
    expect(job).toEqual({ retry_limit: 10, retry_backoff: true });
  });

  it("a send that keeps failing is recorded and ends up visible as failed, never lost", async () => {
    useSmtp("smtp://127.0.0.1:9"); // nothing listens there
    const id = await db.transaction((tx) =>
      queueEmail(tx, { to: "unlucky@example.ma", locale: "fr", template: "resetPassword", props: { name: "x", url: "http://x" } }),
    );
    await expect(sendQueuedEmail(id)).rejects.toThrow();
    let [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, id));
    expect(row).toMatchObject({ status: "queued", attempts: 1 });
    expect(row.lastError).toBeTruthy();
    expect(row.props).not.toBeNull();
    for (let i = 1; i < MAX_ATTEMPTS; i++) await sendQueuedEmail(id).catch(() => {});
    [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, id));
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, props: null });
  });
});
