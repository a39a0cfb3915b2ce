import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { productVariants, products, stockMovements } from "../../db/schema";
import { parseForm } from "~/lib/forms";
import { addVariant, archiveProduct, createProduct, publishProduct } from "~/modules/catalog/products.server";
import { qualitySigns } from "~/modules/catalog/quality-signs.server";
import { addProductPhoto, listProductPhotos, MAX_PHOTO_BYTES, MAX_PHOTOS, removeProductPhoto } from "~/modules/catalog/photos.server";
import { getFile } from "~/lib/storage.server";
import { productSchema, variantSchema } from "~/modules/catalog/schemas";
import { createSession } from "~/modules/accounts/session.server";
import { action as listAction, loader as listLoader } from "~/routes/organisations.$slug_.produits";
import { action as editAction, loader as editLoader } from "~/routes/organisations.$slug_.produits_.$id";
import { formRequest, getRequest, run } from "../support/http";

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

describe("the cooperative's product pages", () => {
  async function signedInMember(verified = true) {
    const user = await createUser(db);
    const { token } = await createSession({ userId: user.id, platformRole: null });
    const coop = await createOrganization(db, { name: `Coopérative Atlas ${Math.random().toString(36).slice(2, 6)}`, ownerId: user.id, role: "member", verificationStatus: verified ? "verified" : "pending" });
    return { cookie: `tiwizi_session=${token}`, coop };
  }
  const list = (slug: string, fields: Record<string, string | string[]>, cookie?: string) =>
    run(listAction, formRequest(`/organisations/${slug}/produits`, fields, { cookie }), { slug });
  const edit = (slug: string, id: string, fields: Record<string, string>, cookie?: string) =>
    run(editAction, formRequest(`/organisations/${slug}/produits/${id}`, fields, { cookie }), { slug, id });

  it("a member creates a draft, adds a size, publishes it: each step lands on the product with a message", async () => {
    const { cookie, coop } = await signedInMember();
    const created = await list(coop.slug, { titleFr: "Huile d'argan", titleAr: "زيت أركان", category: "oils", qualitySigns: ["argane"] }, cookie);
    expect(created.status).toBe(302);
    const location = created.headers.get("Location")!;
    const id = location.split("/").pop()!;
    expect(created.headers.get("Set-Cookie")).toContain("catalog.created");
    expect((await edit(coop.slug, id, { intent: "publish" }, cookie)).data.messageKey).toBe("errors.publishNeedsVariant");
    expect((await edit(coop.slug, id, { intent: "addVariant", unit: "ml", size: "250", price: "89,90", stock: "10" }, cookie)).status).toBe(302);
    expect((await edit(coop.slug, id, { intent: "publish" }, cookie)).headers.get("Set-Cookie")).toContain("catalog.published");
    const page = await run(editLoader, getRequest(`/organisations/${coop.slug}/produits/${id}`, { cookie }), { slug: coop.slug, id });
    expect(page.data.product.status).toBe("published");
    expect(page.data.variants).toEqual([expect.objectContaining({ size: 250, priceCentimes: 8990, stock: 10 })]);
    const listed = await run(listLoader, getRequest(`/organisations/${coop.slug}/produits`, { cookie }), { slug: coop.slug });
    expect(listed.data.products).toEqual([expect.objectContaining({ id, status: "published" })]);
  });

  it("bad input is refused with its field's error and nothing is written; the typed values come back", async () => {
    const { cookie, coop } = await signedInMember();
    const bad = await list(coop.slug, { titleFr: "", category: "armes", descriptionFr: "x".repeat(4001) }, cookie);
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toMatchObject({ titleFr: ["errors.required"], category: ["errors.invalidChoice"], descriptionFr: ["errors.tooLong"] });
    expect(bad.data.values).toMatchObject({ category: "armes" });
    const p = await list(coop.slug, { titleFr: "Miel", category: "honey" }, cookie);
    const id = p.headers.get("Location")!.split("/").pop()!;
    for (const fields of [
      { price: "-3" },
      { price: "0" },
      { stock: "-1" },
      { stock: "2.5" },
      { size: "0" },
      { unit: "litre" },
      { price: "1000000000" },
    ]) {
      const res = await edit(coop.slug, id, { intent: "addVariant", unit: "g", size: "500", price: "120", stock: "1", ...fields }, cookie);
      expect(res.status, JSON.stringify(fields)).toBe(400);
    }
    expect(await db.select().from(productVariants).where(eq(productVariants.productId, id))).toEqual([]);
    expect((await edit(coop.slug, id, { intent: "whatever" }, cookie)).status).toBe(400);
  });

  it("another cooperative's member gets 403 or 404 on every page and action; a visitor is sent to log in", async () => {
    const { cookie, coop } = await signedInMember();
    const id = (await list(coop.slug, { titleFr: "Couscous", category: "cereals" }, cookie)).headers.get("Location")!.split("/").pop()!;
    const other = await signedInMember();
    expect((await run(listLoader, getRequest(`/organisations/${coop.slug}/produits`, { cookie: other.cookie }), { slug: coop.slug })).status).toBe(403);
    expect((await list(coop.slug, { titleFr: "Intrus", category: "oils" }, other.cookie)).status).toBe(403);
    for (const intent of ["publish", "archive"]) {
      expect((await edit(coop.slug, id, { intent }, other.cookie)).status).toBe(403);
      // Through its own cooperative's address, the product does not exist.
      expect((await edit(other.coop.slug, id, { intent }, other.cookie)).status).toBe(404);
    }
    expect((await edit(coop.slug, id, { intent: "addVariant", unit: "g", size: "1", price: "5", stock: "1" }, other.cookie)).status).toBe(403);
    expect((await run(editLoader, getRequest(`/organisations/${coop.slug}/produits/pas-un-id`, { cookie }), { slug: coop.slug, id: "pas-un-id" })).status).toBe(404);
    const visitor = await list(coop.slug, { titleFr: "X", category: "oils" });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/connexion/);
    expect((await db.select().from(products).where(eq(products.organizationId, coop.id))).map((p) => p.titleFr)).toEqual(["Couscous"]);
  });
});

