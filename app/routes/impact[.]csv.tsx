import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { csvDecimal, csvResponse, toCsv } from "~/lib/csv.server";
import { instantToMoroccoLocal } from "~/lib/morocco-time";
import { IMPACT_LICENCE, impactFigures, impactFilters, impactRows } from "~/modules/impact/impact.server";

/** The impact figures as CSV (open data): one line per figure, with its unit, the period, the region and the licence. */
export async function loader({ request }: LoaderFunctionArgs) {
  const filters = impactFilters(new URL(request.url).searchParams);
  const figures = await impactFigures(db, filters);
  const rows = [
    ["figure", "value", "unit", "from", "to", "region", "computed_at", "licence"],
    // Hours, shares and sums in MAD may have decimals: written with a decimal comma, as the semicolons promise.
    ...impactRows(figures).map((r) => [r.key, r.value === null ? null : csvDecimal(r.value), r.unit, filters.from, filters.to, filters.region, instantToMoroccoLocal(figures.computedAt).replace("T", " "), IMPACT_LICENCE.name]),
  ];
  return csvResponse(toCsv(rows), `tiwizi-impact-${filters.from ?? "debut"}-${filters.to ?? instantToMoroccoLocal(figures.computedAt).slice(0, 10)}${filters.region ? `-region-${filters.region}` : ""}.csv`);
}
