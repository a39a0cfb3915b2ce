import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { FormMessage, TextArea, valueOf } from "~/components/form";
import { L, useHref, useLocale, useT } from "~/components/i18n";
import { Time } from "~/components/time";
import { getT } from "~/i18n/catalogs.server";
import { formatNumber, localizeHref } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { env } from "~/lib/env.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues } from "~/lib/forms";
import { formFailure, hrefFor, load } from "~/lib/http.server";
import { seo, seoTags } from "~/lib/seo";
import { getUser, requireUser } from "~/modules/accounts/session.server";
import { can } from "~/modules/organizations/authorize.server";
import { cancelEvent, getEvent, reviewEvent } from "~/modules/events/events.server";
import { registrationSummary } from "~/modules/events/registrations.server";
import { AGENDA_PATH, eventPath, participantsPath, registrationPath, standPath, standsPath, takesStands } from "~/modules/events/rules";
import { listAcceptedStands, standSummary } from "~/modules/events/stands.server";
import { orgName } from "~/modules/orders/format";

// One event (issue 7): what, when (Morocco time), where or online, who organises it, its places or stands, and the
// way to take part; "add to my calendar" as an .ics file. Those who run it (operators, the organising
// organisation's managers) find its management here: approval of a proposal, cancellation with a reason, and
// the links to its participants or exhibitors.

export const meta: MetaFunction<typeof loader> = ({ data }) => seoTags(data);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  const t = getT(locale);
  const user = await getUser(request);
  const view = await load(() => getEvent(db, params.slug ?? "", user));
  const { event } = view;
  const ar = locale === "ar";
  const name = ar ? event.titleAr : event.titleFr;
  const description = (ar ? event.descriptionAr : event.descriptionFr).slice(0, 300);
  const url = `${env().appUrl}${localizeHref(eventPath(event.slug), locale)}`;
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "Event",
    name,
    description,
    url,
    startDate: event.startsAt.toISOString(),
    endDate: event.endsAt.toISOString(),
    eventStatus: event.status === "cancelled" ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
    eventAttendanceMode: event.online ? "https://schema.org/OnlineEventAttendanceMode" : "https://schema.org/OfflineEventAttendanceMode",
    location: event.online
      ? { "@type": "VirtualLocation", url: event.onlineUrl }
      : { "@type": "Place", name: event.city, address: { "@type": "PostalAddress", streetAddress: event.address, addressLocality: event.city, addressCountry: "MA" } },
  };
  const stands = takesStands(event.kind);
  const [exhibitors, standCounts, seats] = await Promise.all([
    stands ? listAcceptedStands(db, event.id) : null,
    stands ? standSummary(db, event.id) : null,
    stands ? null : registrationSummary(db, event.id),
  ]);
  return {
    ...view,
    exhibitors,
    standCounts,
    seats,
    canReview: !!user && can(user, "platform.events"),
    signedIn: !!user,
    seo: seo({ type: "website", name: `${name} · ${t("events.agenda.title")}`, description, url, image: null, locale, jsonLd }),
    // A proposal seen by those who run it is not public: never indexed.
    preview: !event.publishedAt,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { event } = await load(() => getEvent(db, params.slug ?? "", user));
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const reason = String(formData.get("reason") ?? "");
  const here = hrefFor(request, eventPath(event.slug));
  try {
    if (intent === "approve" || intent === "reject") {
      await reviewEvent({ db, actor: user, eventId: event.id, approve: intent === "approve", reason });
      throw redirectWithFlash(here, intent === "approve" ? "events.flash.approved" : "events.flash.rejected");
    }
    if (intent === "cancel") {
      await cancelEvent({ db, actor: user, eventId: event.id, reason });
      throw redirectWithFlash(here, "events.flash.cancelled");
    }
    return formFailure(new Error("unknown intent"), formValues(formData));
  } catch (error) {
    if (error instanceof Response) throw error;
    const failure = formFailure(error, { ...formValues(formData), intent });
    if (failure.data.messageKey === "events.errors.reason") failure.data.errors = { reason: ["events.errors.reason"] };
    return failure;
  }
}

