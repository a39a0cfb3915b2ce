import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useLocale, useT } from "~/components/i18n";
import { PrintStyles } from "~/components/print";
import { hoursText } from "~/components/tandem-sessions";
import { Time } from "~/components/time";
import type { MessageKey } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { absolute } from "~/modules/orders/notify.server";
import { orgName } from "~/modules/orders/format";
import { verifyCertificate } from "~/modules/tandems/certificates.server";
import { certificatePath } from "~/modules/tandems/paths";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "certificates.pageTitle", { name: args.data?.holderName ?? "" }),
  { name: "robots", content: "noindex" },
];

// A printed page and a public check: nothing to run in the browser.
export const handle = { hydrate: false };

/** Anyone with the code sees the certificate and that Tiwizi issued it; an unknown code is a plain 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const cert = await load(() => verifyCertificate(db, params.code ?? ""));
  return { ...cert, verifyUrl: absolute(certificatePath(cert.code), resolveLocale(request)) };
}

export default function Certificate() {
  const t = useT();
  const locale = useLocale();
  const c = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PrintStyles sheet="certificate-sheet" />
      <p role="status" className="rounded-lg border border-ok bg-white p-3 font-semibold text-ok print:hidden">
        {t("certificates.genuine", { number: c.number })}
      </p>
      <article className="certificate-sheet card space-y-5 text-center text-ink print:border-0 print:shadow-none">
        <header className="space-y-1">
          <p className="text-sm uppercase tracking-wide text-muted">Tiwizi</p>
          <h1 className="text-2xl font-bold">{t("certificates.heading")}</h1>
          <p className="text-sm">{t("certificates.number", { number: c.number })}</p>
        </header>
        <section className="space-y-2">
          <p>{t("certificates.awardedTo")}</p>
          <p className="text-3xl font-bold" dir="auto">{c.holderName}</p>
          <p>
            {t(c.volunteer ? "certificates.volunteerText" : "certificates.companyText", {
              hours: hoursText(c.minutes, locale),
              company: orgName(c.company, locale),
              partner: orgName(c.partner, locale),
            })}
          </p>
          <p className="font-semibold">{c.skills.map((s) => t(`skills.${s}` as MessageKey)).join(" · ")}</p>
          <p>
            <Time value={`${c.startDate}T12:00:00Z`} /> → <Time value={`${c.endDate}T12:00:00Z`} />
          </p>
        </section>
        <section className="space-y-1 border-t border-line pt-3 text-sm">
          <p>
            {t("certificates.issued")} <Time value={c.issuedAt} />
          </p>
          <p>{t("certificates.verifyAt")}</p>
          <p dir="ltr" className="break-all font-mono">{c.verifyUrl}</p>
        </section>
      </article>
      <p className="text-sm text-muted print:hidden">{t("certificates.printHint")}</p>
      <p className="print:hidden">
        <L to="/tandems">{t("certificates.about")}</L>
      </p>
    </div>
  );
}
