import { sql } from "drizzle-orm";
import { db } from "../../../db/client";
import type { Locale } from "~/i18n/i18n";
import { listUserOrganizations } from "../organizations/organizations.server";
import { getSession } from "./session.server";

/** What every page needs about the person looking at it (header, switcher). */
export async function getViewer(request: Request) {
  const found = await getSession(request);
  if (!found) return null;
  const organizations = await listUserOrganizations(db, found.user.id);
  const active =
    organizations.find((o) => o.id === found.session.activeOrganizationId) ?? organizations[0] ?? null;
  // A juror of some call (by account, or by the verified address the invitation went to) gets the jury's link; a
  // programme's coach, the programmes' link.
  const [{ juror, coach }] = await db.execute<{ juror: boolean; coach: boolean }>(
    sql`select exists (select 1 from call_jurors where user_id = ${found.user.id} or (${found.user.emailVerified} and email = lower(${found.user.email}))) as juror,
      exists (select 1 from programme_coaches where user_id = ${found.user.id}) as coach`,
  );
  return {
    juror,
    coach,
    user: found.user,
    organizations: organizations.map(({ id, slug, name, kind, role }) => ({ id, slug, name, kind, role })),
    activeOrganization: active ? { slug: active.slug, name: active.name } : null,
  };
}

export type Viewer = NonNullable<Awaited<ReturnType<typeof getViewer>>>;
export type { Locale };
