import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { db } from "../../db/client";
import { FormMessage, TextArea, valueOf } from "~/components/form";
import { L, useErrorText, useLocale, useT } from "~/components/i18n";
import { Time } from "~/components/time";
import { formatDate, formatNumber, type MessageKey } from "~/i18n/i18n";
import { DomainError } from "~/lib/errors.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues } from "~/lib/forms";
import { formFailure, hrefFor, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { AnswersInvalid, attachDocument, getApplication, saveAnswers, submitApplication } from "~/modules/calls/applications.server";
import { applicationPath } from "~/modules/calls/rules";
import { contest } from "~/modules/calls/decisions.server";
import { applicantResult } from "~/modules/calls/registry.server";
import { round1 } from "~/modules/calls/scoring";
import { orgName } from "~/modules/orders/format";

// The applicant's application (issue 6, item 2): one step per section of the grid, then the documents, then
// a review with what is missing and the submission. Answers are saved on the server as the person types
// (with "saved at"), and by the buttons without JavaScript; any device resumes where it was.
// Once the results are released (issue 6, item 4): the decision, the jury's feedback, the section means (never a
// juror's sheet), the observations form while its window is open, and the operator's answer.

export const meta: MetaFunction<typeof loader> = (args) => [...pageTitle(args, "calls.apply.title", { reference: args.data?.application.reference ?? "" }), { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const view = await load(() => getApplication({ db, actor: user, reference: params.reference ?? "" }));
  const steps = view.grid.length + 2;
  const asked = Number(new URL(request.url).searchParams.get("etape"));
  const step = Number.isInteger(asked) && asked >= 1 && asked <= steps ? asked : Math.min(steps, view.application.step + 1);
  const result = await applicantResult(db, view.application.id, { actor: user });
  return { ...view, step, steps, result };
}

const OBSERVATIONS_MIN = 20;
const OBSERVATIONS_MAX = 4000;

/** The answers in a submission: fields named `a.<question id>`. */
function answersOf(formData: FormData) {
  const answers: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (key.startsWith("a.") && typeof value === "string") answers[key.slice(2)] = value;
  return answers;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const reference = params.reference ?? "";
  const view = await load(() => getApplication({ db, actor: user, reference }));
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "save");
  const values = formValues(formData);
  const step = Number(formData.get("step")) || 1;
  const here = (s: number) => hrefFor(request, `${applicationPath(view.application.reference)}?etape=${s}`);
  try {
    if (intent === "contest") {
      const text = String(formData.get("observations") ?? "").trim();
      if (text.length < OBSERVATIONS_MIN || text.length > OBSERVATIONS_MAX) {
        return data({ savedAt: null, errors: { observations: ["registry.errors.observations"] } as Record<string, string[]>, values, messageKey: null as string | null }, { status: 400 });
      }
      await contest({ db, actor: user, applicationId: view.application.id, text });
      throw redirectWithFlash(hrefFor(request, applicationPath(view.application.reference)), "registry.result.sent");
    }
    if (intent === "submit") {
      await submitApplication({ db, actor: user, applicationId: view.application.id });
      throw redirectWithFlash(hrefFor(request, applicationPath(view.application.reference)), "calls.apply.submitted");
    }
    if (intent === "attach") {
      const documentId = String(formData.get("documentId") ?? "");
      await attachDocument({ db, actor: user, applicationId: view.application.id, requirementId: String(formData.get("requirementId") ?? ""), documentId: documentId || null });
      throw redirect(here(step));
    }
    const { savedAt } = await saveAnswers({ db, actor: user, applicationId: view.application.id, answers: answersOf(formData), step: step - 1 });
    if (intent === "autosave") return { savedAt, errors: {} as Record<string, string[]>, values, messageKey: null as string | null };
    const to = intent === "next" ? step + 1 : intent === "previous" ? step - 1 : step;
    throw redirectWithFlash(here(Math.max(1, to)), "calls.apply.saved");
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof AnswersInvalid) {
      return data({ savedAt: null, errors: Object.fromEntries(Object.entries(error.errors).map(([k, v]) => [`a.${k}`, v])), values, messageKey: "calls.errors.answerTooLong" as string | null }, { status: 400 });
    }
    if (error instanceof DomainError && intent === "autosave") return data({ savedAt: null, errors: {}, values, messageKey: error.messageKey as string | null }, { status: error.status });
    return formFailure(error, values);
  }
}

