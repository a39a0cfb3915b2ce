import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useLocale, useT } from "~/components/i18n";
import { Time } from "~/components/time";
import { formatDate, formatNumber } from "~/i18n/i18n";
import { load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { localName } from "~/modules/orders/format";
import { organizationRecordBySlug } from "~/modules/programmes/programmes.server";

// The organisation's own record in its incubation programmes (issue 7, item 3): its sessions and milestones only,
// for its members and the programme's operators.

export const meta: MetaFunction = (args) => [...pageTitle(args, "incubation.record.title"), { name: "robots", content: "noindex" }];

export const handle = { hydrate: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return load(() => organizationRecordBySlug(db, user, params.slug ?? ""));
}

export default function OrganizationAccompaniment() {
  const t = useT();
  const locale = useLocale();
  const { org, record } = useLoaderData<typeof loader>();
  const name = localName({ fr: org.name, ar: org.nameAr }, locale);
  const n = (v: number) => formatNumber(v, locale);
  const day = (d: string) => formatDate(new Date(d).toISOString(), locale, "date");
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <p>
        <L to={`/organisations/${org.slug}`}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> <span dir="auto">{name}</span>
        </L>
      </p>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("incubation.record.title")}</h1>
        <p className="text-muted">{t("incubation.record.intro")}</p>
      </header>
      {record.length === 0 ? (
        <p className="card">{t("incubation.record.empty")}</p>
      ) : (
        record.map((r) => (
          <section key={r.programme.id} className="card space-y-3" aria-labelledby={`p-${r.programme.id}`}>
            <div className="space-y-1">
              <h2 id={`p-${r.programme.id}`} className="text-lg font-semibold" dir="auto">{locale === "ar" ? r.programme.nameAr : r.programme.nameFr}</h2>
              <p className="text-sm text-muted">
                <Time value={r.programme.startsOn} /> – <Time value={r.programme.endsOn} />
              </p>
              <p className="text-sm">{t("incubation.record.summary", { sessions: n(r.sessions.length), hours: n(r.hours), done: n(r.milestonesDone), total: n(r.milestones.length) })}</p>
            </div>
            <h3 className="font-semibold">{t("incubation.session.recent")}</h3>
            {r.sessions.length === 0 ? (
              <p className="text-muted">{t("incubation.session.empty")}</p>
            ) : (
              <ul className="divide-y divide-line text-sm">
                {r.sessions.map((s) => (
                  <li key={s.id} className="space-y-1 py-2">
                    <p>
                      <Time value={s.heldOn} /> · {t("incubation.session.line", { minutes: n(s.minutes), coach: s.coachName ?? "—" })}
                    </p>
                    <p className="font-semibold" dir="auto">{s.topic}</p>
                    {s.nextSteps ? <p className="text-muted" dir="auto">{t("incubation.session.nextSteps")} : {s.nextSteps}</p> : null}
                  </li>
                ))}
              </ul>
            )}
            <h3 className="font-semibold">{t("incubation.milestone.title")}</h3>
            {r.milestones.length === 0 ? (
              <p className="text-muted">{t("incubation.milestone.empty")}</p>
            ) : (
              <ul className="divide-y divide-line text-sm">
                {r.milestones.map((m) => (
                  <li key={m.id} className="py-2">
                    <p className="font-semibold" dir="auto">{m.title}</p>
                    <p className="text-muted">{m.doneOn ? t("incubation.milestone.doneOn", { date: day(m.doneOn) }) : t("incubation.milestone.due", { date: day(m.dueOn) })}</p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))
      )}
    </div>
  );
}
