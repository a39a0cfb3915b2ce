import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useLocale, useRootData, useT } from "~/components/i18n";
import { ProgrammeCounter } from "~/components/programme-counter";
import { getT } from "~/i18n/catalogs.server";
import { formatNumber, localizeHref, type MessageKey } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { env } from "~/lib/env.server";
import { seo, seoTags } from "~/lib/seo";
import { publicFigures } from "~/modules/tandems/programme.server";

// The public face of the tandems programme (issue 5, item 6): what a tandem is, the programme's figures —
// aggregates only, never a tandem's objectives, messages or sessions — and how to start one.

export const meta: MetaFunction<typeof loader> = ({ data }) => seoTags(data);

// A content page: no client JavaScript needed.
export const handle = { hydrate: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  const t = getT(locale);
  const figures = await publicFigures(db);
  const name = t("programme.public.title");
  const description = t("programme.public.description");
  const url = `${env().appUrl}${localizeHref("/tandems", locale)}`;
  return {
    figures,
    seo: seo({ type: "website", name, description, url, image: null, locale, jsonLd: { "@context": "https://schema.org", "@type": "WebPage", name, description, url } }),
  };
}

// Only organisations that can make a tandem get links to their own pages; others (and visitors) the way in.
const PAIRING_KINDS = ["company", "association", "cooperative"];

export default function Tandems() {
  const t = useT();
  const locale = useLocale();
  const { figures } = useLoaderData<typeof loader>();
  const viewer = useRootData()?.viewer;
  const active = viewer?.activeOrganization;
  const own = active ? viewer?.organizations.find((o) => o.slug === active.slug && PAIRING_KINDS.includes(o.kind)) : undefined;
  const n = (v: number) => formatNumber(v, locale);
  const regionName = (r: { nameFr: string; nameAr: string }) => (locale === "ar" ? r.nameAr : r.nameFr);
  const steps = [
    {
      title: "programme.public.step1Title",
      body: "programme.public.step1Body",
      link: own ? { to: `/organisations/${own.slug}/modifier`, text: t("programme.public.step1LinkOrg", { name: own.name }) } : { to: "/inscription", text: t("programme.public.step1Link") },
    },
    {
      title: "programme.public.step2Title",
      body: "programme.public.step2Body",
      link: own ? { to: `/organisations/${own.slug}/partenaires`, text: t("programme.public.step2LinkOrg") } : { to: "/annuaire", text: t("programme.public.step2Link") },
    },
    {
      title: "programme.public.step3Title",
      body: "programme.public.step3Body",
      link: own ? { to: `/organisations/${own.slug}/tandems`, text: t("programme.public.step3Link") } : null,
    },
    { title: "programme.public.step4Title", body: "programme.public.step4Body", link: null },
  ] as const;

  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold">{t("programme.public.title")}</h1>
        <p className="max-w-3xl text-lg">{t("programme.public.lead")}</p>
      </header>

      <section aria-labelledby="figures-h" className="card space-y-4">
        <h2 id="figures-h" className="text-xl font-bold">{t("programme.public.figures")}</h2>
        <dl className="grid gap-4 sm:grid-cols-3">
          <div>
            <dt className="text-sm text-muted">{t("programme.public.tandems")}</dt>
            <dd className="text-3xl font-bold text-brand-700 tabular-nums">{n(figures.tandems)}</dd>
            <dd className="text-sm">{t("programme.public.tandemsDetail", { active: n(figures.active), completed: n(figures.completed) })}</dd>
          </div>
          <div>
            <dt className="text-sm text-muted">{t("programme.public.hours")}</dt>
            <dd className="text-3xl font-bold text-brand-700 tabular-nums">{n(figures.hoursGiven)}</dd>
            <dd className="text-sm">{t("programme.public.hoursDetail")}</dd>
          </div>
          <div>
            <dt className="text-sm text-muted">{t("programme.public.regions")}</dt>
            <dd className="text-3xl font-bold text-brand-700 tabular-nums">{n(figures.regions.length)}</dd>
            <dd className="text-sm">{t("programme.public.regionsDetail")}</dd>
          </div>
        </dl>
      </section>

      <ProgrammeCounter active={figures.active} completed={figures.completed} target={figures.target} />
      {/* The way in for operators, who have no back-office link: the programme's own view. */}
      {viewer?.user.platformRole ? (
        <p>
          <L to="/programme/tandems" className="btn-secondary">{t("programme.nav")}</L>
        </p>
      ) : null}

      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="skills-h" className="card space-y-3">
          <h2 id="skills-h" className="text-xl font-bold">{t("programme.public.skillsTitle")}</h2>
          {figures.skills.length === 0 ? (
            <p className="text-muted">{t("programme.public.skillsNone")}</p>
          ) : (
            <ul className="divide-y divide-line">
              {figures.skills.map((s) => (
                <li key={s.skill} className="flex items-baseline justify-between gap-3 py-2">
                  <span>{t(`skills.${s.skill}` as MessageKey)}</span>
                  <span className="text-sm text-muted tabular-nums">{t("programme.public.tandemCount", { count: n(s.count) })}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="regions-h" className="card space-y-3">
          <h2 id="regions-h" className="text-xl font-bold">{t("programme.public.regionsTitle")}</h2>
          {figures.regions.length === 0 ? (
            <p className="text-muted">{t("programme.public.regionsNone")}</p>
          ) : (
            <ul className="divide-y divide-line">
              {figures.regions.map((r) => (
                <li key={r.code} className="flex items-baseline justify-between gap-3 py-2">
                  <L to={`/annuaire?region=${r.code}`}>{regionName(r)}</L>
                  <span className="text-sm text-muted tabular-nums">{t("programme.public.tandemCount", { count: n(r.count) })}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <p className="text-sm text-muted">{t("programme.public.privacy")}</p>

      <section aria-labelledby="how-h" className="space-y-4">
        <h2 id="how-h" className="text-xl font-bold">{t("programme.public.howTitle")}</h2>
        <ol className="grid gap-4 sm:grid-cols-2">
          {steps.map((step, i) => (
            <li key={step.title} className="card flex gap-3">
              <span aria-hidden="true" className="flex size-9 shrink-0 items-center justify-center rounded-full bg-brand-700 font-bold text-white">
                {n(i + 1)}
              </span>
              <div className="space-y-2">
                <h3 className="font-semibold">{t(step.title)}</h3>
                <p>{t(step.body)}</p>
                {step.link ? (
                  <p>
                    <L to={step.link.to} dir="auto">{step.link.text}</L>
                  </p>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