export default function ApplicationPage() {
  const t = useT();
  const locale = useLocale();
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { application, call, grid, requirements, missing, canEdit, step } = view;
  const ar = locale === "ar";
  const status = application.status;
  const base = applicationPath(application.reference);
  const stepTitles = [...grid.map((s) => (ar ? s.titleAr : s.titleFr)), t("calls.apply.documents"), t("calls.apply.review")];
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <p>
        <L to={`/appels/${call.code}`}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {ar ? call.titleAr : call.titleFr}
        </L>
      </p>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("calls.apply.title", { reference: application.reference })}</h1>
        <p className="text-muted">{orgName(view.organization, locale)}</p>
        <p className="font-semibold text-brand-700">{t("calls.apply.status", { status: t(`calls.applicantStatus.${status}` as MessageKey) })}</p>
        {application.submittedAt ? (
          <p className="text-sm">
            {t("calls.apply.submittedAt")} <Time value={application.submittedAt} withTime />
          </p>
        ) : null}
        {application.status === "draft" && application.reopenReason ? <p className="rounded-lg bg-sand p-3" dir="auto">{t("calls.apply.reopened", { reason: application.reopenReason })}</p> : null}
        {application.renewal && application.status === "draft" ? <p className="text-sm text-muted">{t("calls.apply.renewal")}</p> : null}
        {canEdit ? (
          <p className="text-sm">
            {t("calls.apply.closesAt")} <Time value={call.closesAt} withTime />
          </p>
        ) : null}
      </header>
      <FormMessage messageKey={actionData?.messageKey} />
      {view.result ? <Result /> : null}

      <nav aria-label={t("calls.apply.steps")}>
        <ol className="flex flex-wrap gap-2 text-sm">
          {stepTitles.map((title, i) => (
            <li key={i}>
              <L to={`${base}?etape=${i + 1}`} aria-current={step === i + 1 ? "step" : undefined} className={`inline-flex min-h-11 items-center rounded-lg px-3 ${step === i + 1 ? "bg-brand-700 text-white" : "bg-white"}`}>
                {i + 1}. {title}
              </L>
            </li>
          ))}
        </ol>
      </nav>

      {step <= grid.length ? (
        <SectionStep key={step} />
      ) : step === grid.length + 1 ? (
        <section className="card space-y-4" aria-labelledby="docs-h">
          <h2 id="docs-h" className="text-lg font-semibold">{t("calls.apply.documents")}</h2>
          <p className="text-sm text-muted">
            {t("calls.apply.vaultHint")} <L to={`/organisations/${view.organization.slug}/documents`}>{t("calls.apply.vault")}</L>
          </p>
          {requirements.length === 0 ? <p className="text-muted">{t("calls.apply.noDocuments")}</p> : null}
          {requirements.map((r) => (
            <div key={r.id} className="space-y-2 border-t border-line pt-3 first:border-0 first:pt-0">
              <p className="font-semibold">
                {ar ? r.labelAr : r.labelFr} {r.required ? null : <span className="text-sm text-muted">({t("calls.page.optional")})</span>}
              </p>
              <p className="text-sm">
                {r.attached ? t("calls.apply.attached", { title: r.attached.title }) : <span className="text-warn">{t("calls.apply.notAttached")}</span>}
              </p>
              {canEdit ? (
                <Form method="post" className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="intent" value="attach" />
                  <input type="hidden" name="step" value={step} />
                  <input type="hidden" name="requirementId" value={r.id} />
                  <label className="min-w-0 flex-1">
                    <span className="label">{t("calls.apply.choose")}</span>
                    <select name="documentId" className="input" defaultValue={r.attached?.documentId ?? ""}>
                      <option value="">{t("calls.apply.none")}</option>
                      {r.choices.map((d) => (
                        <option key={d.id} value={d.id}>
                          {d.title}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button type="submit" className="btn-secondary">{t("calls.apply.attach")}</button>
                </Form>
              ) : null}
            </div>
          ))}
        </section>
      ) : (
        <section className="card space-y-3" aria-labelledby="review-h">
          <h2 id="review-h" className="text-lg font-semibold">{t("calls.apply.review")}</h2>
          {missing.questions.length || missing.documents.length ? (
            <>
              <p className="text-warn">{t("calls.apply.missing")}</p>
              <ul className="list-disc space-y-1 ps-5">
                {grid.flatMap((s, i) =>
                  s.criteria.flatMap((c) =>
                    c.questions
                      .filter((q) => missing.questions.includes(q.id))
                      .map((q) => (
                        <li key={q.id}>
                          <L to={`${base}?etape=${i + 1}#${q.id}`}>{ar ? q.labelAr : q.labelFr}</L>
                        </li>
                      )),
                  ),
                )}
                {requirements
                  .filter((r) => missing.documents.includes(r.id))
                  .map((r) => (
                    <li key={r.id}>
                      <L to={`${base}?etape=${grid.length + 1}`}>{ar ? r.labelAr : r.labelFr}</L>
                    </li>
                  ))}
              </ul>
            </>
          ) : canEdit ? (
            <p className="text-ok">{t("calls.apply.complete")}</p>
          ) : null}
          {canEdit ? (
            <Form method="post" className="space-y-2">
              <input type="hidden" name="intent" value="submit" />
              <p className="text-sm text-muted">{t("calls.apply.submitHint")}</p>
              <button type="submit" className="btn" disabled={!call.open}>
                {t("calls.apply.submit")}
              </button>
              {!call.open ? <p className="text-danger">{t("calls.errors.deadline")}</p> : null}
            </Form>
          ) : null}
        </section>
      )}
    </div>
  );
}

/** One section of the grid: its criteria with guidance and the questions, saved as the person types. */
function SectionStep() {
  const t = useT();
  const locale = useLocale();
  const errorText = useErrorText();
  const { application, grid, canEdit, step } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const fetcher = useFetcher<typeof action>();
  const [savedAt, setSavedAt] = useState<string | null>(application.savedAt ? String(application.savedAt) : null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const form = useRef<HTMLFormElement>(null);
  const section = grid[step - 1];
  const ar = locale === "ar";
  useEffect(() => {
    const saved = fetcher.data && "savedAt" in fetcher.data ? fetcher.data.savedAt : null;
    if (saved) setSavedAt(String(saved));
  }, [fetcher.data]);
  useEffect(() => () => clearTimeout(timer.current), []);
  // Saved a moment after the person stops typing: a lost connection or a closed tab loses at most that moment.
  const onInput = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!form.current) return;
      const body = new FormData(form.current);
      body.set("intent", "autosave");
      fetcher.submit(body, { method: "post" });
    }, 1200);
  };
  const errors = { ...(actionData?.errors ?? {}), ...(fetcher.data?.errors ?? {}) } as Record<string, string[]>;
  const autosaveError = fetcher.state === "idle" && fetcher.data && !("savedAt" in fetcher.data && fetcher.data.savedAt) ? (fetcher.data.messageKey ?? null) : null;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <section className="card space-y-4" aria-labelledby="section-h">
      <h2 id="section-h" className="text-lg font-semibold">
        {ar ? section.titleAr : section.titleFr} <span className="text-sm text-muted">· {t("calls.page.points", { n: String(section.weight) })}</span>
      </h2>
      <Form method="post" ref={form} onInput={canEdit ? onInput : undefined} className="space-y-4">
        <input type="hidden" name="step" value={step} />
        {section.criteria.map((c) => (
          <fieldset key={c.id} className="space-y-2">
            <legend className="font-semibold">{ar ? c.titleAr : c.titleFr}</legend>
            {(ar ? c.guidanceAr : c.guidanceFr) ? <p className="text-sm text-muted">{ar ? c.guidanceAr : c.guidanceFr}</p> : null}
            {c.questions.map((q) => (
              <div key={q.id}>
                <label htmlFor={q.id} className="label">
                  {ar ? q.labelAr : q.labelFr}
                </label>
                <textarea
                  id={q.id}
                  name={`a.${q.id}`}
                  rows={5}
                  maxLength={q.maxLength}
                  readOnly={!canEdit}
                  dir="auto"
                  className="input min-h-28"
                  aria-invalid={errors[`a.${q.id}`] ? true : undefined}
                  defaultValue={values[`a.${q.id}`] ?? application.answers[q.id] ?? ""}
                />
                <p className="mt-1 text-sm text-muted">{t("calls.apply.maxLength", { n: String(q.maxLength) })}</p>
                {errors[`a.${q.id}`] ? <p className="text-sm text-danger">{errorText(errors[`a.${q.id}`][0])}</p> : null}
              </div>
            ))}
          </fieldset>
        ))}
        {canEdit ? (
          <div className="flex flex-wrap items-center gap-2">
            {step > 1 ? (
              <button type="submit" name="intent" value="previous" className="btn-secondary">{t("calls.apply.previous")}</button>
            ) : null}
            <button type="submit" name="intent" value="save" className="btn-secondary">{t("calls.apply.save")}</button>
            <button type="submit" name="intent" value="next" className="btn">{t("calls.apply.next")}</button>
            <p role="status" className={`text-sm ${autosaveError ? "text-danger" : "text-muted"}`}>
              {fetcher.state !== "idle" ? (
                t("calls.apply.saving")
              ) : autosaveError ? (
                // A failed autosave says so at once (read-only after a submission elsewhere, too long…): nothing silent.
                errorText(autosaveError)
              ) : savedAt ? (
                <>
                  {t("calls.apply.savedAt")} <Time value={savedAt} withTime />
                </>
              ) : null}
            </p>
          </div>
        ) : null}
      </Form>
    </section>
  );
}

