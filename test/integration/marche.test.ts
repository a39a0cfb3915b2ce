import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { favouriteProducts, searchDocuments, shopSettings } from "../../db/schema";
import { parseForm } from "~/lib/forms";
import { createSession } from "~/modules/accounts/session.server";
import { DEFAULT_SHOP_TERMS, getShopTerms, getShopTermsFor } from "~/modules/catalog/shop.server";
import { marcheHref } from "~/modules/catalog/marche-params";
import { parseMarcheParams } from "~/modules/catalog/marche.server";
import { addVariant, archiveProduct, createProduct, publishProduct } from "~/modules/catalog/products.server";
import { productSchema, variantSchema } from "~/modules/catalog/schemas";
import { decideVerification } from "~/modules/moderation/moderation.server";
import { loader as marcheLoader } from "~/routes/marche";
import { action as productAction, loader as productLoader } from "~/routes/marche_.$slug";
import { action as shopAction, loader as shopLoader } from "~/routes/cooperatives.$slug";
import { action as favouritesAction, loader as favouritesLoader } from "~/routes/compte_.favoris";
import { loader as profileLoader } from "~/routes/organisations.$slug";
import { loader as sitemapLoader } from "~/routes/sitemap[.]xml";
import { formRequest, getRequest, run } from "../support/http";

// The public marketplace against a real database and the PostgreSQL search engine: what a visitor finds
// at /marche, on a product's page and in a shop, and what a signed-in buyer keeps as favourites.

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) data.append(k, x);
  return data;
};
const productInput = (fields: Record<string, string | string[]>) => {
  const r = parseForm(productSchema, form(fields));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.data;
};
const variantInput = (fields: Record<string, string>) => {
  const r = parseForm(variantSchema, form(fields));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.data;
};

type Member = { actor: { id: string; platformRole: null }; cookie: string };
async function cooperative(fields: Parameters<typeof createOrganization>[1]): Promise<{ coop: Awaited<ReturnType<typeof createOrganization>> } & Member> {
  const user = await createUser(db);
  const coop = await createOrganization(db, { ownerId: user.id, role: "member", verificationStatus: "verified", ...fields });
  const { token } = await createSession({ userId: user.id, platformRole: null });
  return { coop, actor: { id: user.id, platformRole: null }, cookie: `tiwizi_session=${token}` };
}

/** A product listed through the app's own functions (so indexed as the app indexes it). */
async function listProduct(
  who: { coop: { slug: string } } & Member,
  fields: Record<string, string | string[]>,
  variants: Record<string, string>[],
  publish = true,
) {
  const p = await createProduct({ db, actor: who.actor, cooperativeSlug: who.coop.slug, input: productInput(fields) });
  for (const v of variants) await addVariant({ db, actor: who.actor, cooperativeSlug: who.coop.slug, productId: p.id, input: variantInput(v) });
  if (publish) await publishProduct({ db, actor: who.actor, cooperativeSlug: who.coop.slug, productId: p.id });
  return p;
}

async function signedIn() {
  const user = await createUser(db);
  const { token } = await createSession({ userId: user.id, platformRole: null });
  return { user, cookie: `tiwizi_session=${token}` };
}

