import type { MetaFunction } from "@remix-run/node";
import { LegalPage } from "~/components/legal";
import { pageTitle } from "~/lib/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "orders.saleTerms.title");
export const handle = { hydrate: false };

export default function SaleTerms() {
  return <LegalPage prefix="orders.saleTerms" paragraphs={["sellers", "prices", "payment", "delivery", "withdrawal", "returns", "reviews", "disputes"]} />;
}
