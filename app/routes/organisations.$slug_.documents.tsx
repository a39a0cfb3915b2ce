import {
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { DOCUMENT_KINDS } from "../../db/schema/enums";
import { Field, FormMessage, Select, valueOf } from "~/components/form";
import { L, useHref, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { Time } from "~/components/time";
import { formatNumber, type MessageKey } from "~/i18n/i18n";
import { DomainError } from "~/lib/errors.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, isMultipart, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { MAX_DOCUMENT_BYTES } from "~/modules/calls/call-schemas";
import { documentSchema } from "~/modules/calls/documents";
import { assertCanManageVault, deleteDocument, listDocuments, uploadDocument } from "~/modules/calls/vault.server";
import { localName } from "~/modules/orders/format";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "vault.title", { organization: args.data?.org.name ?? "" }),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1") || 1;
  const vault = await load(() => listDocuments({ db, actor: user, slug: params.slug ?? "", page }));
  return {
    org: { slug: vault.org.slug, name: vault.org.name, nameAr: vault.org.nameAr },
    canManage: vault.canManage,
    documents: vault.documents.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
    page: vault.page,
    pageCount: vault.pageCount,
  };
}

/** The upload form's fields and its one file, read into memory up to the vault's limit. */
async function readDocumentForm(request: Request) {
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_DOCUMENT_BYTES }));
  } catch {
    throw new DomainError(400, "vault.errors.fileTooLarge");
  }
  const file = formData.get("file");
  formData.delete("file");
  return { formData, file: file instanceof Blob && file.size > 0 ? file : null };
}

/** Upload (multipart) or delete; a refusal comes back to this page with why, translated. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const here = hrefFor(request, `/organisations/${slug}/documents`);
  // Who may is checked before anything is read: an outsider is not found, a plain member is refused.
  await load(() => assertCanManageVault({ db, actor: user, slug }));
  if (!isMultipart(request)) {
    const formData = await request.formData();
    if (formData.get("intent") !== "delete") return formFailure(new DomainError(400, "vault.errors.fileMissing"), formValues(formData));
    try {
      await deleteDocument({ db, actor: user, slug, documentId: String(formData.get("documentId") ?? "") });
    } catch (error) {
      return formFailure(error);
    }
    throw redirectWithFlash(here, "vault.deleted");
  }
  let values: Record<string, string | string[]> = {};
  try {
    const { formData, file } = await readDocumentForm(request);
    values = formValues(formData);
    const fields = parseForm(documentSchema, formData);
    if (!fields.ok) return invalid(fields);
    if (!file) throw new DomainError(400, "vault.errors.fileMissing");
    await uploadDocument({
      db,
      actor: user,
      slug,
      kind: fields.data.kind,
      title: fields.data.title,
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName: file instanceof File ? file.name : "",
    });
  } catch (error) {
    return formFailure(error, values);
  }
  throw redirectWithFlash(here, "vault.uploaded");
}

export default function DocumentVault() {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const { org, canManage, documents, page, pageCount } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const name = localName({ fr: org.name, ar: org.nameAr }, locale);
  const base = `/organisations/${org.slug}/documents`;
  const size = (bytes: number) =>
    bytes < 1024 * 1024
      ? t("vault.kb", { n: formatNumber(Math.max(1, Math.round(bytes / 1024)), locale) })
      : t("vault.mb", { n: formatNumber(Math.round(bytes / (1024 * 1024 / 10)) / 10, locale) });
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <p>
        <L to={`/organisations/${org.slug}`}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> <span dir="auto">{name}</span>
        </L>
      </p>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold" dir="auto">{t("vault.title", { organization: name })}</h1>
        <p className="text-muted">{t("vault.intro")}</p>
      </header>
      <FormMessage messageKey={actionData?.messageKey} />

      {canManage ? (
        <section className="card" aria-labelledby="upload-h">
          <h2 id="upload-h" className="text-lg font-semibold">{t("vault.uploadTitle")}</h2>
          {/* A file upload: a full page submission, so it works without client JavaScript too. */}
          <Form method="post" encType="multipart/form-data" reloadDocument className="mt-3 space-y-3">
            <Select label={t("vault.kind")} name="kind" required defaultValue={valueOf(actionData, "kind", "")} errors={errors?.kind}>
              <option value="" disabled>{t("vault.chooseKind")}</option>
              {DOCUMENT_KINDS.map((kind) => (
                <option key={kind} value={kind}>{t(`calls.documentKind.${kind}` as MessageKey)}</option>
              ))}
            </Select>
            <Field label={t("vault.docTitle")} name="title" required minLength={2} maxLength={200} dir="auto" defaultValue={valueOf(actionData, "title")} hint={t("vault.docTitleHint")} errors={errors?.title} />
            <Field label={t("vault.file")} name="file" type="file" required accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx" hint={t("vault.fileHint")} errors={errors?.file} />
            <button type="submit" className="btn">{t("vault.upload")}</button>
          </Form>
        </section>
      ) : (
        <p className="text-sm text-muted">{t("vault.managersOnly")}</p>
      )}

      <section className="card" aria-labelledby="list-h">
        <h2 id="list-h" className="text-lg font-semibold">{t("vault.list")}</h2>
        {documents.length === 0 ? (
          <p className="mt-2 text-muted">{t("vault.empty")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-line">
            {documents.map((d) => (
              <li key={d.id} className="flex flex-wrap items-start justify-between gap-x-3 gap-y-2 py-3">
                <div className="min-w-0 flex-1 space-y-1 text-start">
                  <p className="font-semibold break-words" dir="auto">{d.title}</p>
                  <p className="text-sm">{t(`calls.documentKind.${d.kind}` as MessageKey)}</p>
                  <p className="text-sm text-muted">
                    <span className="sr-only">{t("vault.fileName")} </span>
                    <span className="break-all" dir="auto">{d.fileName}</span> · <span className="sr-only">{t("vault.size")} </span>
                    <span>{size(d.bytes)}</span> · {t("vault.uploadedOn")} <Time value={d.createdAt} />
                  </p>
                  {canManage && d.locked ? <p className="text-sm text-muted">{t("vault.locked")}</p> : null}
                </div>
                <div className="flex flex-wrap gap-2">
                  {/* A file download: a plain link, never a client-side navigation. */}
                  <a href={href(`/documents/${d.id}`)} className="btn-secondary" aria-label={t("vault.downloadLabel", { title: d.title })} download>
                    {t("vault.download")}
                  </a>
                  {canManage && !d.locked ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="documentId" value={d.id} />
                      <button type="submit" className="btn-secondary" aria-label={t("vault.deleteLabel", { title: d.title })}>{t("vault.delete")}</button>
                    </Form>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
        <Pager page={page} pageCount={pageCount} href={(p) => `${base}${p > 1 ? `?page=${p}` : ""}`} />
      </section>
    </div>
  );
}
