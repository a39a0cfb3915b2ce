// The demo incubation programme (issue 7): a TAMURI-like cohort that started five months before the seed's day,
// with six organisations (the demo cooperative among them, so its members find their record), the demo coach, a
// coaching log and milestones, some reached — so the programme page, the funders' report and the impact page's
// coaching figures have something to show on the first start.
import type { DbOrTx } from "./client";
import { coachingSessions, programmeCoaches, programmeMembers, programmeMilestones, programmes } from "./schema";
import { instantToMoroccoLocal } from "../app/lib/morocco-time";

const DAY = 86_400_000;

const MEMBERS = ["demo-cooperative", "coop-amlou-tafraout", "coop-palmes-akka", "coop-broderie-ait-melloul", "coop-tissage-azilal", "asso-oasis-zagora"];

/** Sessions: organisation, days before the seed, minutes, topic, next steps. */
const SESSIONS: [string, number, number, string, string | null][] = [
  ["demo-cooperative", 140, 120, "Diagnostic de départ : gouvernance, comptes, produits", "Rassembler les comptes des trois dernières années"],
  ["coop-amlou-tafraout", 138, 90, "Diagnostic de départ", "Lister les charges fixes"],
  ["coop-palmes-akka", 135, 90, "Diagnostic de départ", null],
  ["coop-broderie-ait-melloul", 133, 120, "Diagnostic de départ et choix des produits phares", "Photographier dix pièces"],
  ["coop-tissage-azilal", 130, 90, "Diagnostic de départ", "Préparer l’inventaire"],
  ["asso-oasis-zagora", 128, 60, "Projet associatif et recherche de financements", "Rédiger la note de présentation"],
  ["demo-cooperative", 110, 90, "Calcul du coût de revient de l’huile d’argan", "Fixer les prix de gros"],
  ["coop-amlou-tafraout", 104, 60, "Étiquetage et mentions obligatoires", "Demander l’autorisation ONSSA"],
  ["coop-broderie-ait-melloul", 96, 90, "Mettre ses produits en ligne sur le marché solidaire", "Publier cinq produits"],
  ["demo-cooperative", 80, 60, "Préparer le Salon national de l’ESS", "Commander les présentoirs"],
  ["coop-palmes-akka", 75, 120, "Tenue de la caisse et des factures", "Ouvrir un journal de caisse"],
  ["asso-oasis-zagora", 70, 90, "Dossier de candidature à l’AMI CAP+", "Joindre les statuts"],
  ["coop-tissage-azilal", 62, 60, "Prix et marges sur les tapis", null],
  ["demo-cooperative", 28, 90, "Bilan du salon : contacts et commandes", "Relancer les acheteurs rencontrés"],
  ["coop-amlou-tafraout", 38, 90, "Plan de trésorerie sur six mois", "Mettre le plan à jour chaque mois"],
  ["coop-broderie-ait-melloul", 30, 60, "Expédition des commandes et emballage", "Tester deux transporteurs"],
  ["coop-palmes-akka", 21, 90, "Premières ventes en ligne", null],
  ["demo-cooperative", 12, 60, "Préparer l’assemblée générale annuelle", "Envoyer les convocations"],
];

/** Milestones: organisation, title, due (days from the seed), reached (days before the seed) or not yet. */
const MILESTONES: [string, string, number, number | null][] = [
  ["demo-cooperative", "Coût de revient calculé pour chaque produit", -100, 105],
  ["demo-cooperative", "Premier salon avec un stand", -40, 40],
  ["demo-cooperative", "Assemblée générale tenue", 20, null],
  ["coop-amlou-tafraout", "Étiquettes conformes", -60, 70],
  ["coop-amlou-tafraout", "Plan de trésorerie suivi trois mois", 45, null],
  ["coop-broderie-ait-melloul", "Cinq produits publiés sur le marché solidaire", -80, 90],
  ["coop-palmes-akka", "Journal de caisse tenu chaque semaine", -30, null],
  ["coop-tissage-azilal", "Grille de prix établie", 10, null],
  ["asso-oasis-zagora", "Candidature déposée à un appel", -60, 68],
];

export async function seedProgrammes(tx: DbOrTx, orgIds: Map<string, string>, people: Map<string, string>, now: Date = new Date()) {
  const today = instantToMoroccoLocal(now).slice(0, 10);
  const dayOf = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);
  const operator = people.get("operator") ?? null;
  const coach = people.get("coach") ?? null;
  const org = (key: string) => {
    const id = orgIds.get(key);
    if (!id) throw new Error(`seed-programmes: no organisation ${key}`);
    return id;
  };
  const [programme] = await tx
    .insert(programmes)
    .values({
      slug: "incubation-tamuri-2026",
      nameFr: "Incubation TAMURI 2026 — Souss-Massa et Drâa-Tafilalet",
      nameAr: "احتضان تموري 2026 — سوس ماسة ودرعة تافيلالت",
      descriptionFr: "Douze mois d’accompagnement pour des coopératives et associations : diagnostic, coaching individuel, mise en marché et préparation aux appels.",
      descriptionAr: "اثنا عشر شهرا من المواكبة لتعاونيات وجمعيات: تشخيص، تأطير فردي، تسويق واستعداد لطلبات المشاريع.",
      kind: "incubation",
      startsOn: dayOf(-150),
      endsOn: dayOf(215),
      createdBy: operator,
    })
    .returning({ id: programmes.id });
  await tx.insert(programmeMembers).values(MEMBERS.map((key) => ({ programmeId: programme.id, organizationId: org(key), admittedOn: dayOf(-148), source: "direct" as const, admittedBy: operator })));
  if (coach) await tx.insert(programmeCoaches).values({ programmeId: programme.id, userId: coach, assignedBy: operator });
  await tx.insert(coachingSessions).values(
    SESSIONS.map(([key, ago, minutes, topic, nextSteps]) => ({ programmeId: programme.id, organizationId: org(key), coachId: coach, heldOn: dayOf(-ago), minutes, topic, nextSteps, createdBy: coach })),
  );
  await tx.insert(programmeMilestones).values(
    MILESTONES.map(([key, title, due, doneAgo]) => ({ programmeId: programme.id, organizationId: org(key), title, dueOn: dayOf(due), doneOn: doneAgo === null ? null : dayOf(-doneAgo), createdBy: operator })),
  );
}
