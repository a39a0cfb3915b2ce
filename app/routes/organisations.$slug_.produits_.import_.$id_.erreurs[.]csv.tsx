import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { getT } from "~/i18n/catalogs.server";
import { resolveLocale } from "~/i18n/locale.server";
import { csvResponse } from "~/lib/csv.server";
import { load } from "~/lib/http.server";
import { requireUser } from "~/modules/accounts/session.server";
import { invalidRowsCsv } from "~/modules/catalog/csv-import.server";

/** The rows still to fix, with an "erreurs" column in the person's language, to correct and upload again. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const t = getT(resolveLocale(request));
  const { csv, fileName } = await load(() => invalidRowsCsv({ db, actor: user, cooperativeSlug: params.slug ?? "", importId: params.id ?? "", t }));
  return csvResponse(csv, fileName);
}
