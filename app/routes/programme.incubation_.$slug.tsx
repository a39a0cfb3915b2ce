import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { SESSION_MINUTES_MAX, SESSION_MINUTES_MIN } from "../../db/schema/programmes";
import { Field, FormMessage, LanguageSelect, Select, TextArea, valueOf } from "~/components/form";
import { L, useHref, useLocale, useT } from "~/components/i18n";
import { Time } from "~/components/time";
import { formatDate, formatNumber } from "~/i18n/i18n";
import { csvResponse } from "~/lib/csv.server";
import { DomainError } from "~/lib/errors.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { todayInMorocco } from "~/lib/morocco-time";
import { pageTitle } from "~/lib/meta";
import { orgName } from "~/modules/orders/format";
import { requireUser } from "~/modules/accounts/session.server";
import {
  addMilestone,
  admitFromCall,
  admitOrganization,
  assignCoach,
  logSession,
  markMilestoneDone,
  programmeBySlug,
  programmeCsv,
  programmeOverview,
} from "~/modules/programmes/programmes.server";
import { admitSchema, coachSchema, milestoneSchema, sessionSchema } from "~/modules/programmes/schemas";

// One incubation programme for its operators and coaches (issue 7, item 3): members with their progress, admissions,
// coaches, the session log and milestones. /programme/incubation/<slug>.csv is the export, one line per organisation.

export const meta: MetaFunction<typeof loader> = (args) => [...pageTitle(args, "incubation.title"), { name: "robots", content: "noindex" }];

