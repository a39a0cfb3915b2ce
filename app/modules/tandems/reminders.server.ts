// The daily reminders of running tandems (issue 5, items 3–4): both sides when nothing was logged for 30
// days (again every 30 days while it lasts), and the sides that have not answered the mid-term evaluation
// once it opens, or the final one (every 14 days from two weeks before the end). Each kind is stamped on the
// tandem so a reminder goes once per period, whatever the job's schedule.
import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { tandemAgreements, tandemEvaluations, tandems } from "../../../db/schema";
import { queueEmail } from "../../../emails/outbox.server";
import type { Locale } from "~/i18n/i18n";
import { absolute } from "../orders/notify.server";
import { managersOf, orgOf, SIDES } from "./access.server";
import { FINAL_OPENS_DAYS_BEFORE_END } from "./calendar";
import { todayInMorocco } from "./schemas";
import { spacePath } from "./paths";

export const IDLE_DAYS = 30;
const FINAL_REPEAT_DAYS = 14;
type Kind = "idle" | "midterm" | "final";

export async function sendTandemReminders(db: DbOrTx, now: Date = new Date(), batch = 200) {
  const today = todayInMorocco(now);
  const sent: Record<Kind, number> = { idle: 0, midterm: 0, final: 0 };
  await db.transaction(async (tx) => {
    const idleSince = new Date(now.getTime() - IDLE_DAYS * 86_400_000);
    const finalAgain = new Date(now.getTime() - FINAL_REPEAT_DAYS * 86_400_000);
    const mid = sql`${tandemAgreements.startDate} + ((${tandemAgreements.endDate} - ${tandemAgreements.startDate}) / 2)`;
    const finalOpens = sql`greatest(${tandemAgreements.endDate} - ${FINAL_OPENS_DAYS_BEFORE_END}::int, ${mid})`;
    const lastLogged = sql`(select max(s.created_at) from tandem_sessions s where s.tandem_id = ${tandems.id})`;
    // Idle counts from the later of the start, the agreed first day and the last session; not after the end.
    const idle = sql<boolean>`(greatest(${tandems.activatedAt}, ${tandemAgreements.startDate}::timestamptz, ${lastLogged}) < ${idleSince.toISOString()}::timestamptz
      and ${tandemAgreements.endDate} >= ${today}::date
      and (${tandems.idleRemindedAt} is null or ${tandems.idleRemindedAt} < ${idleSince.toISOString()}::timestamptz))`;
    const midterm = sql<boolean>`(${mid} <= ${today}::date and ${tandems.midtermRemindedAt} is null)`;
    const final = sql<boolean>`(${finalOpens} <= ${today}::date
      and (${tandems.finalRemindedAt} is null or ${tandems.finalRemindedAt} < ${finalAgain.toISOString()}::timestamptz))`;
    // Only tandems with something due, so a batch is never filled by tandems already reminded.
    const due = await tx
      .select({ id: tandems.id, number: tandems.number, companyId: tandems.companyId, partnerId: tandems.partnerId, idle, midterm, final })
      .from(tandems)
      .innerJoin(tandemAgreements, eq(tandemAgreements.tandemId, tandems.id))
      .where(and(eq(tandems.status, "active"), or(idle, midterm, final)))
      .orderBy(tandems.activatedAt)
      .limit(batch)
      .for("update", { of: tandems, skipLocked: true });
    if (due.length === 0) return;

    const answered = await tx
      .select({ tandemId: tandemEvaluations.tandemId, organizationId: tandemEvaluations.organizationId, stage: tandemEvaluations.stage })
      .from(tandemEvaluations)
      .where(inArray(tandemEvaluations.tandemId, due.map((r) => r.id)));
    const has = (tandemId: string, orgId: string, stage: "midterm" | "final") =>
      answered.some((a) => a.tandemId === tandemId && a.organizationId === orgId && (a.stage === stage || (stage === "midterm" && a.stage === "final")));
    const managers = await managersOf(tx, [...new Set(due.flatMap((r) => [r.companyId, r.partnerId]))]);

    for (const r of due) {
      const sides = SIDES.map((side) => orgOf(r, side));
      const remind = async (kind: Kind, orgIds: string[]) => {
        if (orgIds.length === 0) return false;
        for (const reader of managers.filter((m) => orgIds.includes(m.organizationId))) {
          const locale = reader.locale as Locale;
          await queueEmail(tx, { to: reader.email!, locale, template: "tandemReminder", props: { number: r.number, kind, url: absolute(spacePath(r.number), locale) } });
        }
        sent[kind]++;
        return true;
      };
      const stamps: Partial<Record<"idleRemindedAt" | "midtermRemindedAt" | "finalRemindedAt", Date>> = {};
      if (r.idle && (await remind("idle", sides))) stamps.idleRemindedAt = now;
      // The mid-term is stamped even when both answered, so the job stops looking.
      if (r.midterm) {
        await remind("midterm", sides.filter((o) => !has(r.id, o, "midterm")));
        stamps.midtermRemindedAt = now;
      }
      if (r.final && (await remind("final", sides.filter((o) => !has(r.id, o, "final"))))) stamps.finalRemindedAt = now;
      if (Object.keys(stamps).length) await tx.update(tandems).set(stamps).where(eq(tandems.id, r.id));
    }
  });
  return sent;
}