describe("product photos", () => {
  const png = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: { r: 160, g: 90, b: 40 } } }).png().toBuffer();

  it("re-encodes each photo to two widths, keeps at most eight, and refuses what is not a photo", async () => {
    const { actor, coop } = await cooperativeWithMember();
    const p = await createProduct({ db, actor, cooperativeSlug: coop.slug, input: product({ titleFr: "Tapis", category: "textiles" }) });
    const target = { db, actor, cooperativeSlug: coop.slug, productId: p.id };
    const key = await addProductPhoto({ ...target, bytes: await png(2000, 1500) });
    const large = await getFile(`${key}-1200.webp`);
    const small = await getFile(`${key}-480.webp`);
    expect(await sharp(large!).metadata()).toMatchObject({ format: "webp", width: 1200, height: 900 });
    expect(await sharp(small!).metadata()).toMatchObject({ format: "webp", width: 480 });
    expect(await listProductPhotos(db, p.id)).toEqual([expect.objectContaining({ key, width: 1200, height: 900 })]);

    const notAPhoto = new TextEncoder().encode("<script>alert(1)</script>");
    await expect(addProductPhoto({ ...target, bytes: notAPhoto })).rejects.toMatchObject({ messageKey: "errors.photoType" });
    const fakeJpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6]);
    await expect(addProductPhoto({ ...target, bytes: fakeJpeg })).rejects.toMatchObject({ messageKey: "errors.photoType" });
    await expect(addProductPhoto({ ...target, bytes: new Uint8Array(MAX_PHOTO_BYTES + 1) })).rejects.toMatchObject({ messageKey: "errors.photoTooLarge" });

    for (let i = 1; i < MAX_PHOTOS; i++) await addProductPhoto({ ...target, bytes: await png(50, 50) });
    await expect(addProductPhoto({ ...target, bytes: await png(50, 50) })).rejects.toMatchObject({ messageKey: "errors.tooManyPhotos" });
    expect(await listProductPhotos(db, p.id)).toHaveLength(MAX_PHOTOS);

    // Removing deletes the files too; another cooperative's member can neither add nor remove.
    const [first] = await listProductPhotos(db, p.id);
    const other = await cooperativeWithMember();
    await expect(removeProductPhoto({ ...target, actor: other.actor, photoId: first.id })).rejects.toMatchObject({ status: 403 });
    await expect(addProductPhoto({ ...target, actor: other.actor, bytes: await png(50, 50) })).rejects.toMatchObject({ status: 403 });
    await removeProductPhoto({ ...target, photoId: first.id });
    expect(await getFile(`${first.key}-480.webp`)).toBeNull();
    expect(await listProductPhotos(db, p.id)).toHaveLength(MAX_PHOTOS - 1);
  });

  it("the product page takes a photo as a multipart upload and says what is wrong with a bad one", async () => {
    const user = await createUser(db);
    const { token } = await createSession({ userId: user.id, platformRole: null });
    const cookie = `tiwizi_session=${token}`;
    const coop = await createOrganization(db, { name: "Coopérative Photo", ownerId: user.id });
    const p = await createProduct({ db, actor: { id: user.id, platformRole: null }, cooperativeSlug: coop.slug, input: product({ titleFr: "Savon", category: "cosmetics" }) });
    const upload = (blob: Blob) =>
      run(editAction, formRequest(`/organisations/${coop.slug}/produits/${p.id}`, { photo: blob }, { cookie }), { slug: coop.slug, id: p.id });
    const ok = await upload(new Blob([await png(800, 600)], { type: "image/png" }));
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Set-Cookie")).toContain("catalog.photoAdded");
    const bad = await upload(new Blob(["not an image"], { type: "image/jpeg" }));
    expect(bad.status).toBe(400);
    expect(bad.data.messageKey).toBe("errors.photoType");
    const page = await run(editLoader, getRequest(`/organisations/${coop.slug}/produits/${p.id}`, { cookie }), { slug: coop.slug, id: p.id });
    expect(page.data.photos).toHaveLength(1);
  });
});
