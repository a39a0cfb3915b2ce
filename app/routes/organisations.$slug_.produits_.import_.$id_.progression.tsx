import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { load } from "~/lib/http.server";
import { requireUser } from "~/modules/accounts/session.server";
import { getCatalogImportProgress } from "~/modules/catalog/csv-import.server";

/** How far an import's job is: what the preview page polls every 2 s while it runs. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return load(() => getCatalogImportProgress({ db, actor: user, cooperativeSlug: params.slug ?? "", importId: params.id ?? "" }));
}
