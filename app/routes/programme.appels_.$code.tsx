import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { db } from "../../db/client";
import { APPLICATION_STATUSES, type ApplicationDecision, type ApplicationStatus } from "../../db/schema/enums";
import { Checkbox, Field, FormMessage, Select, TextArea, valueOf, type ActionErrors } from "~/components/form";
import { L, useHref, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { Time } from "~/components/time";
import { formatList, formatNumber, type MessageKey } from "~/i18n/i18n";
import { DomainError } from "~/lib/errors.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { reopenApplication } from "~/modules/calls/applications.server";
import { answerContest, decide, releaseCall } from "~/modules/calls/decisions.server";
import { contestedApplications, decisionsOf, ensureOfCall, juryBoard, listCallApplications, operatorCall, operatorDossier } from "~/modules/calls/operations.server";
import { observationsUntil } from "~/modules/calls/rules";
import { round1 } from "~/modules/calls/scoring";
import { assign, callResults, callTrail, inviteJuror, jurorLoads, screen, unassign } from "~/modules/calls/screening.server";
import { orgName } from "~/modules/orders/format";

// Running a call, for operators (issue 6, items 3, 4 and 6): screening the applications, the jury and its load,
// the ranking with spread and disagreement, the deliberation and the release, the trail, the exports. One page
// with its sections as GET tabs (`?vue=`), each loading only its own data; every form works without JavaScript.

export const meta: MetaFunction<typeof loader> = (args) => [...pageTitle(args, "callOps.title", { code: args.data?.call.code ?? "" }), { name: "robots", content: "noindex" }];

export const handle = { hydrate: false };

const TABS = ["candidatures", "jury", "classement", "deliberation", "journal", "exports"] as const;
type Tab = (typeof TABS)[number];

const pageOf = (url: URL) => {
  const n = Number(url.searchParams.get("page"));
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.calls");
  const url = new URL(request.url);
  const asked = url.searchParams.get("vue") ?? "candidatures";
  const tab: Tab = (TABS as readonly string[]).includes(asked) ? (asked as Tab) : "candidatures";
  const page = pageOf(url);
  const head = await load(() => operatorCall({ db, actor: user, code: params.code ?? "" }));
  const { call } = head;
  const callId = call.id;
  const statusAsked = url.searchParams.get("status") ?? "";
  const status = (APPLICATION_STATUSES as readonly string[]).includes(statusAsked) ? (statusAsked as ApplicationStatus) : null;
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const reference = url.searchParams.get("dossier");

  const section = await load(async () => {
    if (tab === "candidatures") {
      if (reference) return { dossier: await operatorDossier({ db, actor: user, callId, reference }) };
      return { list: await listCallApplications({ db, actor: user, callId, status, q, page }) };
    }
    if (tab === "jury") {
      const [jurors, board] = await Promise.all([jurorLoads({ db, actor: user, callId }), juryBoard({ db, actor: user, callId, page })]);
      return { jurors, board };
    }
    if (tab === "classement") return { results: await callResults({ db, actor: user, callId, page }) };
    if (tab === "deliberation") {
      const results = await callResults({ db, actor: user, callId, page });
      const decided = await decisionsOf({ db, actor: user, callId, ids: results.applications.map((a) => a.applicationId) });
      const obs = Number(url.searchParams.get("obs"));
      const observations = call.releasedAt ? await contestedApplications({ db, actor: user, callId, page: Number.isInteger(obs) && obs >= 1 ? obs : 1 }) : null;
      return { results, decided, observations };
    }
    if (tab === "journal") return { trail: await callTrail({ db, actor: user, callId, page }) };
    return {};
  });

  return {
    tab,
    filters: { status, q },
    call: {
      id: call.id,
      code: call.code,
      kind: call.kind,
      titleFr: call.titleFr,
      titleAr: call.titleAr,
      closesAt: call.closesAt,
      publishedAt: call.publishedAt,
      releasedAt: call.releasedAt,
      seats: call.seats,
      disagreementThreshold: call.disagreementThreshold,
      observationsUntil: observationsUntil(call),
      closed: call.closesAt.getTime() <= Date.now(),
    },
    counts: head.counts,
    chosen: head.chosen,
    open: head.open,
    ...section,
  };
}

// The forms: error keys are translation keys, shown beside their fields.
const uuid = z.string().uuid("errors.invalid");
const schemas = {
  screen: z
    .object({ applicationId: uuid, eligible: z.enum(["yes", "no"], { message: "callOps.errors.choice" }), reason: z.string().trim().max(1000, "review.errors.reason").default("") })
    .superRefine((v, ctx) => {
      // Ineligible needs a reason; a note on an eligible one is kept too, at the same length.
      if ((v.eligible === "no" || v.reason) && v.reason.length < 10) ctx.addIssue({ code: "custom", path: ["reason"], message: "review.errors.reason" });
    }),
  reopen: z.object({ applicationId: uuid, reason: z.string({ message: "calls.errors.reason" }).trim().min(10, "calls.errors.reason").max(1000, "calls.errors.reason") }),
  invite: z.object({
    name: z.string({ message: "review.errors.name" }).trim().min(2, "review.errors.name").max(120, "review.errors.name"),
    email: z.string({ message: "review.errors.email" }).trim().max(254, "review.errors.email").regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "review.errors.email"),
  }),
  assign: z.object({ applicationId: uuid, jurorId: z.string({ message: "callOps.errors.juror" }).uuid("callOps.errors.juror") }),
  unassign: z.object({ assignmentId: uuid }),
  decide: z.object({
    applicationId: uuid,
    decision: z.enum(["laureate", "selected", "waiting_list", "not_selected"], { message: "callOps.errors.choice" }),
    reason: z.string({ message: "callOps.errors.text" }).trim().min(10, "callOps.errors.text").max(2000, "callOps.errors.text"),
    feedback: z.string({ message: "callOps.errors.feedback" }).trim().min(10, "callOps.errors.feedback").max(4000, "callOps.errors.feedback"),
  }),
  release: z.object({ confirm: z.literal("yes", { message: "callOps.errors.confirm" }) }),
  answer: z.object({ applicationId: uuid, text: z.string({ message: "callOps.errors.answer" }).trim().min(20, "callOps.errors.answer").max(4000, "callOps.errors.answer") }),
};
type Intent = keyof typeof schemas;

