import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { catalogImportRows, catalogImports, products, productVariants, stockMovements } from "../../db/schema";
import { parseCsv } from "~/modules/catalog/csv";
import { IMPORT_COLUMNS } from "~/modules/catalog/csv-import";
import { MAX_IMPORT_BYTES, runCatalogImport } from "~/modules/catalog/csv-import.server";
import { createProduct } from "~/modules/catalog/products.server";
import { createSession } from "~/modules/accounts/session.server";
import { action as uploadAction, loader as uploadLoader } from "~/routes/organisations.$slug_.produits_.import";
import { action as previewAction, loader as previewLoader } from "~/routes/organisations.$slug_.produits_.import_.$id";
import { loader as invalidRowsLoader } from "~/routes/organisations.$slug_.produits_.import_.$id_.erreurs[.]csv";
import { loader as progressLoader } from "~/routes/organisations.$slug_.produits_.import_.$id_.progression";
import { loader as templateLoader } from "~/routes/organisations.$slug_.produits_.modele[.]csv";
import { formRequest, getRequest, run } from "../support/http";

// CSV import of products (issue 4, item 2), through the routes as a browser calls them, on a real database.

async function member() {
  const user = await createUser(db);
  const { token } = await createSession({ userId: user.id, platformRole: null });
  const coop = await createOrganization(db, { name: `Coopérative Tifawin ${Math.random().toString(36).slice(2, 6)}`, ownerId: user.id, role: "member", verificationStatus: "verified" });
  return { user, cookie: `tiwizi_session=${token}`, coop };
}

const utf8 = (text: string, bom = false) => new Uint8Array([...(bom ? [0xef, 0xbb, 0xbf] : []), ...new TextEncoder().encode(text)]);
/** Windows-1256 bytes, from the platform's own Windows-1256 table read backwards. */
const CP1256 = new Map([...Array(128).keys()].map((i) => [new TextDecoder("windows-1256").decode(Uint8Array.of(0x80 + i)), 0x80 + i]));
const windows1256 = (text: string) => Uint8Array.from([...text].map((c) => (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : CP1256.get(c)!)));
const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

const upload = (slug: string, bytes: Uint8Array, cookie?: string, name = "produits.csv") =>
  run(uploadAction, formRequest(`/organisations/${slug}/produits/import`, { file: new File([new Uint8Array(bytes)], name, { type: "text/csv" }) }, { cookie }), { slug });
const preview = (slug: string, id: string, cookie?: string, query = "") =>
  run(previewLoader, getRequest(`/organisations/${slug}/produits/import/${id}${query}`, { cookie }), { slug, id });
const runImport = (slug: string, id: string, cookie?: string) =>
  run(previewAction, formRequest(`/organisations/${slug}/produits/import/${id}`, { intent: "run" }, { cookie }), { slug, id });
const download = (slug: string, id: string, cookie?: string) =>
  run(invalidRowsLoader, getRequest(`/organisations/${slug}/produits/import/${id}/erreurs.csv`, { cookie }), { slug, id });

/** Uploads a file and returns the import's id from the redirect to its preview. */
async function uploaded(slug: string, bytes: Uint8Array, cookie: string, name?: string) {
  const res = await upload(slug, bytes, cookie, name);
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  const location = res.headers.get("Location")!;
  expect(location).toMatch(new RegExp(`^/organisations/${slug}/produits/import/[0-9a-f-]{36}$`));
  return location.split("/").pop()!;
}
const rowsOf = (importId: string) =>
  db.select().from(catalogImportRows).where(eq(catalogImportRows.importId, importId)).orderBy(asc(catalogImportRows.rowNumber));
const importsOf = async (organizationId: string) =>
  (await db.select({ n: count() }).from(catalogImports).where(eq(catalogImports.organizationId, organizationId)))[0].n;