let tafoukt: Awaited<ReturnType<typeof cooperative>>;
let atlas: Awaited<ReturnType<typeof cooperative>>;
let pending: Awaited<ReturnType<typeof cooperative>>;
const slugs: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  tafoukt = await cooperative({ name: "Coopérative Tafoukt", nameAr: "تعاونية تافوكت", regionCode: "09", womenLed: true, city: "Aït Baha" });
  atlas = await cooperative({ name: "Coopérative apicole Atlas", regionCode: "08" });
  pending = await cooperative({ name: "Coopérative en attente", regionCode: "05", verificationStatus: "pending" });

  const made = {
    argan: await listProduct(
      tafoukt,
      { titleFr: "Huile d'argan alimentaire", titleAr: "زيت أركان غذائي", descriptionFr: "Pressée à froid à Aït Baha.", category: "oils", qualitySigns: ["argane"], organic: "on", onssaNumber: "ONSSA 09-112" },
      [
        { unit: "ml", size: "250", price: "89,90", stock: "12", lot: "TAF-03", bestBefore: "2027-03-31" },
        { unit: "ml", size: "1000", price: "320", stock: "0" },
      ],
    ),
    saffron: await listProduct(tafoukt, { titleFr: "Safran de Taliouine", titleAr: "زعفران تالوين", category: "spices", qualitySigns: ["safran-de-taliouine"] }, [
      { unit: "g", size: "1", price: "60", stock: "30" },
    ]),
    honey: await listProduct(atlas, { titleFr: "Miel de thym", category: "honey", descriptionFr: "Miel cru des montagnes." }, [{ unit: "g", size: "500", price: "140", stock: "0" }]),
    draft: await listProduct(atlas, { titleFr: "Miel d'oranger brouillon", category: "honey" }, [{ unit: "g", size: "500", price: "100", stock: "5" }], false),
    archived: await listProduct(atlas, { titleFr: "Miel de lavande ancien", category: "honey" }, [{ unit: "g", size: "250", price: "90", stock: "5" }]),
    unverified: await createProduct({ db, actor: pending.actor, cooperativeSlug: pending.coop.slug, input: productInput({ titleFr: "Miel du Moyen Atlas", category: "honey" }) }),
  };
  await archiveProduct({ db, actor: atlas.actor, cooperativeSlug: atlas.coop.slug, productId: made.archived.id });
  for (const [k, p] of Object.entries(made)) {
    slugs[k] = p.slug;
    ids[k] = p.id;
  }
});

async function marche(query = "") {
  const res = await run(marcheLoader, getRequest(`/marche${query}`));
  expect(res.status, query).toBe(200);
  return res.data as Awaited<ReturnType<typeof marcheLoader>>;
}
const titles = (d: Awaited<ReturnType<typeof marcheLoader>>) => d.cards.map((c) => c.titleFr);

