import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { getT } from "~/i18n/catalogs.server";
import { resolveLocale } from "~/i18n/locale.server";
import { csvResponse } from "~/lib/csv.server";
import { load } from "~/lib/http.server";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { callIdByCode, scoresCsv } from "~/modules/calls/operations.server";

/** The jurors' submitted scores of the call, one line per juror and criterion, with their comments (issue 6, item 6). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.calls");
  const locale = resolveLocale(request);
  const call = await load(() => callIdByCode(db, user, params.code ?? ""));
  const csv = await scoresCsv({ db, actor: user, callId: call.id, t: getT(locale), locale });
  return csvResponse(csv, `notes-${call.code}.csv`);
}
