import { eq, inArray, sql } from "drizzle-orm";
import { fileURLToPath } from "node:url";
import { parseMoroccanPhone } from "../app/modules/organizations/identifiers";
import { slugify } from "../app/modules/organizations/slug";
import type { Skill } from "../app/modules/organizations/vocabulary";
import { closeDb, connect, type Db, type DbOrTx } from "./client";
import { addIdentifier, createOrganization, createUser } from "./factories";
import { conversationReads, conversations, memberships, messages, networkMembers, users } from "./schema";
import { SEED_ORGANIZATIONS } from "./seed-data";
import { seedProducts } from "./seed-products";
import { seedCalls } from "./seed-calls";
import { seedEvents } from "./seed-events";
import { seedProgrammes } from "./seed-programmes";
import { seedTandems } from "./seed-tandems";
import { indexAllOrganizations } from "../search/documents.server";

/** The demo accounts; `npm start` prints them as `demo login: <role> <email> <password>`. */
export const DEMO_ACCOUNTS = [
  { role: "admin", email: "admin@tiwizi.example.ma", name: "Salma Bennani", platformRole: "admin" as const },
  { role: "operator", email: "operateur@tiwizi.example.ma", name: "Youssef El Idrissi", platformRole: "operator" as const },
  { role: "cooperative", email: "cooperative@tiwizi.example.ma", name: "Aicha Oubella", org: "demo-cooperative" },
  // Two more sellers, so a cart across three cooperatives can be followed from every side.
  { role: "cooperative-saffron", email: "safran@tiwizi.example.ma", name: "Hassan Aït Lahcen", org: "coop-safran-taliouine" },
  { role: "cooperative-honey", email: "miel@tiwizi.example.ma", name: "Zineb Ouazzani", org: "coop-miel-imouzzer" },
  { role: "association", email: "association@tiwizi.example.ma", name: "Khadija Alaoui", org: "demo-association" },
  { role: "company", email: "entreprise@tiwizi.example.ma", name: "Mehdi Tazi", org: "demo-company" },
  // Two more companies for the Siraj label: one with a draft in the open edition, one a 2025 laureate (renewal).
  { role: "company-saiss", email: "saiss@tiwizi.example.ma", name: "Imane Berrada", org: "saiss-textile" },
  { role: "company-tamwil", email: "tamwil@tiwizi.example.ma", name: "Omar Benjelloun", org: "groupe-tamwil-atlas" },
  { role: "network", email: "reseau@tiwizi.example.ma", name: "Nadia Chraibi", org: "demo-network" },
  // The calls' jurors (db/seed-calls.ts): no organisation, no platform role; jurors of the demo calls only.
  { role: "juror", email: "jury@tiwizi.example.ma", name: "Latifa Benkirane" },
  { role: "juror-2", email: "jury2@tiwizi.example.ma", name: "Driss Kettani" },
  // The demo incubation programme's coach (db/seed-programmes.ts): no organisation, no platform role.
  { role: "coach", email: "coach@tiwizi.example.ma", name: "Rachid Amrani" },
] as const;
export const DEMO_PASSWORD = "Tiwizi-Demo-2026";

// Needs and offers for the demo, in the skill vocabulary: what such organisations typically ask and give.
const NEEDS_BY_KIND: Partial<Record<string, Skill[][]>> = {
  cooperative: [["marketing", "digital"], ["quality", "finance"], ["logistics", "marketing"], ["finance", "management"], ["digital", "quality"]],
  association: [["fundraising", "communication"], ["digital", "finance"], ["legal", "management"], ["strategy", "hr"], ["fundraising", "digital"]],
  network: [["strategy", "communication"]],
};
const OFFERS_BY_KIND: Partial<Record<string, Skill[][]>> = {
  company: [["finance", "strategy"], ["digital", "training"], ["logistics", "quality"], ["communication", "marketing"], ["legal", "hr"], ["management", "fundraising"], ["digital", "marketing"]],
  network: [["training", "fundraising"]],
};
const pick = (lists: Skill[][] | undefined, i: number): Skill[] => (lists ? lists[i % lists.length] : []);

