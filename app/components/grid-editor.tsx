// The operators' editors of a call (issue 6, item 1): its fields, its criteria grid and its required documents.
// Plain forms that work without JavaScript: the field names encode the structure (s.0.c.1.q.0.labelFr, r.2.kind)
// and the "add" / "remove" buttons post the whole form with an intent, which comes back changed and unsaved.
import { Form } from "@remix-run/react";
import { CALL_KINDS, DOCUMENT_KINDS, ORGANIZATION_KINDS } from "../../db/schema/enums";
import { Field, Select, TextArea } from "~/components/form";
import { useErrorText, useLocale, useT } from "~/components/i18n";
import { formatNumber, type MessageKey } from "~/i18n/i18n";
import { DOCUMENT_FORMATS, type GridDraft, type RequirementDraft } from "~/modules/calls/call-schemas";

type Errors = Record<string, string[] | undefined> | undefined;
type Values = Record<string, string | string[] | undefined>;

/** Errors of a whole section, criterion or grid (those of a field are beside the field). */
function Problems({ errors, id }: { errors?: string[]; id?: string }) {
  const text = useErrorText();
  if (!errors?.length) return null;
  return (
    <ul id={id} role="alert" className="text-sm font-medium text-danger">
      {errors.map((e) => (
        <li key={e}>{text(e)}</li>
      ))}
    </ul>
  );
}

const single = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

/** The call's own fields; `values` are what to show (the saved call, or what was typed), instants as Morocco wall-clock. */
export function CallFields({ values, errors, frozen }: { values: Values; errors: Errors; frozen: { code: boolean; kind: boolean } }) {
  const t = useT();
  const v = (name: string) => single(values[name]);
  const err = (name: string) => errors?.[name];
  const audience = many(values.audience);
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("callsAdmin.form.code")} name="code" dir="ltr" autoCapitalize="characters" required maxLength={30} defaultValue={v("code")} readOnly={frozen.code} hint={t("callsAdmin.form.codeHint")} errors={err("code")} />
        {frozen.kind ? (
          <div>
            <Field label={t("callsAdmin.form.kind")} name="kindShown" readOnly value={t(`calls.kind.${v("kind")}` as MessageKey)} errors={err("kind")} />
            <input type="hidden" name="kind" value={v("kind")} />
          </div>
        ) : (
          <Select label={t("callsAdmin.form.kind")} name="kind" required defaultValue={v("kind")} errors={err("kind")}>
            <option value="">{t("callsAdmin.form.choose")}</option>
            {CALL_KINDS.map((k) => (
              <option key={k} value={k}>{t(`calls.kind.${k}`)}</option>
            ))}
          </Select>
        )}
      </div>
      <fieldset aria-describedby={err("audience") ? "audience-e" : undefined}>
        <legend className="label">{t("callsAdmin.form.audience")}</legend>
        <div className="grid grid-cols-2 gap-x-4 sm:grid-cols-4">
          {ORGANIZATION_KINDS.map((k) => (
            <label key={k} className="flex min-h-11 items-center gap-2">
              <input type="checkbox" name="audience" value={k} defaultChecked={audience.includes(k)} className="size-5 accent-brand-700" />
              {t(`kinds.${k}`)}
            </label>
          ))}
        </div>
        <Problems id="audience-e" errors={err("audience")} />
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("callsAdmin.form.titleFr")} name="titleFr" lang="fr" dir="ltr" required maxLength={200} defaultValue={v("titleFr")} errors={err("titleFr")} />
        <Field label={t("callsAdmin.form.titleAr")} name="titleAr" lang="ar" dir="rtl" required maxLength={200} defaultValue={v("titleAr")} errors={err("titleAr")} />
        <TextArea label={t("callsAdmin.form.descriptionFr")} name="descriptionFr" lang="fr" dir="ltr" required maxLength={8000} defaultValue={v("descriptionFr")} errors={err("descriptionFr")} />
        <TextArea label={t("callsAdmin.form.descriptionAr")} name="descriptionAr" lang="ar" dir="rtl" required maxLength={8000} defaultValue={v("descriptionAr")} errors={err("descriptionAr")} />
        <Field label={t("callsAdmin.form.opensAt")} name="opensAt" type="datetime-local" required defaultValue={v("opensAt")} hint={t("callsAdmin.form.moroccoTime")} errors={err("opensAt")} />
        <Field label={t("callsAdmin.form.closesAt")} name="closesAt" type="datetime-local" required defaultValue={v("closesAt")} hint={t("callsAdmin.form.closesHint")} errors={err("closesAt")} />
        <Field label={t("callsAdmin.form.laureates")} name="seats" inputMode="numeric" required defaultValue={v("seats")} errors={err("seats")} />
        <Field label={t("callsAdmin.form.validity")} name="labelValidityMonths" inputMode="numeric" defaultValue={v("labelValidityMonths")} hint={t("callsAdmin.form.validityHint")} errors={err("labelValidityMonths")} />
        <Field label={t("callsAdmin.form.threshold")} name="disagreementThreshold" inputMode="decimal" defaultValue={v("disagreementThreshold") || "20"} errors={err("disagreementThreshold")} />
        <Field label={t("callsAdmin.form.observationDays")} name="observationDays" inputMode="numeric" defaultValue={v("observationDays") || "10"} errors={err("observationDays")} />
      </div>
    </div>
  );
}