describe("the catalogue at /marche", () => {
  it("lists the published products of verified cooperatives only, newest first, with their cards", async () => {
    const d = await marche();
    expect(titles(d)).toEqual(["Miel de thym", "Safran de Taliouine", "Huile d'argan alimentaire"]);
    expect(d.total).toBe(3);
    const argan = d.cards.find((c) => c.slug === slugs.argan)!;
    expect(argan).toMatchObject({
      titleAr: "زيت أركان غذائي",
      cooperativeName: "Coopérative Tafoukt",
      regionCode: "09",
      priceMin: 8990,
      inStock: true,
      organic: true,
      signs: [{ code: "argane", type: "IGP", name: "Argane" }],
    });
    expect(d.cards.find((c) => c.slug === slugs.honey)).toMatchObject({ inStock: false, priceMin: 14000 });
  });

  it("counts facets over what matches: category, region, cooperative, quality sign, women's cooperative, stock", async () => {
    const d = await marche();
    expect(d.categoryCounts).toEqual({ oils: 1, spices: 1, honey: 1 });
    expect(d.facets.region).toEqual({ "09": 2, "08": 1 });
    expect(d.facets.labels).toMatchObject({ argane: 1, "safran-de-taliouine": 1, organic: 1, "women-cooperative": 2 });
    expect(d.facets.womenLed).toMatchObject({ true: 2 });
    expect(d.facets.inStock).toEqual({ true: 2, false: 1 });
    expect(d.cooperatives).toEqual([
      { slug: tafoukt.coop.slug, name: "Coopérative Tafoukt", nameAr: "تعاونية تافوكت", count: 2 },
      { slug: atlas.coop.slug, name: "Coopérative apicole Atlas", nameAr: null, count: 1 },
    ]);
    expect(d.signs.map((s) => s.code).sort()).toEqual(["argane", "safran-de-taliouine"]);
  });

  it("filters by category, region, cooperative (by slug), sign, women's cooperative and stock; categories still count the others", async () => {
    const oils = await marche("?category=oils");
    expect(titles(oils)).toEqual(["Huile d'argan alimentaire"]);
    expect(oils.categoryCounts).toEqual({ oils: 1, spices: 1, honey: 1 });
    expect(titles(await marche("?category=oils&category=honey"))).toEqual(["Miel de thym", "Huile d'argan alimentaire"]);
    expect(titles(await marche("?region=08"))).toEqual(["Miel de thym"]);
    expect(titles(await marche(`?coop=${atlas.coop.slug}`))).toEqual(["Miel de thym"]);
    expect(titles(await marche(`?coop=${tafoukt.coop.slug}&sign=safran-de-taliouine`))).toEqual(["Safran de Taliouine"]);
    expect(titles(await marche("?sign=organic"))).toEqual(["Huile d'argan alimentaire"]);
    expect(titles(await marche("?women=1&sort=price_asc"))).toEqual(["Safran de Taliouine", "Huile d'argan alimentaire"]);
    expect(titles(await marche("?stock=1&region=08"))).toEqual([]);
    expect((await marche("?coop=nexiste-pas")).total).toBe(0);
  });

  it("filters by a price range in MAD on the lowest price, and sorts by price either way", async () => {
    expect(titles(await marche("?min=60&max=89,90&sort=price_asc"))).toEqual(["Safran de Taliouine", "Huile d'argan alimentaire"]);
    expect(titles(await marche("?min=90"))).toEqual(["Miel de thym"]);
    expect(titles(await marche("?max=59.99"))).toEqual([]);
    // Backwards is meant the right way round.
    expect(titles(await marche("?min=100&max=61&sort=price_desc"))).toEqual(["Huile d'argan alimentaire"]);
    expect(titles(await marche("?sort=price_desc"))).toEqual(["Miel de thym", "Huile d'argan alimentaire", "Safran de Taliouine"]);
    expect(titles(await marche("?sort=price_asc"))).toEqual(["Safran de Taliouine", "Huile d'argan alimentaire", "Miel de thym"]);
  });

  it("searches in French and Arabic, by category words, forgiving accents and typos", async () => {
    expect(titles(await marche("?q=huile+argan"))).toEqual(["Huile d'argan alimentaire"]);
    expect(titles(await marche(`?q=${encodeURIComponent("زعفران")}`))).toEqual(["Safran de Taliouine"]);
    expect(titles(await marche("?q=epices"))).toEqual(["Safran de Taliouine"]);
    expect(titles(await marche("?q=tafoukt&sort=price_desc"))).toEqual(["Huile d'argan alimentaire", "Safran de Taliouine"]);
    expect(titles(await marche("?q=mile"))).toEqual([]);
    expect(titles(await marche("?q=thymm"))).toEqual(["Miel de thym"]);
    // Drafts, archived products and unverified cooperatives are never found.
    expect(titles(await marche("?q=oranger"))).toEqual([]);
    expect(titles(await marche("?q=lavande"))).toEqual([]);
    expect(titles(await marche("?q=moyen+atlas"))).toEqual([]);
  });

  it("never fails on a hand-edited URL: bad numbers, sorts and hostile values fall back or match nothing", async () => {
    for (const query of [
      "?page=abc&sort=cheapest&min=free&max=-1&stock=yes",
      "?page=-4&min=1e9&max=99999999",
      `?category=${encodeURIComponent('x" OR 1=1')}&region=%00&coop=${"a".repeat(500)}`,
      `?q=${encodeURIComponent("'; drop table products; --")}&sign=${encodeURIComponent("\\")}`,
      `?q=${"x".repeat(5000)}&page=999999`,
    ]) {
      await marche(query);
    }
    const lenient = await marche("?page=abc&sort=cheapest&min=free&max=-1");
    expect(lenient.params).toMatchObject({ page: 1, sort: "relevance", min: null, max: null });
    expect(lenient.total).toBe(3);
    expect((await marche(`?category=${encodeURIComponent('x" OR 1=1')}`)).total).toBe(0);
    // A value of control characters still names something that does not exist: never a wider search.
    expect((await marche("?region=%00&coop=%00%01")).total).toBe(0);
    const far = await marche("?page=50");
    expect(far.cards).toEqual([]);
    expect(far.total).toBe(3);
  });

  it("parses and rebuilds its URL the same way", () => {
    const params = parseMarcheParams(new URLSearchParams("q=miel&category=honey&category=oils&region=09&women=1&stock=1&min=49,90&max=200&sort=price_desc&page=3"));
    expect(params).toEqual({
      q: "miel",
      page: 3,
      sort: "price_desc",
      lists: { category: ["honey", "oils"], region: ["09"], coop: [], sign: [] },
      women: true,
      inStock: true,
      min: 49.9,
      max: 200,
    });
    expect(marcheHref(params, { page: 3 })).toBe("/marche?q=miel&category=honey&category=oils&region=09&women=1&stock=1&min=49.9&max=200&sort=price_desc&page=3");
    expect(marcheHref(params, { toggle: ["category", "oils"] })).toBe("/marche?q=miel&category=honey&region=09&women=1&stock=1&min=49.9&max=200&sort=price_desc");
    expect(parseMarcheParams(new URLSearchParams(marcheHref(params, { page: 3 }).split("?")[1]))).toEqual(params);
  });
});