/** Where a module's refusal of bad input is shown, per form. */
const FIELD_OF: Partial<Record<Intent, string>> = { screen: "reason", reopen: "reason", invite: "email", decide: "reason", answer: "text" };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePlatform(request, "platform.calls");
  const { call } = await load(() => operatorCall({ db, actor: user, code: params.code ?? "" }));
  const formData = await request.formData();
  const values = formValues(formData);
  const intent = String(formData.get("intent") ?? "") as Intent;
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  if (!(intent in schemas)) return data({ errors: {} as Record<string, string[]>, values, messageKey: "errors.invalid" as string | null }, { status: 400 });
  const parsed = parseForm(schemas[intent] as z.ZodTypeAny, formData);
  if (!parsed.ok) return invalid(parsed);
  const input = parsed.data;
  try {
    // The page of one call acts on that call's applications only.
    if (input.applicationId || input.assignmentId) await ensureOfCall(db, call.id, { applicationId: input.applicationId, assignmentId: input.assignmentId });
    switch (intent) {
      case "screen":
        await screen({ db, actor: user, applicationId: input.applicationId, eligible: input.eligible === "yes", reason: input.reason || null });
        throw redirectWithFlash(back, "callOps.flash.screened");
      case "reopen":
        await reopenApplication({ db, actor: user, applicationId: input.applicationId, reason: input.reason });
        throw redirectWithFlash(back, "callOps.flash.reopened");
      case "invite":
        await inviteJuror({ db, actor: user, callId: call.id, name: input.name, email: input.email });
        throw redirectWithFlash(back, "callOps.flash.invited");
      case "assign":
        await assign({ db, actor: user, applicationId: input.applicationId, jurorId: input.jurorId });
        throw redirectWithFlash(back, "callOps.flash.assigned");
      case "unassign":
        await unassign({ db, actor: user, assignmentId: input.assignmentId });
        throw redirectWithFlash(back, "callOps.flash.unassigned");
      case "decide":
        await decide({ db, actor: user, applicationId: input.applicationId, decision: input.decision, reason: input.reason, feedback: input.feedback });
        throw redirectWithFlash(back, "callOps.flash.decided");
      case "release":
        await releaseCall({ db, actor: user, callId: call.id });
        throw redirectWithFlash(back, "callOps.flash.released");
      case "answer":
        await answerContest({ db, actor: user, applicationId: input.applicationId, text: input.text });
        throw redirectWithFlash(back, "callOps.flash.answered");
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    const field = FIELD_OF[intent];
    // A refusal of what was typed goes beside the field; a refusal of the step (409) above the form.
    if (field && error instanceof DomainError && error.status === 400) {
      return data({ errors: { [field]: [error.messageKey as string] } as Record<string, string[]>, values, messageKey: null as string | null }, { status: 400 });
    }
    return formFailure(error, values);
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The action's answer when it concerns this form (this intent, this application), for its errors and values. */
function useFormState(intent: Intent, key?: { name: string; value: string }) {
  const actionData = useActionData<typeof action>() as (ActionErrors & { messageKey?: string | null }) | undefined;
  const v = actionData?.values;
  if (!v || v.intent !== intent || (key && v[key.name] !== key.value)) return undefined;
  return actionData;
}

const errorsOf = (state: ActionErrors, name: string) => state?.errors?.[name];

export default function CallOperations() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const { call, tab } = d;
  const base = `/programme/appels/${call.code}`;
  const ar = locale === "ar";
  return (
    <div className="space-y-5">
      <p className="print:hidden">
        <L to="/programme/appels">
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("callOps.back")}
        </L>
      </p>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{ar ? call.titleAr : call.titleFr}</h1>
        <p className="text-sm text-muted">
          <bdi dir="ltr">{call.code}</bdi> · {t(`calls.kind.${call.kind}`)} · {t("callOps.closesAt")} <Time value={call.closesAt} withTime />
          {call.releasedAt ? (
            <>
              {" · "}
              {t("callOps.released")} <Time value={call.releasedAt} withTime />
            </>
          ) : null}
        </p>
        <p className="text-sm">
          <L to={`/appels/${call.code}`}>{t("callOps.publicPage")}</L>
          {" · "}
          <L to={`${base}/modifier`}>{t("callOps.edit")}</L>
        </p>
        <ul className="flex flex-wrap gap-1 text-sm" aria-label={t("callOps.list.status")}>
          {APPLICATION_STATUSES.filter((s) => d.counts[s] > 0).map((s) => (
            <li key={s} className="badge bg-sand">
              {t("callOps.labelValue", { label: t(`calls.status.${s}`), value: formatNumber(d.counts[s], locale) })}
            </li>
          ))}
        </ul>
      </header>

      <nav aria-label={t("callOps.tabs.nav")}>
        <ul className="flex flex-wrap gap-2 text-sm">
          {TABS.map((x) => (
            <li key={x}>
              <L
                to={`${base}?vue=${x}`}
                aria-current={tab === x ? "page" : undefined}
                className={`inline-flex min-h-11 items-center rounded-lg px-3 ${tab === x ? "bg-brand-700 text-white" : "bg-white"}`}
              >
                {t(`callOps.tabs.${x}`)}
              </L>
            </li>
          ))}
        </ul>
      </nav>

      {tab === "candidatures" ? d.dossier ? <Dossier base={base} /> : <Applications base={base} /> : null}
      {tab === "jury" ? <Jury base={base} /> : null}
      {tab === "classement" ? <Results base={base} /> : null}
      {tab === "deliberation" ? <Deliberation base={base} /> : null}
      {tab === "journal" ? <Journal base={base} /> : null}
      {tab === "exports" ? (
        <section className="card space-y-3" aria-labelledby="exports-h">
          <h2 id="exports-h" className="text-lg font-semibold">{t("callOps.exports.title")}</h2>
          <p className="text-sm text-muted">{t("callOps.exports.hint")}</p>
          <ExportLinks base={base} />
        </section>
      ) : null}
    </div>
  );
}

