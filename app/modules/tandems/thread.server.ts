// The tandem's message thread (issue 5, item 3): members of both sides write to each other from the draft
// agreement until the tandem closes; the other side's managers get an e-mail, at most one an hour per thread.
import { and, desc, eq, gt, lt, or } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { organizations, tandemMessages, users } from "../../../db/schema";
import { queueEmail } from "../../../emails/outbox.server";
import type { Locale } from "~/i18n/i18n";
import { ConflictError, NotFoundError } from "~/lib/errors.server";
import { hit } from "~/lib/rate-limit.server";
import { orgName } from "../orders/format";
import { absolute } from "../orders/notify.server";
import type { Actor } from "../organizations/authorize.server";
import { lockTandem, managersOf, memberSide, orgOf, otherSide } from "./access.server";
import { spacePath } from "./paths";

export const THREAD_PAGE = 30;
const NOTIFY_GAP_MS = 3_600_000;

export async function postMessage(opts: { db: DbOrTx; actor: Actor; tandemId: string; body: string; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  if (!actor) throw new NotFoundError();
  const body = opts.body.trim();
  return db.transaction(async (tx) => {
    const tandem = await lockTandem(tx, opts.tandemId);
    const { side, orgId } = await memberSide(tx, tandem, actor);
    if (tandem.status !== "agreement_draft" && tandem.status !== "active") throw new ConflictError("running.errors.threadClosed");
    await hit(tx, [{ key: `tandem-message:${actor.id}`, max: 60, windowSeconds: 3600 }]);
    // One e-mail per burst: none if this side already wrote in the last hour.
    const [recent] = await tx
      .select({ id: tandemMessages.id })
      .from(tandemMessages)
      .where(and(eq(tandemMessages.tandemId, tandem.id), eq(tandemMessages.organizationId, orgId), gt(tandemMessages.createdAt, new Date(now.getTime() - NOTIFY_GAP_MS))))
      .limit(1);
    const [message] = await tx.insert(tandemMessages).values({ tandemId: tandem.id, organizationId: orgId, authorId: actor.id, body, createdAt: now }).returning();
    if (!recent) {
      const [from] = await tx.select({ name: organizations.name, nameAr: organizations.nameAr }).from(organizations).where(eq(organizations.id, orgId));
      for (const reader of await managersOf(tx, [orgOf(tandem, otherSide(side))])) {
        const locale = reader.locale as Locale;
        await queueEmail(tx, {
          to: reader.email!,
          locale,
          template: "tandemMessage",
          props: { number: tandem.number, from: orgName(from, locale), excerpt: body.slice(0, 280), url: absolute(`${spacePath(tandem.number)}#messages`, locale) },
        });
      }
    }
    return message;
  });
}

/** A page of the thread, newest first; `before` pages back (keyset on time, then id). */
export async function listMessages(db: DbOrTx, tandemId: string, before?: { at: Date; id: string }) {
  const rows = await db
    .select({
      id: tandemMessages.id,
      organizationId: tandemMessages.organizationId,
      body: tandemMessages.body,
      createdAt: tandemMessages.createdAt,
      authorName: users.name,
    })
    .from(tandemMessages)
    .leftJoin(users, eq(users.id, tandemMessages.authorId))
    .where(
      and(
        eq(tandemMessages.tandemId, tandemId),
        before ? or(lt(tandemMessages.createdAt, before.at), and(eq(tandemMessages.createdAt, before.at), lt(tandemMessages.id, before.id))) : undefined,
      ),
    )
    .orderBy(desc(tandemMessages.createdAt), desc(tandemMessages.id))
    .limit(THREAD_PAGE + 1);
  return { messages: rows.slice(0, THREAD_PAGE), more: rows.length > THREAD_PAGE };
}
