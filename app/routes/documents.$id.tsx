import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { load } from "~/lib/http.server";
import { requireUser } from "~/modules/accounts/session.server";
import { readDocument } from "~/modules/calls/vault.server";

/**
 * A document of an organisation's private vault, for those allowed only (its members, the programme's
 * operators, the jurors of an application carrying it with no conflict declared); anyone else, or a guessed
 * id, is not found. Always downloaded, never shown inline, never cached by a shared cache, with the type its
 * bytes were checked to be.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await load(() => readDocument({ db, actor: user, documentId: params.id ?? "" }));
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