async function productsOf(organizationId: string) {
  const list = await db.select().from(products).where(eq(products.organizationId, organizationId)).orderBy(asc(products.createdAt), asc(products.titleFr));
  const variants = await db.select().from(productVariants).where(inArray(productVariants.productId, list.length ? list.map((p) => p.id) : [crypto.randomUUID()]));
  return list.map((p) => ({ ...p, variants: variants.filter((v) => v.productId === p.id) }));
}

describe("reading files as Excel writes them", () => {
  it("UTF-8 with a BOM and semicolons, as French Excel's « CSV UTF-8 »", async () => {
    const { cookie, coop } = await member();
    const csv = [
      "reference;titre_fr;titre_ar;categorie;unite;taille;prix;stock;dluo;signes_qualite;bio",
      "HA-1;Huile d'argan alimentaire;زيت أركان;Huiles;ml;250;89,90;12;31/12/2026;argane;oui",
      "HA-1;;;;ml;1000;320;4;2026-12-31;;",
    ].join("\r\n");
    const id = await uploaded(coop.slug, utf8(csv, true), cookie);
    const page = await preview(coop.slug, id, cookie);
    expect(page.status).toBe(200);
    expect(page.data.import).toMatchObject({ fileName: "produits.csv", encoding: "utf-8", delimiter: ";", status: "previewed", totalRows: 2, validRows: 2 });
    expect(page.data.rows).toEqual([
      expect.objectContaining({ rowNumber: 2, status: "valid", errors: {}, cells: expect.objectContaining({ reference: "HA-1", titre_ar: "زيت أركان", prix: "89,90" }) }),
      expect.objectContaining({ rowNumber: 3, status: "valid", errors: {} }),
    ]);
  });

  it("Windows-1256 from Arabic Excel, with commas", async () => {
    const { cookie, coop } = await member();
    const csv = "titre_fr,titre_ar,description_ar,categorie,unite,taille,prix\r\nMiel de thym,عسل الزعتر,عسل طبيعي من جبال الأطلس,honey,g,500,120\r\nSafran,زعفران تالوين,,spices,g,1,60\r\n";
    const bytes = windows1256(csv);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const id = await uploaded(coop.slug, bytes, cookie);
    const page = await preview(coop.slug, id, cookie);
    expect(page.data.import).toMatchObject({ encoding: "windows-1256", delimiter: ",", validRows: 2 });
    expect(page.data.rows.map((r: { cells: Record<string, string> }) => r.cells.titre_ar)).toEqual(["عسل الزعتر", "زعفران تالوين"]);
    expect(page.data.rows[0].cells.description_ar).toBe("عسل طبيعي من جبال الأطلس");
  });

  it("Latin-1 from French Excel's « CSV (séparateur : point-virgule) », accents intact", async () => {
    const { cookie, coop } = await member();
    const csv = "titre_fr;description_fr;categorie;unite;taille;prix\r\nCrème à l'huile d'argan;Préparée à Essaouira, très douce;Cosmétiques;ml;50;75\r\nThé à la menthe séchée;;Plantes aromatiques et médicinales;g;100;25,5\r\n";
    const id = await uploaded(coop.slug, latin1(csv), cookie);
    const page = await preview(coop.slug, id, cookie);
    expect(page.data.import).toMatchObject({ encoding: "latin1", delimiter: ";", validRows: 2 });
    expect(page.data.rows.map((r: { cells: Record<string, string> }) => r.cells.titre_fr)).toEqual(["Crème à l'huile d'argan", "Thé à la menthe séchée"]);
  });

  it("quoted fields keep their delimiters, line breaks and quotes; English and Arabic headers are understood", async () => {
    const { cookie, coop } = await member();
    const csv = 'Title,Category,Unit,Size,Price,Description\n"Tapis ""Boucherouite"", 1x2 m",textiles,piece,1,"1 450,00","Tissé à la main,\nen laine recyclée"\n';
    const id = await uploaded(coop.slug, utf8(csv), cookie);
    const [row] = await rowsOf(id);
    expect(row).toMatchObject({
      status: "valid",
      cells: { titre_fr: 'Tapis "Boucherouite", 1x2 m', categorie: "textiles", prix: "1 450,00", description_fr: "Tissé à la main,\nen laine recyclée" },
    });
    const arabic = await uploaded(coop.slug, utf8("الاسم_بالفرنسية;الفئة;الوحدة;الحجم;السعر\nAmlou;preserves;g;250;45\n", true), cookie);
    expect((await rowsOf(arabic))[0]).toMatchObject({ status: "valid", cells: { titre_fr: "Amlou", categorie: "preserves" } });
  });
});

