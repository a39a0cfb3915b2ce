import type { MetaFunction } from "@remix-run/node";
import { LegalPage } from "~/components/legal";
import { pageTitle } from "~/lib/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "legal.terms.title");
export const handle = { hydrate: false };

export default function Terms() {
  return <LegalPage prefix="legal.terms" paragraphs={["service", "accounts", "organisations", "content", "reports", "liability", "law"]} />;
}
