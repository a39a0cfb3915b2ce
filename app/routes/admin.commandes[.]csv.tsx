import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { getT } from "~/i18n/catalogs.server";
import { resolveLocale } from "~/i18n/locale.server";
import { csvResponse, toCsv } from "~/lib/csv.server";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { ordersCsvRows, parseAdminOrderFilters } from "~/modules/orders/admin.server";

/** The orders of the admin list's filters, one line per cooperative's order, for a spreadsheet. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.orders");
  const filters = parseAdminOrderFilters(new URL(request.url).searchParams);
  const rows = await ordersCsvRows(db, user, filters, getT(resolveLocale(request)));
  const day = new Date().toISOString().slice(0, 10);
  return csvResponse(toCsv(rows), `commandes-${day}.csv`);
}