describe("files refused as a whole, with nothing kept", () => {
  it("wrong or missing columns: one error naming them", async () => {
    const { cookie, coop } = await member();
    const res = await upload(coop.slug, utf8("nom;prx;categorie;couleur\nMiel;12;honey;jaune\n"), cookie);
    expect(res.status).toBe(400);
    expect(res.data.messageKey).toBe("imports.errors.columns");
    expect(res.data.details).toEqual([
      { key: "imports.errors.missingColumns", vars: { columns: "unite, taille, prix" } },
      { key: "imports.errors.unknownColumns", vars: { columns: "prx, couleur" } },
    ]);
    const twice = await upload(coop.slug, utf8("titre_fr;titre;categorie;unite;taille;prix\n"), cookie);
    expect(twice.data.details).toEqual([{ key: "imports.errors.repeatedColumns", vars: { columns: "titre" } }]);
    expect(await importsOf(coop.id)).toBe(0);
  });

  it("more than 10,000 rows (50,000 here): a clear error before anything is stored", async () => {
    const { cookie, coop } = await member();
    const lines = ["reference;titre_fr;categorie;unite;taille;prix;stock"];
    for (let i = 0; i < 50_000; i++) lines.push(`R${i};Miel ${i};honey;g;500;120;3`);
    const bytes = utf8(lines.join("\n"));
    expect(bytes.length).toBeLessThan(MAX_IMPORT_BYTES);
    const res = await upload(coop.slug, bytes, cookie);
    expect(res.status).toBe(400);
    expect(res.data).toMatchObject({ messageKey: "imports.errors.tooManyRows", vars: { count: 50_000, max: 10_000 } });
    expect(await importsOf(coop.id)).toBe(0);
    expect((await db.select({ n: count() }).from(products).where(eq(products.organizationId, coop.id)))[0].n).toBe(0);
  });

  it("too large, empty, header only, not a CSV at all, or no file", async () => {
    const { cookie, coop } = await member();
    const cases: [Uint8Array, string][] = [
      [new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61), "imports.errors.tooLarge"],
      [utf8("\n\n"), "imports.errors.empty"],
      [utf8("titre_fr;categorie;unite;taille;prix\n"), "imports.errors.noRows"],
      [Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0, 0, 0, 0x21, 0]), "imports.errors.binary"],
      [utf8('titre_fr;categorie;unite;taille;prix\n"Miel;honey;g;1;2\n'), "imports.errors.unterminatedQuote"],
    ];
    for (const [bytes, key] of cases) {
      const res = await upload(coop.slug, bytes, cookie);
      expect(res.status, key).toBe(400);
      expect(res.data.messageKey).toBe(key);
    }
    const none = await run(uploadAction, formRequest(`/organisations/${coop.slug}/produits/import`, { file: new File([], "vide.csv") }, { cookie }), { slug: coop.slug });
    expect(none.data.messageKey).toBe("imports.errors.missing");
    const notMultipart = await run(uploadAction, formRequest(`/organisations/${coop.slug}/produits/import`, { file: "x" }, { cookie }), { slug: coop.slug });
    expect(notMultipart.data.messageKey).toBe("imports.errors.missing");
    expect(await importsOf(coop.id)).toBe(0);
  });
});