export default function EventPage() {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const { event, organizer, region, runs, canReview, exhibitors, standCounts, seats } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const ar = locale === "ar";
  const stands = takesStands(event.kind);
  const over = new Date(event.endsAt).getTime() < Date.now();
  const started = new Date(event.startsAt).getTime() <= Date.now();
  const open = event.status === "published" && !started;
  const n = (x: number) => formatNumber(x, locale);
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <p>
        <L to={AGENDA_PATH}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("events.page.back")}
        </L>
      </p>
      <header className="space-y-2">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="badge bg-brand-50 text-brand-800">{t(`events.kind.${event.kind}`)}</span>
          {event.status !== "published" ? <span className="badge bg-sand">{t(`events.status.${event.status}`)}</span> : null}
        </p>
        <h1 className="text-2xl font-bold">{ar ? event.titleAr : event.titleFr}</h1>
      </header>
      {event.status === "cancelled" ? (
        <div role="note" className="rounded-lg border border-danger/40 bg-white p-3 text-danger">
          <p className="font-semibold">{t("events.page.cancelled")}</p>
          {event.statusReason ? <p dir="auto">{t("events.page.reason", { reason: event.statusReason })}</p> : null}
        </div>
      ) : null}
      {event.status === "pending" ? <p role="note" className="rounded-lg bg-sand p-3">{t("events.page.pending")}</p> : null}
      {event.status === "rejected" ? (
        <div role="note" className="rounded-lg bg-sand p-3">
          <p className="font-semibold">{t("events.page.rejected")}</p>
          {event.statusReason ? <p dir="auto">{t("events.page.reason", { reason: event.statusReason })}</p> : null}
        </div>
      ) : null}

      <section className="card space-y-2" aria-label={t("events.page.when")}>
        <dl className="grid gap-x-3 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="text-muted">{t("events.page.when")}</dt>
          <dd>
            {t("events.page.from")} <Time value={event.startsAt} withTime /> {t("events.page.to")} <Time value={event.endsAt} withTime />
          </dd>
          <dt className="text-muted">{t("events.page.where")}</dt>
          <dd dir="auto">
            {event.online ? (
              <>
                {t("events.page.online")}
                {event.onlineUrl && event.status === "published" ? (
                  <>
                    {" · "}
                    <a href={event.onlineUrl} rel="noopener noreferrer" target="_blank">{t("events.page.join")}</a>
                  </>
                ) : null}
              </>
            ) : (
              [event.address, event.city, region ? (ar ? region.nameAr : region.nameFr) : null].filter(Boolean).join(", ")
            )}
          </dd>
          <dt className="text-muted">{t("events.page.organizer")}</dt>
          <dd>{organizer ? <L to={`/organisations/${organizer.slug}`}>{orgName(organizer, locale)}</L> : t("events.page.platform")}</dd>
          <dt className="text-muted">{stands ? t("events.page.standCapacity") : t("events.page.capacity")}</dt>
          <dd>{formatNumber((stands ? event.standCapacity : event.capacity) ?? 0, locale)}</dd>
        </dl>
        <p className="text-sm text-muted">{t("events.page.moroccoTime")}</p>
        {event.status === "published" && !over ? (
          <p>
            <a href={href(`${eventPath(event.slug)}.ics`)} className="btn-secondary" download>{t("events.page.addToCalendar")}</a>
          </p>
        ) : null}
      </section>

      <section className="card">
        <p className="whitespace-pre-line" dir="auto">{ar ? event.descriptionAr : event.descriptionFr}</p>
      </section>

      {stands ? (
        <section className="card space-y-3" aria-labelledby="exhibitors-h">
          <h2 id="exhibitors-h" className="text-lg font-semibold">{t("events.page.exhibitors")}</h2>
          {standCounts && event.standCapacity ? <p className="text-sm text-muted">{t("events.page.standsTaken", { accepted: n(standCounts.accepted), capacity: n(event.standCapacity) })}</p> : null}
          {exhibitors && exhibitors.length ? (
            <ul className="divide-y divide-line">
              {exhibitors.map((x) => (
                <li key={x.organization.slug} className="space-y-1 py-2">
                  <p className="flex flex-wrap items-center gap-2">
                    <L to={`/organisations/${x.organization.slug}`} className="font-semibold">{orgName(x.organization, locale)}</L>
                    <span className="badge bg-brand-50 text-brand-800">{t(`kinds.${x.organization.kind}` as "kinds.cooperative")}</span>
                    {x.shopPath ? <L to={x.shopPath}>{t("events.page.shop")}</L> : null}
                  </p>
                  <p className="whitespace-pre-line text-sm" dir="auto">{x.products}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-muted">{t("events.page.noExhibitors")}</p>
          )}
          {open ? (
            <p>
              <L to={standPath(event.slug)} className="btn">{t("events.page.applyStand")}</L>
            </p>
          ) : null}
        </section>
      ) : seats ? (
        <section className="card space-y-3" aria-labelledby="register-h">
          <h2 id="register-h" className="text-lg font-semibold">{t("events.page.register")}</h2>
          {seats.capacity ? <p>{t("events.page.seats", { registered: n(seats.registered), capacity: n(seats.capacity) })}</p> : null}
          {seats.waitlisted ? <p className="text-sm text-muted">{t("events.page.waitlist", { count: n(seats.waitlisted) })}</p> : null}
          {seats.capacity !== null && seats.registered >= seats.capacity && open ? <p className="font-semibold text-warn">{t("events.page.full")}</p> : null}
          {open ? (
            <p>
              <L to={registrationPath(event.slug)} className="btn">{t("events.page.register")}</L>
            </p>
          ) : null}
        </section>
      ) : null}

      {runs || canReview ? (
        <section className="card space-y-4" aria-labelledby="manage-h">
          <h2 id="manage-h" className="text-lg font-semibold">{t("events.page.manage")}</h2>
          <FormMessage messageKey={actionData?.messageKey} />
          {runs ? (
            <p>
              <L to={stands ? standsPath(event.slug) : participantsPath(event.slug)} className="btn-secondary">
                {stands ? t("eventStands.manage.link") : t("events.page.participants")}
              </L>
            </p>
          ) : null}
          {canReview && event.status === "pending" ? (
            <Form method="post" className="space-y-2">
              <TextArea label={t("events.ops.reason")} name="reason" rows={2} maxLength={1000} dir="auto" defaultValue={valueOf(actionData, "reason", "")} errors={actionData?.errors?.reason} />
              <div className="flex flex-wrap gap-2">
                <button type="submit" name="intent" value="approve" className="btn">{t("events.ops.approve")}</button>
                <button type="submit" name="intent" value="reject" className="btn-secondary">{t("events.ops.reject")}</button>
              </div>
            </Form>
          ) : null}
          {runs && (event.status === "published" || event.status === "pending") && !over ? (
            <Form method="post" className="space-y-2 border-t border-line pt-3">
              <input type="hidden" name="intent" value="cancel" />
              <p className="font-semibold">{t("events.ops.cancelTitle")}</p>
              <p className="text-sm text-muted">{t("events.ops.cancelHint")}</p>
              <TextArea label={t("events.ops.reason")} name="reason" rows={2} maxLength={1000} dir="auto" required minLength={10} />
              <button type="submit" className="btn-secondary">{t("events.ops.cancel")}</button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
