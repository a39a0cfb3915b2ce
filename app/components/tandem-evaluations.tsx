// Evaluations in a tandem's space: the answers given so far and the forms each managed side may fill in now.
import { Form } from "@remix-run/react";
import { TextArea, valueOf, type ActionErrors } from "./form";
import { useErrorText, useLocale, useT } from "./i18n";
import { Time } from "./time";
import type { MessageKey } from "~/i18n/i18n";
import { orgName } from "~/modules/orders/format";
import type { SpaceView } from "~/modules/tandems/space.server";

type Errors = ActionErrors;

function Scale({ name, legend, errors, defaultValue }: { name: string; legend: string; errors?: string[]; defaultValue?: string }) {
  const text = useErrorText();
  return (
    <fieldset>
      <legend className="label">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="inline-flex min-h-11 min-w-11 items-center justify-center gap-1 rounded-lg border border-line px-2">
            <input type="radio" name={name} value={n} defaultChecked={defaultValue === String(n)} />
            {n}
          </label>
        ))}
      </div>
      {errors?.length ? <p className="text-sm text-danger">{text(errors[0])}</p> : null}
    </fieldset>
  );
}

function YesNo({ name, legend, errors, defaultValue }: { name: string; legend: string; errors?: string[]; defaultValue?: string }) {
  const t = useT();
  const text = useErrorText();
  return (
    <fieldset>
      <legend className="label">{legend}</legend>
      <div className="flex gap-4">
        {(["yes", "no"] as const).map((v) => (
          <label key={v} className="inline-flex min-h-11 items-center gap-2">
            <input type="radio" name={name} value={v} defaultChecked={defaultValue === v} className="size-5" />
            {t(`evaluations.${v}`)}
          </label>
        ))}
      </div>
      {errors?.length ? <p className="text-sm text-danger">{text(errors[0])}</p> : null}
    </fieldset>
  );
}

export function EvaluationForms({ view, actionData }: { view: SpaceView; actionData: Errors }) {
  const t = useT();
  const locale = useLocale();
  if (view.viewer.evaluate.length === 0) return null;
  return (
    <>
      {view.viewer.evaluate.map(({ side, stage }) => {
        const mine = actionData?.values?.intent === stage ? actionData : undefined;
        const errors = mine?.errors ?? {};
        const org = side === "company" ? view.company : view.partner;
        return (
          <Form key={`${side}-${stage}`} method="post" className="space-y-3 rounded-lg border border-line p-3" noValidate>
            <h3 className="font-semibold">
              {t(`evaluations.${stage}Title`)} — <bdi>{orgName(org, locale)}</bdi>
            </h3>
            <input type="hidden" name="intent" value={stage} />
            <input type="hidden" name="side" value={side} />
            <YesNo name="onTrack" legend={t(stage === "final" ? "evaluations.achieved" : "evaluations.onTrack")} errors={errors.onTrack} defaultValue={valueOf(mine, "onTrack")} />
            <Scale name="satisfaction" legend={t("evaluations.satisfaction")} errors={errors.satisfaction} defaultValue={valueOf(mine, "satisfaction")} />
            {stage === "final" ? (
              <TextArea label={t("evaluations.transferred")} name="transferred" rows={4} hint={t("evaluations.transferredHint")} errors={errors.transferred} defaultValue={valueOf(mine, "transferred")} dir="auto" />
            ) : null}
            {stage === "final" && side === "partner" ? (
              <fieldset className="space-y-2">
                <legend className="label">{t("evaluations.selfAssessment")}</legend>
                <p className="text-sm text-muted">{t("evaluations.selfAssessmentHint")}</p>
                {view.tandem.skills.map((skill) => (
                  <div key={skill} className="grid gap-2 sm:grid-cols-[1fr_auto_auto] sm:items-center">
                    <span className="font-semibold">{t(`skills.${skill}` as MessageKey)}</span>
                    {(["before", "after"] as const).map((k) => (
                      <label key={k} className="inline-flex min-h-11 items-center gap-2">
                        {t(`evaluations.${k}`)}
                        <select name={`${k}.${skill}`} className="input w-20" defaultValue={valueOf(mine, `${k}.${skill}`) ?? ""} aria-invalid={errors[`${k}.${skill}`] ? true : undefined}>
                          <option value="">—</option>
                          {[1, 2, 3, 4, 5].map((n) => (
                            <option key={n} value={n}>{n}</option>
                          ))}
                        </select>
                      </label>
                    ))}
                  </div>
                ))}
                {Object.keys(errors).some((k) => k.startsWith("before.") || k.startsWith("after.")) ? (
                  <p className="text-sm text-danger">{t("evaluations.errors.selfAssessment")}</p>
                ) : null}
              </fieldset>
            ) : null}
            <TextArea label={t("evaluations.toChange")} name="toChange" rows={3} errors={errors.toChange} defaultValue={valueOf(mine, "toChange")} dir="auto" />
            <button type="submit" className="btn">{t("evaluations.submit")}</button>
          </Form>
        );
      })}
    </>
  );
}

export function EvaluationList({ view }: { view: SpaceView }) {
  const t = useT();
  const locale = useLocale();
  if (view.evaluations.length === 0) return <p className="text-muted">{t("evaluations.none")}</p>;
  return (
    <ul className="space-y-3">
      {view.evaluations.map((e) => (
        <li key={`${e.side}-${e.stage}`} className="space-y-1 rounded-lg border border-line p-3">
          <p className="font-semibold">
            {t(`evaluations.${e.stage}Title`)} — <bdi>{orgName(e.side === "company" ? view.company : view.partner, locale)}</bdi>
          </p>
          <p className="text-sm text-muted">
            {e.submitterName ? <><bdi>{e.submitterName}</bdi> · </> : null}
            <Time value={e.submittedAt} />
          </p>
          <dl className="grid gap-x-3 gap-y-1 sm:grid-cols-[auto_1fr]">
            <dt className="text-muted">{t(e.stage === "final" ? "evaluations.achieved" : "evaluations.onTrack")}</dt>
            <dd>{t(e.onTrack ? "evaluations.yes" : "evaluations.no")}</dd>
            <dt className="text-muted">{t("evaluations.satisfactionLabel")}</dt>
            <dd>{t("evaluations.satisfactionShort", { n: e.satisfaction })}</dd>
            {e.transferred ? (
              <>
                <dt className="text-muted">{t("evaluations.transferred")}</dt>
                <dd className="whitespace-pre-line" dir="auto">{e.transferred}</dd>
              </>
            ) : null}
            {e.toChange ? (
              <>
                <dt className="text-muted">{t("evaluations.toChange")}</dt>
                <dd className="whitespace-pre-line" dir="auto">{e.toChange}</dd>
              </>
            ) : null}
          </dl>
          {e.selfAssessment ? (
            <table className="text-sm">
              <caption className="text-start font-semibold">{t("evaluations.selfAssessment")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="pe-3 text-start">{t("evaluations.skill")}</th>
                  <th scope="col" className="pe-3 text-start">{t("evaluations.before")}</th>
                  <th scope="col" className="text-start">{t("evaluations.after")}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(e.selfAssessment).map(([skill, v]) => (
                  <tr key={skill}>
                    <th scope="row" className="pe-3 text-start font-normal">{t(`skills.${skill}` as MessageKey)}</th>
                    <td className="pe-3">{v.before}/5</td>
                    <td>{v.after}/5</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