/** Loads realistic organisations across the 12 regions, and the demo accounts. Idempotent: skips when loaded. */
export async function seedDemo(db: Db) {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(users.email, DEMO_ACCOUNTS[0].email));
  if (n > 0) return { skipped: true };
  await db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    const slugs = new Set<string>();
    for (const [index, o] of SEED_ORGANIZATIONS.entries()) {
      let slug = slugify(o.name);
      for (let i = 2; slugs.has(slug); i++) slug = `${slugify(o.name)}-${i}`;
      slugs.add(slug);
      const phone = o.phone ? parseMoroccanPhone(o.phone) : null;
      const org = await createOrganization(tx, {
        slug,
        kind: o.kind,
        name: o.name,
        nameAr: o.nameAr,
        regionCode: o.regionCode,
        provinceCode: o.provinceCode,
        city: o.city,
        foundedYear: o.foundedYear,
        membersCount: o.membersCount,
        womenLed: o.womenLed,
        themes: o.themes,
        sectors: o.sectors,
        needs: o.needs ?? pick(NEEDS_BY_KIND[o.kind], index),
        offers: o.offers ?? pick(OFFERS_BY_KIND[o.kind], index),
        descriptionFr: o.descriptionFr,
        descriptionAr: o.descriptionAr,
        phone,
        phonePublic: !!(phone && o.phonePublic),
        whatsapp: phone && /^\+212[67]/.test(phone) ? phone : null,
        whatsappPublic: !!(phone && o.phonePublic),
        email: o.email ?? null,
        emailPublic: !!o.email,
        website: o.website ?? null,
        verificationStatus: o.verified ? "verified" : "pending",
        verifiedAt: o.verified ? new Date() : null,
      });
      ids.set(o.key, org.id);
      for (const identifier of o.identifiers) await addIdentifier(tx, org.id, identifier.type, identifier.value);
    }
    for (const o of SEED_ORGANIZATIONS) {
      for (const member of o.members ?? []) {
        const memberId = ids.get(member);
        if (memberId) {
          await tx
            .insert(networkMembers)
            .values({ networkId: ids.get(o.key)!, memberId, status: "accepted", acceptedAt: new Date() })
            .onConflictDoNothing();
        }
      }
    }
    // The marketplace's demo products (db/seed-products.ts), indexed below with their cooperatives.
    await seedProducts(tx, ids);
    await indexAllOrganizations(tx);
    const people = new Map<string, string>();
    for (const account of DEMO_ACCOUNTS) {
      const user = await createUser(tx, {
        email: account.email,
        name: account.name,
        password: DEMO_PASSWORD,
        platformRole: "platformRole" in account ? account.platformRole : null,
      });
      people.set(account.role, user.id);
      if ("org" in account) {
        await tx.insert(memberships).values({ organizationId: ids.get(account.org)!, userId: user.id, role: "owner" });
      }
    }
    await seedConnections(tx, ids, people);
    await seedTandems(tx, ids);
    await seedCalls(tx, ids, people);
    await seedEvents(tx, ids, people.get("operator") ?? null);
    await seedProgrammes(tx, ids, people);
  });
  return { skipped: false };
}

