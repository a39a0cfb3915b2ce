import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useParams } from "@remix-run/react";
import { db } from "../../db/client";
import { FormMessage } from "~/components/form";
import { L, useT } from "~/components/i18n";
import { DomainError } from "~/lib/errors.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formFailure, hrefFor, isMultipart, load, readUpload } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { participantTandemId } from "~/modules/tandems/access.server";
import { MAX_FILE_BYTES } from "~/modules/tandems/running-schemas";
import { spacePath } from "~/modules/tandems/paths";
import { attachFile } from "~/modules/tandems/sessions.server";

export const meta: MetaFunction = (args) => [...pageTitle(args, "running.attachTitle"), { name: "robots", content: "noindex" }];

/** Nothing to show by itself: the session lives in the tandem's space. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  throw redirect(hrefFor(request, spacePath(params.number ?? "")));
}

/** One attachment to one session; on a refusal, this page says why and offers the form again. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // Who may attach is checked before the file is read.
  const tandemId = await load(() => participantTandemId(db, params.number ?? "", user));
  try {
    if (!isMultipart(request)) throw new DomainError(400, "running.errors.fileMissing");
    const file = await readUpload(request, { field: "file", maxBytes: MAX_FILE_BYTES, tooLarge: "running.errors.fileTooLarge", missing: "running.errors.fileMissing" });
    await attachFile({ db, actor: user, tandemId, sessionId: params.id ?? "", bytes: file.bytes, fileName: file.name });
  } catch (error) {
    const failure = formFailure(error);
    return data({ messageKey: failure.data.messageKey }, failure.init ?? undefined);
  }
  throw redirectWithFlash(hrefFor(request, spacePath(params.number ?? "")), "running.attached");
}

export default function AttachFile() {
  const t = useT();
  const { number = "", id = "" } = useParams();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("running.attachTitle")}</h1>
      <FormMessage messageKey={actionData?.messageKey} />
      <Form method="post" action={`/tandems/${number}/seances/${id}/fichiers`} encType="multipart/form-data" reloadDocument className="space-y-3">
        <label className="block">
          <span className="label">{t("running.attach")}</span>
          <input type="file" name="file" accept=".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx,.pptx,.odt,.ods" className="block" />
        </label>
        <p className="text-sm text-muted">{t("running.hints.files")}</p>
        <button type="submit" className="btn">{t("running.upload")}</button>
      </Form>
      <p>
        <L to={spacePath(number)}>{t("running.backToSpace")}</L>
      </p>
    </div>
  );
}
