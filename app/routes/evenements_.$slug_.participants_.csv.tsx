import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { getT } from "~/i18n/catalogs.server";
import { resolveLocale } from "~/i18n/locale.server";
import { csvResponse, toCsv } from "~/lib/csv.server";
import { load } from "~/lib/http.server";
import { instantToMoroccoLocal } from "~/lib/morocco-time";
import { requireUser } from "~/modules/accounts/session.server";
import { listParticipants } from "~/modules/events/registrations.server";

/**
 * The participants of an event as CSV, for those who run it only (else 404): who, how to reach them, their place
 * and their arrival, in Morocco time. Never the gender they declared: that is only counted, never shown.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const t = getT(resolveLocale(request));
  const page = await load(() => listParticipants({ db, actor: user, slug: params.slug ?? "", limit: 100_000 }));
  const when = (d: Date | null) => (d ? instantToMoroccoLocal(d).replace("T", " ") : "");
  const rows = [
    [t("eventRegistrations.register.name"), t("eventRegistrations.register.email"), t("eventRegistrations.participants.status"), t("eventRegistrations.register.organization"), t("eventRegistrations.participants.registeredAt"), t("eventRegistrations.participants.checkedInAt")],
    ...page.rows.map((r) => [r.name, r.email, t(`eventRegistrations.ticket.status.${r.status}`), r.organization, when(r.createdAt), when(r.checkedInAt)]),
  ];
  return csvResponse(toCsv(rows), `participants-${page.event.slug}.csv`);
}
