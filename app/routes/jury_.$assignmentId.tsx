import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useRef, useState } from "react";
import { z } from "zod";
import { db } from "../../db/client";
import { FormMessage, TextArea, valueOf } from "~/components/form";
import { L, useErrorText, useLocale, useT } from "~/components/i18n";
import { latinDigits, liveTotal, SheetView, TotalLine } from "~/components/jury-sheet";
import { Time } from "~/components/time";
import { formatNumber, type MessageKey } from "~/i18n/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { declareConflict, jurorDossier, requireOwnAssignment, saveScores, SheetInvalid } from "~/modules/calls/review.server";
import { COMMENT_MAX, CONFLICT_NOTE_MAX, CONFLICT_NOTE_MIN } from "~/modules/calls/rules";
import { orgName } from "~/modules/orders/format";

// One application given to a juror (issue 6, item 3; decision 017). First the conflict-of-interest question — with
// only the call, the reference and the organisation's name, nothing of the answers; "none" opens the dossier,
// "declared" closes it and sends the juror back to the jury space. Then the answers by section and criterion with
// the scoring form beside each criterion (a draft may be saved; a submission is final), and, once submitted, the
// juror's own sheet read-only with the other jurors' submitted sheets.

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "jury.dossier.title", { reference: args.data?.application.reference ?? "" }),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return load(() => jurorDossier({ db, actor: user, assignmentId: params.assignmentId ?? "" }));
}

const declarationSchema = z
  .object({
    conflict: z.enum(["none", "declared"], { errorMap: () => ({ message: "review.errors.conflictChoice" }) }),
    note: z.string().trim().optional(),
  })
  .superRefine((v, ctx) => {
    const n = v.note?.length ?? 0;
    if (v.conflict === "declared" && (n < CONFLICT_NOTE_MIN || n > CONFLICT_NOTE_MAX)) ctx.addIssue({ code: "custom", path: ["note"], message: "review.errors.conflictNote" });
  });

/** The sheet in a submission: `s.<criterion id>` for the points, `c.<criterion id>` for the comment. */
function sheetOf(formData: FormData) {
  const scores: Record<string, number | null> = {};
  const comments: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    if (key.startsWith("s.")) {
      const text = latinDigits(value).trim();
      // Empty is "not scored yet"; anything but a number is refused by the module as out of range, beside its field.
      scores[key.slice(2)] = text === "" ? null : /^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(",", ".")) : Number.NaN;
    } else if (key.startsWith("c.")) comments[key.slice(2)] = value;
  }
  return { scores, comments };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const assignmentId = params.assignmentId ?? "";
  // Someone else's assignment is a 404 before anything of the form is read.
  await load(() => requireOwnAssignment(db, assignmentId, user));
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const values = formValues(formData);
  const here = hrefFor(request, `/jury/${assignmentId}`);
  try {
    if (intent === "declare") {
      const parsed = parseForm(declarationSchema, formData);
      if (!parsed.ok) return invalid(parsed);
      await declareConflict({ db, actor: user, assignmentId, conflict: parsed.data.conflict, note: parsed.data.note });
      // A declared conflict closes the dossier (404 from here on): the jury space says why.
      if (parsed.data.conflict === "declared") throw redirectWithFlash(hrefFor(request, "/jury"), "jury.flash.declared");
      throw redirectWithFlash(here, "jury.flash.noConflict");
    }
    if (intent === "save" || intent === "submit") {
      const { scores, comments } = sheetOf(formData);
      await saveScores({ db, actor: user, assignmentId, scores, comments, submit: intent === "submit" });
      throw redirectWithFlash(here, intent === "submit" ? "jury.flash.submitted" : "jury.flash.saved");
    }
    return data({ errors: {} as Record<string, string[]>, values, messageKey: "errors.invalid" as string | null }, { status: 400 });
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof SheetInvalid) {
      const errors: Record<string, string[]> = {};
      for (const p of error.problems) {
        const field = p.code.startsWith("review.errors.comment") ? `c.${p.criterionId}` : `s.${p.criterionId}`;
        (errors[field] ??= []).push(p.code);
      }
      return data({ errors, values, messageKey: "jury.score.fix" as string | null }, { status: 400 });
    }
    return formFailure(error, values);
  }
}

type ActionData = { errors?: Record<string, string[]>; values?: Record<string, string | string[]>; messageKey?: string | null } | undefined;

export default function JurorDossierPage() {
  const t = useT();
  const locale = useLocale();
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData;
  const { call, application, dossier } = view;
  const ar = locale === "ar";
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <p>
        <L to="/jury">
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("jury.dossier.back")}
        </L>
      </p>
      <header className="space-y-1">
        <p className="text-sm text-muted">{ar ? call.titleAr : call.titleFr}</p>
        <h1 className="text-2xl font-bold">{t("jury.dossier.title", { reference: application.reference })}</h1>
        <p className="text-lg" dir="auto">
          {orgName(application.organization, locale)}
        </p>
        {dossier ? <p className="text-sm">{t("jury.dossier.status", { status: t(`calls.status.${dossier.status}` as MessageKey) })}</p> : null}
      </header>
      <FormMessage messageKey={actionData?.messageKey} />
      {dossier ? <Dossier /> : <Declaration />}
    </div>
  );
}

