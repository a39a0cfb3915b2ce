import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { z } from "zod";
import { db } from "../../db/client";
import { FormMessage } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { Time } from "~/components/time";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { getUser } from "~/modules/accounts/session.server";
import { cancelRegistration, checkIn, getTicket } from "~/modules/events/registrations.server";
import { eventPath, ticketPath } from "~/modules/events/rules";
import { absolute } from "~/modules/orders/notify.server";

export const meta: MetaFunction<typeof loader> = (args) => [...pageTitle(args, "eventRegistrations.ticket.title"), { name: "robots", content: "noindex" }];

/** Whoever holds the link sees the ticket and may cancel it; those who run the event check the person in here. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { registration: r, event, runs } = await load(() => getTicket(db, params.token ?? "", user));
  // Without a language: whoever scans it (the organiser) reads it in their own.
  const url = absolute(ticketPath(r.token), "fr");
  const qr = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return {
    registration: { name: r.name, status: r.status, checkedInAt: r.checkedInAt },
    event: { slug: event.slug, titleFr: event.titleFr, titleAr: event.titleAr, startsAt: event.startsAt, endsAt: event.endsAt, status: event.status, started: event.startsAt <= new Date() },
    runs,
    url,
    qr,
  };
}

const intentSchema = z.object({ intent: z.enum(["cancel", "checkin", "undo"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await getUser(request);
  const token = params.token ?? "";
  const result = parseForm(intentSchema, await request.formData());
  if (!result.ok) return invalid(result);
  const here = hrefFor(request, ticketPath(token));
  try {
    if (result.data.intent === "cancel") {
      await cancelRegistration({ db, token });
      throw redirectWithFlash(here, "eventRegistrations.flash.cancelled");
    }
    await checkIn({ db, actor: user, token, undo: result.data.intent === "undo" });
  } catch (error) {
    if (error instanceof Response) throw error;
    return formFailure(error);
  }
  throw redirectWithFlash(here, result.data.intent === "undo" ? "eventRegistrations.flash.undone" : "eventRegistrations.flash.checkedIn");
}

export default function Ticket() {
  const t = useT();
  const locale = useLocale();
  const { registration: r, event, runs, qr, url } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const title = locale === "ar" ? event.titleAr : event.titleFr;
  const live = r.status !== "cancelled";
  return (
    <div className="mx-auto max-w-md space-y-4">
      <p>
        <L to={eventPath(event.slug)}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> <span dir="auto">{title}</span>
        </L>
      </p>
      <FormMessage messageKey={actionData?.messageKey} />
      {runs && live && event.status === "published" ? (
        <div className="card space-y-3">
          {r.checkedInAt ? (
            <>
              <p role="status" className="text-lg font-semibold text-ok">
                ✓ {t("eventRegistrations.ticket.checkedIn")} · <Time value={r.checkedInAt} withTime />
              </p>
              <Form method="post">
                <button type="submit" name="intent" value="undo" className="btn-secondary">{t("eventRegistrations.ticket.undo")}</button>
              </Form>
            </>
          ) : r.status === "registered" ? (
            <Form method="post">
              <button type="submit" name="intent" value="checkin" className="btn w-full py-5 text-xl">{t("eventRegistrations.ticket.checkIn")}</button>
            </Form>
          ) : null}
          <L to={`${eventPath(event.slug)}/participants`}>{t("eventRegistrations.ticket.participants")}</L>
        </div>
      ) : null}
      <article className="card space-y-3 text-center">
        <p className="text-sm uppercase tracking-wide text-muted">{t("eventRegistrations.ticket.heading")}</p>
        <h1 className="text-xl font-bold" dir="auto">{title}</h1>
        <p>
          <Time value={event.startsAt} withTime />
        </p>
        <p className="text-2xl font-bold" dir="auto">{r.name}</p>
        <p>
          <span className="badge">{t(`eventRegistrations.ticket.status.${r.status}`)}</span>
          {r.checkedInAt ? <span className="badge ms-2">{t("eventRegistrations.ticket.checkedIn")}</span> : null}
        </p>
        {event.status === "cancelled" ? <p className="font-semibold text-danger">{t("eventRegistrations.ticket.eventCancelled")}</p> : null}
        {r.status === "waitlisted" ? <p className="text-muted">{t("eventRegistrations.ticket.waitlistHint")}</p> : null}
        {live ? (
          <>
            <div role="img" aria-label={t("eventRegistrations.ticket.qr")} className="mx-auto w-64 max-w-full [&>svg]:h-auto [&>svg]:w-full" dangerouslySetInnerHTML={{ __html: qr }} />
            <p className="text-sm">{t("eventRegistrations.ticket.show")}</p>
            <p className="text-sm text-muted">{t("eventRegistrations.ticket.keep")}</p>
            <p dir="ltr" className="break-all font-mono text-xs text-muted">{url}</p>
          </>
        ) : null}
      </article>
      {live && !r.checkedInAt && !event.started && event.status === "published" ? (
        <Form method="post" className="card space-y-2">
          <p className="text-sm text-muted">{t("eventRegistrations.ticket.cancelConfirm")}</p>
          <button type="submit" name="intent" value="cancel" className="btn-secondary">{t("eventRegistrations.ticket.cancel")}</button>
        </Form>
      ) : null}
    </div>
  );
}
