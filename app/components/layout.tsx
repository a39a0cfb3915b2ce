import { Form, useLocation } from "@remix-run/react";
import { LANGUAGE_NAMES, LOCALES } from "~/i18n/i18n";
import { L, useLocale, useRootData, useT } from "./i18n";
import { CartLink } from "./cart";
import { InboxLink } from "./messages";

function LanguageSwitcher() {
  const locale = useLocale();
  const location = useLocation();
  const t = useT();
  return (
    <nav aria-label={t("nav.language")} className="flex items-center gap-1 text-sm">
      {LOCALES.map((lang) => {
        const params = new URLSearchParams(location.search);
        params.set("lang", lang);
        return (
          <a
            key={lang}
            href={`${location.pathname}?${params.toString()}`}
            hrefLang={lang}
            lang={lang}
            aria-current={lang === locale ? "true" : undefined}
            className={`inline-flex min-h-8 min-w-8 items-center justify-center rounded px-2 no-underline ${
              lang === locale ? "bg-brand-700 text-white" : "text-brand-700 hover:bg-brand-50"
            }`}
          >
            {LANGUAGE_NAMES[lang]}
          </a>
        );
      })}
    </nav>
  );
}

function OrganizationSwitcher() {
  const data = useRootData();
  const t = useT();
  const viewer = data?.viewer;
  if (!viewer || viewer.organizations.length === 0) return null;
  return (
    <details className="relative">
      <summary className="flex min-h-11 cursor-pointer items-center rounded-lg border border-line bg-white px-3 text-sm">
        <span className="sr-only">{t("nav.currentOrganization")}: </span>
        {viewer.activeOrganization?.name}
      </summary>
      <div className="absolute end-0 z-20 mt-1 w-72 rounded-lg border border-line bg-white p-2 shadow-lg">
        <ul className="space-y-1">
          {viewer.organizations.map((org) => (
            <li key={org.id}>
              <Form method="post" action="/organisations/active">
                <input type="hidden" name="slug" value={org.slug} />
                <button
                  type="submit"
                  className="block min-h-11 w-full rounded px-2 py-1 text-start hover:bg-brand-50"
                  aria-current={org.slug === viewer.activeOrganization?.slug ? "true" : undefined}
                >
                  {org.name}
                  <span className="block text-xs text-muted">
                    {t(`kinds.${org.kind}`)} · {t(`roles.${org.role}`)}
                  </span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <L to="/organisations/nouvelle" className="mt-2 block min-h-11 rounded px-2 py-2 text-sm no-underline hover:bg-brand-50">
          {t("nav.newOrganization")}
        </L>
      </div>
    </details>
  );
}

export function SiteHeader() {
  const data = useRootData();
  const t = useT();
  const viewer = data?.viewer;
  return (
    <header className="border-b border-line bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-2">
        <L to="/" className="text-2xl font-bold text-brand-700 no-underline">
          Tiwizi
        </L>
        <LanguageSwitcher />
      </div>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 pb-2">
        <nav aria-label={t("nav.main")}>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm font-medium">
            <li><L to="/marche" className="inline-flex min-h-11 items-center no-underline hover:underline">{t("nav.marketplace")}</L></li>
            <li><L to="/annuaire" className="inline-flex min-h-11 items-center no-underline hover:underline">{t("nav.directory")}</L></li>
            <li><L to="/tandems" className="inline-flex min-h-11 items-center no-underline hover:underline">{t("nav.tandems")}</L></li>
            <li><L to="/siraj" className="inline-flex min-h-11 items-center no-underline hover:underline">{t("nav.siraj")}</L></li>
            <li><L to="/evenements" className="inline-flex min-h-11 items-center no-underline hover:underline">{t("nav.events")}</L></li>
          </ul>
        </nav>
        <div className="flex flex-wrap items-center gap-2">
          <CartLink />
          <InboxLink />
          <OrganizationSwitcher />
          {viewer ? (
            <details className="relative">
              <summary className="flex min-h-11 cursor-pointer items-center rounded-lg px-3 text-sm font-medium">
                <span dir="auto">{viewer.user.name}</span>
              </summary>
              <div className="absolute end-0 z-20 mt-1 w-56 rounded-lg border border-line bg-white p-2 shadow-lg">
                <ul className="space-y-1 text-sm">
                  <li><L to="/compte" className="block min-h-11 rounded px-2 py-2 no-underline hover:bg-brand-50">{t("nav.account")}</L></li>
                  {viewer.organizations.length === 0 ? (
                    <li><L to="/organisations/nouvelle" className="block min-h-11 rounded px-2 py-2 no-underline hover:bg-brand-50">{t("nav.newOrganization")}</L></li>
                  ) : null}
                  {viewer.user.platformRole === "admin" ? (
                    <li><L to="/admin" className="block min-h-11 rounded px-2 py-2 no-underline hover:bg-brand-50">{t("nav.admin")}</L></li>
                  ) : null}
                  {viewer.juror ? (
                    <li><L to="/jury" className="block min-h-11 rounded px-2 py-2 no-underline hover:bg-brand-50">{t("jury.nav")}</L></li>
                  ) : null}
                  {viewer.user.platformRole ? (
                    <li><L to="/programme/tandems" className="block min-h-11 rounded px-2 py-2 no-underline hover:bg-brand-50">{t("programme.nav")}</L></li>
                  ) : null}
                  {viewer.user.platformRole ? (
                    <li><L to="/programme/appels" className="block min-h-11 rounded px-2 py-2 no-underline hover:bg-brand-50">{t("callsAdmin.nav")}</L></li>
                  ) : null}
                  {viewer.user.platformRole ? (
                    <li><L to="/programme/evenements" className="block min-h-11 rounded px-2 py-2 no-underline hover:bg-brand-50">{t("events.ops.nav")}</L></li>
                  ) : null}
                  {viewer.user.platformRole || viewer.coach ? (
                    <li><L to="/programme/incubation" className="block min-h-11 rounded px-2 py-2 no-underline hover:bg-brand-50">{t("incubation.nav")}</L></li>
                  ) : null}
                  <li>
                    <Form method="post" action="/deconnexion">
                      <button type="submit" className="block min-h-11 w-full rounded px-2 py-2 text-start text-brand-700 hover:bg-brand-50">
                        {t("nav.logout")}
                      </button>
                    </Form>
                  </li>
                </ul>
              </div>
            </details>
          ) : (
            <>
              <L to="/connexion" className="btn-secondary">{t("nav.login")}</L>
              <L to="/inscription" className="btn">{t("nav.signup")}</L>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

export function SiteFooter() {
  const t = useT();
  return (
    <footer className="mt-8 border-t border-line bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap gap-x-6 gap-y-2 px-4 py-6 text-sm text-muted">
        <p>{t("footer.tagline")}</p>
        <L to="/confidentialite">{t("footer.privacy")}</L>
        <L to="/conditions">{t("footer.terms")}</L>
      </div>
    </footer>
  );
}
