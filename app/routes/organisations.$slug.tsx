import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { seoTags } from "~/lib/seo";
import { L, useLocale, useT } from "~/components/i18n";
import { OrganizationBadges } from "~/components/organization";
import { PartnerFit, SuggestedPartners } from "~/components/suggestions";
import { NetworkMembers, ProfileConnectLinks } from "~/components/network-members";
import { formatNumber } from "~/i18n/i18n";
import { load } from "~/lib/http.server";
import { getSession } from "~/modules/accounts/session.server";
import { formatPhone, whatsappLink } from "~/modules/organizations/identifiers";
import { partnerFit, suggestPartners } from "~/modules/matching/suggestions.server";
import { getViewer } from "~/modules/accounts/viewer.server";
import type { Actor } from "~/modules/organizations/authorize.server";
import { getProfile } from "~/modules/organizations/organizations.server";
import { listPublicNetworkMembers } from "~/modules/organizations/networks.server";
import { getGeography } from "~/modules/organizations/reference.server";
import { organizationSeo } from "~/modules/organizations/seo";
import { hasListedProducts } from "~/modules/catalog/marche.server";
import { shopHref } from "~/modules/catalog/marche-params";
import { cooperativeLinks } from "~/modules/orders/dashboard.server";
import { resolveLocale } from "~/i18n/locale.server";
import { env } from "~/lib/env.server";
import { tandemLinks } from "~/modules/tandems/proposals.server";
import { currentLabel } from "~/modules/calls/decisions.server";
import { labelPath } from "~/modules/calls/rules";
import { inSomeProgramme } from "~/modules/programmes/programmes.server";
import { todayInMorocco } from "~/modules/tandems/schemas";
import { Time } from "~/components/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => seoTags(data);

// Read-only for visitors: links and the report link work without client JavaScript.
export const handle = { hydrate: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await getSession(request);
  const profile = await load(() => getProfile({ db, slug: params.slug ?? "", actor: session?.user ?? null }));
  const { regions, provinces } = await getGeography(db);
  const o = profile.organization;
  const locale = resolveLocale(request);
  const region = regions.find((r) => r.code === o.regionCode) ?? null;
  return {
    profile,
    seo: organizationSeo({
      organization: o,
      regionName: region ? (locale === "ar" ? region.nameAr : region.nameFr) : null,
      locale,
      appUrl: env().appUrl,
    }),
    // Formatted here so the phone library stays on the server.
    phoneLabel: o.phone ? formatPhone(o.phone) : null,
    whatsappHref: o.whatsapp ? whatsappLink(o.whatsapp) : null,
    region,
    province: provinces.find((p) => p.code === o.provinceCode) ?? null,
    signedIn: !!session,
    // A cooperative with products on the marketplace links to its shop.
    hasShop: o.kind === "cooperative" && o.verificationStatus === "verified" ? await hasListedProducts(db, o.id) : false,
    // A cooperative's members reach its orders (with how many wait), its statement and its terms of sale.
    shopLinks: session ? await cooperativeLinks(db, session.user, o, profile.role) : null,
    // Its members reach its coaching record when it is in an incubation programme.
    inProgramme: profile.role !== null ? await inSomeProgramme(db, o.id) : false,
    networkMembers: o.kind === "network" ? await listPublicNetworkMembers({ db, networkId: o.id, ...memberSearch(request) }) : null,
    // Suggested partners are for the organisation's own members only.
    suggestions: profile.role && session ? await suggestPartners({ db, actor: session.user, slug: o.slug, limit: 5 }) : null,
    // Another organisation's profile: why it might suit the viewer's active organisation.
    fit: session && !profile.role ? await fitWithViewer(request, session.user, o.id) : null,
    // The Siraj label (issue 6): a badge while it is current, linking to its public verification page.
    label: await currentLabel(db, o.id, todayInMorocco()).then((l) => (l ? { expiresOn: l.expiresOn, path: labelPath(l.code) } : null)),
    // Tandems (issue 5): the organisation's own, or proposing one from the viewer's active organisation.
    tandems: session
      ? await tandemLinks({ db, actor: session.user, org: o, role: profile.role, activeSlug: profile.role ? null : ((await getViewer(request))?.activeOrganization?.slug ?? null) })
      : null,
  };
}

async function fitWithViewer(request: Request, actor: Actor, targetId: string) {
  const active = (await getViewer(request))?.activeOrganization;
  return active ? partnerFit({ db, actor, fromSlug: active.slug, targetId }) : null;
}

/** The network member list's search and page, from the query string. */
function memberSearch(request: Request) {
  const params = new URL(request.url).searchParams;
  return { q: params.get("q") ?? "", page: Number.parseInt(params.get("page") ?? "1", 10) || 1 };
}

