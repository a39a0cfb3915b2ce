// The session log of a tandem's space: the form to log one, and the list with confirm, remove and attach.
import { Form } from "@remix-run/react";
import { Field, TextArea, valueOf, type ActionErrors } from "./form";
import { useLocale, useT } from "./i18n";
import { Time } from "./time";
import { formatNumber, type Locale } from "~/i18n/i18n";
import type { SpaceView } from "~/modules/tandems/space.server";

/** Minutes as hours, one decimal at most: "3,5 h". */
export function hoursText(minutes: number, locale: Locale) {
  return formatNumber(Math.round((minutes / 60) * 10) / 10, locale);
}

export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  return (
    <div role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label={label} className="h-3 w-full overflow-hidden rounded-full bg-line">
      <div className="h-full rounded-full bg-brand-700" style={{ inlineSize: `${percent}%` }} />
    </div>
  );
}

export function SessionForm(props: { view: SpaceView; actionData: ActionErrors }) {
  const t = useT();
  const { view } = props;
  const actionData = props.actionData?.values?.intent === "log" ? props.actionData : undefined;
  const errors = actionData?.errors ?? {};
  const checked = new Set([valueOf(actionData, "volunteerEmails")].flat().filter(Boolean));
  const period = view.agreement;
  return (
    <Form method="post" className="space-y-3" noValidate>
      <input type="hidden" name="intent" value="log" />
      <Field
        label={t("running.fields.heldOn")}
        name="heldOn"
        type="date"
        min={period?.startDate}
        max={period && view.calendar && period.endDate < view.calendar.today ? period.endDate : view.calendar?.today}
        errors={errors.heldOn}
        defaultValue={valueOf(actionData, "heldOn", view.calendar?.today)}
      />
      <fieldset>
        <legend className="label">{t("running.fields.duration")}</legend>
        <div className="grid grid-cols-2 gap-3">
          <Field label={t("running.fields.hours")} name="hours" type="number" inputMode="numeric" min={0} max={12} step={1} errors={errors.hours} defaultValue={valueOf(actionData, "hours", "1")} />
          <Field label={t("running.fields.minutes")} name="minutes" type="number" inputMode="numeric" min={0} max={59} step={5} errors={errors.minutes} defaultValue={valueOf(actionData, "minutes", "0")} />
        </div>
        <p className="mt-1 text-sm text-muted">{t("running.hints.duration")}</p>
      </fieldset>
      <Field label={t("running.fields.topic")} name="topic" errors={errors.topic} defaultValue={valueOf(actionData, "topic")} dir="auto" />
      {view.volunteers.length > 0 ? (
        <fieldset>
          <legend className="label">{t("running.fields.volunteers")}</legend>
          <ul className="space-y-1">
            {view.volunteers.map((v) => (
              <li key={v.email}>
                <label className="inline-flex min-h-11 items-center gap-2">
                  <input type="checkbox" name="volunteerEmails" value={v.email} defaultChecked={checked.has(v.email)} className="size-5" />
                  <span dir="auto">{v.name}</span>
                </label>
              </li>
            ))}
          </ul>
          {errors.volunteerEmails ? <p className="text-sm text-danger">{t("running.errors.volunteer")}</p> : null}
        </fieldset>
      ) : null}
      <Field label={t("running.fields.participants")} name="participants" hint={t("running.hints.participants")} errors={errors.participants} defaultValue={valueOf(actionData, "participants")} dir="auto" />
      <TextArea label={t("running.fields.notes")} name="notes" rows={3} errors={errors.notes} defaultValue={valueOf(actionData, "notes")} dir="auto" />
      <button type="submit" className="btn">{t("running.log")}</button>
    </Form>
  );
}

export function SessionList({ view }: { view: SpaceView }) {
  const t = useT();
  const locale = useLocale();
  if (view.sessions.length === 0) return <p className="text-muted">{t("running.noSessions")}</p>;
  return (
    <ol className="divide-y divide-line">
      {view.sessions.map((s) => (
        <li key={s.id} className="space-y-2 py-3">
          <p className="flex flex-wrap items-baseline justify-between gap-2">
            <span className="font-semibold" dir="auto">{s.topic}</span>
            <span className="text-sm">
              <Time value={`${s.heldOn}T12:00:00Z`} /> · {t("running.hoursShort", { hours: hoursText(s.minutes, locale) })}
            </span>
          </p>
          <p className="text-sm text-muted">
            {s.loggerName ? t("running.loggedBy", { name: s.loggerName, side: t(`agreements.${s.side}`) }) : t("running.loggedBySide", { side: t(`agreements.${s.side}`) })}
            {" · "}
            {s.confirmedAt ? (
              <span className="text-ok">{s.confirmerName ? t("running.confirmedBy", { name: s.confirmerName }) : t("running.confirmedPlain")}</span>
            ) : (
              <span className="text-warn">{t("running.toConfirm")}</span>
            )}
          </p>
          {s.volunteers.length || s.participants ? (
            <p className="text-sm" dir="auto">
              {t("running.with")} {[...s.volunteers, s.participants].filter(Boolean).join(", ")}
            </p>
          ) : null}
          {s.notes ? <p className="whitespace-pre-line text-sm" dir="auto">{s.notes}</p> : null}
          {s.files.length ? (
            <ul className="flex flex-wrap gap-2 text-sm">
              {s.files.map((f) => (
                <li key={f.id}>
                  <a href={`/tandems/${view.tandem.number}/fichiers/${f.id}`} className="underline" dir="auto">
                    {f.fileName}
                  </a>{" "}
                  <span className="text-muted">({t("running.kb", { n: formatNumber(Math.max(1, Math.round(f.bytes / 1024)), locale) })})</span>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {s.canConfirm ? (
              <Form method="post">
                <input type="hidden" name="intent" value="confirm" />
                <input type="hidden" name="sessionId" value={s.id} />
                <button type="submit" className="btn" aria-label={t("running.confirmLabel", { topic: s.topic })}>{t("running.confirm")}</button>
              </Form>
            ) : null}
            {s.canDelete ? (
              <Form method="post">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="sessionId" value={s.id} />
                <button type="submit" className="btn-secondary">{t("running.delete")}</button>
              </Form>
            ) : null}
          </div>
          {s.canAttach ? (
            <Form method="post" action={`/tandems/${view.tandem.number}/seances/${s.id}/fichiers`} encType="multipart/form-data" reloadDocument className="flex flex-wrap items-end gap-2">
              <label className="text-sm">
                <span className="label">{t("running.attach")}</span>
                <input type="file" name="file" accept=".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx,.pptx,.odt,.ods" className="block text-sm" />
              </label>
              <button type="submit" className="btn-secondary">{t("running.upload")}</button>
            </Form>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
