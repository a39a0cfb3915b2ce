// Demo events (issue 7), so the agenda is not empty on `npm start`: the kinds the source documents describe —
// the ministry's regional fairs and travelling markets, CAP+'s "Pitch Solidaire", TAMURI's workshops and networking
// evenings — around the day the seed runs (a few past, most upcoming), one proposed by an organisation and waiting
// for an operator, one cancelled; the past ones with their exhibitors and the people counted at the door. Times are
// Morocco wall-clock times read through the app's offset table.
import { randomBytes } from "node:crypto";
import type { DbOrTx } from "./client";
import { eventRegistrations, events, eventStands } from "./schema";
import type { EventKind, EventStatus } from "./schema/enums";
import { instantToMoroccoLocal, moroccoLocalToInstant } from "../app/lib/morocco-time";

const DAY = 86_400_000;

type DemoEvent = {
  slug: string;
  kind: EventKind;
  titleFr: string;
  titleAr: string;
  descriptionFr: string;
  descriptionAr: string;
  /** Days from the seed's day, and the Morocco times it starts and ends. */
  day: number;
  days?: number;
  from: string;
  to: string;
  place: { city: string; regionCode: string; address: string } | { onlineUrl: string };
  capacity?: number;
  standCapacity?: number;
  organizer?: string;
  status?: EventStatus;
  reason?: string;
};