describe("the search index follows every change, in the change's transaction", () => {
  const doc = async (productId: string) => (await db.select().from(searchDocuments).where(eq(searchDocuments.id, `product:${productId}`)))[0];

  it("indexes a product when published, with its lowest price and stock, and updates it with each new size", async () => {
    const p = await listProduct(tafoukt, { titleFr: "Amlou", category: "preserves" }, [{ unit: "g", size: "500", price: "98", stock: "0" }], false);
    expect(await doc(p.id)).toBeUndefined();
    await publishProduct({ db, actor: tafoukt.actor, cooperativeSlug: tafoukt.coop.slug, productId: p.id });
    expect(await doc(p.id)).toMatchObject({ type: "product", kind: "preserves", regionCode: "09", organizationId: tafoukt.coop.id, priceMin: 9800, inStock: false, womenLed: true });
    await addVariant({ db, actor: tafoukt.actor, cooperativeSlug: tafoukt.coop.slug, productId: p.id, input: variantInput({ unit: "g", size: "250", price: "55", stock: "4" }) });
    expect(await doc(p.id)).toMatchObject({ priceMin: 5500, inStock: true });
    await archiveProduct({ db, actor: tafoukt.actor, cooperativeSlug: tafoukt.coop.slug, productId: p.id });
    expect(await doc(p.id)).toBeUndefined();
  });

  it("removes a cooperative's products when it loses its verification, and brings them back with it", async () => {
    const admin = await createUser(db, { platformRole: "admin" });
    const actor = { id: admin.id, platformRole: "admin" as const };
    const coop = await cooperative({ name: "Coopérative Zagora", regionCode: "08" });
    const p = await listProduct(coop, { titleFr: "Dattes Bouzekri", category: "dates" }, [{ unit: "g", size: "1000", price: "70", stock: "9" }]);
    expect(titles(await marche("?q=bouzekri"))).toEqual(["Dattes Bouzekri"]);
    await decideVerification({ db, actor, input: { organizationId: coop.coop.id, decision: "refused", reason: "Documents illisibles" } });
    expect(await doc(p.id)).toBeUndefined();
    expect(titles(await marche("?q=bouzekri"))).toEqual([]);
    expect((await run(productLoader, getRequest(`/marche/${p.slug}`), { slug: p.slug })).status).toBe(404);
    await decideVerification({ db, actor, input: { organizationId: coop.coop.id, decision: "verified" } });
    expect(titles(await marche("?q=bouzekri"))).toEqual(["Dattes Bouzekri"]);
  });
});

