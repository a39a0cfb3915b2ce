import { and, arrayOverlaps, asc, type Column, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { networkMembers, organizations, regions } from "../../../db/schema";
import { ForbiddenError } from "~/lib/errors.server";
import { type Actor, can } from "../organizations/authorize.server";
import { loadOrganization } from "../organizations/organizations.server";
import type { Sector, Skill, Theme } from "../organizations/vocabulary";
import { type MatchProfile, type NetworkLink, partnerKinds, rankSuggestions, scorePair, WEIGHTS } from "./score";

/** At most this many rows leave the database per request, whatever the size of the directory. */
export const CANDIDATE_LIMIT = 300;

const o = organizations;

type ProfileRow = Pick<
  typeof organizations.$inferSelect,
  "id" | "kind" | "regionCode" | "provinceCode" | "themes" | "sectors" | "needs" | "offers" | "verificationStatus"
>;

/** The accepted network link between `sourceId` and each candidate row, from the source's side. */
function networkLinkWith(sourceId: string) {
  return sql<NetworkLink | null>`case
    when exists (select 1 from ${networkMembers} where ${networkMembers.networkId} = ${sourceId}
      and ${networkMembers.memberId} = ${o.id} and ${networkMembers.status} = 'accepted') then 'yourMember'
    when exists (select 1 from ${networkMembers} where ${networkMembers.networkId} = ${o.id}
      and ${networkMembers.memberId} = ${sourceId} and ${networkMembers.status} = 'accepted') then 'yourNetwork'
    end`;
}

/** What the score reads of a candidate, seen from the organisation `sourceId`. */
function scoredFields(sourceId: string) {
  return {
    id: o.id,
    kind: o.kind,
    name: o.name,
    regionCode: o.regionCode,
    provinceCode: o.provinceCode,
    themes: o.themes,
    sectors: o.sectors,
    needs: o.needs,
    offers: o.offers,
    verificationStatus: o.verificationStatus,
    networkLink: networkLinkWith(sourceId),
  };
}

function matchProfile(row: ProfileRow): MatchProfile {
  return {
    id: row.id,
    kind: row.kind,
    regionCode: row.regionCode,
    provinceCode: row.provinceCode,
    // The profile form only accepts the vocabularies, so the columns hold them.
    themes: row.themes as Theme[],
    sectors: row.sectors as Sector[],
    needs: row.needs as Skill[],
    offers: row.offers as Skill[],
    verificationStatus: row.verificationStatus,
  };
}

/**
 * Ranked partner suggestions for an organisation, with the reasons for each; for its members only.
 * Candidates share at least a skill (either way), a theme or a sector with it: the score needs one of those.
 */
export async function suggestPartners(opts: { db: DbOrTx; actor: Actor; slug: string; limit: number }) {
  const { db } = opts;
  const { org, role } = await loadOrganization(db, opts.slug, opts.actor);
  if (!role) throw new ForbiddenError();
  const source = matchProfile(org);
  // Its managers may propose a tandem to the suggestions it can pair with.
  const organization = { slug: org.slug, name: org.name, nameAr: org.nameAr, kind: org.kind, proposes: can(opts.actor, "org.tandems.manage", { membershipRole: role }) };

  // Candidates share a skill (either way), a theme or a sector; the SQL order is the score itself (the same
  // weights and caps as scorePair), so the LIMIT keeps the best partners however large the directory.
  const overlaps = (column: Column, values: readonly string[]) => (values.length ? arrayOverlaps(column, [...values]) : undefined);
  const affinity = [
    overlaps(o.offers, source.needs),
    overlaps(o.needs, source.offers),
    overlaps(o.themes, source.themes),
    overlaps(o.sectors, source.sectors),
  ].filter((x): x is SQL => x !== undefined);
  if (affinity.length === 0) return { organization, more: false, suggestions: [] };
  const shared = (column: Column, values: readonly string[]) =>
    sql`cardinality(array(select unnest(${column}) intersect select unnest(${sql.param([...values])}::text[])))`;
  const preRank = sql`
    least(${shared(o.offers, source.needs)} + ${shared(o.needs, source.offers)}, ${WEIGHTS.maxSkills}) * ${WEIGHTS.skill}
    + case when ${source.provinceCode ? sql`${o.provinceCode} = ${source.provinceCode}` : sql`false`} then ${WEIGHTS.sameProvince}
        when ${o.regionCode} = ${source.regionCode} then ${WEIGHTS.sameRegion} else 0 end
    + least(${shared(o.themes, source.themes)}, ${WEIGHTS.maxThemes}) * ${WEIGHTS.theme}
    + least(${shared(o.sectors, source.sectors)}, ${WEIGHTS.maxSectors}) * ${WEIGHTS.sector}
    + case when ${o.verificationStatus} = 'verified' then ${WEIGHTS.verified} else 0 end`;

  const rows = await db
    .select({
      ...scoredFields(org.id),
      slug: o.slug,
      nameAr: o.nameAr,
      womenLed: o.womenLed,
      regionNameFr: regions.nameFr,
      regionNameAr: regions.nameAr,
    })
    .from(o)
    .innerJoin(regions, eq(regions.code, o.regionCode))
    .where(
      and(
        ne(o.id, org.id),
        ne(o.verificationStatus, "refused"),
        inArray(o.kind, partnerKinds(org.kind)),
        or(...affinity),
      ),
    )
    .orderBy(sql`${preRank} desc`, asc(o.id))
    .limit(CANDIDATE_LIMIT);

  // One more than asked, to tell whether there are more.
  const ranked = rankSuggestions(
    source,
    rows.map((r) => ({ ...r, ...matchProfile(r) })),
    opts.limit + 1,
  );
  return {
    organization,
    more: ranked.length > opts.limit,
    suggestions: ranked.slice(0, opts.limit).map(({ candidate: c, score, reasons }) => ({
      slug: c.slug,
      name: c.name,
      nameAr: c.nameAr,
      kind: c.kind,
      verificationStatus: c.verificationStatus,
      womenLed: c.womenLed,
      regionNameFr: c.regionNameFr,
      regionNameAr: c.regionNameAr,
      score,
      reasons,
    })),
  };
}

/**
 * Why one organisation might suit the viewer's own (`fromSlug`, which they belong to): the same score and
 * reasons as the suggestions, for this one pair; null when the score would not suggest it.
 */
export async function partnerFit(opts: { db: DbOrTx; actor: Actor; fromSlug: string; targetId: string }) {
  const { db } = opts;
  const { org, role } = await loadOrganization(db, opts.fromSlug, opts.actor);
  if (!role || org.id === opts.targetId) return null;
  const [row] = await db
    .select(scoredFields(org.id))
    .from(o)
    .where(eq(o.id, opts.targetId));
  if (!row) return null;
  const { score, reasons } = scorePair(matchProfile(org), { ...row, ...matchProfile(row) });
  return score > 0 ? { from: { slug: org.slug, name: org.name, nameAr: org.nameAr }, reasons } : null;
}