const DEMO_EVENTS: DemoEvent[] = [
  {
    slug: "salon-regional-ess-souss-massa",
    kind: "regional_fair",
    titleFr: "Salon régional de l’économie sociale et solidaire — Souss-Massa",
    titleAr: "المعرض الجهوي للاقتصاد الاجتماعي والتضامني — سوس ماسة",
    descriptionFr: "Cinq jours pour découvrir les produits des coopératives de la région (argan, safran, miel, couscous roulé à la main), rencontrer les associations et assister aux ateliers. Entrée libre.",
    descriptionAr: "خمسة أيام لاكتشاف منتجات تعاونيات الجهة (الأركان، الزعفران، العسل، الكسكس المفتول يدويا)، ولقاء الجمعيات وحضور الورشات. الدخول مجاني.",
    day: 12,
    days: 4,
    from: "10:00",
    to: "20:00",
    place: { city: "Agadir", regionCode: "09", address: "Place Al Amal" },
    standCapacity: 60,
  },
  {
    slug: "marche-itinerant-ess-fes",
    kind: "travelling_market",
    titleFr: "Marché itinérant de l’ESS — Fès",
    titleAr: "السوق المتنقل للاقتصاد الاجتماعي والتضامني — فاس",
    descriptionFr: "Le marché itinérant du ministère s’installe trois jours à Fès : produits du terroir, artisanat et cosmétiques naturels, vendus directement par les coopératives.",
    descriptionAr: "يحل السوق المتنقل للوزارة ثلاثة أيام بفاس: منتجات محلية، صناعة تقليدية ومستحضرات تجميل طبيعية، تبيعها التعاونيات مباشرة.",
    day: 26,
    days: 2,
    from: "10:00",
    to: "21:00",
    place: { city: "Fès", regionCode: "03", address: "Esplanade Bab Boujloud" },
    standCapacity: 35,
  },
  {
    slug: "pitch-solidaire-cap-plus",
    kind: "pitch_day",
    titleFr: "Pitch Solidaire CAP+",
    titleAr: "يوم العروض التضامنية CAP+",
    descriptionFr: "Les organisations accompagnées par CAP+ présentent leur projet en cinq minutes devant un jury d’entreprises et de bailleurs ; échanges et réseautage ensuite.",
    descriptionAr: "تقدم المنظمات المواكبة من طرف CAP+ مشاريعها في خمس دقائق أمام لجنة من المقاولات والممولين، يليها تبادل وتشبيك.",
    day: 9,
    from: "09:30",
    to: "17:00",
    place: { city: "Rabat", regionCode: "04", address: "Technopark Rabat" },
    capacity: 80,
  },
  {
    slug: "atelier-gestion-financiere-cooperatives",
    kind: "workshop",
    titleFr: "Atelier : tenir les comptes d’une coopérative",
    titleAr: "ورشة: مسك حسابات التعاونية",
    descriptionFr: "Une matinée pratique pour les gestionnaires de coopératives : journal de caisse, factures, préparation du bilan annuel. Apportez vos documents.",
    descriptionAr: "صبيحة تطبيقية لمسيري التعاونيات: دفتر الصندوق، الفواتير، إعداد الحصيلة السنوية. أحضروا وثائقكم.",
    day: 5,
    from: "09:00",
    to: "13:00",
    place: { city: "Marrakech", regionCode: "07", address: "Maison de l’économie sociale, Daoudiate" },
    capacity: 25,
  },
  {
    slug: "rencontre-reseautage-osc-en-ligne",
    kind: "networking",
    titleFr: "Rencontre en ligne des associations de l’Oriental",
    titleAr: "لقاء عن بعد لجمعيات جهة الشرق",
    descriptionFr: "Une heure pour se présenter, partager ses besoins et trouver des partenaires, avec les réseaux de la région.",
    descriptionAr: "ساعة للتعارف وتقاسم الحاجيات وإيجاد شركاء، مع شبكات الجهة.",
    day: 3,
    from: "18:00",
    to: "19:30",
    place: { onlineUrl: "https://meet.example.ma/tiwizi-oriental" },
    capacity: 100,
    organizer: "demo-network",
  },
  {
    slug: "masterclass-marketing-digital",
    kind: "masterclass",
    titleFr: "Masterclass : vendre en ligne quand on est une coopérative",
    titleAr: "درس متقدم: البيع عبر الإنترنت بالنسبة للتعاونيات",
    descriptionFr: "Photos de produits au téléphone, fiches produit en français et en arabe, gestion des commandes : les bonnes pratiques, exemples à l’appui.",
    descriptionAr: "تصوير المنتجات بالهاتف، بطاقات المنتجات بالفرنسية والعربية، تدبير الطلبيات: الممارسات الجيدة بالأمثلة.",
    day: 18,
    from: "15:00",
    to: "17:30",
    place: { city: "Casablanca", regionCode: "06", address: "Technopark Casablanca" },
    capacity: 40,
    organizer: "demo-company",
    status: "pending",
  },
  {
    slug: "hackathon-eau-oasis",
    kind: "hackathon",
    titleFr: "Hackathon : l’eau dans les oasis",
    titleAr: "هاكاثون: الماء في الواحات",
    descriptionFr: "Deux jours pour imaginer avec les associations des oasis des outils simples de suivi de l’irrigation.",
    descriptionAr: "يومان لتصور أدوات بسيطة لتتبع السقي مع جمعيات الواحات.",
    day: 20,
    days: 1,
    from: "09:00",
    to: "18:00",
    place: { city: "Errachidia", regionCode: "08", address: "Faculté des sciences et techniques" },
    capacity: 50,
    status: "cancelled",
    reason: "Reporté au printemps : la faculté n’est pas disponible à ces dates.",
  },
  {
    slug: "salon-national-ess-2026",
    kind: "national_fair",
    titleFr: "Salon national de l’économie sociale et solidaire 2026",
    titleAr: "المعرض الوطني للاقتصاد الاجتماعي والتضامني 2026",
    descriptionFr: "Le grand rendez-vous annuel des coopératives, associations et mutuelles de tout le Maroc.",
    descriptionAr: "الموعد السنوي الكبير للتعاونيات والجمعيات والتعاضديات من كل المغرب.",
    day: -40,
    days: 9,
    from: "10:00",
    to: "21:00",
    place: { city: "Casablanca", regionCode: "06", address: "Office des Foires et des Expositions" },
    standCapacity: 300,
  },
  {
    slug: "atelier-prix-produits-agadir",
    kind: "workshop",
    titleFr: "Atelier : fixer le prix de ses produits",
    titleAr: "ورشة: تحديد أثمنة المنتجات",
    descriptionFr: "Coûts de revient, marges, prix de gros et de détail : une journée d’exercices pour les coopératives qui vendent en ligne et sur les salons.",
    descriptionAr: "كلفة الإنتاج والهوامش وأثمنة الجملة والتقسيط: يوم من التمارين للتعاونيات التي تبيع عبر الإنترنت وفي المعارض.",
    day: -25,
    from: "09:00",
    to: "16:00",
    place: { city: "Agadir", regionCode: "09", address: "Chambre d’artisanat, avenue Hassan II" },
    capacity: 30,
  },
];

/** The national fair's exhibitors (accepted stands) and what they showed. */
const FAIR_EXHIBITORS: [string, string][] = [
  ["demo-cooperative", "Huile d’argan alimentaire et cosmétique, amlou"],
  ["coop-argan-taroudant", "Huile d’argan, savon beldi"],
  ["coop-safran-taliouine", "Safran de Taliouine (AOP)"],
  ["coop-amlou-tafraout", "Amlou, amandes"],
  ["coop-miel-imouzzer", "Miel de thym et d’euphorbe"],
  ["coop-broderie-ait-melloul", "Broderie, linge de maison"],
  ["coop-roses-mgouna", "Eau de rose, savons"],
  ["coop-tapis-taznakht", "Tapis tissés main"],
  ["coop-couscous-doukkala", "Couscous roulé à la main"],
  ["coop-dattes-erfoud", "Dattes Mejhoul"],
];

