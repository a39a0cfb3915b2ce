import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { resolveLocale } from "~/i18n/locale.server";
import { csvResponse } from "~/lib/csv.server";
import { load } from "~/lib/http.server";
import { requireUser } from "~/modules/accounts/session.server";
import { ledgerCsv } from "~/modules/orders/dashboard.server";

/** The cooperative's whole statement as a CSV file, for its owners and admins (and platform admins). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { csv, fileName } = await load(() => ledgerCsv({ db, actor: user, slug: params.slug ?? "", locale: resolveLocale(request) }));
  return csvResponse(csv, fileName);
}