describe("a product's page", () => {
  const page = (slug: string, cookie?: string, query = "") => run(productLoader, getRequest(`/marche/${slug}${query}`, { cookie }), { slug });

  it("shows the product, its sizes with price and stock, its signs and cooperative, and describes it in JSON-LD and Open Graph", async () => {
    const res = await page(slugs.argan);
    expect(res.status).toBe(200);
    const d = res.data;
    expect(d.preview).toBe(false);
    expect(d.product).toMatchObject({ titleFr: "Huile d'argan alimentaire", onssaNumber: "ONSSA 09-112", organic: true });
    expect(d.variants.map((v: { unit: string; size: number; priceCentimes: number; stock: number }) => [v.unit, v.size, v.priceCentimes, v.stock])).toEqual([
      ["ml", 250, 8990, 12],
      ["ml", 1000, 32000, 0],
    ]);
    expect(d.variants[0]).toMatchObject({ lot: "TAF-03", bestBefore: "2027-03-31" });
    expect(d.cooperative).toMatchObject({ slug: tafoukt.coop.slug, verified: true, womenLed: true });
    expect(d.terms).toEqual(DEFAULT_SHOP_TERMS);
    expect(d.seo.jsonLd).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Product",
      name: "Huile d'argan alimentaire",
      alternateName: "زيت أركان غذائي",
      category: "Huiles",
      brand: { "@type": "Brand", name: "Coopérative Tafoukt" },
      offers: [
        { "@type": "Offer", name: "250 ml", price: "89.90", priceCurrency: "MAD", availability: "https://schema.org/InStock" },
        { "@type": "Offer", name: "1 L", price: "320.00", priceCurrency: "MAD", availability: "https://schema.org/OutOfStock" },
      ],
    });
    expect(d.seo.jsonLd.url).toMatch(new RegExp(`/marche/${slugs.argan}$`));
    expect(d.seo.meta).toContainEqual({ property: "og:type", content: "product" });
    expect(d.seo.meta).toContainEqual({ property: "product:price:amount", content: "89.90" });
    expect(d.seo.meta).toContainEqual({ property: "product:price:currency", content: "MAD" });
  });

  it("speaks the page's language, falling back to French where the product has no Arabic", async () => {
    const ar = (await page(slugs.argan, undefined, "?lang=ar")).data;
    expect(ar.seo.jsonLd).toMatchObject({ name: "زيت أركان غذائي", alternateName: "Huile d'argan alimentaire", category: "الزيوت" });
    expect(ar.seo.jsonLd.url).toMatch(/\?lang=ar$/);
    expect(ar.seo.meta).toContainEqual({ property: "og:locale", content: "ar_MA" });
    const honey = (await page(slugs.honey, undefined, "?lang=ar")).data;
    expect(honey.seo.jsonLd).toMatchObject({ name: "Miel de thym", description: "Miel cru des montagnes." });
    expect(honey.seo.jsonLd.offers).toEqual([expect.objectContaining({ name: "500 غ", availability: "https://schema.org/OutOfStock" })]);
  });

  it("is a 404 for drafts, archived products, unverified cooperatives and unknown or malformed slugs", async () => {
    for (const key of ["draft", "archived", "unverified"]) expect((await page(slugs[key])).status, key).toBe(404);
    for (const slug of ["nexiste-pas", "../../etc/passwd", "x".repeat(300), "Miel%20de"]) expect((await page(slug)).status, slug).toBe(404);
    // A signed-in stranger sees no more than a visitor.
    const stranger = await signedIn();
    expect((await page(slugs.draft, stranger.cookie)).status).toBe(404);
  });

  it("lets the cooperative's own members preview a draft or an archived product, marked as such and not indexed by robots", async () => {
    for (const key of ["draft", "archived"]) {
      const res = await page(slugs[key], atlas.cookie);
      expect(res.status, key).toBe(200);
      expect(res.data.preview).toBe(true);
    }
    expect((await page(slugs.unverified, pending.cookie)).data.preview).toBe(true);
    // Another cooperative's member is a stranger here.
    expect((await page(slugs.draft, tafoukt.cookie)).status).toBe(404);
  });
});

