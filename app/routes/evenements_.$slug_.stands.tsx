import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { FormMessage } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { Time } from "~/components/time";
import { formatNumber, type MessageKey } from "~/i18n/i18n";
import { NotFoundError } from "~/lib/errors.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formFailure, hrefFor, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { getEvent } from "~/modules/events/events.server";
import { eventPath, standsPath } from "~/modules/events/rules";
import { decideStand, listStands } from "~/modules/events/stands.server";
import { orgName } from "~/modules/orders/format";

// The exhibitors' applications of a fair or a market, for those who run it only (anyone else: 404): pending,
// accepted and declined ones with the counts against the stands available, pages of 50; accepting within the
// capacity, declining with a reason. Plain forms, one card per application, for a phone at the fair's desk.

export const meta: MetaFunction = (args) => [...pageTitle(args, "eventStands.manage.title"), { name: "robots", content: "noindex" }];

const STATUSES = ["pending", "accepted", "declined"] as const;
type Tab = (typeof STATUSES)[number];

function filtersOf(request: Request) {
  const params = new URL(request.url).searchParams;
  const status = params.get("statut");
  const page = Number(params.get("page"));
  return { status: (STATUSES as readonly string[]).includes(status ?? "") ? (status as Tab) : "pending", page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1 };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const actor = { id: user.id, platformRole: user.platformRole };
  const { status, page } = filtersOf(request);
  return load(async () => {
    const { event, runs } = await getEvent(db, params.slug ?? "", actor);
    if (!runs) throw new NotFoundError();
    const list = await listStands(db, { actor, event, status, page });
    return { event: { slug: event.slug, titleFr: event.titleFr, titleAr: event.titleAr, startsAt: event.startsAt, status: event.status }, status, ...list };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = { id: user.id, platformRole: user.platformRole };
  const formData = await request.formData();
  const intent = formData.get("intent");
  const standId = String(formData.get("standId") ?? "");
  const reason = String(formData.get("reason") ?? "");
  try {
    const { event, runs } = await getEvent(db, params.slug ?? "", actor);
    if (!runs || (intent !== "accept" && intent !== "decline")) throw new NotFoundError();
    await decideStand({ db, actor, eventId: event.id, standId, accept: intent === "accept", reason });
    const back = new URL(request.url).search;
    throw redirectWithFlash(`${hrefFor(request, standsPath(event.slug))}${back}`, intent === "accept" ? "eventStands.flash.accepted" : "eventStands.flash.declined");
  } catch (error) {
    if (error instanceof Response) throw error;
    return formFailure(error, { standId, reason });
  }
}

export default function StandsPage() {
  const t = useT();
  const locale = useLocale();
  const { event, status, stands, counts, capacity, page, pageCount } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failedId = typeof actionData?.values?.standId === "string" ? actionData.values.standId : null;
  const ar = locale === "ar";
  const href = (s: Tab, p = 1) => `${standsPath(event.slug)}?statut=${s}${p > 1 ? `&page=${p}` : ""}`;
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <p>
        <L to={eventPath(event.slug)}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {ar ? event.titleAr : event.titleFr}
        </L>
      </p>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("eventStands.manage.title")}</h1>
        <p className="text-muted">
          <Time value={event.startsAt} withTime />
        </p>
        <p className="text-lg font-semibold">
          {capacity !== null
            ? t("eventStands.manage.capacity", { accepted: formatNumber(counts.accepted, locale), capacity: formatNumber(capacity, locale) })
            : t("eventStands.manage.noCapacity", { accepted: formatNumber(counts.accepted, locale) })}
        </p>
        <p className="text-sm text-muted">{t("eventStands.manage.intro")}</p>
      </header>

      <nav aria-label={t("eventStands.manage.tabs")} className="flex flex-wrap gap-2">
        {STATUSES.map((s) => (
          <L key={s} to={href(s)} className={s === status ? "btn" : "btn-secondary"} aria-current={s === status ? "page" : undefined}>
            {t(`eventStands.manage.${s}` as MessageKey, { count: formatNumber(counts[s], locale) })}
          </L>
        ))}
      </nav>

      {actionData?.messageKey && !failedId ? <FormMessage messageKey={actionData.messageKey} /> : null}

      {stands.length === 0 ? (
        <p className="card">{t("eventStands.manage.none")}</p>
      ) : (
        <ul className="space-y-3">
          {stands.map((s) => (
            <li key={s.id} className="card space-y-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="text-lg font-semibold">
                  <L to={`/organisations/${s.organization.slug}`}>{orgName(s.organization, locale)}</L>
                </h2>
                <span className="flex flex-wrap gap-1 text-sm">
                  <span className="badge bg-brand-50 text-brand-800">{t(`kinds.${s.organization.kind}` as MessageKey)}</span>
                  {s.organization.womenLed ? <span className="badge bg-brand-50 text-brand-800">{t("eventStands.manage.womenLed")}</span> : null}
                </span>
              </div>
              <dl className="space-y-1">
                <dt className="text-sm text-muted">{t("eventStands.manage.products")}</dt>
                <dd className="whitespace-pre-line" dir="auto">{s.products}</dd>
                {s.needs ? (
                  <>
                    <dt className="text-sm text-muted">{t("eventStands.manage.needs")}</dt>
                    <dd className="whitespace-pre-line" dir="auto">{s.needs}</dd>
                  </>
                ) : null}
                <dt className="text-sm text-muted">{t("eventStands.manage.sentOn")}</dt>
                <dd><Time value={s.createdAt} withTime /></dd>
              </dl>
              {s.reason ? <p className="whitespace-pre-line italic" dir="auto">{t("eventStands.apply.reason", { reason: s.reason })}</p> : null}
              {failedId === s.id ? <FormMessage messageKey={actionData?.messageKey} /> : null}
              {s.status === "pending" && event.status === "published" ? (
                <div className="space-y-3">
                  <Form method="post">
                    <input type="hidden" name="standId" value={s.id} />
                    <button type="submit" name="intent" value="accept" className="btn w-full sm:w-auto">{t("eventStands.manage.accept")}</button>
                  </Form>
                  <Form method="post" className="space-y-2">
                    <input type="hidden" name="standId" value={s.id} />
                    <label className="label" htmlFor={`reason-${s.id}`}>{t("eventStands.manage.reason")}</label>
                    <textarea
                      id={`reason-${s.id}`}
                      name="reason"
                      className="input min-h-20"
                      required
                      minLength={10}
                      maxLength={1000}
                      dir="auto"
                      defaultValue={failedId === s.id && typeof actionData?.values?.reason === "string" ? actionData.values.reason : undefined}
                    />
                    <button type="submit" name="intent" value="decline" className="btn-secondary w-full sm:w-auto">{t("eventStands.manage.decline")}</button>
                  </Form>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pageCount={pageCount} href={(p) => href(status, p)} />
    </div>
  );
}