/** The conflict-of-interest question: nothing of the application is shown before it is answered. */
function Declaration() {
  const t = useT();
  const errorText = useErrorText();
  const actionData = useActionData<typeof action>() as ActionData;
  const chosen = valueOf(actionData, "conflict");
  const errors = actionData?.errors ?? {};
  return (
    <section className="card space-y-4" aria-labelledby="conflict-h">
      <h2 id="conflict-h" className="text-lg font-semibold">{t("jury.conflict.heading")}</h2>
      <p className="text-muted">{t("jury.conflict.intro")}</p>
      <Form method="post" className="space-y-4">
        <input type="hidden" name="intent" value="declare" />
        <fieldset className="space-y-3" aria-describedby={errors.conflict ? "conflict-e" : undefined}>
          <legend className="label">{t("jury.conflict.choice")}</legend>
          <label className="flex items-start gap-3 rounded-lg border border-line p-3">
            <input type="radio" name="conflict" value="none" required defaultChecked={chosen === "none"} className="mt-1 size-5 shrink-0 accent-brand-700" />
            <span>{t("jury.conflict.none")}</span>
          </label>
          <label className="flex items-start gap-3 rounded-lg border border-line p-3">
            <input type="radio" name="conflict" value="declared" required defaultChecked={chosen === "declared"} className="mt-1 size-5 shrink-0 accent-brand-700" />
            <span>{t("jury.conflict.declared")}</span>
          </label>
          {errors.conflict ? (
            <p id="conflict-e" className="text-sm text-danger">
              {errorText(errors.conflict[0])}
            </p>
          ) : null}
        </fieldset>
        <TextArea
          label={t("jury.conflict.note")}
          name="note"
          hint={t("jury.conflict.noteHint")}
          maxLength={CONFLICT_NOTE_MAX}
          rows={3}
          dir="auto"
          errors={errors.note}
          defaultValue={valueOf(actionData, "note") ?? ""}
        />
        <button type="submit" className="btn">{t("jury.conflict.submit")}</button>
      </Form>
    </section>
  );
}