const number = (v: string) => {
  const n = Number(v.trim().replace(",", "."));
  return v.trim() === "" || !Number.isFinite(n) ? 0 : n;
};

/** The sum of the typed weights, as the "total: 95 / 100" line shows it. */
export const draftTotal = (draft: GridDraft) => Math.round(draft.reduce((sum, s) => sum + number(s.weight), 0) * 1e6) / 1e6;

/** The grid as one form; `unsaved` when it came back from an add/remove intent. */
export function GridEditor(props: { draft: GridDraft; errors: Errors; unsaved: boolean; version: number; newVersion: boolean }) {
  const t = useT();
  const locale = useLocale();
  const { draft, errors } = props;
  const err = (name: string) => errors?.[name];
  const total = draftTotal(draft);
  const n = (i: number) => formatNumber(i + 1, locale);
  const small = "btn-secondary min-h-9 px-3 py-1 text-sm";
  const save = (
    <button type="submit" name="intent" value="saveGrid" className="btn">
      {t("callsAdmin.grid.save")}
    </button>
  );
  return (
    <Form method="post" className="space-y-4" noValidate aria-labelledby="grid-h">
      <input type="hidden" name="editor" value="grid" />
      {/* First submit button of the form: the Enter key in a field saves, never removes anything. */}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p role="status" className={`font-semibold tabular-nums ${total === 100 ? "" : "text-danger"}`}>
          {t("callsAdmin.grid.total", { total: formatNumber(total, locale) })}
        </p>
        {save}
      </div>
      <Problems errors={err("grid")} />
      {props.unsaved ? <p className="rounded-lg border border-warn/40 bg-white p-3 text-warn">{t("callsAdmin.grid.unsaved")}</p> : null}
      {props.newVersion ? <p className="text-sm text-muted">{t("callsAdmin.grid.newVersionNote")}</p> : null}
      {draft.length === 0 ? <p className="text-muted">{t("callsAdmin.grid.empty")}</p> : null}
      {draft.map((section, s) => {
        const sp = `s.${s}`;
        return (
          <fieldset key={sp} className="space-y-3 rounded-xl border border-line p-3 sm:p-4">
            <legend className="px-1 text-lg font-semibold">{t("callsAdmin.grid.section", { n: n(s) })}</legend>
            <Problems errors={err(sp)} />
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label={t("callsAdmin.grid.titleFr")} name={`${sp}.titleFr`} lang="fr" dir="ltr" defaultValue={section.titleFr} errors={err(`${sp}.titleFr`)} />
              <Field label={t("callsAdmin.grid.titleAr")} name={`${sp}.titleAr`} lang="ar" dir="rtl" defaultValue={section.titleAr} errors={err(`${sp}.titleAr`)} />
              <Field label={t("callsAdmin.grid.weight")} name={`${sp}.weight`} inputMode="decimal" defaultValue={section.weight} errors={err(`${sp}.weight`)} />
              <Field label={t("callsAdmin.grid.id")} name={`${sp}.id`} dir="ltr" defaultValue={section.id} hint={t("callsAdmin.grid.idHint")} errors={err(`${sp}.id`)} />
            </div>
            {section.criteria.map((criterion, c) => {
              const cp = `${sp}.c.${c}`;
              return (
                <fieldset key={cp} className="space-y-3 rounded-lg border border-line bg-sand/40 p-3">
                  <legend className="px-1 font-semibold">{t("callsAdmin.grid.criterion", { n: n(c) })}</legend>
                  <Problems errors={err(cp)} />
                  <div className="grid gap-3 sm:grid-cols-2">
                    <Field label={t("callsAdmin.grid.titleFr")} name={`${cp}.titleFr`} lang="fr" dir="ltr" defaultValue={criterion.titleFr} errors={err(`${cp}.titleFr`)} />
                    <Field label={t("callsAdmin.grid.titleAr")} name={`${cp}.titleAr`} lang="ar" dir="rtl" defaultValue={criterion.titleAr} errors={err(`${cp}.titleAr`)} />
                    <Field label={t("callsAdmin.grid.max")} name={`${cp}.max`} inputMode="numeric" defaultValue={criterion.max} errors={err(`${cp}.max`)} />
                    <Field label={t("callsAdmin.grid.minimum")} name={`${cp}.minimum`} inputMode="decimal" defaultValue={criterion.minimum} errors={err(`${cp}.minimum`)} />
                    <TextArea label={t("callsAdmin.grid.guidanceFr")} name={`${cp}.guidanceFr`} lang="fr" dir="ltr" defaultValue={criterion.guidanceFr} errors={err(`${cp}.guidanceFr`)} />
                    <TextArea label={t("callsAdmin.grid.guidanceAr")} name={`${cp}.guidanceAr`} lang="ar" dir="rtl" defaultValue={criterion.guidanceAr} errors={err(`${cp}.guidanceAr`)} />
                    <Field label={t("callsAdmin.grid.id")} name={`${cp}.id`} dir="ltr" defaultValue={criterion.id} hint={t("callsAdmin.grid.idHint")} errors={err(`${cp}.id`)} />
                  </div>
                  {criterion.questions.map((question, q) => {
                    const qp = `${cp}.q.${q}`;
                    return (
                      <fieldset key={qp} className="space-y-3 rounded-lg border border-line bg-white p-3">
                        <legend className="px-1 font-medium">{t("callsAdmin.grid.question", { n: n(q) })}</legend>
                        <div className="grid gap-3 sm:grid-cols-2">
                          <Field label={t("callsAdmin.grid.labelFr")} name={`${qp}.labelFr`} lang="fr" dir="ltr" defaultValue={question.labelFr} errors={err(`${qp}.labelFr`)} />
                          <Field label={t("callsAdmin.grid.labelAr")} name={`${qp}.labelAr`} lang="ar" dir="rtl" defaultValue={question.labelAr} errors={err(`${qp}.labelAr`)} />
                          <Field label={t("callsAdmin.grid.maxLength")} name={`${qp}.maxLength`} inputMode="numeric" defaultValue={question.maxLength} errors={err(`${qp}.maxLength`)} />
                          <Field label={t("callsAdmin.grid.id")} name={`${qp}.id`} dir="ltr" defaultValue={question.id} hint={t("callsAdmin.grid.idHint")} errors={err(`${qp}.id`)} />
                        </div>
                        <button type="submit" name="intent" value={`remove:${s}.${c}.${q}`} className={small}>
                          {t("callsAdmin.grid.removeQuestion", { n: n(q) })}
                        </button>
                      </fieldset>
                    );
                  })}
                  <div className="flex flex-wrap gap-2">
                    <button type="submit" name="intent" value={`addQuestion:${s}.${c}`} className={small}>
                      {t("callsAdmin.grid.addQuestion")}
                    </button>
                    <button type="submit" name="intent" value={`remove:${s}.${c}`} className={small}>
                      {t("callsAdmin.grid.removeCriterion", { n: n(c) })}
                    </button>
                  </div>
                </fieldset>
              );
            })}
            <div className="flex flex-wrap gap-2">
              <button type="submit" name="intent" value={`addCriterion:${s}`} className={small}>
                {t("callsAdmin.grid.addCriterion")}
              </button>
              <button type="submit" name="intent" value={`remove:${s}`} className={small}>
                {t("callsAdmin.grid.removeSection", { n: n(s) })}
              </button>
            </div>
          </fieldset>
        );
      })}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <button type="submit" name="intent" value="addSection" className="btn-secondary">
          {t("callsAdmin.grid.addSection")}
        </button>
        <p className="font-semibold tabular-nums">{t("callsAdmin.grid.total", { total: formatNumber(total, locale) })}</p>
        {save}
      </div>
    </Form>
  );
}