export const handle = { hydrate: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  if (slug.endsWith(".csv")) {
    const { csv, fileName } = await load(() => programmeCsv(db, user, slug.slice(0, -4)));
    // The file itself, not the page's data: the page's types only know the overview.
    return csvResponse(csv, fileName) as unknown as never;
  }
  const overview = await load(() => programmeOverview(db, user, slug));
  return { ...overview, today: todayInMorocco(), userId: user.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const programme = await load(async () => {
    const p = await programmeBySlug(db, params.slug ?? "");
    if (!p) throw new DomainError(404, "errors.notFound");
    return p;
  });
  const here = hrefFor(request, `/programme/incubation/${programme.slug}`);
  const formData = await request.formData();
  const values = formValues(formData);
  const intent = formData.get("intent");
  try {
    if (intent === "admit") {
      const parsed = parseForm(admitSchema, formData);
      if (!parsed.ok) return invalid(parsed);
      await admitOrganization({ db, actor: user, programmeId: programme.id, organizationSlug: parsed.data.organizationSlug });
      throw redirectWithFlash(here, "incubation.admit.done");
    }
    if (intent === "admitFromCall") {
      const { admitted } = await admitFromCall({ db, actor: user, programmeId: programme.id });
      throw redirectWithFlash(here, admitted > 0 ? "incubation.admit.done" : "incubation.admit.noneFromCall");
    }
    if (intent === "coach") {
      const parsed = parseForm(coachSchema, formData);
      if (!parsed.ok) return invalid(parsed);
      await assignCoach({ db, actor: user, programmeId: programme.id, email: parsed.data.email });
      throw redirectWithFlash(here, "incubation.coaches.done");
    }
    if (intent === "session") {
      const parsed = parseForm(sessionSchema, formData);
      if (!parsed.ok) return invalid(parsed);
      await logSession({ db, actor: user, programmeId: programme.id, input: parsed.data });
      throw redirectWithFlash(here, "incubation.session.done");
    }
    if (intent === "milestone") {
      const parsed = parseForm(milestoneSchema, formData);
      if (!parsed.ok) return invalid(parsed);
      await addMilestone({ db, actor: user, programmeId: programme.id, input: parsed.data });
      throw redirectWithFlash(here, "incubation.milestone.done");
    }
    if (intent === "milestoneDone") {
      await markMilestoneDone({ db, actor: user, programmeId: programme.id, milestoneId: String(formData.get("milestoneId") ?? "") });
      throw redirectWithFlash(here, "incubation.milestone.marked");
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    // A refusal of this feature (a coach logging for another coach…) is said on the form, translated.
    if (error instanceof DomainError && error.status === 403 && error.messageKey.startsWith("incubation.")) {
      return data({ errors: {} as Record<string, string[]>, values, messageKey: error.messageKey as string | null }, { status: 403 });
    }
    return formFailure(error, values);
  }
  return formFailure(new DomainError(400, "errors.invalid"), values);
}

export default function IncubationProgramme() {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const { programme, role, progress, coaches, sessions, milestones, callCode, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const ar = locale === "ar";
  const names = Object.fromEntries(progress.map((p) => [p.organizationId, orgName(p, locale)]));
  const n = (v: number) => formatNumber(v, locale);
  const day = (d: string) => formatDate(new Date(d).toISOString(), locale, "date");
  const orgOptions = progress.map((p) => (
    <option key={p.organizationId} value={p.organizationId}>{orgName(p, locale)}</option>
  ));
  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <p>
        <L to="/programme/incubation">
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("incubation.title")}
        </L>
      </p>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-2xl font-bold" dir="auto">{ar ? programme.nameAr : programme.nameFr}</h1>
          <p className="text-muted">
            <Time value={programme.startsOn} /> – <Time value={programme.endsOn} />
          </p>
          {(ar ? programme.descriptionAr : programme.descriptionFr) ? <p dir="auto">{ar ? programme.descriptionAr : programme.descriptionFr}</p> : null}
        </div>
        <a href={href(`/programme/incubation/${programme.slug}.csv`)} className="btn-secondary" download>{t("incubation.csv")}</a>
      </header>
      <FormMessage messageKey={actionData?.messageKey} />

      <section className="card" aria-labelledby="members-h">
        <h2 id="members-h" className="text-lg font-semibold">{t("incubation.members.title")}</h2>
        {progress.length === 0 ? (
          <p className="mt-2 text-muted">{t("incubation.members.empty")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-line">
            {progress.map((p) => (
              <li key={p.organizationId} className="space-y-1 py-3 text-sm">
                <p className="font-semibold" dir="auto">
                  <L to={`/organisations/${p.slug}`}>{orgName(p, locale)}</L>
                </p>
                <p className="text-muted">
                  {t("incubation.members.admitted", { date: day(p.admittedOn) })} · {t(`incubation.members.source.${p.source}`)}
                </p>
                <p>
                  {t("incubation.record.summary", { sessions: n(p.sessions), hours: n(p.hours), done: n(p.milestonesDone), total: n(p.milestonesTotal) })} ·{" "}
                  {p.lastSessionOn ? t("incubation.members.lastSessionOn", { date: day(p.lastSessionOn) }) : t("incubation.session.empty")}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {role === "operator" ? (
        <section className="card space-y-3" aria-labelledby="admit-h">
          <h2 id="admit-h" className="text-lg font-semibold">{t("incubation.admit.title")}</h2>
          <Form method="post" className="space-y-3">
            <input type="hidden" name="intent" value="admit" />
            <Field label={t("incubation.admit.organizationSlug")} name="organizationSlug" required maxLength={120} dir="ltr" defaultValue={valueOf(actionData, "organizationSlug")} errors={errors?.organizationSlug} />
            <button type="submit" className="btn">{t("incubation.admit.submit")}</button>
          </Form>
          {callCode ? (
            <Form method="post">
              <input type="hidden" name="intent" value="admitFromCall" />
              <button type="submit" className="btn-secondary">{t("incubation.admit.fromCall", { code: callCode })}</button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {role === "operator" ? (
        <section className="card space-y-3" aria-labelledby="report-h">
          <h2 id="report-h" className="text-lg font-semibold">{t("incubation.report.link")}</h2>
          <p className="text-sm text-muted">{t("incubation.report.pickHint")}</p>
          <Form method="get" action={href(`/programme/incubation/${programme.slug}/rapport`)} className="grid gap-3 sm:grid-cols-4">
            <Field label={t("impact.from")} name="du" type="date" defaultValue={programme.startsOn} />
            <Field label={t("impact.to")} name="au" type="date" defaultValue={programme.endsOn < today ? programme.endsOn : today} />
            <LanguageSelect label={t("incubation.report.language")} />
            <div className="flex items-end">
              <button type="submit" className="btn-secondary">{t("incubation.report.open")}</button>
            </div>
          </Form>
        </section>
      ) : null}

      <section className="card space-y-3" aria-labelledby="coaches-h">
        <h2 id="coaches-h" className="text-lg font-semibold">{t("incubation.coaches.title")}</h2>
        {coaches.length === 0 ? (
          <p className="text-muted">{t("incubation.coaches.empty")}</p>
        ) : (
          <ul className="list-disc space-y-1 ps-5 text-sm">
            {coaches.map((c) => (
              <li key={c.userId} dir="auto">{c.name}</li>
            ))}
          </ul>
        )}
        {role === "operator" ? (
          <Form method="post" className="space-y-3">
            <input type="hidden" name="intent" value="coach" />
            <Field label={t("incubation.coaches.email")} name="email" type="email" required maxLength={254} dir="ltr" defaultValue={valueOf(actionData, "email")} errors={errors?.email} />
            <button type="submit" className="btn-secondary">{t("incubation.coaches.submit")}</button>
          </Form>
        ) : null}
      </section>

      {progress.length > 0 ? (
        <section className="card" aria-labelledby="session-h">
          <h2 id="session-h" className="text-lg font-semibold">{t("incubation.session.title")}</h2>
          <Form method="post" className="mt-3 space-y-3">
            <input type="hidden" name="intent" value="session" />
            <Select label={t("incubation.session.organization")} name="organizationId" required defaultValue={valueOf(actionData, "organizationId", "")} errors={errors?.organizationId}>
              {orgOptions}
            </Select>
            {role === "operator" && coaches.length > 0 ? (
              <Select label={t("incubation.session.coach")} name="coachId" defaultValue={valueOf(actionData, "coachId", "")} errors={errors?.coachId}>
                <option value="">{t("incubation.session.coachSelf")}</option>
                {coaches.map((c) => (
                  <option key={c.userId} value={c.userId}>{c.name}</option>
                ))}
              </Select>
            ) : null}
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label={t("incubation.session.heldOn")} name="heldOn" type="date" required max={today} min={programme.startsOn} defaultValue={valueOf(actionData, "heldOn", today)} errors={errors?.heldOn} />
              <Field label={t("incubation.session.minutes")} name="minutes" type="number" inputMode="numeric" required min={SESSION_MINUTES_MIN} max={SESSION_MINUTES_MAX} step={5} defaultValue={valueOf(actionData, "minutes", "60")} errors={errors?.minutes} />
            </div>
            <Field label={t("incubation.session.topic")} name="topic" required maxLength={300} dir="auto" defaultValue={valueOf(actionData, "topic")} errors={errors?.topic} />
            <TextArea label={t("incubation.session.nextSteps")} name="nextSteps" maxLength={2000} dir="auto" defaultValue={valueOf(actionData, "nextSteps")} errors={errors?.nextSteps} />
            <button type="submit" className="btn">{t("incubation.session.submit")}</button>
          </Form>
          <h3 className="mt-5 font-semibold">{t("incubation.session.recent")}</h3>
          {sessions.length === 0 ? (
            <p className="mt-2 text-muted">{t("incubation.session.empty")}</p>
          ) : (
            <ul className="mt-2 divide-y divide-line text-sm">
              {sessions.map((s) => (
                <li key={s.id} className="space-y-1 py-2">
                  <p>
                    <Time value={s.heldOn} /> · <span dir="auto">{names[s.organizationId]}</span> · {t("incubation.session.line", { minutes: n(s.minutes), coach: s.coachName ?? "—" })}
                  </p>
                  <p className="font-semibold" dir="auto">{s.topic}</p>
                  {s.nextSteps ? <p className="text-muted" dir="auto">{s.nextSteps}</p> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {progress.length > 0 ? (
        <section className="card" aria-labelledby="milestones-h">
          <h2 id="milestones-h" className="text-lg font-semibold">{t("incubation.milestone.title")}</h2>
          {milestones.length === 0 ? (
            <p className="mt-2 text-muted">{t("incubation.milestone.empty")}</p>
          ) : (
            <ul className="mt-2 divide-y divide-line text-sm">
              {milestones.map((m) => (
                <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <div className="min-w-0 flex-1 text-start">
                    <p className="font-semibold" dir="auto">{m.title}</p>
                    <p className="text-muted">
                      <span dir="auto">{names[m.organizationId]}</span> · {m.doneOn ? t("incubation.milestone.doneOn", { date: day(m.doneOn) }) : t("incubation.milestone.due", { date: day(m.dueOn) })}
                    </p>
                  </div>
                  {m.doneOn ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="milestoneDone" />
                      <input type="hidden" name="milestoneId" value={m.id} />
                      <button type="submit" className="btn-secondary">{t("incubation.milestone.markDone")}</button>
                    </Form>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h3 className="mt-5 font-semibold">{t("incubation.milestone.add")}</h3>
          <Form method="post" className="mt-3 space-y-3">
            <input type="hidden" name="intent" value="milestone" />
            <Select label={t("incubation.milestone.organization")} name="organizationId" required defaultValue={valueOf(actionData, "organizationId", "")} errors={errors?.organizationId}>
              {orgOptions}
            </Select>
            <Field label={t("incubation.milestone.label")} name="title" required maxLength={200} dir="auto" defaultValue={valueOf(actionData, "title")} errors={errors?.title} />
            <Field label={t("incubation.milestone.dueOn")} name="dueOn" type="date" required defaultValue={valueOf(actionData, "dueOn")} errors={errors?.dueOn} />
            <button type="submit" className="btn-secondary">{t("incubation.milestone.submit")}</button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
