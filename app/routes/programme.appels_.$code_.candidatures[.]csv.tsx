import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { getT } from "~/i18n/catalogs.server";
import { resolveLocale } from "~/i18n/locale.server";
import { csvResponse } from "~/lib/csv.server";
import { load } from "~/lib/http.server";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { applicationsCsv, callIdByCode } from "~/modules/calls/operations.server";

/** Every application of the call, one line each, with its screening, the jury's decision and its scores (issue 6, item 6). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.calls");
  const locale = resolveLocale(request);
  const call = await load(() => callIdByCode(db, user, params.code ?? ""));
  const csv = await applicationsCsv({ db, actor: user, callId: call.id, t: getT(locale), locale });
  return csvResponse(csv, `candidatures-${call.code}.csv`);
}