export default function OrganizationProfile() {
  const t = useT();
  const locale = useLocale();
  const { profile, region, province, signedIn, phoneLabel, whatsappHref, suggestions, networkMembers, fit, hasShop, shopLinks, tandems, label, inProgramme } = useLoaderData<typeof loader>();
  const o = profile.organization;
  const place = (x: { nameFr: string; nameAr: string } | null) => (x ? (locale === "ar" ? x.nameAr : x.nameFr) : null);
  // The description in the page's language first; the other one follows, marked with its own language.
  const descriptions = [
    { lang: "fr", text: o.descriptionFr },
    { lang: "ar", text: o.descriptionAr },
  ].filter((d) => d.text);
  if (locale === "ar") descriptions.reverse();
  const primaryName = locale === "ar" && o.nameAr ? o.nameAr : o.name;
  const secondaryName = locale === "ar" ? (o.nameAr ? o.name : null) : o.nameAr;
  return (
    <article className="space-y-6">
      <header className="card flex flex-col gap-4 sm:flex-row sm:items-start">
        {o.logoKey ? (
          <img src={`/uploads/${o.logoKey}`} alt={t("profile.logoAlt", { name: o.name })} width={96} height={96} className="size-24 rounded-lg border border-line object-contain" />
        ) : (
          <div aria-hidden="true" className="flex size-24 items-center justify-center rounded-lg bg-brand-100 text-3xl font-bold text-brand-700">
            {o.name.slice(0, 1)}
          </div>
        )}
        <div className="flex-1">
          <h1 className="text-2xl font-bold" lang={locale === "ar" && !o.nameAr ? "fr" : undefined} dir="auto">
            {primaryName}
          </h1>
          {secondaryName ? (
            <p className="text-lg text-muted" lang={locale === "ar" ? "fr" : "ar"} dir={locale === "ar" ? "ltr" : "rtl"}>
              {secondaryName}
            </p>
          ) : null}
          <OrganizationBadges kind={o.kind} verificationStatus={o.verificationStatus} womenLed={o.womenLed} />
          {label ? (
            <p className="mt-2">
              <L to={label.path} className="badge bg-warn/10 text-warn">
                ★ {t("registry.badge")}
                <span className="sr-only">
                  {" "}
                  ({t("registry.expires")} <Time value={`${label.expiresOn}T12:00:00Z`} />)
                </span>
              </L>
            </p>
          ) : null}
          <p className="mt-2 text-muted">{[o.city, place(province), place(region)].filter(Boolean).join(" · ")}</p>
        </div>
        <div className="flex flex-col gap-2">
          {hasShop ? (
            <L to={shopHref(o.slug)} className="btn">{t("market.shopLink")}</L>
          ) : null}
          <ProfileConnectLinks slug={o.slug} kind={o.kind} isMember={profile.role !== null} />
          {profile.canEdit ? (
            <>
              <L to={`/organisations/${o.slug}/modifier`} className="btn">{t("profile.edit")}</L>
              <L to={`/organisations/${o.slug}/membres`} className="btn-secondary">{t("profile.members")}</L>
            </>
          ) : null}
          {o.kind === "cooperative" && profile.role !== null ? (
            <L to={`/organisations/${o.slug}/produits`} className="btn-secondary">{t("catalog.title")}</L>
          ) : null}
          {profile.role !== null ? <L to={`/organisations/${o.slug}/documents`} className="btn-secondary">{t("vault.link")}</L> : null}
          {inProgramme ? <L to={`/organisations/${o.slug}/accompagnement`} className="btn-secondary">{t("incubation.record.title")}</L> : null}
          {shopLinks ? (
            <>
              <L to={`/organisations/${o.slug}/commandes`} className="btn-secondary">
                {t("shop.links.orders")}
                {shopLinks.toConfirm > 0 ? <span className="badge bg-brand-700 text-white">{t("shop.links.toConfirm", { count: formatNumber(shopLinks.toConfirm, locale) })}</span> : null}
              </L>
              {shopLinks.ledger ? <L to={`/organisations/${o.slug}/releve`} className="btn-secondary">{t("shop.links.ledger")}</L> : null}
              {shopLinks.terms ? <L to={`/organisations/${o.slug}/boutique/conditions`} className="btn-secondary">{t("shop.links.terms")}</L> : null}
            </>
          ) : null}
          {tandems?.list ? (
            <L to={tandems.list} className="btn-secondary">
              {t("tandems.list.link")}
              {tandems.awaiting > 0 ? <span className="badge ms-2 bg-brand-700 text-white">{t("tandems.list.awaitingBadge", { count: formatNumber(tandems.awaiting, locale) })}</span> : null}
            </L>
          ) : null}
          {tandems?.propose ? <L to={tandems.propose} className="btn">{t("tandems.propose.link")}</L> : null}
        </div>
      </header>

      {descriptions.length > 0 ? (
        <section className="card space-y-3" aria-labelledby="about-h">
          <h2 id="about-h" className="text-lg font-semibold">{t("profile.about")}</h2>
          {descriptions.map((d) => (
            <p key={d.lang} lang={d.lang} dir={d.lang === "ar" ? "rtl" : "ltr"} className="whitespace-pre-line">
              {d.text}
            </p>
          ))}
        </section>
      ) : null}

      {o.needs.length || o.needsText || o.offers.length || o.offersText ? (
        <div className="grid gap-6 md:grid-cols-2">
          {(["needs", "offers"] as const).map((field) =>
            o[field].length || o[`${field}Text`] ? (
              <section key={field} className="card" aria-labelledby={`${field}-h`}>
                <h2 id={`${field}-h`} className="text-lg font-semibold">{t(`profile.${field}`)}</h2>
                <ul className="mt-2 flex flex-wrap gap-2">
                  {o[field].map((x) => (
                    <li key={x} className="badge bg-brand-50 text-brand-800">{t(`skills.${x}` as never)}</li>
                  ))}
                </ul>
                {o[`${field}Text`] ? <p className="mt-2 whitespace-pre-line" dir="auto">{o[`${field}Text`]}</p> : null}
              </section>
            ) : null,
          )}
        </div>
      ) : null}

      <div className="grid gap-6 md:grid-cols-2">
        <section className="card" aria-labelledby="facts-h">
          <h2 id="facts-h" className="text-lg font-semibold">{t("profile.facts")}</h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            {o.foundedYear ? (<><dt className="text-muted">{t("fields.foundedYear")}</dt><dd>{o.foundedYear}</dd></>) : null}
            {o.membersCount !== null ? (<><dt className="text-muted">{t(o.kind === "company" ? "fields.employeesCount" : "fields.membersCount")}</dt><dd>{formatNumber(o.membersCount, locale)}</dd></>) : null}
            {o.themes.length ? (<><dt className="text-muted">{t("fields.themes")}</dt><dd>{o.themes.map((x) => t(`themes.${x}` as never)).join(", ")}</dd></>) : null}
            {o.sectors.length ? (<><dt className="text-muted">{t("fields.sectors")}</dt><dd>{o.sectors.map((x) => t(`sectors.${x}` as never)).join(", ")}</dd></>) : null}
            {profile.identifiers.map((i) => (
              <div key={i.id} className="contents">
                <dt className="text-muted">{t(`identifiers.${i.type}`)}</dt>
                <dd dir="ltr" className="text-start">{i.value}</dd>
              </div>
            ))}
          </dl>
        </section>

        <section className="card" aria-labelledby="contact-h">
          <h2 id="contact-h" className="text-lg font-semibold">{t("profile.contact")}</h2>
          <ul className="mt-2 space-y-2">
            {o.phone ? (<li><a href={`tel:${o.phone}`} dir="ltr" className="inline-flex min-h-6 items-center">{phoneLabel}</a></li>) : null}
            {whatsappHref ? (<li><a href={whatsappHref} rel="noopener noreferrer" target="_blank">{t("profile.whatsapp")}</a></li>) : null}
            {o.email ? (<li><a href={`mailto:${o.email}`} dir="ltr">{o.email}</a></li>) : null}
            {o.website ? (<li><a href={o.website} rel="noopener noreferrer ugc" target="_blank" dir="ltr">{o.website.replace(/^https?:\/\//, "")}</a></li>) : null}
            {!o.phone && !o.whatsapp && !o.email && !o.website ? <li className="text-muted">{t("profile.noContact")}</li> : null}
          </ul>
        </section>
      </div>

      {networkMembers ? <NetworkMembers slug={o.slug} members={networkMembers} /> : null}

      {profile.networks.length ? (
        <section className="card" aria-labelledby="networks-h">
          <h2 id="networks-h" className="text-lg font-semibold">{t("profile.networks")}</h2>
          <ul className="mt-2 space-y-1">
            {profile.networks.map((n) => (
              <li key={n.slug}><L to={`/organisations/${n.slug}`} className="inline-flex min-h-6 items-center">{locale === "ar" && n.nameAr ? n.nameAr : n.name}</L></li>
            ))}
          </ul>
        </section>
      ) : null}

      {fit ? <PartnerFit slug={o.slug} from={fit.from} reasons={fit.reasons} /> : null}

      {suggestions ? (
        <SuggestedPartners
          slug={o.slug}
          suggestions={suggestions.suggestions}
          more={suggestions.more}
          canEdit={profile.canEdit}
          proposeFrom={tandems?.manage ? { slug: o.slug, kind: o.kind } : null}
        />
      ) : null}

      <p className="text-sm">
        {signedIn ? (
          <L to={`/signaler?organisation=${o.slug}`}>{t("profile.report")}</L>
        ) : (
          <L to={`/connexion?redirectTo=${encodeURIComponent(`/signaler?organisation=${o.slug}`)}`}>{t("profile.report")}</L>
        )}
      </p>
    </article>
  );
}
