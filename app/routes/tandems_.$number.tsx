import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { FormMessage, TextArea, valueOf } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { EvaluationForms, EvaluationList } from "~/components/tandem-evaluations";
import { hoursText, ProgressBar, SessionForm, SessionList } from "~/components/tandem-sessions";
import { Time } from "~/components/time";
import type { MessageKey } from "~/i18n/i18n";
import { DomainError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { orgName } from "~/modules/orders/format";
import { participantTandemId, tandemSkills } from "~/modules/tandems/access.server";
import { submitEvaluation } from "~/modules/tandems/evaluations.server";
import { finalSchema, messageSchema, midtermSchema, parseSelfAssessment, sessionSchema } from "~/modules/tandems/running-schemas";
import { confirmSession, deleteSession, logSession } from "~/modules/tandems/sessions.server";
import { certificatePath } from "~/modules/tandems/paths";
import { getSpace } from "~/modules/tandems/space.server";
import { postMessage } from "~/modules/tandems/thread.server";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "running.title", { number: args.data?.tandem.number ?? "" }),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  // The thread's "older" cursor: a time and a message id; anything else is ignored.
  const before = /^(.+)_([0-9a-f-]{36})$/.exec(url.searchParams.get("avant") ?? "");
  const at = before && isUuid(before[2]) ? new Date(before[1]) : null;
  return load(() =>
    getSpace({
      db,
      actor: user,
      number: params.number ?? "",
      page: Number(url.searchParams.get("page")) || 1,
      before: at && !Number.isNaN(at.getTime()) ? { at, id: before![2] } : undefined,
    }),
  );
}

const FLASH: Record<string, MessageKey> = {
  log: "running.logged",
  confirm: "running.confirmed",
  delete: "running.deleted",
  post: "running.posted",
  midterm: "evaluations.saved",
  final: "evaluations.saved",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const tandemId = await load(() => participantTandemId(db, params.number ?? "", user));
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const values = formValues(formData);
  const sessionId = String(formData.get("sessionId") ?? "");
  const sideValue = formData.get("side");
  const side = sideValue === "company" || sideValue === "partner" ? sideValue : undefined;
  try {
    if (intent === "log") {
      const result = parseForm(sessionSchema, formData);
      if (!result.ok) return invalid(result);
      await logSession({ db, actor: user, tandemId, input: result.data });
    } else if (intent === "confirm") {
      await confirmSession({ db, actor: user, tandemId, sessionId });
    } else if (intent === "delete") {
      await deleteSession({ db, actor: user, tandemId, sessionId });
    } else if (intent === "post") {
      const result = parseForm(messageSchema, formData);
      if (!result.ok) return invalid(result);
      await postMessage({ db, actor: user, tandemId, body: result.data.body });
    } else if (intent === "midterm") {
      const result = parseForm(midtermSchema, formData);
      if (!result.ok) return invalid(result);
      await submitEvaluation({ db, actor: user, tandemId, side, input: { stage: "midterm", answers: result.data } });
    } else if (intent === "final") {
      const result = parseForm(finalSchema, formData);
      const skills = await tandemSkills(db, tandemId);
      const self = side === "partner" ? parseSelfAssessment(values, skills) : ({ ok: true, data: undefined } as const);
      if (!result.ok || !self.ok) {
        const errors = { ...(result.ok ? {} : result.errors), ...(self.ok ? {} : self.errors) };
        return data({ errors, values, messageKey: null as string | null }, { status: 400 });
      }
      await submitEvaluation({ db, actor: user, tandemId, side, input: { stage: "final", answers: { ...result.data, selfAssessment: self.data } } });
    } else {
      return data({ errors: {} as Record<string, string[]>, values, messageKey: "errors.invalid" as string | null }, { status: 400 });
    }
  } catch (error) {
    // Period and date problems belong beside the date field.
    if (error instanceof DomainError && (error.messageKey === "running.errors.outsidePeriod" || error.messageKey === "running.errors.future")) {
      return data({ errors: { heldOn: [error.messageKey] } as Record<string, string[]>, values, messageKey: null as string | null }, { status: 400 });
    }
    return formFailure(error, values);
  }
  // Back where the person was (the page of sessions, the language), at the thread after a message.
  const url = new URL(request.url);
  throw redirectWithFlash(url.pathname + url.search + (intent === "post" ? "#messages" : ""), FLASH[intent]);
}

