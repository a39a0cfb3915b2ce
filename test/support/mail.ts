// Delivers what the queue holds, as the worker does, and reads the local mailbox.
import { eq } from "drizzle-orm";
import { db } from "../../db/client";
import { emailMessages } from "../../db/schema";
import { sendQueuedEmail } from "../../emails/outbox.server";
import { listLocalMail } from "../../emails/transport.server";

export async function deliverAll() {
  const queued = await db.select({ id: emailMessages.id }).from(emailMessages).where(eq(emailMessages.status, "queued"));
  for (const { id } of queued) await sendQueuedEmail(id);
}

/** The newest e-mail sent to an address, after delivering the queue. */
export async function lastMailTo(to: string) {
  await deliverAll();
  const mail = (await listLocalMail()).find((m) => m.to === to);
  if (!mail) throw new Error(`no e-mail to ${to}`);
  return mail;
}

export function linkIn(text: string, path: string): string {
  const match = text.match(new RegExp(`https?://[^\\s\\]]*${path.replace(/[/?]/g, "\\$&")}[^\\s\\]]*`));
  if (!match) throw new Error(`no link to ${path} in:\n${text}`);
  return match[0];
}

/** Every e-mail sent to an address whose subject names something (an order number), after delivering the queue. */
export async function mailsTo(to: string, about: string) {
  await deliverAll();
  return (await listLocalMail()).filter((m) => m.to === to && m.subject.includes(about));
}