/** The required documents as one repeatable list; existing rows carry their id. */
export function RequirementsEditor(props: { draft: RequirementDraft[]; errors: Errors; unsaved: boolean; frozen: boolean }) {
  const t = useT();
  const locale = useLocale();
  const err = (name: string) => props.errors?.[name];
  const n = (i: number) => formatNumber(i + 1, locale);
  const save = (
    <button type="submit" name="intent" value="saveRequirements" className="btn">
      {t("callsAdmin.requirements.save")}
    </button>
  );
  return (
    <Form method="post" className="space-y-4" noValidate aria-labelledby="requirements-h">
      <input type="hidden" name="editor" value="requirements" />
      <div className="flex justify-end">{save}</div>
      {props.frozen ? <p className="text-sm text-muted">{t("callsAdmin.requirements.frozen")}</p> : null}
      {props.unsaved ? <p className="rounded-lg border border-warn/40 bg-white p-3 text-warn">{t("callsAdmin.grid.unsaved")}</p> : null}
      {props.draft.length === 0 ? <p className="text-muted">{t("callsAdmin.requirements.none")}</p> : null}
      {props.draft.map((r, i) => {
        const p = `r.${i}`;
        const locked = props.frozen && r.id !== "";
        return (
          <fieldset key={`${p}-${r.id}`} className="space-y-3 rounded-xl border border-line p-3">
            <legend className="px-1 font-semibold">{t("callsAdmin.requirements.item", { n: n(i) })}</legend>
            {r.id ? <input type="hidden" name={`${p}.id`} value={r.id} /> : null}
            <div className="grid gap-3 sm:grid-cols-2">
              <Select label={t("callsAdmin.requirements.kind")} name={`${p}.kind`} defaultValue={r.kind} errors={err(`${p}.kind`)} disabled={locked}>
                <option value="">{t("callsAdmin.form.choose")}</option>
                {DOCUMENT_KINDS.map((k) => (
                  <option key={k} value={k}>{t(`calls.documentKind.${k}`)}</option>
                ))}
              </Select>
              <Field label={t("callsAdmin.requirements.maxMb")} name={`${p}.maxMb`} inputMode="decimal" defaultValue={r.maxMb} readOnly={locked} errors={err(`${p}.maxMb`)} />
              <Field label={t("callsAdmin.requirements.labelFr")} name={`${p}.labelFr`} lang="fr" dir="ltr" defaultValue={r.labelFr} readOnly={locked} errors={err(`${p}.labelFr`)} />
              <Field label={t("callsAdmin.requirements.labelAr")} name={`${p}.labelAr`} lang="ar" dir="rtl" defaultValue={r.labelAr} readOnly={locked} errors={err(`${p}.labelAr`)} />
            </div>
            {/* A disabled control is not sent: a locked row sends its values hidden. */}
            {locked ? (
              <>
                <input type="hidden" name={`${p}.kind`} value={r.kind} />
                {r.formats.map((f) => (
                  <input key={f} type="hidden" name={`${p}.formats`} value={f} />
                ))}
                {r.required ? <input type="hidden" name={`${p}.required`} value="on" /> : null}
              </>
            ) : null}
            <fieldset>
              <legend className="label">{t("callsAdmin.requirements.formats")}</legend>
              <div className="flex flex-wrap gap-x-4">
                {DOCUMENT_FORMATS.map((f) => (
                  <label key={f} className="flex min-h-11 items-center gap-2">
                    <input type="checkbox" name={locked ? undefined : `${p}.formats`} value={f} defaultChecked={r.formats.includes(f)} disabled={locked} className="size-5 accent-brand-700" />
                    <span dir="ltr">{f.toUpperCase()}</span>
                  </label>
                ))}
              </div>
              <Problems errors={err(`${p}.formats`)} />
            </fieldset>
            <label className="flex min-h-11 items-center gap-2">
              <input type="checkbox" name={locked ? undefined : `${p}.required`} defaultChecked={r.required} disabled={locked} className="size-5 accent-brand-700" />
              {t("callsAdmin.requirements.required")}
            </label>
            {locked ? null : (
              <button type="submit" name="intent" value={`removeRequirement:${i}`} className="btn-secondary min-h-9 px-3 py-1 text-sm">
                {t("callsAdmin.requirements.remove", { n: n(i) })}
              </button>
            )}
          </fieldset>
        );
      })}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <button type="submit" name="intent" value="addRequirement" className="btn-secondary">
          {t("callsAdmin.requirements.add")}
        </button>
        {save}
      </div>
    </Form>
  );
}
