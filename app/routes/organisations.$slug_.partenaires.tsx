import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useLocale, useT } from "~/components/i18n";
import { SuggestionList } from "~/components/suggestions";
import { load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { suggestPartners } from "~/modules/matching/suggestions.server";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, "suggestions.pageTitle", { name: args.data?.org.name ?? "" });

// Read-only: plain links, no client JavaScript needed.
export const handle = { hydrate: false };

const PAGE_LIMIT = 30;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { organization, suggestions } = await load(() => suggestPartners({ db, actor: user, slug: params.slug ?? "", limit: PAGE_LIMIT }));
  return { org: organization, suggestions };
}

export default function SuggestedPartnersPage() {
  const t = useT();
  const locale = useLocale();
  const { org, suggestions } = useLoaderData<typeof loader>();
  const name = locale === "ar" && org.nameAr ? org.nameAr : org.name;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <L to={`/organisations/${org.slug}`}>{t("suggestions.back")}</L>
      </p>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("suggestions.pageTitle", { name })}</h1>
        <p className="text-muted">{t("suggestions.intro")}</p>
      </header>
      <section className="card">
        {suggestions.length ? <SuggestionList suggestions={suggestions} headingLevel="h2" proposeFrom={org.proposes ? { slug: org.slug, kind: org.kind } : null} /> : <p>{t("suggestions.empty")}</p>}
      </section>
    </div>
  );
}
