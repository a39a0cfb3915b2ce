import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { productVariants, products, stockMovements } from "../../db/schema";
import { parseForm } from "~/lib/forms";
import { addVariant, archiveProduct, createProduct, publishProduct } from "~/modules/catalog/products.server";
import { qualitySigns } from "~/modules/catalog/quality-signs.server";
import { productSchema, variantSchema } from "~/modules/catalog/schemas";

// The catalogue's first rules, against a real database: who may list what, and what may be sold.
const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) data.append(k, x);
  return data;
};
const product = (fields: Record<string, string | string[]>) => {
  const r = parseForm(productSchema, form(fields));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.data;
};
const variant = (fields: Record<string, string>) => {
  const r = parseForm(variantSchema, form(fields));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.data;
};

async function cooperativeWithMember(verified = true) {
  const user = await createUser(db);
  const coop = await createOrganization(db, { name: "Coopérative Tamaynout", ownerId: user.id, role: "member", verificationStatus: verified ? "verified" : "pending" });
  return { actor: { id: user.id, platformRole: null }, coop };
}

describe("listing products", () => {
  it("a member lists a draft, adds sizes with prices and stock, and publishes once the cooperative is verified", async () => {
    const { actor, coop } = await cooperativeWithMember();
    const argane = qualitySigns().find((s) => s.nameFr === "Argane")!;
    expect(argane).toMatchObject({ code: "argane", type: "IGP" });
    const p = await createProduct({
      db,
      actor,
      cooperativeSlug: coop.slug,
      input: product({ titleFr: "Huile d'argan alimentaire", titleAr: "زيت أركان غذائي", category: "oils", qualitySigns: ["argane"], organic: "on" }),
    });
    expect(p).toMatchObject({ status: "draft", qualitySigns: ["argane"], organic: true, slug: "cooperative-tamaynout-huile-dargan-alimentaire" });
    await expect(publishProduct({ db, actor, cooperativeSlug: coop.slug, productId: p.id })).rejects.toMatchObject({ messageKey: "errors.publishNeedsVariant" });

    const small = await addVariant({ db, actor, cooperativeSlug: coop.slug, productId: p.id, input: variant({ unit: "ml", size: "250", price: "89,90", stock: "12" }) });
    expect(small).toMatchObject({ priceCentimes: 8990, stock: 12 });
    expect(await db.select().from(stockMovements).where(eq(stockMovements.variantId, small.id))).toEqual([
      expect.objectContaining({ delta: 12, reason: "opening" }),
    ]);
    await expect(
      addVariant({ db, actor, cooperativeSlug: coop.slug, productId: p.id, input: variant({ unit: "ml", size: "250", price: "80", stock: "1" }) }),
    ).rejects.toMatchObject({ messageKey: "errors.variantExists" });

    await publishProduct({ db, actor, cooperativeSlug: coop.slug, productId: p.id });
    const [published] = await db.select().from(products).where(eq(products.id, p.id));
    expect(published.status).toBe("published");
    expect(published.publishedAt).toBeInstanceOf(Date);
    await archiveProduct({ db, actor, cooperativeSlug: coop.slug, productId: p.id });
    expect((await db.select().from(products).where(eq(products.id, p.id)))[0].status).toBe("archived");
  });

  it("a cooperative not yet verified keeps its products in draft", async () => {
    const { actor, coop } = await cooperativeWithMember(false);
    const p = await createProduct({ db, actor, cooperativeSlug: coop.slug, input: product({ titleFr: "Miel de thym", category: "honey" }) });
    await addVariant({ db, actor, cooperativeSlug: coop.slug, productId: p.id, input: variant({ unit: "g", size: "500", price: "120", stock: "3" }) });
    await expect(publishProduct({ db, actor, cooperativeSlug: coop.slug, productId: p.id })).rejects.toMatchObject({ messageKey: "errors.publishNeedsVerification" });
  });

  it("another cooperative's member, a stranger, a platform admin or a non-cooperative cannot touch the catalogue", async () => {
    const { actor, coop } = await cooperativeWithMember();
    const p = await createProduct({ db, actor, cooperativeSlug: coop.slug, input: product({ titleFr: "Amlou", category: "preserves" }) });
    const other = await cooperativeWithMember();
    // Through its own cooperative, another member reaches nothing of this one.
    await expect(publishProduct({ db, actor: other.actor, cooperativeSlug: other.coop.slug, productId: p.id })).rejects.toMatchObject({ status: 404 });
    await expect(publishProduct({ db, actor: other.actor, cooperativeSlug: coop.slug, productId: p.id })).rejects.toMatchObject({ status: 403 });
    const admin = await createUser(db, { platformRole: "admin" });
    await expect(
      createProduct({ db, actor: { id: admin.id, platformRole: "admin" }, cooperativeSlug: coop.slug, input: product({ titleFr: "X", category: "oils" }) }),
    ).rejects.toMatchObject({ status: 403 });
    const user = await createUser(db);
    const association = await createOrganization(db, { kind: "association", ownerId: user.id });
    await expect(
      createProduct({ db, actor: { id: user.id, platformRole: null }, cooperativeSlug: association.slug, input: product({ titleFr: "X", category: "oils" }) }),
    ).rejects.toMatchObject({ messageKey: "errors.notACooperative" });
    await expect(
      createProduct({ db, actor, cooperativeSlug: coop.slug, input: product({ titleFr: "X", category: "oils", qualitySigns: ["label-inconnu"] }) }),
    ).rejects.toMatchObject({ messageKey: "errors.invalidChoice" });
  });
});

describe("what the forms accept", () => {
  it("prices as people write them, in integer centimes; nothing negative, fractional or absurd", () => {
    for (const [price, centimes] of [["49,90", 4990], ["49.9", 4990], ["1 200", 120000], ["7", 700]] as const) {
      expect(variant({ unit: "g", size: "1", price, stock: "0" }).price, price).toBe(centimes);
    }
    for (const [field, value] of [["price", "-5"], ["price", "0"], ["price", "12,345"], ["price", "1e3"], ["price", "abc"], ["stock", "-1"], ["stock", "1.5"], ["size", "0"], ["unit", "kg"], ["stock", "99999999"]]) {
      const r = parseForm(variantSchema, form({ unit: "g", size: "1", price: "10", stock: "0", [field]: value }));
      expect(r.ok, `${field}=${value}`).toBe(false);
    }
    expect(parseForm(productSchema, form({ titleFr: "", category: "weapons" }))).toMatchObject({
      ok: false,
      errors: { titleFr: ["errors.required"], category: ["errors.invalidChoice"] },
    });
  });

  it("the database itself never lets stock go below zero", async () => {
    const { actor, coop } = await cooperativeWithMember();
    const p = await createProduct({ db, actor, cooperativeSlug: coop.slug, input: product({ titleFr: "Safran", category: "spices" }) });
    const v = await addVariant({ db, actor, cooperativeSlug: coop.slug, productId: p.id, input: variant({ unit: "g", size: "1", price: "60", stock: "2" }) });
    await expect(db.update(productVariants).set({ stock: sql`${productVariants.stock} - 3` }).where(eq(productVariants.id, v.id))).rejects.toMatchObject({
      cause: expect.objectContaining({ constraint_name: "product_variants_stock_check" }),
    });
  });
});