describe("row by row", () => {
  it("each invalid cell gets its translated error; formulas are text, kept as typed", async () => {
    const { cookie, coop } = await member();
    const csv = [
      "reference;titre_fr;categorie;unite;taille;prix;stock;dluo;signes_qualite;bio;perissable",
      "OK-1;=cmd|' /C calc'!A0;oils;ml;250;89,90;2;;;non;non",
      "B-2;Miel;armes;boîte;0;abc;-1;31/02/2026;label-inconnu;peut-être;oui",
      "C-3;;honey;g;500;120;1;;;;",
      "D 4!;Dattes;dates;g;1000;70;0;;;;",
      "E-5;Amlou;preserves;g;250;45;1;;;;",
      "E-5;Amlou;honey;g;250;45;1;;;;",
      "E-5;;;g;500;80;1;;;;",
      "E-5;;;kg;0,5;85;1;;;;",
      "F-6;@SUM(A1);oils;ml;100;+50;1;;;;;extra",
    ].join("\n");
    const id = await uploaded(coop.slug, utf8(csv), cookie);
    const rows = await rowsOf(id);
    const byRow = Object.fromEntries(rows.map((r) => [r.rowNumber, r]));
    expect(byRow[2]).toMatchObject({ status: "valid", errors: {}, cells: { titre_fr: "=cmd|' /C calc'!A0" } });
    expect(byRow[3]).toMatchObject({
      status: "invalid",
      errors: {
        categorie: "errors.invalidChoice",
        unite: "errors.invalidChoice",
        taille: "errors.invalid",
        prix: "errors.priceInvalid",
        stock: "errors.invalid",
        dluo: "imports.errors.date",
        signes_qualite: "errors.invalidChoice",
        bio: "errors.invalidChoice",
      },
    });
    expect(byRow[4]).toMatchObject({ status: "invalid", errors: { titre_fr: "errors.required" } });
    expect(byRow[5]).toMatchObject({ status: "invalid", errors: { reference: "imports.errors.reference" } });
    // One product, several sizes: later rows take the first row's product columns; a different one is an error,
    // and so is a size given twice (0,5 kg is 500 g).
    expect(byRow[6]).toMatchObject({ status: "valid" });
    expect(byRow[7]).toMatchObject({ status: "invalid", errors: { categorie: "imports.errors.differsFromFirstRow" } });
    expect(byRow[8]).toMatchObject({ status: "valid" });
    expect(byRow[9]).toMatchObject({ status: "invalid", errors: { taille: "imports.errors.repeatedSize" } });
    expect(byRow[10]).toMatchObject({ status: "invalid", errors: { _: "imports.errors.cellOutsideColumns", prix: "errors.priceInvalid" } });

    // The preview shows invalid rows first, and filters.
    const page = await preview(coop.slug, id, cookie);
    expect(page.data.counts).toEqual({ all: 9, invalid: 6, valid: 3, imported: 0 });
    expect(page.data.rows.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([3, 4, 5, 7, 9, 10, 2, 6, 8]);
    const valid = await preview(coop.slug, id, cookie, "?rows=valid");
    expect(valid.data.rows.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([2, 6, 8]);

    // The rows to fix come back as a CSV with what is wrong, in the person's language; formulas neutralised.
    const file = await download(coop.slug, id, cookie);
    expect(file.status).toBe(200);
    const res = (await invalidRowsLoader({ request: getRequest(`/organisations/${coop.slug}/produits/import/${id}/erreurs.csv`, { cookie }), params: { slug: coop.slug, id }, context: {} } as never)) as Response;
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="produits-a-corriger.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = parseCsv(new TextDecoder().decode(bytes), ";").map((r) => r.cells);
    expect(back[0]).toEqual([...IMPORT_COLUMNS, "erreurs"]);
    expect(back).toHaveLength(7);
    expect(back[1][IMPORT_COLUMNS.indexOf("prix")]).toBe("abc");
    expect(back[1].at(-1)).toBe(
      "categorie : Choisissez une des options proposées. | unite : Choisissez une des options proposées. | taille : Cette valeur n'est pas valide. | " +
        "prix : Indiquez un prix en dirhams, par exemple 49,90. | stock : Cette valeur n'est pas valide. | dluo : Date invalide : écrivez 31/12/2026 ou 2026-12-31. | " +
        "signes_qualite : Choisissez une des options proposées. | bio : Choisissez une des options proposées.",
    );
    expect(back[6].at(-1)).toMatch(/^Cette ligne a une valeur hors des colonnes du modèle\. \| prix : /);
    expect(back[6][IMPORT_COLUMNS.indexOf("titre_fr")]).toBe("'@SUM(A1)");
    expect(back[6][IMPORT_COLUMNS.indexOf("prix")]).toBe("'+50");
    const inArabic = (await invalidRowsLoader({ request: getRequest(`/organisations/${coop.slug}/produits/import/${id}/erreurs.csv?lang=ar`, { cookie }), params: { slug: coop.slug, id }, context: {} } as never)) as Response;
    expect(await inArabic.text()).toMatch(/[\u0600-\u06FF]/);
  });

  it("categories by code or by name in French, Arabic or English, singular or plural", async () => {
    const { cookie, coop } = await member();
    const names = ["oils", "Huile", "زيوت", "المصبّرات والمربّيات", "Spices and saffron", "épices et safran", "Cosmétique", "Plante aromatique et médicinale"];
    const csv = ["titre_fr;categorie;unite;taille;prix", ...names.map((c, i) => `Produit ${i};${c};g;1;10`)].join("\n");
    const id = await uploaded(coop.slug, utf8(csv), cookie);
    expect((await rowsOf(id)).map((r) => r.status)).toEqual(names.map(() => "valid"));
    await runImport(coop.slug, id, cookie);
    await runCatalogImport(db, id);
    expect((await productsOf(coop.id)).map((p) => p.category)).toEqual(["oils", "oils", "oils", "preserves", "spices", "spices", "cosmetics", "herbs"]);
  });

  it("the template is UTF-8 with a BOM and semicolons, and its example row imports cleanly", async () => {
    const { cookie, coop } = await member();
    const res = (await templateLoader({ request: getRequest(`/organisations/${coop.slug}/produits/modele.csv`, { cookie }), params: { slug: coop.slug }, context: {} } as never)) as Response;
    expect(res.headers.get("Content-Disposition")).toContain("modele-produits-tiwizi.csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes).split("\r\n")[0]).toBe(IMPORT_COLUMNS.join(";"));
    const id = await uploaded(coop.slug, bytes, cookie, "modele.csv");
    expect(await rowsOf(id)).toEqual([expect.objectContaining({ status: "valid", errors: {} })]);
  });
});

describe("the import job", () => {
  it("imports the valid rows in batches, as drafts with their sizes and opening stock, moving the progress", async () => {
    const { cookie, coop, user } = await member();
    const lines = ["reference;titre_fr;titre_ar;categorie;unite;taille;prix;stock;lot;dluo;signes_qualite;bio;perissable;onssa"];
    for (let p = 0; p < 150; p++) {
      lines.push(`P-${p};Huile ${p};زيت ${p};oils;ml;250;89,90;${p % 3};L${p};31/12/2026;argane;oui;non;ONSSA-${p}`);
      lines.push(`P-${p};;;;ml;500;150;5;;;;;;`);
      lines.push(`P-${p};;;;L;1;280;0;;;;;;`);
    }
    lines.push("BAD;Huile;;oils;ml;250;gratuit;1;;;;;;;");
    const id = await uploaded(coop.slug, utf8(lines.join("\n")), cookie);
    const progressOf = () => run(progressLoader, getRequest(`/organisations/${coop.slug}/produits/import/${id}/progression`, { cookie }), { slug: coop.slug, id });
    expect((await progressOf()).data).toEqual({ status: "previewed", importedRows: 0, validRows: 450, error: null });

    const queued = await runImport(coop.slug, id, cookie);
    expect(queued.status).toBe(302);
    expect(queued.headers.get("Set-Cookie")).toContain("imports.queued");
    expect((await progressOf()).data).toMatchObject({ status: "queued", importedRows: 0 });
    const jobs = await db.execute<{ data: { id: string } }>(sql`select data from pgboss.job where name = 'catalog-import' and data->>'id' = ${id}`);
    expect(jobs).toHaveLength(1);
    // A second click does not queue it twice.
    expect((await runImport(coop.slug, id, cookie)).data.messageKey).toBe("imports.errors.notQueueable");

    const seen: { importedRows: number; status: string }[] = [];
    await runCatalogImport(db, id, {
      batchRows: 200,
      onBatch: async () => {
        seen.push((await progressOf()).data);
      },
    });
    // Whole products per batch: 67 products (201 rows), then 67, then 16.
    expect(seen).toEqual([
      { status: "running", importedRows: 201, validRows: 450, error: null },
      { status: "running", importedRows: 402, validRows: 450, error: null },
      { status: "running", importedRows: 450, validRows: 450, error: null },
    ]);
    expect((await progressOf()).data).toMatchObject({ status: "done", importedRows: 450 });
    const [imp] = await db.select().from(catalogImports).where(eq(catalogImports.id, id));
    expect(imp.finishedAt).toBeInstanceOf(Date);

    const list = await productsOf(coop.id);
    expect(list).toHaveLength(150);
    expect(list.every((p) => p.status === "draft")).toBe(true);
    const first = list.find((p) => p.titleFr === "Huile 1")!;
    expect(first).toMatchObject({
      slug: `${coop.slug}-p-1`,
      titleAr: "زيت 1",
      category: "oils",
      qualitySigns: ["argane"],
      organic: true,
      perishable: false,
      onssaNumber: "ONSSA-1",
      createdBy: user.id,
    });
    expect(first.variants.map((v) => [v.unit, v.size, v.priceCentimes, v.stock, v.lot, v.bestBefore]).sort()).toEqual([
      ["ml", 1000, 28000, 0, null, null],
      ["ml", 250, 8990, 1, "L1", "2026-12-31"],
      ["ml", 500, 15000, 5, null, null],
    ]);
    const movements = await db
      .select({ delta: stockMovements.delta, reason: stockMovements.reason, reference: stockMovements.reference })
      .from(stockMovements)
      .innerJoin(productVariants, eq(productVariants.id, stockMovements.variantId))
      .where(eq(productVariants.productId, first.id));
    expect(movements.sort((a, b) => a.delta - b.delta)).toEqual([
      { delta: 1, reason: "opening", reference: `catalog-import:${id}` },
      { delta: 5, reason: "opening", reference: `catalog-import:${id}` },
    ]);
    const statuses = await db
      .select({ status: catalogImportRows.status, n: count() })
      .from(catalogImportRows)
      .where(eq(catalogImportRows.importId, id))
      .groupBy(catalogImportRows.status);
    expect(Object.fromEntries(statuses.map((s) => [s.status, s.n]))).toEqual({ imported: 450, invalid: 1 });
    // The invalid row stays listed, to fix.
    const toFix = await preview(coop.slug, id, cookie, "?rows=invalid");
    expect(toFix.data.rows).toEqual([expect.objectContaining({ rowNumber: 452, status: "invalid", errors: { prix: "errors.priceInvalid" } })]);

    // Running the job again (a retried delivery) changes nothing.
    await runCatalogImport(db, id);
    expect((await db.select({ n: count() }).from(productVariants).innerJoin(products, eq(products.id, productVariants.productId)).where(eq(products.organizationId, coop.id)))[0].n).toBe(450);
  });

  it("importing again adds only missing sizes and never duplicates a product, by reference or by title", async () => {
    const { cookie, coop, user } = await member();
    // A product made by hand before, matched by its French title.
    await createProduct({ db, actor: { id: user.id, platformRole: null }, cooperativeSlug: coop.slug, input: { titleFr: "Miel de thym", titleAr: null, descriptionFr: null, descriptionAr: null, category: "honey", qualitySigns: [], organic: false, onssaNumber: null } });
    const csv = "reference;titre_fr;categorie;unite;taille;prix;stock\nSAF;Safran;spices;g;1;60;10\nSAF;;;g;5;280;3\n;miel  de THYM;honey;g;500;120;4\n";
    const first = await uploaded(coop.slug, utf8(csv), cookie);
    await runImport(coop.slug, first, cookie);
    await runCatalogImport(db, first);
    const again = await uploaded(coop.slug, utf8(csv + "SAF;;;g;10;520;2\n"), cookie);
    await runImport(coop.slug, again, cookie);
    await runCatalogImport(db, again);

    const list = await productsOf(coop.id);
    expect(list.map((p) => [p.titleFr, p.variants.map((v) => v.size).sort((a, b) => a - b)])).toEqual([
      ["Miel de thym", [500]],
      ["Safran", [1, 5, 10]],
    ]);
    // Sizes that existed are left as they were (stock not added twice), and said so.
    expect(list[1].variants.find((v) => v.size === 1)!.stock).toBe(10);
    const rows = await rowsOf(again);
    expect(rows.map((r) => [r.rowNumber, r.status, r.errors])).toEqual([
      [2, "imported", { _: "imports.rows.sizeExisted" }],
      [3, "imported", { _: "imports.rows.sizeExisted" }],
      [4, "imported", { _: "imports.rows.sizeExisted" }],
      [5, "imported", {}],
    ]);
    const [imp] = await db.select().from(catalogImports).where(eq(catalogImports.id, again));
    expect(imp).toMatchObject({ status: "done", importedRows: 4 });
  });

  it("a reference whose slug another cooperative already holds gets a free one, and is still found the next time", async () => {
    const { cookie, coop } = await member();
    const neighbour = await createOrganization(db, { name: "Voisine" });
    await db.insert(products).values([
      { organizationId: neighbour.id, slug: `${coop.slug}-miel-x`, titleFr: "Autre miel", category: "honey" },
      { organizationId: neighbour.id, slug: `${coop.slug}-miel-x-2`, titleFr: "Autre miel 2", category: "honey" },
    ]);
    const csv = "reference;titre_fr;categorie;unite;taille;prix\nMIEL-X;Miel X;honey;g;250;60\n";
    for (const extra of ["", "MIEL-X;;;g;500;110\n"]) {
      const id = await uploaded(coop.slug, utf8(csv + extra), cookie);
      await runImport(coop.slug, id, cookie);
      await runCatalogImport(db, id);
    }
    const list = await productsOf(coop.id);
    expect(list.map((p) => [p.slug, p.variants.map((v) => v.size).sort((a, b) => a - b)])).toEqual([[`${coop.slug}-miel-x-3`, [250, 500]]]);
  });

  it("an import with no valid row cannot be queued, and a failed job can be started again", async () => {
    const { cookie, coop } = await member();
    const none = await uploaded(coop.slug, utf8("titre_fr;categorie;unite;taille;prix\nMiel;honey;g;500;-3\n"), cookie);
    const res = await runImport(coop.slug, none, cookie);
    expect(res.status).toBe(409);
    expect(res.data.messageKey).toBe("imports.errors.notQueueable");
    expect((await runImport(coop.slug, none, cookie).then(() => db.select().from(catalogImports).where(eq(catalogImports.id, none))))[0].status).toBe("previewed");
    expect((await run(previewAction, formRequest(`/organisations/${coop.slug}/produits/import/${none}`, { intent: "other" }, { cookie }), { slug: coop.slug, id: none })).status).toBe(400);

    const ok = await uploaded(coop.slug, utf8("titre_fr;categorie;unite;taille;prix\nMiel;honey;g;500;30\n"), cookie);
    await db.update(catalogImports).set({ status: "failed", error: "imports.errors.jobFailed" }).where(eq(catalogImports.id, ok));
    expect((await runImport(coop.slug, ok, cookie)).status).toBe(302);
    await runCatalogImport(db, ok);
    expect((await db.select().from(catalogImports).where(eq(catalogImports.id, ok)))[0]).toMatchObject({ status: "done", error: null, importedRows: 1 });
  });
});

describe("access", () => {
  it("another cooperative's member gets 403 on every page, download and action; a visitor is sent to log in", async () => {
    const { cookie, coop } = await member();
    const id = await uploaded(coop.slug, utf8("titre_fr;categorie;unite;taille;prix\nMiel;honey;g;500;30\nX;honey;g;1;-1\n"), cookie);
    const other = await member();
    const otherId = await uploaded(other.coop.slug, utf8("titre_fr;categorie;unite;taille;prix\nAmlou;preserves;g;250;45\n"), other.cookie);
    const c = other.cookie;
    const slug = coop.slug;
    const asOther = [
      await run(uploadLoader, getRequest(`/organisations/${slug}/produits/import`, { cookie: c }), { slug }),
      await upload(slug, utf8("titre_fr;categorie;unite;taille;prix\nIntrus;oils;ml;1;1\n"), c),
      await preview(slug, id, c),
      await runImport(slug, id, c),
      await download(slug, id, c),
      await run(progressLoader, getRequest(`/organisations/${slug}/produits/import/${id}/progression`, { cookie: c }), { slug, id }),
      await run(templateLoader, getRequest(`/organisations/${slug}/produits/modele.csv`, { cookie: c }), { slug }),
    ];
    expect(asOther.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    // Through its own cooperative's address, another's import does not exist.
    expect((await preview(other.coop.slug, id, c)).status).toBe(404);
    expect((await runImport(other.coop.slug, id, c)).status).toBe(404);
    expect((await download(other.coop.slug, id, c)).status).toBe(404);
    expect((await preview(slug, "pas-un-id", cookie)).status).toBe(404);
    expect((await preview(slug, otherId, cookie)).status).toBe(404);
    // A platform admin does not manage a cooperative's catalogue either.
    const admin = await createUser(db, { platformRole: "admin" });
    const { token } = await createSession({ userId: admin.id, platformRole: "admin" });
    expect((await preview(slug, id, `tiwizi_session=${token}`)).status).toBe(403);
    const visitor = await upload(slug, utf8("titre_fr;categorie;unite;taille;prix\nX;oils;ml;1;1\n"));
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/connexion/);

    expect(await importsOf(coop.id)).toBe(1);
    const [imp] = await db.select().from(catalogImports).where(and(eq(catalogImports.id, id)));
    expect(imp.status).toBe("previewed");
  });
});

describe("uploads per hour", () => {
  it("a cooperative uploads 30 files an hour; the 31st gets a translated wait, and nothing is stored", async () => {
    const { cookie, coop } = await member();
    const file = utf8("titre_fr;categorie;unite;taille;prix;stock\nMiel de thym;miel;g;500;120;5\n");
    for (let i = 0; i < 30; i++) await uploaded(coop.slug, file, cookie);
    const res = await upload(coop.slug, file, cookie);
    expect(res.status).toBe(429);
    expect(res.data.messageKey).toBe("errors.rateLimited");
    expect(await importsOf(coop.id)).toBe(30);
  });
});
