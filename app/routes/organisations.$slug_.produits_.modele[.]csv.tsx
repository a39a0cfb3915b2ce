import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { csvResponse } from "~/lib/csv.server";
import { load } from "~/lib/http.server";
import { requireUser } from "~/modules/accounts/session.server";
import { templateCsv } from "~/modules/catalog/csv-import.server";
import { cooperativeFor } from "~/modules/catalog/products.server";

/** The import template: the columns and one example row, UTF-8 with a BOM and semicolons for Excel. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await load(() => cooperativeFor(db, user, params.slug ?? ""));
  return csvResponse(templateCsv(), "modele-produits-tiwizi.csv");
}
