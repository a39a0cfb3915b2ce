// Demo products of the verified demo cooperatives, so the marketplace is not empty on `npm start`:
// published products with sizes, prices, stock (some sold out), quality signs and shop terms.
// Called by db/seed.ts before the search index is built, which then indexes them with their cooperatives.
import { slugify } from "../app/modules/organizations/slug";
import type { DbOrTx } from "./client";
import type { ProductCategory, VariantUnit } from "./schema/enums";
import { products, productVariants, shopSettings, stockMovements } from "./schema";
import { SEED_ORGANIZATIONS } from "./seed-data";

type DemoVariant = { unit: VariantUnit; size: number; mad: number; stock: number; lot?: string; bestBefore?: string };
type DemoProduct = {
  coop: string;
  titleFr: string;
  titleAr: string;
  descriptionFr: string;
  descriptionAr: string;
  category: ProductCategory;
  signs?: string[];
  organic?: boolean;
  onssa?: string;
  perishable?: boolean;
  variants: DemoVariant[];
};

const DEMO_PRODUCTS: DemoProduct[] = [
  {
    coop: "demo-cooperative",
    titleFr: "Huile d'argan alimentaire",
    titleAr: "زيت أركان غذائي",
    descriptionFr: "Amandons d'argan torréfiés puis pressés à froid par les femmes de la coopérative, à Aït Baha. Goût de noisette, pour l'amlou, les salades et le couscous.",
    descriptionAr: "لوز الأركان المحمص ثم المعصور على البارد من طرف نساء التعاونية بآيت باها. مذاق البندق، للأملو والسلطات والكسكس.",
    category: "oils",
    signs: ["argane"],
    organic: true,
    onssa: "ONSSA AS.09.112.21",
    variants: [
      { unit: "ml", size: 250, mad: 89.9, stock: 40, lot: "TAF-2026-03", bestBefore: "2027-03-31" },
      { unit: "ml", size: 1000, mad: 320, stock: 12, lot: "TAF-2026-03", bestBefore: "2027-03-31" },
    ],
  },
  {
    coop: "demo-cooperative",
    titleFr: "Huile d'argan cosmétique",
    titleAr: "زيت أركان تجميلي",
    descriptionFr: "Amandons non torréfiés pressés à froid : pour la peau et les cheveux.",
    descriptionAr: "لوز غير محمص معصور على البارد: للبشرة والشعر.",
    category: "cosmetics",
    signs: ["argane"],
    variants: [{ unit: "ml", size: 100, mad: 75, stock: 30 }],
  },
  {
    coop: "demo-cooperative",
    titleFr: "Amlou aux amandes et au miel",
    titleAr: "أملو باللوز والعسل",
    descriptionFr: "Pâte d'amandes grillées, huile d'argan et miel de thym, moulue à la meule de pierre.",
    descriptionAr: "عجينة اللوز المحمص وزيت الأركان وعسل الزعتر، مطحونة بالرحى الحجرية.",
    category: "preserves",
    onssa: "ONSSA AS.09.112.21",
    variants: [
      { unit: "g", size: 250, mad: 55, stock: 0 },
      { unit: "g", size: 500, mad: 98, stock: 8 },
    ],
  },
  {
    coop: "coop-argan-taroudant",
    titleFr: "Huile d'argan pressée à froid",
    titleAr: "زيت الأركان المعصور على البارد",
    descriptionFr: "Huile d'argan alimentaire de Taroudant, en bouteille de verre ambré.",
    descriptionAr: "زيت الأركان الغذائي من تارودانت، في قنينة زجاجية داكنة.",
    category: "oils",
    signs: ["argane"],
    variants: [{ unit: "ml", size: 500, mad: 165, stock: 25 }],
  },
  {
    coop: "coop-argan-taroudant",
    titleFr: "Savon noir à l'argan",
    titleAr: "الصابون البلدي بالأركان",
    descriptionFr: "Savon noir traditionnel pour le hammam, enrichi à l'huile d'argan.",
    descriptionAr: "صابون بلدي تقليدي للحمام، غني بزيت الأركان.",
    category: "cosmetics",
    variants: [{ unit: "g", size: 200, mad: 35, stock: 60 }],
  },
  {
    coop: "coop-safran-taliouine",
    titleFr: "Safran de Taliouine en pistils",
    titleAr: "زعفران تالوين",
    descriptionFr: "Pistils cueillis à l'aube en novembre et séchés à l'ombre. Catégorie I.",
    descriptionAr: "مياسم تُقطف فجرا في نونبر وتجفف في الظل. الصنف الأول.",
    category: "spices",
    signs: ["safran-de-taliouine"],
    onssa: "ONSSA AS.09.331.18",
    variants: [
      { unit: "g", size: 1, mad: 60, stock: 100 },
      { unit: "g", size: 5, mad: 270, stock: 20 },
    ],
  },
  {
    coop: "coop-amlou-tafraout",
    titleFr: "Amandes de Tafraout décortiquées",
    titleAr: "لوز تافراوت المقشر",
    descriptionFr: "Petites amandes beldi des vergers de la vallée des Ammeln.",
    descriptionAr: "لوز بلدي صغير من بساتين وادي أملن.",
    category: "dates",
    signs: ["amande-de-tafraout"],
    variants: [{ unit: "g", size: 1000, mad: 140, stock: 15 }],
  },
  {
    coop: "coop-miel-imouzzer",
    titleFr: "Miel de thym",
    titleAr: "عسل الزعتر",
    descriptionFr: "Miel cru des ruchers d'Imouzzer Ida Outanane, récolté en juin.",
    descriptionAr: "عسل خام من مناحل إموزار إداوتنان، جُني في يونيو.",
    category: "honey",
    organic: true,
    variants: [
      { unit: "g", size: 500, mad: 140, stock: 18 },
      { unit: "g", size: 1000, mad: 260, stock: 0 },
    ],
  },
  {
    coop: "coop-miel-imouzzer",
    titleFr: "Miel d'oranger",
    titleAr: "عسل الليمون",
    descriptionFr: "Miel clair et doux des vergers de la plaine du Souss.",
    descriptionAr: "عسل فاتح وحلو من بساتين سهل سوس.",
    category: "honey",
    variants: [{ unit: "g", size: 500, mad: 110, stock: 0 }],
  },
  {
    coop: "coop-palmes-akka",
    titleFr: "Panier en feuilles de palmier",
    titleAr: "سلة من سعف النخيل",
    descriptionFr: "Panier tressé à la main, avec anses, pour le marché.",
    descriptionAr: "سلة منسوجة يدويا بمقابض، للتسوق.",
    category: "basketry",
    variants: [{ unit: "piece", size: 1, mad: 120, stock: 9 }],
  },
  {
    coop: "coop-aknari-mesti",
    titleFr: "Confiture de figue de barbarie",
    titleAr: "مربى الهندية",
    descriptionFr: "Figues de barbarie d'Aït Baâmrane et sucre de canne, c'est tout.",
    descriptionAr: "هندية آيت باعمران وسكر القصب، لا شيء غير ذلك.",
    category: "preserves",
    signs: ["figue-de-barbarie-dait-baamrane"],
    variants: [{ unit: "g", size: 250, mad: 40, stock: 35 }],
  },
  {
    coop: "coop-aknari-mesti",
    titleFr: "Huile de pépins de figue de barbarie",
    titleAr: "زيت بذور الهندية",
    descriptionFr: "Un litre d'huile demande près d'une tonne de fruits : soin précieux pour le visage.",
    descriptionAr: "لتر واحد من الزيت يتطلب قرابة طن من الثمار: علاج ثمين للوجه.",
    category: "cosmetics",
    signs: ["figue-de-barbarie-dait-baamrane"],
    organic: true,
    variants: [{ unit: "ml", size: 30, mad: 290, stock: 7 }],
  },
  {
    coop: "coop-roses-mgouna",
    titleFr: "Boutons de rose séchés",
    titleAr: "براعم الورد المجففة",
    descriptionFr: "Roses de la vallée du Dadès cueillies en mai, pour les infusions et le ras el hanout.",
    descriptionAr: "ورود وادي دادس المقطوفة في ماي، للمنقوعات ورأس الحانوت.",
    category: "herbs",
    signs: ["rose-de-kelaat-mgouna-dades"],
    variants: [{ unit: "g", size: 100, mad: 45, stock: 50 }],
  },
  {
    coop: "coop-dattes-erfoud",
    titleFr: "Dattes Mejhoul",
    titleAr: "تمر المجهول",
    descriptionFr: "Grosses dattes moelleuses des palmeraies du Tafilalet.",
    descriptionAr: "تمور كبيرة طرية من واحات تافيلالت.",
    category: "dates",
    signs: ["dattes-majhoul-de-tafilalet"],
    variants: [
      { unit: "g", size: 1000, mad: 120, stock: 40 },
      { unit: "g", size: 5000, mad: 550, stock: 4 },
    ],
  },
  {
    coop: "coop-tapis-taznakht",
    titleFr: "Tapis de Taznakht en laine naturelle",
    titleAr: "زربية تازناخت من الصوف الطبيعي",
    descriptionFr: "Tapis noué main, teintures au henné et à la garance, 150 × 100 cm.",
    descriptionAr: "زربية معقودة يدويا، مصبوغة بالحناء والفوة، 150 × 100 سم.",
    category: "textiles",
    variants: [{ unit: "piece", size: 1, mad: 2400, stock: 2 }],
  },
  {
    coop: "coop-poterie-tamegroute",
    titleFr: "Bol en poterie verte de Tamegroute",
    titleAr: "زلافة من فخار تمكروت الأخضر",
    descriptionFr: "Céramique émaillée au vert de cuivre, cuite au four à bois.",
    descriptionAr: "خزف مطلي بأخضر النحاس، مطهو في فرن الحطب.",
    category: "pottery",
    variants: [
      { unit: "piece", size: 1, mad: 85, stock: 14 },
      { unit: "piece", size: 6, mad: 450, stock: 2 },
    ],
  },
  {
    coop: "coop-tissage-azilal",
    titleFr: "Couverture tissée d'Azilal",
    titleAr: "غطاء منسوج من أزيلال",
    descriptionFr: "Couverture en laine tissée sur métier vertical, motifs berbères.",
    descriptionAr: "غطاء صوفي منسوج على المنسج العمودي، بزخارف أمازيغية.",
    category: "textiles",
    variants: [{ unit: "piece", size: 1, mad: 650, stock: 3 }],
  },
  {
    coop: "coop-miel-euphorbe",
    titleFr: "Miel d'euphorbe",
    titleAr: "عسل الدغموس",
    descriptionFr: "Miel ambré et poivré des euphorbes de Tadla-Azilal.",
    descriptionAr: "عسل كهرماني حار من دغموس تادلة أزيلال.",
    category: "honey",
    signs: ["miel-deuphorbe-tadla-azilal"],
    variants: [{ unit: "g", size: 250, mad: 110, stock: 22 }],
  },
  {
    coop: "coop-couscous-doukkala",
    titleFr: "Couscous d'orge roulé main",
    titleAr: "كسكس الشعير المفتول يدويا",
    descriptionFr: "Orge des plaines de Doukkala, roulé à la main et séché au soleil.",
    descriptionAr: "شعير سهول دكالة، مفتول يدويا ومجفف في الشمس.",
    category: "cereals",
    variants: [
      { unit: "g", size: 1000, mad: 35, stock: 80 },
      { unit: "g", size: 5000, mad: 160, stock: 10 },
    ],
  },
  {
    coop: "coop-huile-olive-tissa",
    titleFr: "Huile d'olive vierge extra",
    titleAr: "زيت الزيتون البكر الممتاز",
    descriptionFr: "Olives picholines de Tissa, pressées dans les 24 heures.",
    descriptionAr: "زيتون البيشولين من تيسة، معصور خلال 24 ساعة.",
    category: "oils",
    variants: [{ unit: "ml", size: 1000, mad: 95, stock: 30 }],
  },
  {
    coop: "coop-romarin-oriental",
    titleFr: "Romarin séché de l'Oriental",
    titleAr: "إكليل الجبل المجفف من الشرق",
    descriptionFr: "Feuilles de romarin sauvage des Hauts Plateaux, cueillies et séchées par la coopérative.",
    descriptionAr: "أوراق إكليل الجبل البري من الهضاب العليا، تقطفها التعاونية وتجففها.",
    category: "herbs",
    signs: ["feuilles-sechees-du-romarin-de-loriental"],
    variants: [{ unit: "g", size: 100, mad: 20, stock: 70 }],
  },
];