describe("a cooperative's shop", () => {
  const shop = (slug: string, cookie?: string, query = "") => run(shopLoader, getRequest(`/cooperatives/${slug}${query}`, { cookie }), { slug });

  it("shows the cooperative, its terms (defaults when it set none) and its published products, with JSON-LD", async () => {
    const res = await shop(tafoukt.coop.slug);
    expect(res.status).toBe(200);
    expect(res.data.cooperative).toMatchObject({ name: "Coopérative Tafoukt", womenLed: true, verified: true, regionCode: "09" });
    expect(res.data.terms).toEqual(DEFAULT_SHOP_TERMS);
    expect(res.data.products.map((c: { slug: string }) => c.slug).sort()).toEqual([slugs.argan, slugs.saffron].sort());
    expect(res.data.seo.jsonLd).toMatchObject({ "@type": "Organization", name: "Coopérative Tafoukt", alternateName: "تعاونية تافوكت", address: { addressRegion: "Souss-Massa" } });
    expect(res.data.seo.jsonLd.url).toMatch(new RegExp(`/cooperatives/${tafoukt.coop.slug}$`));
    const honey = await shop(atlas.coop.slug);
    expect(honey.data.products.map((c: { slug: string }) => c.slug)).toEqual([slugs.honey]);
  });

  it("reads a cooperative's own terms of sale", async () => {
    await db.insert(shopSettings).values({ organizationId: atlas.coop.id, shippingFeeCentimes: 2500, freeShippingFromCentimes: 40000, deliveryDaysMin: 1, deliveryDaysMax: 3, minimumOrderCentimes: 10000 });
    expect(await getShopTerms(db, atlas.coop.id)).toMatchObject({ shippingFeeCentimes: 2500, freeShippingFromCentimes: 40000, deliveryDaysMin: 1, deliveryDaysMax: 3, minimumOrderCentimes: 10000 });
    const both = await getShopTermsFor(db, [atlas.coop.id, tafoukt.coop.id]);
    expect(both.get(tafoukt.coop.id)).toEqual(DEFAULT_SHOP_TERMS);
    expect(both.get(atlas.coop.id)?.shippingFeeCentimes).toBe(2500);
    expect((await shop(atlas.coop.slug)).data.terms.minimumOrderCentimes).toBe(10000);
  });

  it("is a 404 for an unverified cooperative (but its members preview it), a non-cooperative, or an unknown slug", async () => {
    expect((await shop(pending.coop.slug)).status).toBe(404);
    expect((await shop(pending.coop.slug, pending.cookie)).data.preview).toBe(true);
    const association = await createOrganization(db, { kind: "association", verificationStatus: "verified" });
    expect((await shop(association.slug)).status).toBe(404);
    expect((await shop("nexiste-pas")).status).toBe(404);
    expect((await shop(tafoukt.coop.slug, undefined, "?page=abc")).status).toBe(200);
    expect((await shop(tafoukt.coop.slug, undefined, "?page=40")).data.products).toEqual([]);
  });

  it("is linked from the profile of a cooperative that sells, not from the others", async () => {
    const profile = (slug: string) => run(profileLoader, getRequest(`/organisations/${slug}`), { slug });
    expect((await profile(tafoukt.coop.slug)).data.hasShop).toBe(true);
    expect((await profile(pending.coop.slug)).data.hasShop).toBe(false);
    const empty = await cooperative({ name: "Coopérative sans produits" });
    expect((await profile(empty.coop.slug)).data.hasShop).toBe(false);
  });
});

