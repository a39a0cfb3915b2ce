import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { load } from "~/lib/http.server";
import { requireUser } from "~/modules/accounts/session.server";
import { tandemIdByNumber } from "~/modules/tandems/access.server";
import { readAttachment } from "~/modules/tandems/sessions.server";

/**
 * A session's attachment, for the tandem's two sides only: always downloaded, never shown inline, never
 * cached by a shared cache, with the type its bytes were checked to be.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await load(async () => readAttachment({ db, actor: user, tandemId: await tandemIdByNumber(db, params.number ?? ""), fileId: params.fileId ?? "" }));
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
