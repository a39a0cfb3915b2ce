import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { applications, coachingSessions, events, labels, memberships, networkMembers, organizations, programmes, tandems, users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { loader as profileLoader } from "~/routes/organisations.$slug";
import { loader as partnersLoader } from "~/routes/organisations.$slug_.partenaires";
import { createSession } from "~/modules/accounts/session.server";
import { CANDIDATE_LIMIT, suggestPartners } from "~/modules/matching/suggestions.server";
import { getRequest, run } from "../support/http";
import { reasonText } from "~/components/suggestions";
import { catalogs } from "~/i18n/catalogs.server";
import { translate, type T } from "~/i18n/i18n";
import type { Reason } from "~/modules/matching/score";

// Suggestions read the whole directory: each test starts from an empty one (the demo's labels, applications
// tandems and programme records hold on to their organisations, so they go first).
beforeEach(async () => {
  await db.delete(labels);
  await db.delete(applications);
  // Events cascade to their stands and registrations, which also point at organisations.
  await db.delete(events);
  await db.delete(tandems);
  await db.delete(coachingSessions);
  await db.delete(programmes);
  await db.delete(organizations);
});

async function signedIn(platformRole: "admin" | null = null) {
  const user = await createUser(db, { platformRole });
  const { token } = await createSession({ userId: user.id, platformRole: user.platformRole });
  return { user, cookie: `tiwizi_session=${token}` };
}

// An association in Marrakech (province 07.351) that needs finance and legal help.
async function associationWithMember(role: "owner" | "member" = "member") {
  const member = await signedIn();
  const association = await createOrganization(db, {
    kind: "association",
    name: "Association Nour Marrakech",
    regionCode: "07",
    provinceCode: "07.351",
    themes: ["women", "governance"],
    sectors: ["services"],
    needs: ["finance", "legal"],
    verificationStatus: "verified",
    ownerId: member.user.id,
    role,
  });
  return { member, association };
}

describe("demo data", () => {
  it("gives each demo account meaningful suggestions; the demo association is pointed to the demo company", async () => {
    await seedDemo(db);
    // The demo account's organisation, and the account as an actor.
    const demo = async (email: string) => {
      const [row] = await db
        .select({ slug: organizations.slug, id: users.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
        .where(eq(users.email, email));
      return { slug: row.slug, actor: { id: row.id, platformRole: null } };
    };
    const association = await demo("association@tiwizi.example.ma");
    const company = await demo("entreprise@tiwizi.example.ma");
    const result = await suggestPartners({ db, ...association, limit: 5 });
    const toCompany = result.suggestions.find((s) => s.slug === company.slug);
    expect(toCompany?.reasons).toContainEqual({ type: "skill", skill: "finance", direction: "theyOffer" });
    for (const email of ["cooperative@tiwizi.example.ma", "entreprise@tiwizi.example.ma", "reseau@tiwizi.example.ma"]) {
      const own = await suggestPartners({ db, ...(await demo(email)), limit: 5 });
      expect(own.suggestions, email).toHaveLength(5);
      expect(own.suggestions[0].reasons.some((r) => r.type === "skill"), email).toBe(true);
    }
  });
});

describe("suggested partners on the profile", () => {
  it("a member sees them ranked by score, each with its reasons", async () => {
    const { member, association } = await associationWithMember();
    const company = await createOrganization(db, {
      kind: "company",
      name: "Atlas Conseil",
      nameAr: "أطلس للاستشارة",
      regionCode: "06",
      provinceCode: "06.141",
      offers: ["finance", "legal", "digital"],
      themes: ["women"],
      verificationStatus: "verified",
    });
    const nearbyPeer = await createOrganization(db, {
      kind: "association",
      name: "Association Tilila",
      regionCode: "07",
      provinceCode: "07.351",
      themes: ["women", "governance"],
    });
    const distantPeer = await createOrganization(db, { kind: "association", name: "Association Amal Oujda", regionCode: "02", themes: ["governance"] });
    const network = await createOrganization(db, { kind: "network", name: "Réseau Femmes du Sud", regionCode: "09", themes: ["women"], offers: ["legal"], verificationStatus: "verified" });
    await db.insert(networkMembers).values({ networkId: network.id, memberId: association.id, status: "accepted", acceptedAt: new Date() });
    // Never suggested: refused, nothing in common, or sharing only the same city.
    await createOrganization(db, { kind: "company", name: "Refusée SARL", regionCode: "07", offers: ["finance"], verificationStatus: "refused" });
    await createOrganization(db, { kind: "association", name: "Voisine sans rapport", regionCode: "07", provinceCode: "07.351", themes: ["health"] });

    const page = await run(profileLoader, getRequest(`/organisations/${association.slug}`, { cookie: member.cookie }), { slug: association.slug });
    expect(page.status).toBe(200);
    const { suggestions, more } = page.data.suggestions;
    expect(more).toBe(false);
    expect(suggestions.map((s: { slug: string }) => s.slug)).toEqual([company.slug, network.slug, nearbyPeer.slug, distantPeer.slug]);
    const scores = suggestions.map((s: { score: number }) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(suggestions[0]).toMatchObject({
      name: "Atlas Conseil",
      nameAr: "أطلس للاستشارة",
      kind: "company",
      verificationStatus: "verified",
      regionNameFr: "Casablanca-Settat",
      reasons: [
        { type: "skill", skill: "finance", direction: "theyOffer" },
        { type: "skill", skill: "legal", direction: "theyOffer" },
        { type: "sharedThemes", themes: ["women"] },
      ],
    });
    expect(suggestions[1].reasons).toContainEqual({ type: "networkLink", link: "yourNetwork" });
    expect(suggestions[2].reasons).toEqual([{ type: "sameProvince" }, { type: "sharedThemes", themes: ["women", "governance"] }]);
    for (const s of suggestions) expect(s.reasons.length).toBeGreaterThan(0);
  });

  it("visitors, signed-in outsiders and platform admins who are not members get no section", async () => {
    const { association } = await associationWithMember();
    await createOrganization(db, { kind: "company", name: "Atlas Conseil", offers: ["finance"] });
    const outsider = await signedIn();
    const admin = await signedIn("admin");
    for (const cookie of [undefined, outsider.cookie, admin.cookie]) {
      const page = await run(profileLoader, getRequest(`/organisations/${association.slug}`, { cookie }), { slug: association.slug });
      expect(page.status).toBe(200);
      expect(page.data.suggestions).toBeNull();
    }
  });

  it("on another organisation's profile, a member of an organisation sees what the two have in common", async () => {
    const { member, association } = await associationWithMember();
    const company = await createOrganization(db, { kind: "company", name: "Atlas Conseil", regionCode: "07", offers: ["finance"] });
    const unrelated = await createOrganization(db, { kind: "company", name: "Sans rapport SA", regionCode: "01", offers: ["logistics"] });
    const view = (slug: string, cookie?: string) => run(profileLoader, getRequest(`/organisations/${slug}`, { cookie }), { slug });
    const fit = (await view(company.slug, member.cookie)).data.fit;
    expect(fit).toEqual({
      from: { slug: association.slug, name: association.name, nameAr: association.nameAr },
      reasons: [{ type: "skill", skill: "finance", direction: "theyOffer" }, { type: "sameRegion" }],
    });
    // Nothing in common, a visitor, or the organisation's own page: no such section.
    expect((await view(unrelated.slug, member.cookie)).data.fit).toBeNull();
    expect((await view(company.slug)).data.fit).toBeNull();
    expect((await view(association.slug, member.cookie)).data.fit).toBeNull();
  });

  it("a member of an organisation with nothing declared gets an empty list, not an error", async () => {
    const member = await signedIn();
    const org = await createOrganization(db, { kind: "cooperative", ownerId: member.user.id, role: "member" });
    await createOrganization(db, { kind: "cooperative", regionCode: org.regionCode });
    const page = await run(profileLoader, getRequest(`/organisations/${org.slug}`, { cookie: member.cookie }), { slug: org.slug });
    expect(page.data.suggestions).toMatchObject({ more: false, suggestions: [] });
  });
});

describe("the page of all suggestions", () => {
  it("lists more than the profile for members; asks visitors to sign in and refuses outsiders", async () => {
    const { member, association } = await associationWithMember();
    for (let i = 0; i < 7; i++) {
      await createOrganization(db, { kind: "company", name: `Entreprise ${i}`, regionCode: "03", offers: ["finance"] });
    }
    const profile = await run(profileLoader, getRequest(`/organisations/${association.slug}`, { cookie: member.cookie }), { slug: association.slug });
    expect(profile.data.suggestions.suggestions).toHaveLength(5);
    expect(profile.data.suggestions.more).toBe(true);
    const page = await run(partnersLoader, getRequest(`/organisations/${association.slug}/partenaires`, { cookie: member.cookie }), { slug: association.slug });
    expect(page.status).toBe(200);
    expect(page.data.org.slug).toBe(association.slug);
    expect(page.data.suggestions).toHaveLength(7);

    const visitor = await run(partnersLoader, getRequest(`/organisations/${association.slug}/partenaires`), { slug: association.slug });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toContain("/connexion");
    const outsider = await signedIn();
    const refused = await run(partnersLoader, getRequest(`/organisations/${association.slug}/partenaires`, { cookie: outsider.cookie }), { slug: association.slug });
    expect(refused.status).toBe(403);
  });
});

describe("candidate retrieval", () => {
  it("reads at most CANDIDATE_LIMIT rows and keeps the best of them", async () => {
    const { member, association } = await associationWithMember();
    // Many weak candidates (one shared theme, far away) and one strong one created last.
    await db.transaction(async (tx) => {
      for (let i = 0; i < CANDIDATE_LIMIT + 20; i++) {
        await createOrganization(tx, { kind: "association", name: `Lointaine ${i}`, regionCode: "12", themes: ["women"] });
      }
    });
    const strong = await createOrganization(db, { kind: "company", name: "Zagora Finance", regionCode: "08", offers: ["finance"] });
    const result = await suggestPartners({ db, actor: member.user, slug: association.slug, limit: 3 });
    expect(result.suggestions[0].slug).toBe(strong.slug);
    expect(result.more).toBe(true);
    const all = await suggestPartners({ db, actor: member.user, slug: association.slug, limit: 1000 });
    expect(all.suggestions).toHaveLength(CANDIDATE_LIMIT);
  });

  it("orders candidates by the score itself before the limit: two skills far away beat one skill next door", async () => {
    const { member, association } = await associationWithMember();
    await db.transaction(async (tx) => {
      for (let i = 0; i < CANDIDATE_LIMIT + 20; i++) {
        await createOrganization(tx, { kind: "company", name: `Voisine ${i}`, regionCode: "07", provinceCode: "07.351", offers: ["finance"] });
      }
    });
    // One skill + same province = 50; two skills far away = 60.
    const twoSkills = await createOrganization(db, { kind: "company", name: "Oujda Juridique et Finance", regionCode: "02", offers: ["finance", "legal"] });
    const result = await suggestPartners({ db, actor: member.user, slug: association.slug, limit: 3 });
    expect(result.suggestions[0].slug).toBe(twoSkills.slug);
    expect(result.suggestions[0].score).toBe(60);
  });
});

describe("reasons in words", () => {
  const reasons: Reason[] = [
    { type: "skill", skill: "finance", direction: "theyOffer" },
    { type: "skill", skill: "hr", direction: "theyNeed" },
    { type: "sameProvince" },
    { type: "sameRegion" },
    { type: "sharedThemes", themes: ["women", "rural"] },
    { type: "sharedSectors", sectors: ["argan"] },
    { type: "networkLink", link: "yourMember" },
    { type: "networkLink", link: "yourNetwork" },
  ];
  const words = (locale: "fr" | "ar" | "en") => {
    const t: T = (key, vars) => translate(catalogs[locale], key, vars);
    return reasons.map((r) => reasonText(t, locale, r));
  };
  it("says each reason in French, Arabic and English, with the vocabulary's own names", () => {
    expect(words("fr")).toEqual([
      "Finance et comptabilité : votre besoin ↔ leur offre",
      "Ressources humaines : votre offre ↔ leur besoin",
      "Même province",
      "Même région",
      "Thèmes communs : Droits et autonomie des femmes et Développement rural",
      "Secteurs communs : Argan",
      "Déjà membre de votre réseau",
      "Vous êtes déjà membre de ce réseau",
    ]);
    for (const locale of ["ar", "en"] as const) {
      for (const text of words(locale)) {
        expect(text).not.toMatch(/suggestions\.|skills\.|themes\.|sectors\.|\{/);
        if (locale === "ar") expect(text).toMatch(/[\u0600-\u06FF]/);
      }
    }
  });
});