/** Who came to the past workshop: name, whether they said, and whether they were counted at the door. */
const WORKSHOP_PEOPLE: { name: string; gender: "woman" | "man" | null; org?: string; came: boolean }[] = [
  { name: "Fatima Ait Brahim", gender: "woman", org: "coop-amlou-tafraout", came: true },
  { name: "Aicha Oubella", gender: "woman", org: "demo-cooperative", came: true },
  { name: "Hassan Aït Lahcen", gender: "man", org: "coop-safran-taliouine", came: true },
  { name: "Malika Idbelkacem", gender: "woman", org: "coop-broderie-ait-melloul", came: true },
  { name: "Rkia Amzil", gender: "woman", org: "coop-palmes-akka", came: true },
  { name: "Brahim Oukhouya", gender: "man", came: true },
  { name: "Naima Boutaleb", gender: "woman", came: true },
  { name: "Said Ait Ouarab", gender: null, came: true },
  { name: "Hanane El Ghazi", gender: "woman", came: false },
  { name: "Mustapha Id Ahmed", gender: "man", came: false },
];

export async function seedEvents(tx: DbOrTx, orgIds: Map<string, string>, operator: string | null, now: Date = new Date()) {
  const today = instantToMoroccoLocal(now).slice(0, 10);
  const dayOf = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);
  const at = (day: string, time: string) => {
    const instant = moroccoLocalToInstant(`${day}T${time}`);
    if (!instant) throw new Error(`seed-events: not a Morocco time: ${day} ${time}`);
    return instant;
  };
  const inserted = await tx.insert(events).values(
    DEMO_EVENTS.map((e) => {
      const status = e.status ?? "published";
      const startsAt = at(dayOf(e.day), e.from);
      return {
        slug: e.slug,
        kind: e.kind,
        titleFr: e.titleFr,
        titleAr: e.titleAr,
        descriptionFr: e.descriptionFr,
        descriptionAr: e.descriptionAr,
        startsAt,
        endsAt: at(dayOf(e.day + (e.days ?? 0)), e.to),
        online: "onlineUrl" in e.place,
        onlineUrl: "onlineUrl" in e.place ? e.place.onlineUrl : null,
        city: "city" in e.place ? e.place.city : null,
        regionCode: "city" in e.place ? e.place.regionCode : null,
        address: "city" in e.place ? e.place.address : null,
        capacity: e.capacity ?? null,
        standCapacity: e.standCapacity ?? null,
        organizerId: e.organizer ? (orgIds.get(e.organizer) ?? null) : null,
        status,
        statusReason: e.reason ?? null,
        publishedAt: status === "pending" ? null : new Date(now.getTime() - 20 * DAY),
        reviewedBy: e.organizer && status !== "pending" ? operator : null,
        cancelledAt: status === "cancelled" ? new Date(now.getTime() - 2 * DAY) : null,
        createdBy: operator,
        createdAt: new Date(now.getTime() - 25 * DAY),
        updatedAt: new Date(now.getTime() - (status === "cancelled" ? 2 : 20) * DAY),
      };
    }),
  ).returning({ id: events.id, slug: events.slug, startsAt: events.startsAt });
  const bySlug = new Map(inserted.map((e) => [e.slug, e]));

  // What happened at the past events, so the impact page counts exhibitors and attendance from the first start.
  const fair = bySlug.get("salon-national-ess-2026")!;
  await tx.insert(eventStands).values(
    FAIR_EXHIBITORS.map(([org, products]) => ({
      eventId: fair.id,
      organizationId: orgIds.get(org)!,
      products,
      status: "accepted" as const,
      decidedBy: operator,
      decidedAt: new Date(fair.startsAt.getTime() - 15 * DAY),
      createdAt: new Date(fair.startsAt.getTime() - 30 * DAY),
    })),
  );
  const workshop = bySlug.get("atelier-prix-produits-agadir")!;
  await tx.insert(eventRegistrations).values(
    WORKSHOP_PEOPLE.map((person, i) => ({
      eventId: workshop.id,
      name: person.name,
      email: `participant${i + 1}@atelier.example.ma`,
      gender: person.gender,
      organizationId: person.org ? (orgIds.get(person.org) ?? null) : null,
      status: "registered" as const,
      token: randomBytes(18).toString("base64url"),
      checkedInAt: person.came ? new Date(workshop.startsAt.getTime() + (10 + i) * 60_000) : null,
      checkedInBy: person.came ? operator : null,
      createdAt: new Date(workshop.startsAt.getTime() - (12 - i) * DAY),
    })),
  );
}