export default function TandemSpace() {
  const t = useT();
  const locale = useLocale();
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { tandem, company, partner, agreement, progress, viewer, thread } = view;
  const postErrors = actionData?.values?.intent === "post" ? actionData.errors : {};
  const committedMinutes = (agreement?.hoursCommitted ?? tandem.expectedHours) * 60;
  const oldest = thread.messages.at(-1);
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <header className="space-y-2">
        <p className="text-sm text-muted">{t("running.kicker")}</p>
        <h1 className="text-2xl font-bold">{t("running.title", { number: tandem.number })}</h1>
        <p>
          <L to={`/organisations/${company.slug}`} dir="auto">{orgName(company, locale)}</L>
          <span aria-hidden="true"> ⇄ </span>
          <L to={`/organisations/${partner.slug}`} dir="auto">{orgName(partner, locale)}</L>
        </p>
        <p className="font-semibold text-brand-700">{t("running.status", { status: t(`agreements.status.${tandem.status}` as MessageKey) })}</p>
        <p className="text-sm">{tandem.skills.map((s) => t(`skills.${s}` as MessageKey)).join(" · ")}</p>
        {tandem.endReason ? <p className="italic" dir="auto">{t("agreements.endReason", { reason: tandem.endReason })}</p> : null}
        <p className="flex flex-wrap gap-2">
          {agreement ? <L to={`/tandems/${tandem.number}/accord`} className="btn-secondary">{t("running.agreement")}</L> : null}
          {viewer.sides.map((s) => (
            <L key={s} to={`/organisations/${(s === "company" ? company : partner).slug}/tandems`} className="btn-secondary">
              {t("running.allTandems", { organization: orgName(s === "company" ? company : partner, locale) })}
            </L>
          ))}
        </p>
      </header>
      <FormMessage messageKey={actionData?.messageKey} />

      {tandem.status === "proposed" ? (
        <section className="card space-y-2">
          <h2 className="text-lg font-semibold">{t("running.proposalTitle")}</h2>
          <p className="whitespace-pre-line" dir="auto">{tandem.objectives}</p>
          <p className="text-sm">
            {t("running.answerBy")} <Time value={tandem.answerBy} />
          </p>
        </section>
      ) : null}

      {agreement ? (
        <section className="card space-y-3" aria-labelledby="progress-h">
          <h2 id="progress-h" className="text-lg font-semibold">{t("running.progress")}</h2>
          <ProgressBar percent={progress.percent} label={t("running.progress")} />
          <p>
            {t("running.progressText", {
              given: hoursText(progress.confirmedMinutes, locale),
              committed: hoursText(committedMinutes, locale),
              percent: progress.percent,
            })}
          </p>
          {progress.pendingMinutes > 0 ? <p className="text-sm text-warn">{t("running.pendingText", { hours: hoursText(progress.pendingMinutes, locale) })}</p> : null}
          <p className="text-sm text-muted">
            <Time value={`${agreement.startDate}T12:00:00Z`} /> → <Time value={`${agreement.endDate}T12:00:00Z`} />
            {agreement.focalPersonName ? <> · {t("running.focal", { name: agreement.focalPersonName })}</> : null}
          </p>
        </section>
      ) : null}

      {tandem.status === "active" || progress.sessions > 0 ? (
        <section className="card space-y-3" aria-labelledby="sessions-h">
          <h2 id="sessions-h" className="text-lg font-semibold">{t("running.sessions")}</h2>
          <SessionList view={view} />
          <Pager page={view.page} pageCount={view.pageCount} href={(p) => `/tandems/${tandem.number}?page=${p}`} />
          {viewer.canLog ? (
            <details className="rounded-lg border border-line p-3" open={actionData?.values?.intent === "log"}>
              <summary className="cursor-pointer font-semibold">{t("running.logTitle")}</summary>
              <div className="pt-3">
                <SessionForm view={view} actionData={actionData} />
              </div>
            </details>
          ) : null}
        </section>
      ) : null}

      {tandem.status === "active" || view.evaluations.length > 0 ? (
        <section className="card space-y-3" aria-labelledby="evaluations-h">
          <h2 id="evaluations-h" className="text-lg font-semibold">{t("evaluations.title")}</h2>
          {view.calendar && tandem.status === "active" ? (
            <p className="text-sm text-muted">
              {t("evaluations.midtermOpens")} <Time value={`${view.calendar.midterm}T12:00:00Z`} /> · {t("evaluations.finalOpens")} <Time value={`${view.calendar.final}T12:00:00Z`} />
            </p>
          ) : null}
          <EvaluationList view={view} />
          <EvaluationForms view={view} actionData={actionData} />
        </section>
      ) : null}

      {view.certificates.length > 0 ? (
        <section className="card space-y-3" aria-labelledby="certificates-h">
          <h2 id="certificates-h" className="text-lg font-semibold">{t("certificates.title")}</h2>
          <ul className="space-y-1">
            {view.certificates.map((c) => (
              <li key={c.code}>
                <L to={certificatePath(c.code)} dir="auto">{c.holderName}</L> · {t("running.hoursShort", { hours: hoursText(c.minutes, locale) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {viewer.canPost || thread.messages.length > 0 ? (
        <section id="messages" className="card space-y-3" aria-labelledby="messages-h">
          <h2 id="messages-h" className="text-lg font-semibold">{t("running.thread")}</h2>
          {viewer.canPost ? (
            <Form method="post" className="space-y-2" noValidate>
              <input type="hidden" name="intent" value="post" />
              <TextArea label={t("running.fields.message")} name="body" rows={3} errors={postErrors?.body} defaultValue={actionData?.values?.intent === "post" ? valueOf(actionData, "body") : undefined} dir="auto" />
              <button type="submit" className="btn">{t("running.send")}</button>
            </Form>
          ) : null}
          {thread.messages.length === 0 ? <p className="text-muted">{t("running.noMessages")}</p> : null}
          <ol className="space-y-2">
            {thread.messages.map((m) => {
              const side = m.organizationId === company.id ? company : partner;
              return (
                <li key={m.id} className="rounded-lg bg-sand p-3">
                  <p className="text-sm text-muted">
                    {m.authorName ? <><bdi>{m.authorName}</bdi> · </> : null}
                    <bdi>{orgName(side, locale)}</bdi> · <Time value={m.createdAt} withTime />
                  </p>
                  <p className="whitespace-pre-line" dir="auto">{m.body}</p>
                </li>
              );
            })}
          </ol>
          {thread.more && oldest ? (
            <p>
              <L to={`/tandems/${tandem.number}?avant=${encodeURIComponent(`${new Date(oldest.createdAt).toISOString()}_${oldest.id}`)}#messages`}>{t("running.older")}</L>
            </p>
          ) : null}
        </section>
      ) : null}

      <section className="card space-y-2" aria-labelledby="trail-h">
        <h2 id="trail-h" className="text-lg font-semibold">{t("running.trail")}</h2>
        <ol className="space-y-1 text-sm">
          {view.events.map((e, i) => (
            <li key={i}>
              <Time value={e.createdAt} withTime /> · {t(`running.events.${e.action.replace(".", "_")}` as MessageKey)}
              {e.actorName ? <> · <bdi>{e.actorName}</bdi></> : null}
              {e.reason && e.action !== "decline" ? <> · <span dir="auto">{e.reason}</span></> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
