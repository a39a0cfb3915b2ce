import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { getT } from "~/i18n/catalogs.server";
import { localizeHref } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { env } from "~/lib/env.server";
import { agendaFilters, calendarOf, listAgenda } from "~/modules/events/events.server";

/** The agenda as an iCalendar feed, with the agenda's filters (kind, region, month), for phones' calendars. */
export async function loader({ request }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  const filters = agendaFilters(new URL(request.url).searchParams);
  const { events } = await listAgenda(db, filters, { all: true });
  const body = calendarOf(events, { name: getT(locale)("events.agenda.title"), locale, appUrl: env().appUrl, localize: localizeHref });
  return new Response(body, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'inline; filename="tiwizi-agenda.ics"', "Cache-Control": "public, max-age=300", Vary: "Cookie, Accept-Language" },
  });
}
