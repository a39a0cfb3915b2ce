import { eq, sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "../db/client";
import { emailMessages } from "../db/schema";
import type { Locale } from "~/i18n/i18n";
import { enqueue, QUEUES } from "~/lib/jobs.server";
import { renderEmail } from "./render.server";
import type { TemplateName, TemplateProps } from "./templates";
import { deliver } from "./transport.server";

export const MAX_ATTEMPTS = 11; // the first try and pg-boss's 10 retries

/** Records the e-mail and enqueues its sending in the caller's transaction. */
export async function queueEmail<N extends TemplateName>(
  tx: DbOrTx,
  message: { to: string; locale: Locale; template: N; props: TemplateProps<N> },
) {
  const [row] = await tx
    .insert(emailMessages)
    .values({ to: message.to, locale: message.locale, template: message.template, props: message.props })
    .returning({ id: emailMessages.id });
  await enqueue(tx, QUEUES.email, { id: row.id });
  return row.id;
}

/** The job: render and deliver one recorded e-mail. Throws on failure so pg-boss retries it. */
export async function sendQueuedEmail(id: string, db: DbOrTx = defaultDb) {
  const [message] = await db.select().from(emailMessages).where(eq(emailMessages.id, id));
  if (!message || message.status === "sent" || !message.props) return;
  try {
    const rendered = await renderEmail(message.template as TemplateName, message.locale, message.props);
    await deliver({ id: message.id, to: message.to, ...rendered });
    await db
      .update(emailMessages)
      .set({
        status: "sent",
        subject: rendered.subject,
        props: null,
        sentAt: new Date(),
        attempts: sql`${emailMessages.attempts} + 1`,
        lastError: null,
      })
      .where(eq(emailMessages.id, id));
  } catch (error) {
    const attempts = message.attempts + 1;
    await db
      .update(emailMessages)
      .set({
        attempts,
        lastError: String((error as Error)?.message ?? error).slice(0, 500),
        status: attempts >= MAX_ATTEMPTS ? "failed" : "queued",
        // A message given up on keeps no one-time link.
        ...(attempts >= MAX_ATTEMPTS ? { props: null } : {}),
      })
      .where(eq(emailMessages.id, id));
    throw error;
  }
}