describe("favourites", () => {
  const favourite = (slug: string, fields: Record<string, string>, cookie?: string) =>
    run(productAction, formRequest(`/marche/${slug}`, fields, { cookie }), { slug });

  it("sends visitors to the login page and back", async () => {
    const res = await favourite(slugs.argan, { intent: "favouriteProduct", on: "1" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/connexion?redirectTo=${encodeURIComponent(`/marche/${slugs.argan}`)}`);
    const page = await run(productLoader, getRequest(`/marche/${slugs.argan}`), { slug: slugs.argan });
    expect(page.data).toMatchObject({ signedIn: false, favourite: false });
    const shop = await run(shopAction, formRequest(`/cooperatives/${tafoukt.coop.slug}`, { intent: "favouriteShop", on: "1" }), { slug: tafoukt.coop.slug });
    expect(shop.headers.get("Location")).toMatch(/^\/connexion\?redirectTo=/);
    expect((await run(favouritesLoader, getRequest("/compte/favoris"))).status).toBe(302);
  });

  it("a signed-in buyer keeps products and cooperatives, sees them on their page, and removes them", async () => {
    const { user, cookie } = await signedIn();
    const added = await favourite(slugs.argan, { intent: "favouriteProduct", on: "1" }, cookie);
    expect(added.status).toBe(302);
    expect(added.headers.get("Location")).toBe(`/marche/${slugs.argan}`);
    expect(added.headers.get("Set-Cookie")).toContain("market.favouriteAdded");
    // Sent twice (a double tap), kept once.
    await favourite(slugs.argan, { intent: "favouriteProduct", on: "1" }, cookie);
    await favourite(slugs.honey, { intent: "favouriteShop", on: "1" }, cookie);
    await run(shopAction, formRequest(`/cooperatives/${tafoukt.coop.slug}?lang=ar`, { intent: "favouriteShop", on: "1" }, { cookie }), { slug: tafoukt.coop.slug });
    const page = await run(productLoader, getRequest(`/marche/${slugs.argan}`, { cookie }), { slug: slugs.argan });
    expect(page.data).toMatchObject({ signedIn: true, favourite: true, shopFavourite: true });

    const list = await run(favouritesLoader, getRequest("/compte/favoris", { cookie }));
    expect(list.data.products.map((p: { slug: string }) => p.slug)).toEqual([slugs.argan]);
    expect(list.data.shops.map((s: { slug: string }) => s.slug).sort()).toEqual([atlas.coop.slug, tafoukt.coop.slug].sort());

    // Someone else's list is theirs alone.
    const other = await signedIn();
    const theirs = await run(favouritesLoader, getRequest("/compte/favoris", { cookie: other.cookie }));
    expect(theirs.data).toMatchObject({ products: [], shops: [] });

    await favourite(slugs.argan, { intent: "favouriteProduct", on: "0" }, cookie);
    const removed = await run(favouritesAction, formRequest("/compte/favoris", { intent: "removeShop", id: atlas.coop.id }, { cookie }));
    expect(removed.status).toBe(302);
    const after = await run(favouritesLoader, getRequest("/compte/favoris", { cookie }));
    expect(after.data.products).toEqual([]);
    expect(after.data.shops.map((s: { slug: string }) => s.slug)).toEqual([tafoukt.coop.slug]);
    expect(await db.select().from(favouriteProducts).where(eq(favouriteProducts.userId, user.id))).toEqual([]);
  });

  it("refuses what the public cannot see, and a malformed form", async () => {
    const { user, cookie } = await signedIn();
    expect((await favourite(slugs.draft, { intent: "favouriteProduct", on: "1" }, cookie)).status).toBe(404);
    // Even for the cooperative's own member, who may preview it.
    expect((await favourite(slugs.draft, { intent: "favouriteProduct", on: "1" }, atlas.cookie)).status).toBe(404);
    expect((await favourite(slugs.argan, { intent: "favouriteProduct", on: "maybe" }, cookie)).status).toBe(400);
    expect((await favourite(slugs.argan, { intent: "deleteEverything", on: "1" }, cookie)).status).toBe(400);
    expect((await run(favouritesAction, formRequest("/compte/favoris", { intent: "removeProduct", id: "not-a-uuid" }, { cookie }))).status).toBe(400);
    expect(
      await db
        .select()
        .from(favouriteProducts)
        .where(and(eq(favouriteProducts.userId, user.id), eq(favouriteProducts.productId, ids.draft))),
    ).toEqual([]);
  });

  it("keeps a favourite taken off the market, marked unavailable", async () => {
    const { cookie } = await signedIn();
    const p = await listProduct(atlas, { titleFr: "Miel de caroube", category: "honey" }, [{ unit: "g", size: "250", price: "80", stock: "3" }]);
    await favourite(p.slug, { intent: "favouriteProduct", on: "1" }, cookie);
    await archiveProduct({ db, actor: atlas.actor, cooperativeSlug: atlas.coop.slug, productId: p.id });
    const list = await run(favouritesLoader, getRequest("/compte/favoris", { cookie }));
    expect(list.data.products).toEqual([expect.objectContaining({ slug: p.slug, listed: false })]);
  });
});

describe("sitemap", () => {
  it("lists the public products and shops, with their language alternates, and nothing hidden", async () => {
    const index = await sitemapLoader({ request: getRequest("/sitemap.xml"), params: {}, context: {} } as never);
    const indexXml = await (index as Response).text();
    expect(indexXml).toContain("/sitemap.xml?part=products-1");
    expect(indexXml).toContain("/sitemap.xml?part=shops-1");
    const products = await (await sitemapLoader({ request: getRequest("/sitemap.xml?part=products-1"), params: {}, context: {} } as never) as Response).text();
    expect(products).toContain(`/marche/${slugs.argan}</loc>`);
    expect(products).toContain(`/marche/${slugs.argan}?lang=ar`);
    for (const key of ["draft", "archived", "unverified"]) expect(products, key).not.toContain(`/marche/${slugs[key]}<`);
    const shops = await (await sitemapLoader({ request: getRequest("/sitemap.xml?part=shops-1"), params: {}, context: {} } as never) as Response).text();
    expect(shops).toContain(`/cooperatives/${tafoukt.coop.slug}</loc>`);
    expect(shops).not.toContain(`/cooperatives/${pending.coop.slug}<`);
    for (const part of ["products-0", "shops-x", "products-99999", "-1"]) {
      const res = await run(sitemapLoader, getRequest(`/sitemap.xml?part=${part}`));
      expect(res.status, part).toBe(404);
    }
  });
});
