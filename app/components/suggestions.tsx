import type { OrganizationKind } from "../../db/schema/enums";
import type { Locale, T } from "~/i18n/i18n";
import { kindsPair, proposeHref } from "~/modules/tandems/pairing";
import type { Reason } from "~/modules/matching/score";
import type { suggestPartners } from "~/modules/matching/suggestions.server";
import { L, useLocale, useT } from "./i18n";
import { OrganizationBadges } from "./organization";

export type Suggestion = Awaited<ReturnType<typeof suggestPartners>>["suggestions"][number];

function names(t: T, locale: Locale, keys: readonly string[], namespace: "themes" | "sectors") {
  return new Intl.ListFormat(locale, { type: "conjunction" }).format(keys.map((k) => t(`${namespace}.${k}` as never)));
}

export function reasonText(t: T, locale: Locale, reason: Reason): string {
  switch (reason.type) {
    case "skill":
      return t(`suggestions.reasons.${reason.direction}`, { skill: t(`skills.${reason.skill}`) });
    case "sharedThemes":
      return t("suggestions.reasons.sharedThemes", { list: names(t, locale, reason.themes, "themes") });
    case "sharedSectors":
      return t("suggestions.reasons.sharedSectors", { list: names(t, locale, reason.sectors, "sectors") });
    case "networkLink":
      return t(`suggestions.reasons.${reason.link}`);
    default:
      return t(`suggestions.reasons.${reason.type}`);
  }
}

function Reasons({ reasons }: { reasons: Reason[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul aria-label={t("suggestions.why")} className="mt-2 flex flex-wrap gap-2">
      {reasons.map((r) => (
        <li key={JSON.stringify(r)} className="rounded-md bg-sand px-2 py-0.5 text-sm">
          {reasonText(t, locale, r)}
        </li>
      ))}
    </ul>
  );
}

/** On another organisation's profile: what it has in common with the viewer's own, in the same words. */
export function PartnerFit(props: { slug: string; from: { name: string; nameAr: string | null }; reasons: Reason[] }) {
  const t = useT();
  const locale = useLocale();
  const mine = locale === "ar" && props.from.nameAr ? props.from.nameAr : props.from.name;
  return (
    <section className="card" aria-labelledby="fit-h">
      <h2 id="fit-h" className="text-lg font-semibold">{t("suggestions.fitTitle")}</h2>
      <p className="text-sm text-muted">{t("suggestions.fitIntro", { name: mine })}</p>
      <Reasons reasons={props.reasons} />
      <p className="mt-3">
        <L to={`/organisations/${props.slug}/ecrire`} className="btn-secondary">{t("suggestions.write")}</L>
      </p>
    </section>
  );
}

/** The suggestions, best first: who, where, why, and links to their profile and to write to them. */
export function SuggestionList(props: {
  suggestions: Suggestion[];
  headingLevel: "h2" | "h3";
  /** The organisation whose managers are looking: suggestions it can pair with get a "propose a tandem" link. */
  proposeFrom?: { slug: string; kind: OrganizationKind } | null;
}) {
  const t = useT();
  const locale = useLocale();
  const Heading = props.headingLevel;
  return (
    <ol className="divide-y divide-line">
      {props.suggestions.map((s) => {
        const name = locale === "ar" && s.nameAr ? s.nameAr : s.name;
        return (
          <li key={s.slug} className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-start">
            <div className="min-w-0 flex-1">
              <Heading className="font-semibold" lang={locale === "ar" && !s.nameAr ? "fr" : undefined} dir="auto">
                <L to={`/organisations/${s.slug}`}>{name}</L>
              </Heading>
              <OrganizationBadges kind={s.kind} verificationStatus={s.verificationStatus} womenLed={s.womenLed} />
              <p className="mt-1 text-sm text-muted">{locale === "ar" ? s.regionNameAr : s.regionNameFr}</p>
              <Reasons reasons={s.reasons} />
            </div>
            <div className="flex flex-wrap gap-2 self-start">
              <L to={`/organisations/${s.slug}/ecrire`} className="btn-secondary" aria-label={t("suggestions.writeTo", { name })}>
                {t("suggestions.write")}
              </L>
              {props.proposeFrom && kindsPair(props.proposeFrom.kind, s.kind) ? (
                <L to={proposeHref(props.proposeFrom.slug, s.slug)} className="btn-secondary">
                  {t("tandems.propose.link")}
                </L>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** The profile's section, for the organisation's members: the first suggestions and a link to all of them. */
export function SuggestedPartners(props: {
  slug: string;
  suggestions: Suggestion[];
  more: boolean;
  canEdit: boolean;
  proposeFrom?: { slug: string; kind: OrganizationKind } | null;
}) {
  const t = useT();
  return (
    <section className="card space-y-4" aria-labelledby="suggestions-h">
      <div>
        <h2 id="suggestions-h" className="text-lg font-semibold">{t("suggestions.title")}</h2>
        <p className="text-sm text-muted">{t("suggestions.intro")}</p>
      </div>
      {props.suggestions.length ? (
        <SuggestionList suggestions={props.suggestions} headingLevel="h3" proposeFrom={props.proposeFrom} />
      ) : (
        <p>
          {t("suggestions.empty")}{" "}
          {props.canEdit ? <L to={`/organisations/${props.slug}/modifier`}>{t("profile.edit")}</L> : null}
        </p>
      )}
      {props.more ? <L to={`/organisations/${props.slug}/partenaires`} className="inline-flex min-h-6 items-center">{t("suggestions.seeAll")}</L> : null}
    </section>
  );
}
