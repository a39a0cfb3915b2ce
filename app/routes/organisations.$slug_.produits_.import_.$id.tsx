import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, useLocation, useRevalidator } from "@remix-run/react";
import { useEffect, useId } from "react";
import { db } from "../../db/client";
import { FormMessage } from "~/components/form";
import { L, useErrorText, useHref, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { formatNumber, type MessageKey } from "~/i18n/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { IMPORT_COLUMNS, ROW_ERROR, ROW_FILTERS, type RowFilter } from "~/modules/catalog/csv-import";
import { getCatalogImport, queueCatalogImport } from "~/modules/catalog/csv-import.server";
import type { loader as progressLoader } from "./organisations.$slug_.produits_.import_.$id_.progression";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "imports.heading", { file: args.data?.import.fileName ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const filter = (ROW_FILTERS as readonly string[]).includes(url.searchParams.get("rows") ?? "") ? (url.searchParams.get("rows") as RowFilter) : "all";
  const page = Number(url.searchParams.get("page") ?? 1);
  const found = await load(() => getCatalogImport({ db, actor: user, cooperativeSlug: params.slug ?? "", importId: params.id ?? "", filter, page }));
  const { import: imp, ...rest } = found;
  return {
    ...rest,
    import: {
      id: imp.id,
      fileName: imp.fileName,
      encoding: imp.encoding,
      delimiter: imp.delimiter,
      status: imp.status,
      totalRows: imp.totalRows,
      validRows: imp.validRows,
      importedRows: imp.importedRows,
      error: imp.error,
    },
  };
}

/** "Import the valid rows": queued, and the job enqueued in the same transaction. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const target = { db, actor: user, cooperativeSlug: params.slug ?? "", importId: params.id ?? "" };
  const formData = await request.formData();
  if (formData.get("intent") !== "run") return invalid({ ok: false, errors: { intent: ["errors.invalid"] }, values: {} });
  try {
    await queueCatalogImport(target);
  } catch (error) {
    return formFailure(error);
  }
  throw redirectWithFlash(hrefFor(request, `/organisations/${target.cooperativeSlug}/produits/import/${target.importId}`), "imports.queued");
}

const DELIMITERS: Record<string, "semicolon" | "comma" | "tab"> = { ";": "semicolon", ",": "comma", "\t": "tab" };

/** While the job runs, asks for its progress every 2 s (a tiny request), then reloads the page once it ends. */
function useProgress(path: string, initial: { status: string; importedRows: number }) {
  const fetcher = useFetcher<typeof progressLoader>();
  const revalidator = useRevalidator();
  const active = initial.status === "queued" || initial.status === "running";
  const { load: loadProgress } = fetcher;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => loadProgress(path), 2000);
    return () => clearInterval(timer);
  }, [active, path, loadProgress]);
  const latest = fetcher.data;
  const ended = latest && latest.status !== initial.status && (latest.status === "done" || latest.status === "failed");
  const { revalidate } = revalidator;
  useEffect(() => {
    if (ended) revalidate();
  }, [ended, revalidate]);
  return active && latest ? latest : initial;
}