const DEMO_THREADS = [
  {
    from: "demo-company",
    to: "demo-cooperative",
    subject: "Coffrets d'huile d'argan pour nos salariés",
    messages: [
      {
        by: "company",
        org: "demo-company",
        hoursAgo: 30,
        body: "Bonjour,\n\nNous préparons des coffrets de fin d'année pour nos 120 salariés et aimerions y mettre votre huile d'argan alimentaire. Pourriez-vous nous indiquer vos prix pour 120 flacons de 250 ml, et un délai de livraison à Casablanca ?\n\nBien cordialement,\nMehdi Tazi",
      },
      {
        by: "cooperative",
        org: "demo-cooperative",
        hoursAgo: 4,
        body: "Bonjour Monsieur Tazi,\n\nMerci pour votre message. Nous pouvons préparer 120 flacons de 250 ml en trois semaines, avec une étiquette à votre nom si vous le souhaitez. Nous vous envoyons le devis détaillé cette semaine.\n\nAicha Oubella",
      },
    ],
  },
  {
    from: "demo-network",
    to: "demo-association",
    subject: "Formation en gouvernance associative à Rabat",
    messages: [
      {
        by: "network",
        org: "demo-network",
        hoursAgo: 2,
        body: "Bonjour,\n\nLe réseau organise le mois prochain deux journées de formation sur la gouvernance et la tenue des assemblées générales. Souhaitez-vous y inscrire deux personnes de votre association ?\n\nNadia Chraibi",
      },
    ],
  },
] as const;

/**
 * Demo conversations (each login has something in its inbox, some of it unread) and one request to
 * join the demo network, waiting for its managers' answer.
 */
async function seedConnections(tx: DbOrTx, orgs: Map<string, string>, people: Map<string, string>) {
  await tx
    .insert(networkMembers)
    .values({ networkId: orgs.get("demo-network")!, memberId: orgs.get("coop-safran-taliouine")!, requestedBy: "member" })
    .onConflictDoNothing();
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);
  for (const thread of DEMO_THREADS) {
    const last = thread.messages[thread.messages.length - 1];
    const [conversation] = await tx
      .insert(conversations)
      .values({
        fromOrganizationId: orgs.get(thread.from)!,
        toOrganizationId: orgs.get(thread.to)!,
        subject: thread.subject,
        startedBy: people.get(thread.messages[0].by),
        createdAt: hoursAgo(thread.messages[0].hoursAgo),
        lastMessageAt: hoursAgo(last.hoursAgo),
      })
      .returning({ id: conversations.id });
    for (const m of thread.messages) {
      await tx.insert(messages).values({
        conversationId: conversation.id,
        senderOrganizationId: orgs.get(m.org)!,
        senderUserId: people.get(m.by),
        body: m.body,
        createdAt: hoursAgo(m.hoursAgo),
      });
      // Writers have read up to their own message; what came after stays unread for them.
      await tx
        .insert(conversationReads)
        .values({ conversationId: conversation.id, userId: people.get(m.by)!, lastReadAt: hoursAgo(m.hoursAgo) })
        .onConflictDoUpdate({ target: [conversationReads.conversationId, conversationReads.userId], set: { lastReadAt: hoursAgo(m.hoursAgo) } });
    }
  }
}

/** One line per demo account that exists in this database. */
export async function printDemoLogins(db: Db): Promise<string[]> {
  const present = await db
    .select({ email: users.email })
    .from(users)
    .where(inArray(users.email, DEMO_ACCOUNTS.map((a) => a.email)));
  const emails = new Set(present.map((p) => p.email));
  return DEMO_ACCOUNTS.filter((a) => emails.has(a.email)).map(
    (a) => `demo login: ${a.role} ${a.email} ${DEMO_PASSWORD}`,
  );
}

/** The seed writes demo accounts with a known password: only ever into a database on this machine. */
export function assertLocalDatabase(url: string) {
  const host = new URL(url).hostname;
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to seed demo data into a non-local database (${host}).`);
  }
}

async function cli() {
  const { env } = await import("../app/lib/env.server");
  const { prepareDatabase, shutdownDatabase } = await import("../server/database");
  if (process.env.DATABASE_URL) assertLocalDatabase(process.env.DATABASE_URL);
  const { embedded } = await prepareDatabase(env().dataDir);
  const handle = connect(process.env.DATABASE_URL!, 2);
  try {
    const result = await seedDemo(handle.db);
    console.log(result.skipped ? "Demo data already loaded." : "Demo data loaded.");
    for (const line of await printDemoLogins(handle.db)) console.log(line);
  } finally {
    await handle.client.end();
    await closeDb();
    await shutdownDatabase(embedded);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  cli().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