function ExportLinks({ base }: { base: string }) {
  const t = useT();
  const href = useHref();
  return (
    <ul className="space-y-2">
      {/* Plain links: a CSV is a download, not a page of the app. */}
      <li>
        <a href={href(`${base}/candidatures.csv`)} className="btn-secondary" download>{t("callOps.exports.applications")}</a>
      </li>
      <li>
        <a href={href(`${base}/notes.csv`)} className="btn-secondary" download>{t("callOps.exports.scores")}</a>
      </li>
      <li>
        <L to={`${base}/proces-verbal`} className="btn-secondary">{t("callOps.exports.minutes")}</L>
      </li>
    </ul>
  );
}

function Applications({ base }: { base: string }) {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const { list, filters, open } = useLoaderData<typeof loader>() as LoaderData & { list: NonNullable<LoaderData["list"]> };
  const query = (page?: number) => {
    const p = new URLSearchParams({ vue: "candidatures" });
    if (filters.status) p.set("status", filters.status);
    if (filters.q) p.set("q", filters.q);
    if (page && page > 1) p.set("page", String(page));
    return `${base}?${p}`;
  };
  return (
    <section className="space-y-4" aria-labelledby="apps-h">
      <h2 id="apps-h" className="sr-only">{t("callOps.tabs.candidatures")}</h2>
      <Form method="get" action={href(base)} className="card grid gap-3 sm:grid-cols-3" aria-label={t("callOps.list.filters")}>
        {locale !== "fr" ? <input type="hidden" name="lang" value={locale} /> : null}
        <input type="hidden" name="vue" value="candidatures" />
        <div className="sm:col-span-2">
          <Field label={t("callOps.list.q")} name="q" type="search" defaultValue={filters.q} hint={t("callOps.list.qHint")} maxLength={100} dir="auto" />
        </div>
        <Select label={t("callOps.list.status")} name="status" defaultValue={filters.status ?? ""}>
          <option value="">{t("callOps.list.anyStatus")}</option>
          {APPLICATION_STATUSES.map((s) => (
            <option key={s} value={s}>{t(`calls.status.${s}`)}</option>
          ))}
        </Select>
        <div className="flex flex-wrap items-end gap-3 sm:col-span-3">
          <button type="submit" className="btn">{t("callOps.list.apply")}</button>
          <L to={`${base}?vue=candidatures`}>{t("callOps.list.reset")}</L>
        </div>
      </Form>
      <p role="status">{t("callOps.list.count", { n: formatNumber(list.total, locale) })}</p>
      {list.applications.length === 0 ? (
        <p className="card">{t("callOps.list.none")}</p>
      ) : (
        <ul className="space-y-3">
          {list.applications.map((a) => (
            <li key={a.id} className="card space-y-3 text-sm" aria-labelledby={`app-${a.id}`}>
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <h3 id={`app-${a.id}`} className="text-base font-semibold">
                  <bdi dir="ltr">{a.reference}</bdi>
                </h3>
                <span className="badge bg-brand-50 text-brand-800">{t(`calls.status.${a.status}`)}</span>
                {a.decision ? <span className="badge bg-sand">{t(`calls.decision.${a.decision}`)}</span> : null}
              </div>
              <p dir="auto">{orgName(a.organization, locale)}</p>
              <p className="text-muted">
                {a.submittedAt ? (
                  <>
                    {t("callOps.list.submittedAt")} <Time value={a.submittedAt} withTime />
                  </>
                ) : (
                  t("callOps.list.notSubmitted")
                )}
                {" · "}
                {t("callOps.list.reviews", { submitted: formatNumber(a.submitted, locale), assigned: formatNumber(a.assigned, locale) })}
              </p>
              {a.eligibilityReason ? <p dir="auto">{t("callOps.list.eligibilityReason", { reason: a.eligibilityReason })}</p> : null}
              {a.status === "draft" && a.reopenReason ? <p dir="auto" className="text-muted">{t("callOps.list.reopenReason", { reason: a.reopenReason })}</p> : null}
              <p>
                <L to={`${base}?vue=candidatures&dossier=${a.reference}`}>{t("callOps.list.read", { reference: a.reference })}</L>
              </p>
              {a.status === "submitted" || a.status === "eligible" || a.status === "ineligible" ? (
                <div className="grid gap-3 md:grid-cols-2">
                  <ScreenForm id={a.id} status={a.status} />
                  {open ? <ReopenForm id={a.id} /> : null}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pager page={list.page} pageCount={list.pageCount} href={query} />
    </section>
  );
}

function ScreenForm({ id, status }: { id: string; status: ApplicationStatus }) {
  const t = useT();
  const state = useFormState("screen", { name: "applicationId", value: id });
  return (
    <Form method="post" className="space-y-2 rounded-lg border border-line p-3">
      <input type="hidden" name="intent" value="screen" />
      <input type="hidden" name="applicationId" value={id} />
      <p className="font-semibold">{t("callOps.list.screen")}</p>
      <FormMessage messageKey={state?.messageKey} />
      <TextArea label={t("callOps.list.reason")} name="reason" defaultValue={valueOf(state, "reason", "")} errors={errorsOf(state, "reason")} maxLength={1000} dir="auto" rows={2} />
      <div className="flex flex-wrap gap-2">
        {status !== "eligible" ? (
          <button type="submit" name="eligible" value="yes" className="btn">{t("callOps.list.markEligible")}</button>
        ) : null}
        {status !== "ineligible" ? (
          <button type="submit" name="eligible" value="no" className="btn-secondary">{t("callOps.list.markIneligible")}</button>
        ) : null}
      </div>
    </Form>
  );
}

function ReopenForm({ id }: { id: string }) {
  const t = useT();
  const state = useFormState("reopen", { name: "applicationId", value: id });
  return (
    <Form method="post" className="space-y-2 rounded-lg border border-line p-3">
      <input type="hidden" name="intent" value="reopen" />
      <input type="hidden" name="applicationId" value={id} />
      <p className="font-semibold">{t("callOps.list.reopen")}</p>
      <FormMessage messageKey={state?.messageKey} />
      <TextArea label={t("callOps.list.reopenReason2")} name="reason" defaultValue={valueOf(state, "reason", "")} errors={errorsOf(state, "reason")} required minLength={10} maxLength={1000} dir="auto" rows={2} />
      <button type="submit" className="btn-secondary">{t("callOps.list.reopenButton")}</button>
    </Form>
  );
}

function Dossier({ base }: { base: string }) {
  const t = useT();
  const locale = useLocale();
  const ar = locale === "ar";
  const { dossier } = useLoaderData<typeof loader>() as LoaderData & { dossier: NonNullable<LoaderData["dossier"]> };
  const { application: a, grid } = dossier;
  return (
    <article className="space-y-4" aria-labelledby="dossier-h">
      <p>
        <L to={`${base}?vue=candidatures`}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("callOps.dossier.back")}
        </L>
      </p>
      <header className="card space-y-1">
        <h2 id="dossier-h" className="text-xl font-bold">{t("callOps.dossier.title", { reference: a.reference })}</h2>
        <p dir="auto">{orgName(dossier.organization, locale)}</p>
        <p className="text-sm">
          <span className="badge bg-brand-50 text-brand-800">{t(`calls.status.${a.status}`)}</span>{" "}
          {a.submittedAt ? (
            <>
              {t("callOps.list.submittedAt")} <Time value={a.submittedAt} withTime />
            </>
          ) : null}
        </p>
        {a.eligibilityReason ? <p dir="auto">{t("callOps.list.eligibilityReason", { reason: a.eligibilityReason })}</p> : null}
        {a.decision ? (
          <p>
            {t("callOps.labelValue", { label: t("callOps.dossier.decision"), value: t(`calls.decision.${a.decision}`) })}
          </p>
        ) : null}
      </header>
      <section className="card space-y-4" aria-labelledby="answers-h">
        <h3 id="answers-h" className="text-lg font-semibold">{t("callOps.dossier.answers")}</h3>
        {grid.map((s) => (
          <div key={s.id} className="space-y-3 border-t border-line pt-3 first:border-0 first:pt-0">
            <h4 className="font-semibold">
              {ar ? s.titleAr : s.titleFr} <span className="text-sm text-muted">· {t("calls.page.points", { n: String(s.weight) })}</span>
            </h4>
            {s.criteria.map((c) => (
              <div key={c.id} className="space-y-2">
                <p className="text-sm font-semibold text-muted">{ar ? c.titleAr : c.titleFr}</p>
                <dl className="space-y-2">
                  {c.questions.map((q) => (
                    <div key={q.id}>
                      <dt className="font-semibold">{ar ? q.labelAr : q.labelFr}</dt>
                      <dd className="whitespace-pre-wrap break-words" dir="auto">
                        {a.answers[q.id]?.trim() ? a.answers[q.id] : <span className="text-muted">{t("callOps.dossier.noAnswer")}</span>}
                      </dd>
                    </div>
                  ))}
                </dl>
              </div>
            ))}
          </div>
        ))}
      </section>
      <section className="card space-y-2" aria-labelledby="docs-h">
        <h3 id="docs-h" className="text-lg font-semibold">{t("callOps.dossier.documents")}</h3>
        {dossier.documents.length === 0 ? (
          <p className="text-muted">{t("callOps.dossier.noDocuments")}</p>
        ) : (
          <ul className="list-disc space-y-1 ps-5">
            {dossier.documents.map((doc) => (
              <li key={doc.id} dir="auto">
                <a href={`/documents/${doc.id}`} className="underline">
                  {doc.title}
                </a>{" "}
                <span className="text-sm text-muted">{t("callOps.dossier.kind", { kind: t(`calls.documentKind.${doc.kind}`) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card space-y-2" aria-labelledby="reviewers-h">
        <h3 id="reviewers-h" className="text-lg font-semibold">{t("callOps.dossier.reviewers")}</h3>
        {dossier.reviewers.length === 0 ? (
          <p className="text-muted">{t("callOps.dossier.noReviewers")}</p>
        ) : (
          <ul className="space-y-1">
            {dossier.reviewers.map((r, i) => (
              <li key={i}>
                <span dir="auto">{r.name}</span> · {t(`review.conflict.${r.conflict}`)}
                {r.submittedAt ? ` · ${t("callOps.jury.sheetIn")}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

function Jury({ base }: { base: string }) {
  const t = useT();
  const locale = useLocale();
  const { jurors, board } = useLoaderData<typeof loader>() as LoaderData & { jurors: NonNullable<LoaderData["jurors"]>; board: NonNullable<LoaderData["board"]> };
  const invite = useFormState("invite");
  const n = (v: number) => formatNumber(v, locale);
  return (
    <div className="space-y-5">
      <section className="card space-y-3" aria-labelledby="invite-h">
        <h2 id="invite-h" className="text-lg font-semibold">{t("callOps.jury.invite")}</h2>
        <p className="text-sm text-muted">{t("callOps.jury.inviteHint")}</p>
        <FormMessage messageKey={invite?.messageKey} />
        <Form method="post" className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
          <input type="hidden" name="intent" value="invite" />
          <Field label={t("callOps.jury.name")} name="name" defaultValue={valueOf(invite, "name", "")} errors={errorsOf(invite, "name")} required maxLength={120} autoComplete="off" dir="auto" />
          <Field label={t("callOps.jury.email")} name="email" type="email" defaultValue={valueOf(invite, "email", "")} errors={errorsOf(invite, "email")} required maxLength={254} autoComplete="off" dir="ltr" />
          <button type="submit" className="btn">{t("callOps.jury.inviteButton")}</button>
        </Form>
      </section>

      <section className="card space-y-3" aria-labelledby="jurors-h">
        <h2 id="jurors-h" className="text-lg font-semibold">{t("callOps.jury.jurors")}</h2>
        {jurors.length === 0 ? (
          <p className="text-muted">{t("callOps.jury.none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr className="text-start text-muted">
                  <th className="py-2 pe-3 text-start font-normal">{t("callOps.jury.name")}</th>
                  <th className="py-2 pe-3 text-end font-normal">{t("callOps.jury.assigned")}</th>
                  <th className="py-2 pe-3 text-end font-normal">{t("callOps.jury.conflicts")}</th>
                  <th className="py-2 pe-3 text-end font-normal">{t("callOps.jury.submitted")}</th>
                  <th className="py-2 text-end font-normal">{t("callOps.jury.pending")}</th>
                </tr>
              </thead>
              <tbody>
                {jurors.map((j) => (
                  <tr key={j.jurorId} className="border-t border-line">
                    <td className="py-2 pe-3">
                      <span dir="auto" className="font-semibold">{j.name}</span>
                      <span className="block text-muted">
                        <bdi dir="ltr">{j.email}</bdi> · {j.acceptedAt ? t("callOps.jury.accepted") : t("callOps.jury.invited")}
                      </span>
                    </td>
                    <td className="py-2 pe-3 text-end tabular-nums">{n(j.assigned)}</td>
                    <td className={`py-2 pe-3 text-end tabular-nums ${j.conflicts ? "font-semibold text-warn" : ""}`}>{n(j.conflicts)}</td>
                    <td className="py-2 pe-3 text-end tabular-nums">{n(j.submitted)}</td>
                    <td className="py-2 text-end tabular-nums">{n(j.pending)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="space-y-3" aria-labelledby="board-h">
        <h2 id="board-h" className="text-lg font-semibold">{t("callOps.jury.board")}</h2>
        {board.applications.length === 0 ? (
          <p className="card">{t("callOps.jury.boardNone")}</p>
        ) : (
          <ul className="space-y-3">
            {board.applications.map((a) => (
              <BoardItem key={a.id} a={a} jurors={jurors} />
            ))}
          </ul>
        )}
        <Pager page={board.page} pageCount={board.pageCount} href={(p) => `${base}?vue=jury&page=${p}`} />
      </section>
    </div>
  );
}

function BoardItem({ a, jurors }: { a: NonNullable<LoaderData["board"]>["applications"][number]; jurors: NonNullable<LoaderData["jurors"]> }) {
  const t = useT();
  const locale = useLocale();
  const state = useFormState("assign", { name: "applicationId", value: a.id });
  const taken = new Set(a.assignments.map((x) => x.jurorId));
  const free = jurors.filter((j) => !taken.has(j.jurorId));
  const conflicted = a.assignments.filter((x) => x.conflict === "declared");
  return (
    <li className="card space-y-3 text-sm" aria-labelledby={`board-${a.id}`}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 id={`board-${a.id}`} className="text-base font-semibold">
          <bdi dir="ltr">{a.reference}</bdi>
        </h3>
        <span className="badge bg-brand-50 text-brand-800">{t(`calls.status.${a.status}`)}</span>
        <span dir="auto">{orgName(a.organization, locale)}</span>
      </div>
      {conflicted.map((x) => (
        <p key={x.id} role="note" className="rounded-lg border border-warn/40 bg-sand p-3">
          <strong>{t("callOps.jury.conflictDeclared", { name: x.name })}</strong>
          {x.conflictNote ? <span className="block" dir="auto">« {x.conflictNote} »</span> : null}
          <span className="block">{t("callOps.jury.assignOther")}</span>
        </p>
      ))}
      {a.assignments.filter((x) => x.conflict !== "declared").length === 0 ? (
        <p className="text-muted">{t("callOps.jury.noneAssigned")}</p>
      ) : (
        <ul className="space-y-2">
          {a.assignments
            .filter((x) => x.conflict !== "declared")
            .map((x) => (
              <li key={x.id} className="flex flex-wrap items-center gap-2">
                <span dir="auto" className="font-semibold">{x.name}</span>
                <span className="text-muted">
                  {x.submittedAt ? t("callOps.jury.sheetIn") : x.conflict === "pending" ? t("callOps.jury.conflictPending") : t("callOps.jury.sheetPending")}
                </span>
                {!x.submittedAt ? <UnassignForm id={x.id} name={x.name} /> : null}
              </li>
            ))}
        </ul>
      )}
      {jurors.length === 0 ? (
        <p className="text-muted">{t("callOps.jury.noJurors")}</p>
      ) : free.length ? (
        <Form method="post" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="assign" />
          <input type="hidden" name="applicationId" value={a.id} />
          <div className="min-w-0 flex-1">
            <Select label={t("callOps.jury.assignTo")} name="jurorId" defaultValue={valueOf(state, "jurorId", "")} errors={errorsOf(state, "jurorId")} required>
              <option value="">{t("callOps.delib.choose")}</option>
              {free.map((j) => (
                <option key={j.jurorId} value={j.jurorId}>
                  {j.name} ({formatNumber(j.pending, locale)})
                </option>
              ))}
            </Select>
          </div>
          <button type="submit" className="btn-secondary">{t("callOps.jury.assignButton")}</button>
          <div className="w-full">
            <FormMessage messageKey={state?.messageKey} />
          </div>
        </Form>
      ) : null}
    </li>
  );
}

function UnassignForm({ id, name }: { id: string; name: string }) {
  const t = useT();
  const state = useFormState("unassign", { name: "assignmentId", value: id });
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value="unassign" />
      <input type="hidden" name="assignmentId" value={id} />
      <button type="submit" className="text-danger underline">{t("callOps.jury.unassign", { name })}</button>
      <FormMessage messageKey={state?.messageKey} />
    </Form>
  );
}

/** Scores for display: one decimal, in the page's digits. */
function useScore() {
  const locale = useLocale();
  return (x: number | null | undefined) => (x === null || x === undefined ? "—" : formatNumber(round1(x), locale));
}

function Results({ base }: { base: string }) {
  const t = useT();
  const locale = useLocale();
  const score = useScore();
  const ar = locale === "ar";
  const { results, call } = useLoaderData<typeof loader>() as LoaderData & { results: NonNullable<LoaderData["results"]> };
  return (
    <section className="space-y-3" aria-labelledby="results-h">
      <h2 id="results-h" className="text-lg font-semibold">{t("callOps.results.title")}</h2>
      <p className="text-sm text-muted">{t("callOps.results.intro")}</p>
      <p className="text-sm text-muted">{t("callOps.results.threshold", { n: formatNumber(call.disagreementThreshold, locale) })}</p>
      {results.mixedGrids ? <p className="rounded-lg bg-sand p-3 text-sm">{t("callOps.results.mixedGrids")}</p> : null}
      {results.applications.length === 0 ? (
        <p className="card">{t("callOps.results.none")}</p>
      ) : (
        <ol className="space-y-3">
          {results.applications.map((r) => {
            const grid = results.grids[String(r.gridVersion)] ?? [];
            const criterionTitle = (id: string) => {
              const c = grid.flatMap((s) => s.criteria).find((x) => x.id === id);
              return c ? (ar ? c.titleAr : c.titleFr) : id;
            };
            return (
              <li key={r.applicationId} className={`card space-y-2 text-sm ${r.disagreement ? "border-warn" : ""}`} aria-labelledby={`res-${r.applicationId}`}>
                <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                  <span className="text-lg font-bold tabular-nums">{r.rank ? `#${formatNumber(r.rank, locale)}` : t("callOps.results.unranked")}</span>
                  <h3 id={`res-${r.applicationId}`} className="text-base font-semibold">
                    <L to={`${base}?vue=candidatures&dossier=${r.reference}`}>
                      <bdi dir="ltr">{r.reference}</bdi>
                    </L>
                  </h3>
                  <span dir="auto">{orgName(r.organization, locale)}</span>
                  <span className="badge bg-brand-50 text-brand-800">{t(`calls.status.${r.status}`)}</span>
                </div>
                {r.disagreement ? (
                  <p role="note" className="inline-block rounded-lg border border-warn/40 bg-sand px-2 py-1 font-semibold text-warn">
                    ⚠ {t("callOps.results.disagreement")}
                  </p>
                ) : null}
                <dl className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-4">
                  <div>
                    <dt className="text-muted">{t("callOps.results.mean")}</dt>
                    <dd className="text-base font-bold tabular-nums">{r.total ? <bdi dir="ltr">{t("callOps.results.outOf", { value: score(r.total.mean), max: "100" })}</bdi> : "—"}</dd>
                  </div>
                  <div>
                    <dt className="text-muted">{t("callOps.results.median")}</dt>
                    <dd className="tabular-nums">{score(r.total?.median)}</dd>
                  </div>
                  <div>
                    <dt className="text-muted">{t("callOps.results.spread")}</dt>
                    <dd className={`tabular-nums ${r.disagreement ? "font-semibold text-warn" : ""}`}>{score(r.total?.spread)}</dd>
                  </div>
                  <div>
                    <dt className="text-muted">{t("callOps.results.reviews", { submitted: formatNumber(r.reviews.submitted, locale), assigned: formatNumber(r.reviews.assigned, locale) })}</dt>
                    <dd className="text-muted" dir="auto">{r.jurors.map((j) => `${j.name} ${score(j.total)}`).join(" · ")}</dd>
                  </div>
                </dl>
                <div>
                  <p className="text-muted">{t("callOps.results.sections")}</p>
                  <ul className="flex flex-wrap gap-2">
                    {r.sections.map((s) => {
                      const g = grid.find((x) => x.id === s.sectionId);
                      return (
                        <li key={s.sectionId} className="badge bg-sand">
                          {t("callOps.labelValue", { label: g ? (ar ? g.titleAr : g.titleFr) : s.sectionId, value: "" })}{s.stats ? <bdi dir="ltr">{t("callOps.results.outOf", { value: score(s.stats.mean), max: formatNumber(s.weight, locale) })}</bdi> : "—"}
                        </li>
                      );
                    })}
                  </ul>
                </div>
                {r.belowMinimum.length ? <p className="font-semibold text-danger">{t("callOps.results.belowMinimum", { criteria: formatList(r.belowMinimum.map(criterionTitle), locale) })}</p> : null}
              </li>
            );
          })}
        </ol>
      )}
      <Pager page={results.page} pageCount={results.pageCount} href={(p) => `${base}?vue=classement&page=${p}`} />
    </section>
  );
}

function Deliberation({ base }: { base: string }) {
  const t = useT();
  const locale = useLocale();
  const score = useScore();
  const d = useLoaderData<typeof loader>() as LoaderData & { results: NonNullable<LoaderData["results"]>; decided: NonNullable<LoaderData["decided"]> };
  const { call, results, decided, observations } = d;
  const release = useFormState("release");
  const label = call.kind === "label";
  const choices: ApplicationDecision[] = label ? ["laureate", "not_selected"] : ["selected", "waiting_list", "not_selected"];
  const byId = new Map(decided.map((x) => [x.id, x]));
  return (
    <div className="space-y-5">
      <section className="card space-y-2" aria-labelledby="delib-h">
        <h2 id="delib-h" className="text-lg font-semibold">{t("callOps.delib.title")}</h2>
        <p className="text-base">
          {label ? t("callOps.delib.laureates") : t("callOps.delib.seats")} :{" "}
          <strong className="tabular-nums">{t("callOps.delib.chosen", { chosen: formatNumber(d.chosen, locale), seats: formatNumber(call.seats, locale) })}</strong>
        </p>
        {d.chosen > call.seats ? <p className="font-semibold text-warn">{t("callOps.delib.over")}</p> : null}
        <p>
          <L to={`${base}/proces-verbal`}>{t("callOps.exports.minutes")}</L>
        </p>
      </section>

      {results.applications.length === 0 ? (
        <p className="card">{t("callOps.delib.none")}</p>
      ) : (
        <ol className="space-y-3">
          {results.applications.map((r) => {
            const dec = byId.get(r.applicationId);
            const open = !call.releasedAt && (r.status === "under_review" || r.status === "decided");
            return (
              <li key={r.applicationId} className="card space-y-2 text-sm" aria-labelledby={`del-${r.applicationId}`}>
                <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                  <span className="text-lg font-bold tabular-nums">{r.rank ? `#${formatNumber(r.rank, locale)}` : t("callOps.results.unranked")}</span>
                  <h3 id={`del-${r.applicationId}`} className="text-base font-semibold">
                    <L to={`${base}?vue=candidatures&dossier=${r.reference}`}>
                      <bdi dir="ltr">{r.reference}</bdi>
                    </L>
                  </h3>
                  <span dir="auto">{orgName(r.organization, locale)}</span>
                  <span className="tabular-nums">
                    {t("callOps.results.mean")} {r.total ? <bdi dir="ltr">{t("callOps.results.outOf", { value: score(r.total.mean), max: "100" })}</bdi> : "—"}
                  </span>
                  {r.disagreement ? <span className="badge bg-sand text-warn">⚠ {t("callOps.results.disagreement")}</span> : null}
                </div>
                {dec?.decision ? (
                  <p className="font-semibold">{t("callOps.delib.current", { decision: t(`calls.decision.${dec.decision as ApplicationDecision}`) })}</p>
                ) : null}
                {open ? (
                  <DecideForm id={r.applicationId} choices={choices} current={dec} />
                ) : r.status === "eligible" ? (
                  <p className="text-muted">{t("callOps.delib.notDecidable")}</p>
                ) : dec?.decisionReason ? (
                  <p dir="auto" className="whitespace-pre-wrap">{dec.decisionReason}</p>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      <Pager page={results.page} pageCount={results.pageCount} href={(p) => `${base}?vue=deliberation&page=${p}`} />

      {!call.releasedAt ? (
        <section className="card space-y-3" aria-labelledby="release-h">
          <h2 id="release-h" className="text-lg font-semibold">{t("callOps.delib.release")}</h2>
          <p className="text-sm">{t("callOps.delib.releaseHint")}</p>
          <FormMessage messageKey={release?.messageKey} />
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="release" />
            <Checkbox label={t("callOps.delib.confirm")} name="confirm" value="yes" errors={errorsOf(release, "confirm")} required />
            <button type="submit" className="btn">{t("callOps.delib.releaseButton")}</button>
          </Form>
        </section>
      ) : (
        <section className="space-y-3" aria-labelledby="obs-h">
          <h2 id="obs-h" className="text-lg font-semibold">{t("callOps.delib.observations")}</h2>
          {call.observationsUntil ? (
            <p className="text-sm text-muted">
              {t("callOps.delib.observationsUntil")} <Time value={call.observationsUntil} withTime />
            </p>
          ) : null}
          {!observations || observations.applications.length === 0 ? (
            <p className="card">{t("callOps.delib.observationsNone")}</p>
          ) : (
            <ul className="space-y-3">
              {observations.applications.map((o) => (
                <li key={o.id} className="card space-y-2 text-sm" aria-labelledby={`obs-${o.id}`}>
                  <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                    <h3 id={`obs-${o.id}`} className="text-base font-semibold">
                      <bdi dir="ltr">{o.reference}</bdi>
                    </h3>
                    <span dir="auto">{orgName(o.organization, locale)}</span>
                    <span className="badge bg-brand-50 text-brand-800">{t(`calls.status.${o.status}`)}</span>
                  </div>
                  {o.contestedAt ? (
                    <p className="text-muted">
                      {t("callOps.delib.contestedAt")} <Time value={o.contestedAt} withTime />
                    </p>
                  ) : null}
                  <blockquote className="whitespace-pre-wrap border-s-4 border-line ps-3" dir="auto">{o.contestText}</blockquote>
                  {o.status === "contested" ? (
                    <AnswerForm id={o.id} />
                  ) : (
                    <div className="rounded-lg bg-sand p-3">
                      {o.answeredAt ? (
                        <p className="text-muted">
                          {t("callOps.delib.answeredAt")} <Time value={o.answeredAt} withTime />
                        </p>
                      ) : null}
                      <p className="whitespace-pre-wrap" dir="auto">{o.answerText}</p>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
          {observations ? <Pager page={observations.page} pageCount={observations.pageCount} href={(p) => `${base}?vue=deliberation&obs=${p}`} /> : null}
        </section>
      )}
    </div>
  );
}

function DecideForm({ id, choices, current }: { id: string; choices: ApplicationDecision[]; current?: { decision: string | null; decisionReason: string | null; feedback: string | null } }) {
  const t = useT();
  const state = useFormState("decide", { name: "applicationId", value: id });
  return (
    <Form method="post" className="grid gap-3 md:grid-cols-2">
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="applicationId" value={id} />
      <div className="md:col-span-2">
        <FormMessage messageKey={state?.messageKey} />
        <Select label={t("callOps.delib.decision")} name="decision" defaultValue={valueOf(state, "decision", current?.decision ?? "")} errors={errorsOf(state, "decision")} required>
          <option value="">{t("callOps.delib.choose")}</option>
          {choices.map((c) => (
            <option key={c} value={c}>{t(`calls.decision.${c}`)}</option>
          ))}
        </Select>
      </div>
      <TextArea label={t("callOps.delib.reason")} name="reason" defaultValue={valueOf(state, "reason", current?.decisionReason ?? "")} errors={errorsOf(state, "reason")} required minLength={10} maxLength={2000} dir="auto" rows={3} />
      <TextArea label={t("callOps.delib.feedback")} name="feedback" defaultValue={valueOf(state, "feedback", current?.feedback ?? "")} errors={errorsOf(state, "feedback")} required minLength={10} maxLength={4000} dir="auto" rows={3} />
      <div className="md:col-span-2">
        <button type="submit" className="btn-secondary">{t("callOps.delib.decide")}</button>
      </div>
    </Form>
  );
}

function AnswerForm({ id }: { id: string }) {
  const t = useT();
  const state = useFormState("answer", { name: "applicationId", value: id });
  return (
    <Form method="post" className="space-y-2">
      <input type="hidden" name="intent" value="answer" />
      <input type="hidden" name="applicationId" value={id} />
      <FormMessage messageKey={state?.messageKey} />
      <TextArea label={t("callOps.delib.answer")} name="text" defaultValue={valueOf(state, "text", "")} errors={errorsOf(state, "text")} required minLength={20} maxLength={4000} dir="auto" rows={3} />
      <button type="submit" className="btn-secondary">{t("callOps.delib.answerButton")}</button>
    </Form>
  );
}

function Journal({ base }: { base: string }) {
  const t = useT();
  const { trail } = useLoaderData<typeof loader>() as LoaderData & { trail: NonNullable<LoaderData["trail"]> };
  const actionText = (action: string) => {
    const key = `callOps.actions.${action.replace(/\./g, "_")}` as MessageKey;
    const text = t(key);
    return text === key ? action : text;
  };
  const statusText = (s: string) => {
    const key = `calls.status.${s}` as MessageKey;
    const text = t(key);
    return text === key ? s : text;
  };
  return (
    <section className="space-y-3" aria-labelledby="journal-h">
      <h2 id="journal-h" className="text-lg font-semibold">{t("callOps.journal.title")}</h2>
      {trail.events.length === 0 ? (
        <p className="card">{t("callOps.journal.none")}</p>
      ) : (
        <ol className="card divide-y divide-line p-0 text-sm">
          {trail.events.map((e) => (
            <li key={e.id} className="space-y-1 p-3">
              <p className="flex flex-wrap items-baseline gap-x-2">
                <span className="text-muted">
                  <Time value={e.createdAt} withTime />
                </span>
                <strong>{actionText(e.action)}</strong>
                {e.reference ? (
                  <L to={`${base}?vue=candidatures&dossier=${e.reference}`}>
                    <bdi dir="ltr">{e.reference}</bdi>
                  </L>
                ) : null}
                {e.fromStatus && e.toStatus ? <span>{t("callOps.journal.move", { from: statusText(e.fromStatus), to: statusText(e.toStatus) })}</span> : null}
                <span className="text-muted" dir="auto">
                  {e.actorId ? t("callOps.journal.by", { name: e.actorName ?? "—" }) : t("callOps.journal.by", { name: t("callOps.journal.platform") })}
                </span>
              </p>
              {e.reason ? <p className="whitespace-pre-wrap" dir="auto">{e.reason}</p> : null}
            </li>
          ))}
        </ol>
      )}
      <Pager page={trail.page} pageCount={trail.pageCount} href={(p) => `${base}?vue=journal&page=${p}`} />
    </section>
  );
}
