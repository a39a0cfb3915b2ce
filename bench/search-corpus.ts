// A synthetic directory and catalogue for bench:search: words drawn with a Zipf law from a French and an
// Arabic vocabulary (real common words at the head, syllable-built words in the tail), and a query mix.
// Everything comes from one seeded generator, so two runs index and ask exactly the same things.
import { SECTORS, SKILLS, THEMES } from "../app/modules/organizations/vocabulary";
import type { Facet, SearchDocument, SearchFilters, SearchQuery } from "../search/engine";

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export type Rand = ReturnType<typeof rng>;

const pick = <T>(r: Rand, xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
function some<T>(r: Rand, xs: readonly T[], min: number, max: number): T[] {
  const n = int(r, min, max);
  const out = new Set<T>();
  while (out.size < n) out.add(pick(r, xs));
  return [...out];
}

// Heads in rough order of frequency; the first few are the "very common" words of the issue.
const FR_HEAD = `coopérative association huile argan femmes miel produits bio artisanat rural développement région
  village jeunes formation tapis safran dattes amlou couscous savon poterie tissage cuir plantes aromatiques olive
  figues amandes fromage lait céramique broderie cactus figuier thym romarin lavande menthe verveine orge blé
  semoule farine épices cumin henné ghassoul rose eau solidaire économie sociale commerce équitable terroir
  montagne oasis désert littoral pêche sardines algues apiculture élevage chèvre mouton laine tannerie zellige
  bois cèdre thuya vannerie palmier osier bijoux argent cuivre natte coussin tajine caftan djellaba babouches
  service conseil tourisme gîte randonnée accueil éducation santé alphabétisation inclusion environnement
  recyclage énergie solaire irrigation compost semences pépinière jardin potager marché vente export qualité`
  .split(/\s+/)
  .filter(Boolean);
const AR_HEAD = `زيت تعاونية جمعية أركان نساء عسل منتجات الصناعة التقليدية تنمية قرية شباب تكوين زربية زعفران تمور
  أملو كسكس صابون فخار نسيج جلد نباتات عطرية زيتون تين لوز جبن حليب خزف طرز صبار زعتر خزامى نعناع شعير قمح
  دقيق توابل كمون حناء غاسول ورد ماء تضامني اقتصاد اجتماعي تجارة منصفة جبل واحة صحراء ساحل صيد سردين تربية
  ماعز خروف صوف دباغة زليج خشب أرز عرعار نخيل حلي فضة نحاس حصير طاجين قفطان جلابة بلغة خدمات سياحة استقبال
  تعليم صحة محو الأمية إدماج بيئة تدوير طاقة شمسية سقي بذور مشتل حديقة سوق بيع تصدير جودة`
  .split(/\s+/)
  .filter(Boolean);

const FR_SYLLABLES = `ta ma zi ou ra ka ne li do bar tin sou gha fel mer ach ist ane bou lal mou rit sal dar tal gou ker
  zen ben ami far nad il ya se ro lu pa vi che que tre gne ble pra cor ment tion eur ier ette aine`
  .split(/\s+/)
  .filter(Boolean);
const AR_SYLLABLES = `تا مو ري كن سل بر دا غو زي فا لو نا حم شر عي قص جا هو ثم خل ضي طو ظا صب ذر وك يب ال مر`
  .split(/\s+/)
  .filter(Boolean);

function tail(r: Rand, syllables: string[], n: number, taken: Set<string>, minLen: number) {
  const out: string[] = [];
  while (out.length < n) {
    const w = Array.from({ length: int(r, 2, 4) }, () => pick(r, syllables)).join("");
    if (w.length >= minLen && !taken.has(w)) {
      taken.add(w);
      out.push(w);
    }
  }
  return out;
}

export type Vocabulary = { fr: string[]; ar: string[] };

/** 2,600 French and 1,400 Arabic words, ordered by rank (most frequent first). */
export function vocabulary(r: Rand): Vocabulary {
  const taken = new Set([...FR_HEAD, ...AR_HEAD]);
  return {
    fr: [...FR_HEAD, ...tail(r, FR_SYLLABLES, 2600 - FR_HEAD.length, taken, 5)],
    ar: [...AR_HEAD, ...tail(r, AR_SYLLABLES, 1400 - AR_HEAD.length, taken, 4)],
  };
}

/** Draws ranks with P(rank k) ∝ 1/k (Zipf, s = 1). */
export function zipf(size: number, s = 1) {
  const cdf = new Float64Array(size);
  let sum = 0;
  for (let k = 0; k < size; k++) cdf[k] = sum += 1 / Math.pow(k + 1, s);
  for (let k = 0; k < size; k++) cdf[k] /= sum;
  return (r: Rand) => {
    const u = r();
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const KINDS = [
  ["cooperative", 0.45],
  ["association", 0.4],
  ["company", 0.1],
  ["network", 0.05],
] as const;
const REGIONS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, "0"));
// Souss-Massa (09), Marrakech-Safi (07), Casablanca-Settat (06) and Rabat (04) hold more organisations.
const REGION_WEIGHTS = [4, 5, 6, 10, 8, 14, 12, 6, 13, 5, 4, 3];
const LABELS = ["siraj", "bio", "fair-trade"];

function weighted<T>(r: Rand, values: readonly T[], weights: readonly number[]) {
  let u = r() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < values.length; i++) if ((u -= weights[i]) < 0) return values[i];
  return values[values.length - 1];
}
const kindOf = (r: Rand) => weighted(r, KINDS.map((k) => k[0]), KINDS.map((k) => k[1]));
const regionOf = (r: Rand) => weighted(r, REGIONS, REGION_WEIGHTS);