export default function ImportPreview() {
  const t = useT();
  const errorText = useErrorText();
  const locale = useLocale();
  const href = useHref();
  const location = useLocation();
  const { cooperative, import: imp, counts, rows, filter, page, pageCount } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/organisations/${cooperative.slug}/produits`;
  const here = `${base}/import/${imp.id}`;
  const progress = useProgress(`${here}/progression`, imp);
  const progressId = useId();
  const n = (value: number) => formatNumber(value, locale);
  const withQuery = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) params.delete(k);
      else params.set(k, v);
    }
    params.delete("lang");
    const query = params.toString();
    return `${here}${query ? `?${query}` : ""}`;
  };
  const invalidCount = counts.invalid;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="flex flex-wrap gap-x-4 gap-y-1">
        <L to={base}><span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("imports.back")}</L>
        <L to={`${base}/import`}>{t("imports.backToUpload")}</L>
      </p>
      <header className="space-y-1">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="min-w-0 flex-1 break-words text-2xl font-bold">{t("imports.heading", { file: imp.fileName })}</h1>
          <span className="badge bg-brand-50 text-brand-800">{t(`imports.status.${progress.status}` as MessageKey)}</span>
        </div>
        <p>{t("imports.summary", { total: n(imp.totalRows), valid: n(imp.validRows), invalid: n(imp.totalRows - imp.validRows) })}</p>
        <p className="text-sm text-muted">
          {t("imports.fileInfo", {
            encoding: t(`imports.encodings.${imp.encoding}` as MessageKey),
            delimiter: t(`imports.delimiters.${DELIMITERS[imp.delimiter] ?? "semicolon"}` as MessageKey),
          })}
        </p>
      </header>
      <FormMessage messageKey={actionData?.messageKey} />

      <section className="card space-y-3" aria-live="polite">
        {progress.status === "previewed" || progress.status === "failed" ? (
          <>
            {progress.status === "failed" ? <p role="alert" className="text-danger">{t("imports.failed")}</p> : null}
            {imp.validRows > 0 ? (
              <Form method="post" className="space-y-2">
                <input type="hidden" name="intent" value="run" />
                <button type="submit" className="btn">
                  {progress.status === "failed" ? t("imports.retry") : imp.validRows === 1 ? t("imports.runOne") : t("imports.run", { count: n(imp.validRows) })}
                </button>
                <p className="text-sm text-muted">{t("imports.runHint")}</p>
              </Form>
            ) : (
              <p>{t("imports.nothingValid")}</p>
            )}
          </>
        ) : null}
        {progress.status === "queued" || progress.status === "running" ? (
          <div className="space-y-2">
            <label htmlFor={progressId} className="label">{t("imports.progressLabel")}</label>
            <progress id={progressId} className="h-3 w-full accent-brand-700" max={Math.max(1, imp.validRows)} value={progress.importedRows}>
              {t("imports.progress", { done: n(progress.importedRows), total: n(imp.validRows) })}
            </progress>
            <p>{t("imports.progress", { done: n(progress.importedRows), total: n(imp.validRows) })}</p>
            <p>
              <L to={withQuery({})} reloadDocument>{t("imports.refresh")}</L>
            </p>
          </div>
        ) : null}
        {progress.status === "done" ? (
          <p role="status" className="text-ok">
            {t("imports.done", { count: n(progress.importedRows) })} <L to={base}>{t("imports.back")}</L>
          </p>
        ) : null}
      </section>

      {invalidCount > 0 ? (
        <section className="card space-y-2" aria-labelledby="fix-h">
          <h2 id="fix-h" className="text-lg font-semibold">{t("imports.toFix")}</h2>
          <p>
            <a href={href(`${here}/erreurs.csv`)} download className="btn-secondary">{t("imports.downloadInvalid", { count: n(invalidCount) })}</a>
          </p>
          <p className="text-sm text-muted">{t("imports.fixHint")}</p>
        </section>
      ) : null}

      <section aria-labelledby="rows-h" className="space-y-3">
        <h2 id="rows-h" className="text-lg font-semibold">{t("imports.rowsHeading")}</h2>
        <nav aria-label={t("imports.filterLabel")} className="flex flex-wrap gap-2">
          {ROW_FILTERS.map((f) => (
            <L
              key={f}
              to={withQuery({ rows: f === "all" ? null : f, page: null })}
              aria-current={f === filter ? "page" : undefined}
              className={`badge min-h-11 border no-underline ${f === filter ? "border-brand-700 bg-brand-700 text-white" : "border-line bg-white text-ink"}`}
            >
              {t(`imports.filters.${f}`, { count: n(counts[f]) })}
            </L>
          ))}
        </nav>
        {rows.length === 0 ? <p className="text-muted">{t("imports.noRows")}</p> : null}
        <ol className="space-y-3">
          {rows.map((row) => {
            const errors = row.errors as Record<string, string>;
            const cells = row.cells as Record<string, string>;
            const rowNote = errors[ROW_ERROR];
            return (
              <li key={row.rowNumber} className={`card p-3 sm:p-4 ${row.status === "invalid" ? "border-danger/50" : ""}`}>
                <div className="flex flex-wrap items-center gap-2">
                  <h3 className="flex-1 font-semibold">{t("imports.row", { number: n(row.rowNumber) })}</h3>
                  <span className={`badge ${row.status === "invalid" ? "bg-danger text-white" : row.status === "imported" ? "bg-ok text-white" : "bg-brand-50 text-brand-800"}`}>
                    {t(`imports.rowStatus.${row.status}` as MessageKey)}
                  </span>
                </div>
                {rowNote ? <p className={`mt-1 text-sm ${row.status === "invalid" ? "text-danger" : "text-muted"}`}>{errorText(rowNote)}</p> : null}
                <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-2">
                  {IMPORT_COLUMNS.filter((c) => cells[c] || errors[c]).map((c) => (
                    <div key={c} className={errors[c] ? "rounded-md border-s-4 border-danger bg-danger/5 py-1 ps-2" : "py-1"}>
                      <dt className="font-mono text-xs text-muted"><bdi>{c}</bdi></dt>
                      <dd className="whitespace-pre-line break-words"><bdi>{cells[c] || "—"}</bdi></dd>
                      {errors[c] ? <dd className="text-sm font-medium text-danger">{errorText(errors[c])}</dd> : null}
                    </div>
                  ))}
                </dl>
              </li>
            );
          })}
        </ol>
        <Pager page={page} pageCount={pageCount} href={(p) => withQuery({ page: String(p) })} />
      </section>
    </div>
  );
}