/** Shop terms of a few cooperatives; the others keep the defaults (35 MAD, 2 to 5 days). */
const DEMO_TERMS: Record<string, Partial<typeof shopSettings.$inferInsert>> = {
  "demo-cooperative": { shippingFeeCentimes: 3000, freeShippingFromCentimes: 40000, deliveryDaysMin: 2, deliveryDaysMax: 4, minimumOrderCentimes: 5000 },
  "coop-safran-taliouine": { shippingFeeCentimes: 2500, freeShippingFromCentimes: 30000, deliveryDaysMin: 3, deliveryDaysMax: 6 },
  "coop-tapis-taznakht": { shippingFeeCentimes: 9000, deliveryDaysMin: 5, deliveryDaysMax: 10, codCapCentimes: 300000 },
};

/** Writes the demo products of the cooperatives present in `orgs` (seed key → id). */
export async function seedProducts(tx: DbOrTx, orgs: Map<string, string>) {
  let day = 0;
  const slugs = new Set<string>();
  for (const p of DEMO_PRODUCTS) {
    const organizationId = orgs.get(p.coop);
    const coop = SEED_ORGANIZATIONS.find((o) => o.key === p.coop);
    if (!organizationId || !coop) continue;
    // As the app names them (cooperative, then product), one of a kind.
    let slug = slugify(`${coop.name} ${p.titleFr}`);
    for (let i = 2; slugs.has(slug); i++) slug = `${slugify(`${coop.name} ${p.titleFr}`)}-${i}`;
    slugs.add(slug);
    const publishedAt = new Date(Date.now() - (DEMO_PRODUCTS.length - day++) * 86_400_000);
    const [product] = await tx
      .insert(products)
      .values({
        organizationId,
        slug,
        titleFr: p.titleFr,
        titleAr: p.titleAr,
        descriptionFr: p.descriptionFr,
        descriptionAr: p.descriptionAr,
        category: p.category,
        qualitySigns: p.signs ?? [],
        organic: p.organic ?? false,
        onssaNumber: p.onssa ?? null,
        perishable: p.perishable ?? false,
        status: "published",
        publishedAt,
        createdAt: publishedAt,
      })
      .returning({ id: products.id });
    for (const [position, v] of p.variants.entries()) {
      const [variant] = await tx
        .insert(productVariants)
        .values({
          productId: product.id,
          unit: v.unit,
          size: v.size,
          priceCentimes: Math.round(v.mad * 100),
          stock: v.stock,
          lot: v.lot ?? null,
          bestBefore: v.bestBefore ?? null,
          position,
        })
        .returning({ id: productVariants.id });
      if (v.stock > 0) await tx.insert(stockMovements).values({ variantId: variant.id, delta: v.stock, reason: "opening" });
    }
  }
  for (const [key, terms] of Object.entries(DEMO_TERMS)) {
    const organizationId = orgs.get(key);
    if (organizationId) await tx.insert(shopSettings).values({ organizationId, ...terms }).onConflictDoNothing();
  }
}
