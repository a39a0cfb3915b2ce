import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { organizations, searchDocuments, searchTerms } from "../db/schema";

/** Rewrites the search document of one organisation; call it in the transaction that changed it. */
export async function indexOrganization(tx: DbOrTx, organizationId: string) {
  const [o] = await tx.select().from(organizations).where(eq(organizations.id, organizationId));
  const id = `organization:${organizationId}`;
  if (!o) {
    await tx.delete(searchDocuments).where(eq(searchDocuments.id, id));
    return;
  }
  const doc = {
    id,
    type: "organization",
    refId: o.id,
    title: o.name,
    titleAr: o.nameAr,
    body: [o.city, o.descriptionFr, o.needsText, o.offersText].filter(Boolean).join("\n"),
    bodyAr: o.descriptionAr,
    kind: o.kind,
    regionCode: o.regionCode,
    themes: o.themes,
    sectors: o.sectors,
    needs: o.needs,
    offers: o.offers,
    labels: [],
    womenLed: o.womenLed,
    verified: o.verificationStatus === "verified",
    sortName: o.name.toLowerCase(),
    createdAt: o.createdAt,
  };
  await tx.insert(searchDocuments).values(doc).onConflictDoUpdate({ target: searchDocuments.id, set: doc });
  // The vocabulary for typo correction: every word the document adds.
  await tx.execute(sql`
    insert into ${searchTerms} (term)
    select distinct word from unnest(tsvector_to_array(to_tsvector('simple',
      tiwizi_unaccent(${[doc.title, doc.titleAr, doc.body, doc.bodyAr].filter(Boolean).join(" ")})))) as word
    where char_length(word) >= 3
    on conflict do nothing`);
}

/** Rebuilds every organisation's document (seed, migrations, repairs). */
export async function indexAllOrganizations(db: DbOrTx) {
  const rows = await db.select({ id: organizations.id }).from(organizations);
  for (const { id } of rows) await indexOrganization(db, id);
  return rows.length;
}
