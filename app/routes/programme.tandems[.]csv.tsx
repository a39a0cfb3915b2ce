import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { getT } from "~/i18n/catalogs.server";
import { resolveLocale } from "~/i18n/locale.server";
import { csvResponse } from "~/lib/csv.server";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { parseProgrammeFilters, programmeCsv } from "~/modules/tandems/programme.server";

/** Every tandem of the programme view's filters, one line each, for a spreadsheet. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.programme");
  const filters = parseProgrammeFilters(new URL(request.url).searchParams);
  const csv = await programmeCsv({ db, actor: user, filters, t: getT(resolveLocale(request)) });
  return csvResponse(csv, `tandems-${new Date().toISOString().slice(0, 10)}.csv`);
}
