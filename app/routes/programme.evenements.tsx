import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { EVENT_STATUSES, type EventStatus } from "../../db/schema/enums";
import { Select } from "~/components/form";
import { L, useHref, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { Time } from "~/components/time";
import { formatNumber } from "~/i18n/i18n";
import { pageTitle } from "~/lib/meta";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { listEventsForOperators } from "~/modules/events/events.server";
import { eventPath } from "~/modules/events/rules";
import { orgName } from "~/modules/orders/format";

// Events, for operators and admins (issue 7, item 1): organisations' proposals waiting for approval first, then
// every event; a status filter in the URL; pages of 20. Each event's page carries its approval and cancellation.

export const meta: MetaFunction = (args) => [...pageTitle(args, "events.ops.title"), { name: "robots", content: "noindex" }];

export const handle = { hydrate: false };

const BASE = "/programme/evenements";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.events");
  const params = new URL(request.url).searchParams;
  const asked = params.get("etat");
  const status = asked && (EVENT_STATUSES as readonly string[]).includes(asked) ? (asked as EventStatus) : null;
  const list = await listEventsForOperators({ db, actor: user, page: Number(params.get("page") ?? 1) || 1, status });
  return { status, ...list };
}

export default function EventsProgramme() {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const { status, events, pending, page, pageCount } = useLoaderData<typeof loader>();
  const ar = locale === "ar";
  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-2xl font-bold">{t("events.ops.title")}</h1>
          <p className="text-muted">{t("events.ops.intro")}</p>
          {pending > 0 ? <p className="font-semibold text-warn">{t("events.ops.pending", { count: formatNumber(pending, locale) })}</p> : null}
        </div>
        <L to={`${BASE}/nouveau`} className="btn">{t("events.ops.new")}</L>
      </header>
      <Form method="get" action={href(BASE)} className="card flex flex-wrap items-end gap-3" aria-label={t("events.ops.status")}>
        {locale !== "fr" ? <input type="hidden" name="lang" value={locale} /> : null}
        <Select label={t("events.ops.status")} name="etat" defaultValue={status ?? ""}>
          <option value="">{t("events.ops.anyStatus")}</option>
          {EVENT_STATUSES.map((s) => (
            <option key={s} value={s}>{t(`events.status.${s}`)}</option>
          ))}
        </Select>
        <button type="submit" className="btn-secondary">{t("events.ops.apply")}</button>
      </Form>
      {events.length === 0 ? (
        <p className="card">{t("events.ops.none")}</p>
      ) : (
        <ul className="space-y-3">
          {events.map((e) => (
            <li key={e.id} className="card space-y-1 text-sm">
              <p className="flex flex-wrap items-center gap-2">
                <span className="badge bg-brand-50 text-brand-800">{t(`events.kind.${e.kind}`)}</span>
                <span className={`badge ${e.status === "pending" ? "bg-warn/10 text-warn" : "bg-sand"}`}>{t(`events.status.${e.status}`)}</span>
                <Time value={e.startsAt} withTime />
              </p>
              <h2 className="text-base font-semibold">
                <L to={eventPath(e.slug)}>{ar ? e.titleAr : e.titleFr}</L>
              </h2>
              <p className="text-muted">
                {e.online ? t("events.agenda.online") : e.city}
                {e.organizer ? ` · ${t("events.ops.by", { name: orgName(e.organizer, locale) })}` : ""}
              </p>
              {e.statusReason ? <p dir="auto">{t("events.page.reason", { reason: e.statusReason })}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pageCount={pageCount} href={(p) => `${BASE}?${status ? `etat=${status}&` : ""}page=${p}`} />
    </div>
  );
}
