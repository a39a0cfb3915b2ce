import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { FormMessage } from "~/components/form";
import { Time } from "~/components/time";
import { L, useLocale, useT } from "~/components/i18n";
import { getT } from "~/i18n/catalogs.server";
import { formatList, formatNumber, localizeHref, type MessageKey } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { env } from "~/lib/env.server";
import { ConflictError } from "~/lib/errors.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formFailure, hrefFor, load } from "~/lib/http.server";
import { seo, seoTags } from "~/lib/seo";
import { getViewer } from "~/modules/accounts/viewer.server";
import { requireUser } from "~/modules/accounts/session.server";
import { applyContext, startApplication } from "~/modules/calls/applications.server";
import { applicationPath } from "~/modules/calls/rules";
import { getPublicCall } from "~/modules/calls/calls.server";
import { orgName } from "~/modules/orders/format";

// A call's page (issue 6, items 1–2): what it is, when it closes (Morocco time), the grid the jury will
// use, the documents to provide, and for the viewer's organisation its application or the way to start one.

export const meta: MetaFunction<typeof loader> = ({ data }) => seoTags(data);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  const viewer = await getViewer(request);
  const actor = viewer ? { id: viewer.user.id, platformRole: viewer.user.platformRole } : null;
  const page = await load(() => getPublicCall(db, { actor, code: params.code ?? "" }));
  const context = await applyContext(db, { actor, call: page.call, activeSlug: viewer?.activeOrganization?.slug ?? null });
  const name = locale === "ar" ? page.call.titleAr : page.call.titleFr;
  const description = (locale === "ar" ? page.call.descriptionAr : page.call.descriptionFr).slice(0, 300);
  const url = `${env().appUrl}${localizeHref(`/appels/${page.call.code}`, locale)}`;
  const t = getT(locale);
  return {
    ...page,
    context,
    seo: seo({ type: "website", name: `${name} · ${t("calls.public.title")}`, description, url, image: null, locale, jsonLd: { "@context": "https://schema.org", "@type": "WebPage", name, description, url } }),
  };
}

/** Starting the active organisation's application, then its first step. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const viewer = await getViewer(request);
  const slug = viewer?.activeOrganization?.slug;
  try {
    if (!slug) throw new ConflictError("calls.errors.noOrganization");
    const application = await startApplication({ db, actor: user, callCode: params.code ?? "", slug });
    throw redirectWithFlash(hrefFor(request, applicationPath(application.reference)), "calls.apply.started");
  } catch (error) {
    if (error instanceof Response) throw error;
    return formFailure(error);
  }
}

export default function CallPage() {
  const t = useT();
  const locale = useLocale();
  const { call, grid, requirements, state, context } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const ar = locale === "ar";
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <p>
        <L to="/appels">
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("calls.public.title")}
        </L>
      </p>
      <header className="space-y-2">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="badge bg-brand-50 text-brand-800">{t(`calls.state.${state}` as MessageKey)}</span>
          <span className="badge bg-brand-50 text-brand-800">{t(`calls.kind.${call.kind}` as MessageKey)}</span>
          <span dir="ltr" className="text-muted">{call.code}</span>
        </p>
        <h1 className="text-2xl font-bold">{ar ? call.titleAr : call.titleFr}</h1>
        <p className="whitespace-pre-line">{ar ? call.descriptionAr : call.descriptionFr}</p>
      </header>

      <section className="card space-y-2" aria-labelledby="dates-h">
        <h2 id="dates-h" className="text-lg font-semibold">{t("calls.page.dates")}</h2>
        <dl className="grid gap-x-3 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="text-muted">{t("calls.page.opensAt")}</dt>
          <dd><Time value={call.opensAt} withTime /></dd>
          <dt className="text-muted">{t("calls.page.closesAt")}</dt>
          <dd className="font-semibold"><Time value={call.closesAt} withTime /></dd>
          <dt className="text-muted">{t("calls.page.audience")}</dt>
          <dd>{formatList(call.audience.map((k) => t(`kinds.${k}` as MessageKey)), locale)}</dd>
          <dt className="text-muted">{t(call.kind === "label" ? "calls.page.laureates" : "calls.page.seats")}</dt>
          <dd>{formatNumber(call.seats, locale)}</dd>
          {call.labelValidityMonths ? (
            <>
              <dt className="text-muted">{t("calls.page.validity")}</dt>
              <dd>{t("calls.page.months", { n: formatNumber(call.labelValidityMonths, locale) })}</dd>
            </>
          ) : null}
        </dl>
        <p className="text-sm text-muted">{t("calls.page.moroccoTime")}</p>
      </section>

      <section className="card space-y-3" aria-labelledby="apply-h">
        <h2 id="apply-h" className="text-lg font-semibold">{t("calls.page.apply")}</h2>
        <FormMessage messageKey={actionData?.messageKey} />
        {!context ? (
          <p>{t("calls.page.signInToApply")}</p>
        ) : context.application ? (
          <p>
            <L to={applicationPath(context.application.reference)} className="btn">
              {t("calls.page.openApplication", { reference: context.application.reference })}
            </L>
          </p>
        ) : context.refusal ? (
          <p>{t(context.refusal)}</p>
        ) : context.canApply ? (
          <Form method="post">
            <button type="submit" className="btn">{t("calls.page.start", { organization: orgName(context.organization, locale) })}</button>
          </Form>
        ) : (
          <p>{t("calls.page.managersApply")}</p>
        )}
      </section>

      <section className="card space-y-3" aria-labelledby="grid-h">
        <h2 id="grid-h" className="text-lg font-semibold">{t("calls.page.grid")}</h2>
        <ol className="space-y-3">
          {grid.map((section) => (
            <li key={section.id} className="space-y-1">
              <h3 className="font-semibold">
                {ar ? section.titleAr : section.titleFr} <span className="text-muted">· {t("calls.page.points", { n: formatNumber(section.weight, locale) })}</span>
              </h3>
              <ul className="space-y-1 ps-4">
                {section.criteria.map((c) => (
                  <li key={c.id}>
                    {ar ? c.titleAr : c.titleFr}
                    {(ar ? c.guidanceAr : c.guidanceFr) ? <p className="text-sm text-muted">{ar ? c.guidanceAr : c.guidanceFr}</p> : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>

      {requirements.length ? (
        <section className="card space-y-2" aria-labelledby="docs-h">
          <h2 id="docs-h" className="text-lg font-semibold">{t("calls.page.documents")}</h2>
          <ul className="space-y-1">
            {requirements.map((r) => (
              <li key={r.id}>
                {ar ? r.labelAr : r.labelFr}
                <span className="text-sm text-muted">
                  {" "}
                  · {formatList(r.formats.map((f) => f.toUpperCase()), locale)} · {t("calls.page.maxSize", { n: formatNumber(Math.round((r.maxBytes / 1024 / 1024) * 10) / 10, locale) })}
                  {r.required ? "" : ` · ${t("calls.page.optional")}`}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
