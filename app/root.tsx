import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  type ShouldRevalidateFunction,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { catalogs } from "~/i18n/catalogs.server";
import { pageCatalog } from "~/i18n/page-catalog.server";
import { dir, LOCALES, type MessageKey, translate } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { readFlash } from "~/lib/flash.server";
import { getViewer } from "~/modules/accounts/viewer.server";
import { countUnreadConversations } from "~/modules/messages/messages.server";
import { db } from "../db/client";
import { headerCartUnits } from "./modules/orders/cart.server";
import { useNonce } from "./components/nonce";
import { L, useT } from "./components/i18n";
import { SiteFooter, SiteHeader } from "./components/layout";
import stylesheet from "./tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// The title of pages that render no meta of their own (error pages).
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const status = isRouteErrorResponse(error) ? error.status : error ? 500 : 200;
  const key: MessageKey = status === 404 ? "errors.page404" : status === 403 ? "errors.page403" : "errors.page500";
  const title = data?.messages ? translate(data.messages, error ? key : "home.title") : "Tiwizi";
  return [{ title: `${title} · Tiwizi` }];
};

/**
 * Typing in the directory changes only the query string: the header, the viewer and the catalog stay as
 * they are, so each keystroke's request carries the results alone. A successful action, or another page,
 * reloads them. A refused action (4xx) changed nothing: under single fetch Remix hands this function
 * `defaultShouldRevalidate: true` whatever the status, so the refusal is checked here, saving a phone the
 * second request and leaving no reload in flight for the person's next click to interrupt.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, actionStatus, defaultShouldRevalidate }) => {
  if (formMethod && formMethod !== "GET") return actionStatus !== undefined && actionStatus >= 400 ? false : defaultShouldRevalidate;
  const samePage = currentUrl.pathname === nextUrl.pathname && currentUrl.searchParams.get("lang") === nextUrl.searchParams.get("lang");
  return samePage ? false : defaultShouldRevalidate;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  const viewer = await getViewer(request);
  const [unreadConversations, cartUnits] = await Promise.all([
    viewer ? countUnreadConversations(db, viewer.user.id) : 0,
    headerCartUnits(db, request, viewer?.user.id ?? null),
  ]);
  const flash = readFlash(request);
  return data(
    {
      locale,
      messages: pageCatalog(catalogs[locale], new URL(request.url).pathname, flash.message),
      viewer,
      unreadConversations,
      cartUnits,
      flash: flash.message,
    },
    flash.clear ? { headers: { "Set-Cookie": flash.clear } } : undefined,
  );
}

function Document({ children, locale }: { children: ReactNode; locale: "fr" | "ar" | "en" }) {
  const nonce = useNonce();
  const location = useLocation();
  // Pure content pages (handle.hydrate === false) ship no JavaScript: links and forms work without it.
  const hydrate = !useMatches().some((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
  const alternate = (lang: string) => {
    const params = new URLSearchParams(location.search);
    if (lang === "fr") params.delete("lang");
    else params.set("lang", lang);
    const query = params.toString();
    return `${location.pathname}${query ? `?${query}` : ""}`;
  };
  return (
    <html lang={locale} dir={dir(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#8a3b12" />
        {LOCALES.map((lang) => (
          <link key={lang} rel="alternate" hrefLang={lang} href={alternate(lang)} />
        ))}
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        {children}
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  return <Document locale={data?.locale ?? "fr"}>{children}</Document>;
}

export default function App() {
  const data = useRouteLoaderData<typeof loader>("root");
  const t = useT();
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        {t("nav.skip")}
      </a>
      <SiteHeader />
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6">
        {data?.flash ? (
          <p role="status" className="mb-4 rounded-lg border border-ok/40 bg-white p-3 text-ok">
            {t(data.flash as MessageKey)}
          </p>
        ) : null}
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}

const FALLBACK: Partial<Record<MessageKey, string>> = {
  "errors.page500": "Une erreur est survenue. Réessayez dans un instant.",
  "errors.pageHelp": "Si le problème persiste, écrivez-nous.",
  "nav.home": "Accueil",
};

export function ErrorBoundary() {
  const error = useRouteError();
  const translate = useT();
  // Without the root's data (it failed to load), the catalogs are unknown: French words still help.
  const t = (key: MessageKey) => (translate(key) === key ? FALLBACK[key] ?? FALLBACK["errors.page500"] : translate(key));
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key: MessageKey =
    status === 404 ? "errors.page404" : status === 403 ? "errors.page403" : status === 429 ? "errors.rateLimited" : "errors.page500";
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-10">
        <div className="card">
          <p className="text-sm font-semibold text-muted">{status}</p>
          <h1 className="mt-1 text-2xl font-bold">{t(key)}</h1>
          <p className="mt-3">{t("errors.pageHelp")}</p>
          <p className="mt-4">
            <L to="/" className="btn">
              {t("nav.home")}
            </L>
          </p>
        </div>
      </main>
      <SiteFooter />
    </>
  );
}
