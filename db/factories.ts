// Builders shared by the demo seed and the tests: they write through the same tables as the app.
import { hashPassword } from "../app/modules/accounts/password.server";
import { slugify } from "../app/modules/organizations/slug";
import type { DbOrTx } from "./client";
import {
  memberships,
  organizationIdentifiers,
  organizations,
  products,
  productVariants,
  users,
  type MembershipRole,
  type OrganizationKind,
  type PlatformRole,
} from "./schema";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function createUser(
  db: DbOrTx,
  input: {
    email?: string;
    name?: string;
    password?: string;
    platformRole?: PlatformRole | null;
    verified?: boolean;
    locale?: "fr" | "ar" | "en";
  } = {},
) {
  const password = input.password ?? "Correct-Horse-Battery-9";
  const [user] = await db
    .insert(users)
    .values({
      email: (input.email ?? `user-${unique()}@example.ma`).toLowerCase(),
      name: input.name ?? "Fatima Zahra Amrani",
      passwordHash: await hashPassword(password),
      emailVerifiedAt: input.verified === false ? null : new Date(),
      platformRole: input.platformRole ?? null,
      locale: input.locale ?? "fr",
      consentedAt: new Date(),
      consentVersion: "2026-11",
    })
    .returning();
  return { ...user, email: user.email!, password };
}

export async function createOrganization(
  db: DbOrTx,
  input: Partial<typeof organizations.$inferInsert> & { kind?: OrganizationKind; ownerId?: string; role?: MembershipRole } = {},
) {
  const name = input.name ?? `Coopérative Test ${unique()}`;
  const { ownerId, role, ...values } = input;
  const [org] = await db
    .insert(organizations)
    .values({ kind: "cooperative", regionCode: "09", ...values, name, slug: input.slug ?? `${slugify(name)}-${unique()}` })
    .returning();
  if (ownerId) await db.insert(memberships).values({ organizationId: org.id, userId: ownerId, role: role ?? "owner" });
  return org;
}

export async function addIdentifier(db: DbOrTx, organizationId: string, type: "ice" | "rc" | "if" | "odco" | "association_receipt", value: string) {
  await db.insert(organizationIdentifiers).values({ organizationId, type, value });
}

/** A product for sale (published unless said otherwise) with its variants, for tests and benchmarks. */
export async function createListedProduct(
  db: DbOrTx,
  input: {
    organizationId: string;
    titleFr?: string;
    status?: "draft" | "published" | "archived";
    category?: (typeof products.$inferInsert)["category"];
    perishable?: boolean;
    variants?: { unit?: "g" | "ml" | "piece"; size?: number; priceCentimes: number; stock: number }[];
  },
) {
  const titleFr = input.titleFr ?? `Produit ${unique()}`;
  const [product] = await db
    .insert(products)
    .values({
      organizationId: input.organizationId,
      slug: `${slugify(titleFr)}-${unique()}`,
      titleFr,
      category: input.category ?? "oils",
      perishable: input.perishable ?? false,
      status: input.status ?? "published",
      publishedAt: input.status === "draft" ? null : new Date(),
    })
    .returning();
  const variants = [];
  for (const [i, v] of (input.variants ?? [{ priceCentimes: 5000, stock: 10 }]).entries()) {
    const [row] = await db
      .insert(productVariants)
      .values({ productId: product.id, unit: v.unit ?? "ml", size: v.size ?? 250 * (i + 1), priceCentimes: v.priceCentimes, stock: v.stock, position: i })
      .returning();
    variants.push(row);
  }
  return { product, variants };
}