/** The answers, criterion by criterion, with the juror's scoring beside each; then the others' sheets. */
function Dossier() {
  const t = useT();
  const locale = useLocale();
  const errorText = useErrorText();
  const { assignment, dossier } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData;
  const form = useRef<HTMLFormElement>(null);
  const d = dossier!;
  const ar = locale === "ar";
  const errors = actionData?.errors ?? {};
  /** What a score field shows: what was typed when the form came back, else what is saved. */
  const scoreValue = (id: string) => valueOf(actionData, `s.${id}`) ?? (d.own.scores[id] ? String(d.own.scores[id].score) : "");
  const commentValue = (id: string) => valueOf(actionData, `c.${id}`) ?? d.own.scores[id]?.comment ?? "";
  const initial = Object.fromEntries(d.grid.flatMap((s) => s.criteria.map((c) => [c.id, scoreValue(c.id)])));
  const [running, setRunning] = useState(() => liveTotal(d.grid, initial).total);
  const recompute = () => {
    if (!form.current) return;
    const body = new FormData(form.current);
    const fields: Record<string, string> = {};
    for (const [key, value] of body.entries()) if (key.startsWith("s.") && typeof value === "string") fields[key.slice(2)] = value;
    setRunning(liveTotal(d.grid, fields).total);
  };

  const answers = (
    <>
      {d.documents.length ? (
        <section className="card space-y-2" aria-labelledby="docs-h">
          <h2 id="docs-h" className="text-lg font-semibold">{t("jury.dossier.documents")}</h2>
          <ul className="space-y-1">
            {d.documents.map((doc) => (
              <li key={doc.id}>
                <span className="text-muted">{ar ? doc.requirementAr : doc.requirementFr} :</span>{" "}
                <a href={`/documents/${doc.id}`} className="underline" dir="auto">
                  {doc.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.grid.map((section) => (
        <section key={section.id} className="card space-y-4" aria-labelledby={`sec-${section.id}`}>
          <h2 id={`sec-${section.id}`} className="text-lg font-semibold">
            {ar ? section.titleAr : section.titleFr} <span className="text-sm font-normal text-muted">· {t("calls.page.points", { n: formatNumber(section.weight, locale) })}</span>
          </h2>
          {section.criteria.map((c) => {
            const guidance = ar ? c.guidanceAr : c.guidanceFr;
            const scoreErrors = errors[`s.${c.id}`];
            return (
              <div key={c.id} className="space-y-3 border-t border-line pt-3 first-of-type:border-0 first-of-type:pt-0">
                <h3 className="font-semibold">{ar ? c.titleAr : c.titleFr}</h3>
                {c.questions.map((q) => {
                  const answer = d.answers[q.id]?.trim();
                  return (
                    <div key={q.id} className="space-y-1">
                      <p className="text-sm font-medium text-muted">{ar ? q.labelAr : q.labelFr}</p>
                      {answer ? (
                        <p dir="auto" className="whitespace-pre-line break-words rounded-lg bg-sand p-3">
                          {answer}
                        </p>
                      ) : (
                        <p className="text-sm text-muted">{t("jury.dossier.noAnswer")}</p>
                      )}
                    </div>
                  );
                })}
                {guidance ? (
                  <div className="text-sm">
                    <p className="font-medium">{t("jury.dossier.guidance")}</p>
                    <p dir="auto" className="whitespace-pre-line">
                      {guidance}
                    </p>
                  </div>
                ) : null}
                {c.minimum !== null && c.minimum !== undefined ? <p className="text-sm text-muted">{t("jury.score.minimum", { n: formatNumber(c.minimum, locale) })}</p> : null}
                {d.canScore ? (
                  <div className="grid gap-3 rounded-lg border border-line p-3 sm:grid-cols-[10rem_1fr]">
                    <div>
                      <label htmlFor={`s-${c.id}`} className="label">
                        {t("jury.score.label", { max: formatNumber(c.max, locale) })}
                      </label>
                      <input
                        id={`s-${c.id}`}
                        name={`s.${c.id}`}
                        type="text"
                        inputMode="numeric"
                        pattern="[0-9\u0660-\u0669\u06F0-\u06F9]{1,3}"
                        autoComplete="off"
                        required
                        className="input"
                        defaultValue={scoreValue(c.id)}
                        aria-invalid={scoreErrors ? true : undefined}
                        aria-describedby={scoreErrors ? `s-${c.id}-e` : undefined}
                      />
                      {scoreErrors ? (
                        <p id={`s-${c.id}-e`} className="mt-1 text-sm text-danger">
                          {errorText(scoreErrors[0])}
                        </p>
                      ) : null}
                    </div>
                    <TextArea label={t("jury.score.comment")} name={`c.${c.id}`} rows={2} maxLength={COMMENT_MAX} dir="auto" defaultValue={commentValue(c.id)} errors={errors[`c.${c.id}`]} />
                  </div>
                ) : null}
              </div>
            );
          })}
        </section>
      ))}
    </>
  );

  return (
    <>
      {d.canScore ? (
        <Form method="post" ref={form} onInput={recompute} className="space-y-5">
          <section className="card space-y-2" aria-labelledby="score-h">
            <h2 id="score-h" className="text-lg font-semibold">{t("jury.score.heading")}</h2>
            <p className="text-sm text-muted">{t("jury.score.intro")}</p>
            <TotalLine label={t("jury.score.savedTotal")} total={d.own.total} />
          </section>
          {answers}
          <section className="card sticky bottom-0 space-y-3">
            <TotalLine label={t("jury.score.liveTotal")} total={running} live />
            <p className="text-sm text-muted">{t("jury.score.submitHint")}</p>
            <div className="flex flex-wrap gap-2">
              <button type="submit" name="intent" value="save" formNoValidate className="btn-secondary">
                {t("jury.score.save")}
              </button>
              <button type="submit" name="intent" value="submit" className="btn">
                {t("jury.score.submit")}
              </button>
            </div>
            <p className="text-sm text-muted">{t("jury.score.hiddenOthers")}</p>
          </section>
        </Form>
      ) : (
        <>
          {answers}
          <section className="card space-y-3" aria-labelledby="own-h">
            <h2 id="own-h" className="text-lg font-semibold">{t("jury.own.heading")}</h2>
            {assignment.submittedAt ? (
              <p className="text-sm">
                {t("jury.own.submittedAt")} <Time value={assignment.submittedAt} withTime />
              </p>
            ) : (
              <p className="text-sm text-muted">{t("jury.own.closed")}</p>
            )}
            {Object.keys(d.own.scores).length ? (
              <SheetView grid={d.grid} sheet={d.own.scores} sections={d.own.sections} total={d.own.total} title={t("jury.score.heading")} />
            ) : (
              <p className="text-muted">{t("jury.own.empty")}</p>
            )}
          </section>
        </>
      )}
      {d.others ? (
        <section className="card space-y-4" aria-labelledby="others-h">
          <h2 id="others-h" className="text-lg font-semibold">{t("jury.others.heading")}</h2>
          {d.others.length === 0 ? <p className="text-muted">{t("jury.others.none")}</p> : null}
          {d.others.map((o) => (
            <div key={o.n} className="border-t border-line pt-3 first-of-type:border-0 first-of-type:pt-0">
              <SheetView grid={d.grid} sheet={o.scores} sections={o.sections} total={o.total} title={t("review.jurorN", { n: formatNumber(o.n, locale) })} />
            </div>
          ))}
        </section>
      ) : null}
    </>
  );
}
