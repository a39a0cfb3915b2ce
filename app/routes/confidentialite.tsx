import type { MetaFunction } from "@remix-run/node";
import { LegalPage } from "~/components/legal";
import { pageTitle } from "~/lib/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "legal.privacy.title");
export const handle = { hydrate: false };

export default function Privacy() {
  return <LegalPage prefix="legal.privacy" paragraphs={["who", "what", "why", "share", "keep", "rights", "contact"]} />;
}
