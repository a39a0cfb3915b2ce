import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { db } from "../../db/client";
import { L, useHref, useLocale, useT } from "~/components/i18n";
import { Time } from "~/components/time";
import { useOrgName } from "~/components/messages";
import { formatNumber, type MessageKey } from "~/i18n/i18n";
import { DomainError } from "~/lib/errors.server";
import { formFailure, hrefFor, isMultipart, load, readUpload } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { IMPORT_COLUMNS, REQUIRED_COLUMNS } from "~/modules/catalog/csv-import";
import { createCatalogImport, ImportFileError, listCatalogImports, MAX_IMPORT_BYTES } from "~/modules/catalog/csv-import.server";
import { cooperativeFor } from "~/modules/catalog/products.server";
import { PRODUCT_CATEGORIES } from "../../db/schema/enums";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "imports.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const own = await load(() => listCatalogImports({ db, actor: user, cooperativeSlug: params.slug ?? "" }));
  return { ...own, required: REQUIRED_COLUMNS, maxBytes: MAX_IMPORT_BYTES };
}

/** The upload: read, checked and kept as a preview in one go, then the preview page. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  let id: string;
  try {
    // Who may import is checked before the file is read.
    await cooperativeFor(db, user, slug);
    if (!isMultipart(request)) throw new DomainError(400, "imports.errors.missing");
    const file = await readUpload(request, { field: "file", maxBytes: MAX_IMPORT_BYTES, tooLarge: "imports.errors.tooLarge", missing: "imports.errors.missing" });
    id = await createCatalogImport({ db, actor: user, cooperativeSlug: slug, fileName: file.name, bytes: file.bytes });
  } catch (error) {
    if (error instanceof ImportFileError) {
      return data({ messageKey: error.messageKey as string | null, vars: error.vars, details: error.details as { key: string; vars?: Record<string, string | number> }[] }, { status: 400 });
    }
    const failure = formFailure(error);
    return data({ messageKey: failure.data.messageKey, vars: {}, details: [] }, failure.init ?? undefined);
  }
  throw redirect(hrefFor(request, `/organisations/${slug}/produits/import/${id}`));
}

export default function ImportUpload() {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const orgName = useOrgName();
  const { cooperative, imports, required, maxBytes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const fileId = useId();
  const base = `/organisations/${cooperative.slug}/produits`;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <L to={base}><span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("imports.back")}</L>
      </p>
      <header>
        <h1 className="text-2xl font-bold">{t("imports.title")}</h1>
        <p className="mt-1 text-muted">{orgName(cooperative)}</p>
        <p className="mt-2">{t("imports.intro")}</p>
      </header>

      <section className="card space-y-4" aria-labelledby="upload-h">
        <h2 id="upload-h" className="text-lg font-semibold">{t("imports.link")}</h2>
        <div>
          <a href={href(`${base}/modele.csv`)} download className="btn-secondary">{t("imports.template")}</a>
          <p className="mt-2 text-sm text-muted">{t("imports.templateHint")}</p>
        </div>
        {actionData?.messageKey ? (
          <div role="alert" className="rounded-lg border border-danger/40 bg-white p-3 text-danger">
            <p>{t(actionData.messageKey as MessageKey, actionData.vars)}</p>
            {actionData.details.length ? (
              <ul className="mt-1 list-disc ps-5">
                {actionData.details.map((d) => (
                  <li key={d.key} dir="auto">{t(d.key as MessageKey, d.vars)}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <Form method="post" encType="multipart/form-data" className="space-y-4">
          <div>
            <label htmlFor={fileId} className="label">{t("imports.file")}</label>
            <input
              id={fileId}
              type="file"
              name="file"
              required
              accept=".csv,.txt,text/csv,text/plain"
              className="input"
              aria-invalid={actionData?.messageKey ? true : undefined}
              // Said before sending: past the server's request limit the answer could not be translated.
              onChange={(e) => e.currentTarget.setCustomValidity((e.currentTarget.files?.[0]?.size ?? 0) > maxBytes ? t("imports.errors.tooLarge") : "")}
            />
          </div>
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>{t("imports.upload")}</button>
        </Form>
      </section>

      {imports.length ? (
        <section className="card" aria-labelledby="recent-h">
          <h2 id="recent-h" className="text-lg font-semibold">{t("imports.recent")}</h2>
          <ul className="mt-2 divide-y divide-line">
            {imports.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-3">
                <L to={`${base}/import/${i.id}`} className="basis-full break-all font-medium"><bdi>{i.fileName}</bdi></L>
                <span className="text-sm text-muted"><Time value={i.createdAt} withTime /></span>
                <span className="badge bg-brand-50 text-brand-800">{t(`imports.status.${i.status}` as MessageKey)}</span>
                <span className="text-sm text-muted">
                  {t("imports.summary", { total: formatNumber(i.totalRows, locale), valid: formatNumber(i.validRows, locale), invalid: formatNumber(i.totalRows - i.validRows, locale) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <details className="card">
        <summary className="cursor-pointer text-lg font-semibold text-brand-700">{t("imports.columnsHeading")}</summary>
        <dl className="mt-2 divide-y divide-line">
          {IMPORT_COLUMNS.map((c) => (
            <div key={c} className="py-2 sm:grid sm:grid-cols-[12rem_1fr] sm:gap-3">
              <dt className="font-mono text-sm font-semibold">
                <bdi>{c}</bdi>
                {required.includes(c) ? <span className="ms-2 badge bg-sand font-sans font-normal">{t("imports.required")}</span> : null}
              </dt>
              <dd className="text-sm">{t(`imports.columns.${c}` as MessageKey)}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-sm">{t("imports.categoriesHint")}</p>
        <ul className="mt-1 flex flex-wrap gap-2 text-sm">
          {PRODUCT_CATEGORIES.map((c) => (
            <li key={c} className="badge bg-sand">
              <bdi className="font-mono">{c}</bdi> · {t(`categories.${c}`)}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
