import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { db } from "../../db/client";
import { Field, FormMessage } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { Time } from "~/components/time";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { checkIn, listParticipants, ticketTokenFrom } from "~/modules/events/registrations.server";
import { eventPath } from "~/modules/events/rules";

export const meta: MetaFunction = (args) => [
  ...pageTitle(args, "eventRegistrations.participants.title", { title: (args.data as { event?: { titleFr: string } } | undefined)?.event?.titleFr ?? "" }),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const page = await load(() => listParticipants({ db, actor: user, slug: params.slug ?? "", q: url.searchParams.get("q") }));
  return pageData(page);
}

function pageData(page: Awaited<ReturnType<typeof listParticipants>>) {
  const e = page.event;
  return { event: { slug: e.slug, titleFr: e.titleFr, titleAr: e.titleAr, startsAt: e.startsAt }, summary: page.summary, rows: page.rows, q: page.q };
}

// A pasted ticket (or scanned link), or a registration of the list by its id.
const checkInSchema = z
  .object({
    intent: z.enum(["checkin", "undo"]),
    ticket: z.string().trim().max(500, "eventRegistrations.errors.ticket").optional(),
    registration: z.string().trim().max(100).optional(),
    q: z.string().max(100).optional(),
  })
  .refine((v) => !!(v.ticket || v.registration), { path: ["ticket"], message: "eventRegistrations.errors.ticket" });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const result = parseForm(checkInSchema, await request.formData());
  if (!result.ok) return invalid(result);
  const undo = result.data.intent === "undo";
  try {
    const { ticket, registration } = result.data;
    await checkIn({ db, actor: user, slug, undo, ...(registration ? { registrationId: registration } : { token: ticketTokenFrom(ticket ?? "") }) });
  } catch (error) {
    return formFailure(error);
  }
  const q = result.data.q ? `?q=${encodeURIComponent(result.data.q)}` : "";
  throw redirectWithFlash(hrefFor(request, `${eventPath(slug)}/participants${q}`), undo ? "eventRegistrations.flash.undone" : "eventRegistrations.flash.checkedIn");
}

export default function Participants() {
  const t = useT();
  const locale = useLocale();
  const { event, summary, rows, q } = useLoaderData<typeof pageData>();
  const actionData = useActionData<typeof action>();
  const title = locale === "ar" ? event.titleAr : event.titleFr;
  const stats = [
    ["registered", summary.registered],
    ["waitlisted", summary.waitlisted],
    ["checkedIn", summary.checkedIn],
  ] as const;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <p>
        <L to={eventPath(event.slug)}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> <span dir="auto">{title}</span>
        </L>
      </p>
      <h1 className="text-2xl font-bold" dir="auto">{t("eventRegistrations.participants.title", { title })}</h1>
      <p className="text-muted">
        <Time value={event.startsAt} withTime />
      </p>
      <dl className="grid grid-cols-3 gap-2 text-center">
        {stats.map(([key, n]) => (
          <div key={key} className="card p-3">
            <dt className="text-sm text-muted">{t(`eventRegistrations.participants.${key}`)}</dt>
            <dd className="text-2xl font-bold">
              {n}
              {key === "registered" && summary.capacity !== null ? <span className="text-base font-normal text-muted"> / {summary.capacity}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
      <FormMessage messageKey={actionData?.messageKey} />
      <Form method="post" className="card flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <Field label={t("eventRegistrations.participants.ticket")} name="ticket" dir="ltr" autoComplete="off" errors={actionData?.errors?.ticket} />
        </div>
        <button type="submit" name="intent" value="checkin" className="btn">{t("eventRegistrations.participants.ticketSubmit")}</button>
      </Form>
      <Form method="get" className="flex gap-2" role="search">
        <label className="sr-only" htmlFor="q">{t("eventRegistrations.participants.search")}</label>
        <input id="q" name="q" type="search" className="input flex-1" defaultValue={q} placeholder={t("eventRegistrations.participants.search")} maxLength={100} />
        <button type="submit" className="btn-secondary">{t("eventRegistrations.participants.searchSubmit")}</button>
      </Form>
      <p>
        <a href={`${eventPath(event.slug)}/participants/csv`} download>{t("eventRegistrations.participants.csv")}</a>
      </p>
      {rows.length === 0 ? (
        <p className="text-muted">{t("eventRegistrations.participants.none")}</p>
      ) : (
        <ul className="space-y-2">
          {rows.map((r) => (
            <li key={r.id} className="card flex items-center justify-between gap-3 p-3">
              <div className="min-w-0">
                <p className="font-semibold" dir="auto">{r.name}</p>
                <p className="truncate text-sm text-muted" dir="ltr">{r.email}</p>
                <p className="text-sm">
                  <span className="badge">{t(`eventRegistrations.ticket.status.${r.status}`)}</span>
                  {r.checkedInAt ? (
                    <span className="ms-2 text-ok">
                      ✓ {t("eventRegistrations.participants.checkedInAt")} <Time value={r.checkedInAt} withTime />
                    </span>
                  ) : null}
                </p>
              </div>
              {r.status === "registered" ? (
                <Form method="post" className="shrink-0">
                  <input type="hidden" name="registration" value={r.id} />
                  {q ? <input type="hidden" name="q" value={q} /> : null}
                  {r.checkedInAt ? (
                    <button type="submit" name="intent" value="undo" className="btn-secondary">{t("eventRegistrations.participants.undo")}</button>
                  ) : (
                    <button type="submit" name="intent" value="checkin" className="btn">{t("eventRegistrations.participants.checkIn")}</button>
                  )}
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
