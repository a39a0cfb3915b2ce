import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { getT } from "~/i18n/catalogs.server";
import { localizeHref } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { env } from "~/lib/env.server";
import { load } from "~/lib/http.server";
import { getUser } from "~/modules/accounts/session.server";
import { calendarOf, getEvent } from "~/modules/events/events.server";

/** One event as an iCalendar file ("add to my calendar"). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  const user = await getUser(request);
  const { event } = await load(() => getEvent(db, params.slug ?? "", user));
  const body = calendarOf([event], { name: getT(locale)("events.agenda.title"), locale, appUrl: env().appUrl, localize: localizeHref });
  return new Response(body, { headers: { "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": `attachment; filename="${event.slug}.ics"` } });
}