/** The released result: decision, feedback, section means, and the observations with their answer. */
function Result() {
  const t = useT();
  const locale = useLocale();
  const { result } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!result) return null;
  const ar = locale === "ar";
  const n = (v: number) => formatNumber(round1(v), locale);
  return (
    <section className="card space-y-4" aria-labelledby="result-h">
      <h2 id="result-h" className="text-lg font-semibold">{t("registry.result.title")}</h2>
      <div>
        <h3 className="text-sm text-muted">{t("registry.result.decision")}</h3>
        {result.decision ? (
          <p className="text-xl font-bold text-brand-700">{t(`calls.decision.${result.decision}`)}</p>
        ) : (
          <>
            <p className="font-semibold">{t("registry.result.ineligible")}</p>
            {result.eligibilityReason ? <p dir="auto">{result.eligibilityReason}</p> : null}
          </>
        )}
      </div>
      {result.feedback ? (
        <div>
          <h3 className="text-sm text-muted">{t("registry.result.feedback")}</h3>
          <p className="whitespace-pre-line" dir="auto">{result.feedback}</p>
        </div>
      ) : null}
      {result.decision ? (
        <div className="space-y-2">
          <h3 className="font-semibold">{t("registry.result.scores")}</h3>
          {result.total === null ? (
            <p className="text-muted">{t("registry.result.noScores")}</p>
          ) : (
            <>
              <p className="text-sm text-muted">{t("registry.result.scoresHint")}</p>
              <table className="w-full text-sm">
                <thead>
                  <tr className="border-b border-line text-start">
                    <th scope="col" className="py-2 text-start font-semibold">{t("registry.result.section")}</th>
                    <th scope="col" className="py-2 text-end font-semibold">{t("registry.result.scores")}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.sections.map((s) => (
                    <tr key={s.id} className="border-b border-line">
                      <th scope="row" className="py-2 text-start font-normal" dir="auto">{ar ? s.titleAr : s.titleFr}</th>
                      <td className="py-2 text-end tabular-nums"><bdi dir="ltr">{t("registry.result.points", { score: n(s.mean), weight: n(s.weight) })}</bdi></td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" className="py-2 text-start">{t("registry.result.total")}</th>
                    <td className="py-2 text-end font-bold tabular-nums">{t("registry.result.totalValue", { score: n(result.total) })}</td>
                  </tr>
                </tfoot>
              </table>
            </>
          )}
        </div>
      ) : null}
      <div className="space-y-2 border-t border-line pt-3">
        <h3 className="font-semibold">{t("registry.result.observations")}</h3>
        {result.contest ? (
          <div>
            <p className="text-sm text-muted">
              {t("registry.result.yours")} {result.contest.at ? <Time value={result.contest.at} withTime /> : null}
            </p>
            <p className="whitespace-pre-line rounded-lg bg-sand p-3" dir="auto">{result.contest.text}</p>
          </div>
        ) : null}
        {result.answer ? (
          <div>
            <p className="text-sm text-muted">
              {t("registry.result.answer")} {result.answer.at ? <Time value={result.answer.at} withTime /> : null}
            </p>
            <p className="whitespace-pre-line rounded-lg bg-brand-50 p-3" dir="auto">{result.answer.text}</p>
          </div>
        ) : null}
        {result.canContest && result.observationsUntil ? (
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="contest" />
            <p className="text-sm">{t("registry.result.observationsHint", { date: formatDate(result.observationsUntil, locale, "datetime") })}</p>
            <TextArea
              label={t("registry.result.observationsLabel")}
              name="observations"
              rows={5}
              maxLength={OBSERVATIONS_MAX}
              dir="auto"
              hint={t("registry.result.observationsFieldHint")}
              errors={(actionData?.errors as Record<string, string[]> | undefined)?.observations}
              defaultValue={valueOf(actionData, "observations")}
            />
            <button type="submit" className="btn">{t("registry.result.send")}</button>
          </Form>
        ) : result.observationsOpen && result.observationsUntil ? (
          <p className="text-sm">{t("registry.result.observationsHint", { date: formatDate(result.observationsUntil, locale, "datetime") })}</p>
        ) : !result.contest && result.status === "released" ? (
          <p className="text-sm text-muted">{t("registry.result.closed")}</p>
        ) : null}
      </div>
    </section>
  );
}