function uuid(r: Rand) {
  const hex = Array.from({ length: 32 }, () => Math.floor(r() * 16).toString(16));
  hex[12] = "4";
  hex[16] = "89ab"[Math.floor(r() * 4)];
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function corpus(r: Rand, vocab: Vocabulary) {
  const fr = zipf(vocab.fr.length);
  const ar = zipf(vocab.ar.length);
  const words = (list: string[], draw: (r: Rand) => number, n: number) => Array.from({ length: n }, () => list[draw(r)]);
  const start = Date.UTC(2024, 0, 1);

  return (type: "organization" | "product"): SearchDocument => {
    const refId = uuid(r);
    const title = words(vocab.fr, fr, int(r, 2, 5)).join(" ");
    // Most organisations and products have an Arabic name and description too.
    const arabic = r() < 0.7;
    const titleAr = arabic ? words(vocab.ar, ar, int(r, 2, 4)).join(" ") : null;
    const body = words(vocab.fr, fr, type === "organization" ? int(r, 15, 40) : int(r, 10, 30)).join(" ");
    const bodyAr = arabic ? words(vocab.ar, ar, int(r, 8, 20)).join(" ") : null;
    return {
      id: `${type}:${refId}`,
      type,
      refId,
      title: `${title[0].toUpperCase()}${title.slice(1)}`,
      titleAr,
      body,
      bodyAr,
      kind: type === "organization" ? kindOf(r) : null,
      regionCode: regionOf(r),
      themes: some(r, THEMES, 0, 3),
      sectors: some(r, SECTORS, 1, 2),
      needs: type === "organization" ? some(r, SKILLS, 0, 3) : [],
      offers: type === "organization" ? some(r, SKILLS, 0, 2) : [],
      labels: r() < 0.1 ? [pick(r, LABELS)] : [],
      womenLed: r() < 0.3,
      verified: r() < 0.4,
      // Not drawn, so the corpus stays the one earlier figures were measured on.
      organizationId: null,
      priceMin: null,
      inStock: false,
      sortName: title.toLowerCase(),
      createdAt: new Date(start + Math.floor(r() * 2.5 * 365 * 86_400_000)),
    };
  };
}

export const QUERY_KINDS = ["common", "rare", "twoWords", "prefix", "typo", "arabic"] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/** One edit a hurried typist makes (never on the first letter), that is not itself a known word. */
function typo(r: Rand, word: string, known: Set<string>) {
  for (;;) {
    const chars = [...word];
    const at = int(r, 1, chars.length - 1);
    const letter = pick(r, [..."abcdefghilmnoprstu"]);
    const edit = int(r, 0, 3);
    if (edit === 0) chars[at] = letter;
    else if (edit === 1) chars.splice(at, 1);
    else if (edit === 2) chars.splice(at, 0, letter);
    else if (at < chars.length - 1) [chars[at], chars[at + 1]] = [chars[at + 1], chars[at]];
    const out = chars.join("");
    if (out !== word && !known.has(out)) return out;
  }
}

/** `n` queries, the six kinds in turn, each with two filters and two facets. */
export function queries(r: Rand, vocab: Vocabulary, n: number): { kind: QueryKind; query: SearchQuery }[] {
  const fr = zipf(vocab.fr.length);
  const ar = zipf(vocab.ar.length);
  const known = new Set(vocab.fr);
  const common = () => vocab.fr[Math.floor(r() * 12)];
  const text: Record<QueryKind, () => string> = {
    common: () => (r() < 0.75 ? common() : vocab.ar[Math.floor(r() * 6)]),
    rare: () => vocab.fr[int(r, 1500, vocab.fr.length - 1)],
    twoWords: () => `${common()} ${vocab.fr[fr(r)]}`,
    prefix: () => {
      const len = int(r, 2, 5);
      for (;;) {
        const w = r() < 0.8 ? vocab.fr[fr(r)] : vocab.ar[ar(r)];
        if (w.length > len) return w.slice(0, len);
      }
    },
    typo: () => {
      for (;;) {
        const w = vocab.fr[fr(r)];
        if (w.length >= 5) return typo(r, w, known);
      }
    },
    arabic: () => (r() < 0.5 ? vocab.ar[ar(r)] : `${vocab.ar[Math.floor(r() * 6)]} ${vocab.ar[ar(r)]}`),
  };
  const orgFilters: (() => SearchFilters)[] = [
    () => ({ regions: [regionOf(r)], kinds: [kindOf(r)] }),
    () => ({ kinds: [kindOf(r)], themes: [pick(r, THEMES)] }),
    () => ({ regions: [regionOf(r)], verified: true }),
    () => ({ womenLed: true, sectors: [pick(r, SECTORS)] }),
    () => ({ themes: [pick(r, THEMES)], needs: [pick(r, SKILLS)] }),
  ];
  const productFilters: (() => SearchFilters)[] = [
    () => ({ regions: [regionOf(r)], sectors: [pick(r, SECTORS)] }),
    () => ({ sectors: [pick(r, SECTORS)], verified: true }),
    () => ({ regions: [regionOf(r)], womenLed: true }),
  ];
  const orgFacets: Facet[][] = [
    ["kind", "region"],
    ["themes", "sectors"],
    ["needs", "offers"],
    ["region", "themes"],
    ["womenLed", "verified"],
  ];
  const productFacets: Facet[][] = [
    ["region", "sectors"],
    ["labels", "themes"],
    ["region", "womenLed"],
  ];
  return Array.from({ length: n }, (_, i) => {
    const kind = QUERY_KINDS[i % QUERY_KINDS.length];
    const product = r() < 0.4;
    return {
      kind,
      query: {
        q: text[kind](),
        type: product ? "product" : "organization",
        filters: pick(r, product ? productFilters : orgFilters)(),
        facets: pick(r, product ? productFacets : orgFacets),
        page: r() < 0.85 ? 1 : int(r, 2, 5),
        perPage: 20,
      },
    };
  });
}

export const HEAD_WORDS = { fr: FR_HEAD.slice(0, 8), ar: AR_HEAD.slice(0, 4) };
