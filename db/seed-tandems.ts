// Demo tandems (issue 5), so the programme view, the public /tandems figures and the organisations' tandem
// lists are not empty on `npm start`: two proposals awaiting an answer (one to the demo association), one
// declined, one agreement in preparation, two under way (sessions, some confirmed; messages; mid-term
// evaluations for one) and one completed (final evaluations, self-assessment, certificates).
// Dates are relative to the day the seed runs. The demo company and the demo association are never paired
// here: the browser tests make their tandem from scratch.
import { inArray, sql } from "drizzle-orm";
import type { Skill } from "../app/modules/organizations/vocabulary";
import { verificationCode } from "../app/lib/codes.server";
import type { DbOrTx } from "./client";
import {
  organizations,
  tandemAgreements,
  tandemApprovals,
  tandemCertificates,
  tandemEvaluations,
  tandemEvents,
  tandemMessages,
  tandems,
  tandemSessions,
  tandemVolunteers,
} from "./schema";
import type { TandemDeclineReason, TandemFormat, TandemStatus } from "./schema/enums";

const DAY = 86_400_000;


type Volunteer = { name: string; email: string; joined: boolean };
type Session = { daysAgo: number; minutes: number; topic: string; confirmed: boolean; by: "company" | "partner"; volunteers: number[] };
type Evaluation = { side: "company" | "partner"; stage: "midterm" | "final"; daysAgo: number; satisfaction: number; onTrack: boolean; transferred?: string; self?: Record<string, [number, number]> };

type DemoTandem = {
  company: string;
  partner: string;
  proposedBy: "company" | "partner";
  status: TandemStatus;
  skills: Skill[];
  objectives: string;
  hours: number;
  format: TandemFormat;
  message?: string;
  createdDaysAgo: number;
  // The period, in days from today (negative: in the past).
  start: number;
  end: number;
  answeredDaysAgo?: number;
  decline?: { reason: TandemDeclineReason; text: string };
  agreement?: { version: number; hours: number; deliverables: string; approvedBy: ("company" | "partner")[]; approvedDaysAgo: number };
  activatedDaysAgo?: number;
  closedDaysAgo?: number;
  volunteers?: Volunteer[];
  sessions?: Session[];
  messages?: { side: "company" | "partner"; daysAgo: number; body: string }[];
  evaluations?: Evaluation[];
};

const DEMO_TANDEMS: DemoTandem[] = [
  {
    // Awaiting the demo association's answer: its managers see it first in their list.
    company: "chellah-digital",
    partner: "demo-association",
    proposedBy: "company",
    status: "proposed",
    skills: ["communication", "digital"],
    objectives: "Refaire le site de l'association et former deux bénévoles à publier les actualités et les appels aux dons.",
    hours: 30,
    format: "hybrid",
    message: "Deux de nos développeuses souhaitent s'engager auprès d'une association de Marrakech. Votre projet de site nous a semblé tout indiqué.",
    createdDaysAgo: 3,
    start: 20,
    end: 140,
  },
  {
    // Proposed by a cooperative to a company: the other way round.
    company: "cap-spartel-logistique",
    partner: "coop-jben-chefchaouen",
    proposedBy: "partner",
    status: "proposed",
    skills: ["logistics", "quality"],
    objectives: "Organiser la chaîne du froid pour livrer le jben à Tanger et Tétouan, et préparer l'audit ONSSA de la fromagerie.",
    hours: 24,
    format: "on_site",
    createdDaysAgo: 2,
    start: 25,
    end: 115,
  },
  {
    company: "groupe-tamwil-atlas",
    partner: "asso-cedre-azrou",
    proposedBy: "company",
    status: "declined",
    skills: ["legal"],
    objectives: "Mettre à jour les statuts de l'association et son règlement intérieur avant l'assemblée générale.",
    hours: 16,
    format: "remote",
    createdDaysAgo: 40,
    start: -20,
    end: 60,
    answeredDaysAgo: 34,
    decline: { reason: "timing", text: "Notre bureau est renouvelé en juin ; reparlons-en à la rentrée." },
    closedDaysAgo: 34,
  },
  {
    company: "saiss-textile",
    partner: "coop-huile-olive-tissa",
    proposedBy: "partner",
    status: "agreement_draft",
    skills: ["marketing", "quality"],
    objectives: "Préparer la certification de l'huile d'olive de la coopérative et une gamme de coffrets pour les comités d'entreprise.",
    hours: 36,
    format: "hybrid",
    createdDaysAgo: 21,
    start: 10,
    end: 130,
    answeredDaysAgo: 15,
    agreement: { version: 1, hours: 36, deliverables: "Un dossier de certification complet ; trois maquettes de coffrets chiffrées.", approvedBy: ["company"], approvedDaysAgo: 6 },
  },
  {
    company: "groupe-tamwil-atlas",
    partner: "asso-emploi-jeunes-casa",
    proposedBy: "company",
    status: "active",
    skills: ["finance", "management"],
    objectives: "Mettre en place une comptabilité analytique par programme et un tableau de bord mensuel pour le conseil d'administration.",
    hours: 60,
    format: "hybrid",
    createdDaysAgo: 125,
    start: -110,
    end: 70,
    answeredDaysAgo: 118,
    agreement: { version: 2, hours: 60, deliverables: "Un plan comptable analytique ; un tableau de bord mensuel ; deux personnes formées.", approvedBy: ["company", "partner"], approvedDaysAgo: 112 },
    activatedDaysAgo: 112,
    volunteers: [
      { name: "Karim Bennis", email: "karim.bennis@tamwil-atlas.example.ma", joined: true },
      { name: "Leila Amrani", email: "leila.amrani@tamwil-atlas.example.ma", joined: true },
      { name: "Omar Fassi", email: "omar.fassi@tamwil-atlas.example.ma", joined: false },
    ],
    sessions: [
      { daysAgo: 100, minutes: 180, topic: "Diagnostic des comptes et des financements", confirmed: true, by: "company", volunteers: [0, 1] },
      { daysAgo: 85, minutes: 150, topic: "Plan comptable analytique par programme", confirmed: true, by: "company", volunteers: [0] },
      { daysAgo: 60, minutes: 120, topic: "Saisie des premières écritures avec la trésorière", confirmed: true, by: "partner", volunteers: [1] },
      { daysAgo: 40, minutes: 90, topic: "Maquette du tableau de bord", confirmed: true, by: "company", volunteers: [0, 1] },
      { daysAgo: 9, minutes: 120, topic: "Budget prévisionnel 2027", confirmed: false, by: "company", volunteers: [1] },
      { daysAgo: 2, minutes: 60, topic: "Point d'étape avec le bureau", confirmed: false, by: "partner", volunteers: [0] },
    ],
    messages: [
      { side: "company", daysAgo: 107, body: "Bonjour, voici la liste des pièces à préparer pour le diagnostic : relevés bancaires 2025, conventions de financement, grand livre." },
      { side: "partner", daysAgo: 106, body: "Merci, tout sera prêt jeudi. La trésorière sera présente." },
      { side: "company", daysAgo: 10, body: "Nous proposons de consacrer la prochaine séance au budget prévisionnel. Mardi à 15 h vous convient-il ?" },
    ],
    evaluations: [
      { side: "company", stage: "midterm", daysAgo: 14, satisfaction: 4, onTrack: true },
      { side: "partner", stage: "midterm", daysAgo: 12, satisfaction: 5, onTrack: true },
    ],
  },
  {
    company: "tensift-hospitalite",
    partner: "coop-roses-mgouna",
    proposedBy: "partner",
    status: "active",
    skills: ["communication", "marketing"],
    objectives: "Construire l'offre de la coopérative pour les hôtels et les riads : fiches produits, prix, photos et présentation aux acheteurs.",
    hours: 40,
    format: "remote",
    createdDaysAgo: 45,
    start: -30,
    end: 150,
    answeredDaysAgo: 40,
    agreement: { version: 1, hours: 40, deliverables: "Un catalogue pour les hôtels ; une grille de prix professionnels.", approvedBy: ["company", "partner"], approvedDaysAgo: 32 },
    activatedDaysAgo: 32,
    volunteers: [
      { name: "Sara Lahlou", email: "sara.lahlou@tensift-hospitalite.example.ma", joined: true },
      { name: "Youssef Naciri", email: "youssef.naciri@tensift-hospitalite.example.ma", joined: true },
    ],
    sessions: [
      { daysAgo: 25, minutes: 120, topic: "Ce qu'achètent les hôtels : visite des besoins", confirmed: true, by: "company", volunteers: [0] },
      { daysAgo: 12, minutes: 90, topic: "Fiches produits et photos", confirmed: true, by: "partner", volunteers: [0, 1] },
      { daysAgo: 4, minutes: 60, topic: "Grille de prix professionnels", confirmed: false, by: "company", volunteers: [1] },
    ],
    messages: [
      { side: "partner", daysAgo: 26, body: "Nous avons préparé des échantillons d'eau de rose et de savon pour la prochaine séance." },
      { side: "company", daysAgo: 5, body: "Merci pour les photos, elles sont très réussies. Nous finalisons la grille de prix cette semaine." },
    ],
  },
  {
    company: "chellah-digital",
    partner: "asso-lagune-dakhla",
    proposedBy: "company",
    status: "completed",
    skills: ["communication", "digital"],
    objectives: "Outiller l'association pour sa communication : site, réseaux sociaux, lettre d'information, et former l'équipe à les faire vivre.",
    hours: 48,
    format: "remote",
    createdDaysAgo: 230,
    start: -215,
    end: -20,
    answeredDaysAgo: 224,
    agreement: { version: 1, hours: 48, deliverables: "Un site en français et en arabe ; une charte éditoriale ; trois personnes formées.", approvedBy: ["company", "partner"], approvedDaysAgo: 218 },
    activatedDaysAgo: 218,
    closedDaysAgo: 12,
    volunteers: [
      { name: "Imane Berrada", email: "imane.berrada@chellah-digital.example.ma", joined: true },
      { name: "Hamza Squalli", email: "hamza.squalli@chellah-digital.example.ma", joined: true },
    ],
    sessions: [
      { daysAgo: 205, minutes: 360, topic: "Atelier : publics, messages et canaux", confirmed: true, by: "company", volunteers: [0] },
      { daysAgo: 180, minutes: 420, topic: "Arborescence et maquettes du site", confirmed: true, by: "company", volunteers: [0, 1] },
      { daysAgo: 150, minutes: 300, topic: "Mise en ligne du site bilingue", confirmed: true, by: "company", volunteers: [1] },
      { daysAgo: 120, minutes: 360, topic: "Formation : publier une actualité", confirmed: true, by: "partner", volunteers: [0] },
      { daysAgo: 90, minutes: 390, topic: "Réseaux sociaux : calendrier éditorial", confirmed: true, by: "company", volunteers: [0] },
      { daysAgo: 60, minutes: 330, topic: "Lettre d'information et liste de diffusion", confirmed: true, by: "company", volunteers: [1] },
      { daysAgo: 35, minutes: 420, topic: "Mesure d'audience et bilan", confirmed: true, by: "partner", volunteers: [0, 1] },
    ],
    messages: [{ side: "partner", daysAgo: 13, body: "Merci à toute l'équipe : le site a reçu 4 000 visites depuis sa mise en ligne et deux nouveaux partenaires nous ont contactés." }],
    evaluations: [
      { side: "company", stage: "midterm", daysAgo: 110, satisfaction: 4, onTrack: true },
      { side: "partner", stage: "midterm", daysAgo: 108, satisfaction: 4, onTrack: true },
      { side: "company", stage: "final", daysAgo: 15, satisfaction: 5, onTrack: true, transferred: "Une équipe autonome pour publier sur le site et les réseaux." },
      {
        side: "partner",
        stage: "final",
        daysAgo: 13,
        satisfaction: 5,
        onTrack: true,
        transferred: "Nous publions seules chaque semaine, en français et en arabe.",
        self: { communication: [2, 4], digital: [1, 4] },
      },
    ],
  },
];

/** The demo tandems between seeded organisations (keys of db/seed-data.ts mapped to their ids). */
export async function seedTandems(tx: DbOrTx, orgs: Map<string, string>, now: Date = new Date()) {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
  const ids = DEMO_TANDEMS.flatMap((d) => [orgs.get(d.company)!, orgs.get(d.partner)!]);
  const names = new Map((await tx.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, ids))).map((o) => [o.id, o.name]));
  // Oldest first, so the numbers follow the order the tandems were proposed in.
  for (const d of [...DEMO_TANDEMS].sort((a, b) => b.createdDaysAgo - a.createdDaysAgo)) {
    const companyId = orgs.get(d.company)!;
    const partnerId = orgs.get(d.partner)!;
    const sideId = (side: "company" | "partner") => (side === "company" ? companyId : partnerId);
    const created = ago(d.createdDaysAgo);
    const [{ seq }] = await tx.execute<{ seq: string }>(sql`select nextval('tandem_number_seq')::text as seq`);
    const [tandem] = await tx
      .insert(tandems)
      .values({
        number: `TDM-${created.getUTCFullYear()}-${seq.padStart(4, "0")}`,
        companyId,
        partnerId,
        proposedById: sideId(d.proposedBy),
        status: d.status,
        skills: [...d.skills].sort(),
        objectives: d.objectives,
        expectedHours: d.hours,
        periodStart: day(d.start),
        periodEnd: day(d.end),
        format: d.format,
        message: d.message ?? null,
        answerBy: new Date(created.getTime() + 14 * DAY),
        declineReason: d.decline?.reason ?? null,
        declineText: d.decline?.text ?? null,
        answeredAt: d.answeredDaysAgo === undefined ? null : ago(d.answeredDaysAgo),
        activatedAt: d.activatedDaysAgo === undefined ? null : ago(d.activatedDaysAgo),
        closedAt: d.closedDaysAgo === undefined ? null : ago(d.closedDaysAgo),
        createdAt: created,
        updatedAt: ago(d.closedDaysAgo ?? d.activatedDaysAgo ?? d.answeredDaysAgo ?? d.createdDaysAgo),
      })
      .returning({ id: tandems.id });
    const tandemId = tandem.id;
    type Event = typeof tandemEvents.$inferInsert;
    const events: Event[] = [{ tandemId, action: "propose", fromStatus: null, toStatus: "proposed", createdAt: created }];
    if (d.decline) events.push({ tandemId, action: "decline", fromStatus: "proposed", toStatus: "declined", reason: d.decline.reason, createdAt: ago(d.answeredDaysAgo!) });

    if (d.agreement) {
      const a = d.agreement;
      events.push({ tandemId, action: "accept", fromStatus: "proposed", toStatus: "agreement_draft", createdAt: ago(d.answeredDaysAgo!) });
      await tx.insert(tandemAgreements).values({
        tandemId,
        version: a.version,
        objectives: d.objectives,
        deliverables: a.deliverables,
        hoursCommitted: a.hours,
        startDate: day(d.start),
        endDate: day(d.end),
        updatedAt: ago(a.approvedDaysAgo + 1),
      });
      for (let v = 2; v <= a.version; v++) {
        events.push({ tandemId, action: "editAgreement", fromStatus: "agreement_draft", toStatus: "agreement_draft", createdAt: ago(a.approvedDaysAgo + 1) });
      }
      await tx.insert(tandemApprovals).values(a.approvedBy.map((side) => ({ tandemId, organizationId: sideId(side), agreementVersion: a.version, approvedAt: ago(a.approvedDaysAgo) })));
      events.push(...a.approvedBy.map(() => ({ tandemId, action: "approveAgreement", fromStatus: "agreement_draft" as const, toStatus: "agreement_draft" as const, createdAt: ago(a.approvedDaysAgo) })));
    }
    if (d.activatedDaysAgo !== undefined) events.push({ tandemId, action: "activate", fromStatus: "agreement_draft", toStatus: "active", createdAt: ago(d.activatedDaysAgo) });

    const volunteers = d.volunteers ?? [];
    if (volunteers.length) {
      await tx.insert(tandemVolunteers).values(
        volunteers.map((v) => ({ tandemId, email: v.email, name: v.name, invitedAt: ago(d.activatedDaysAgo ?? 0), joinedAt: v.joined ? ago((d.activatedDaysAgo ?? 1) - 1) : null })),
      );
    }
    const sessions = d.sessions ?? [];
    if (sessions.length) {
      await tx.insert(tandemSessions).values(
        sessions.map((s) => ({
          tandemId,
          heldOn: day(-s.daysAgo),
          minutes: s.minutes,
          topic: s.topic,
          volunteerEmails: s.volunteers.map((i) => volunteers[i].email),
          loggedByOrgId: sideId(s.by),
          confirmedAt: s.confirmed ? ago(s.daysAgo - 1) : null,
          createdAt: ago(s.daysAgo),
        })),
      );
    }
    if (d.messages?.length) {
      await tx.insert(tandemMessages).values(d.messages.map((m) => ({ tandemId, organizationId: sideId(m.side), body: m.body, createdAt: ago(m.daysAgo) })));
    }
    const evaluations = d.evaluations ?? [];
    if (evaluations.length) {
      await tx.insert(tandemEvaluations).values(
        evaluations.map((e) => ({
          tandemId,
          organizationId: sideId(e.side),
          stage: e.stage,
          satisfaction: e.satisfaction,
          onTrack: e.onTrack,
          transferred: e.transferred ?? null,
          selfAssessment: e.self ? Object.fromEntries(Object.entries(e.self).map(([skill, [before, after]]) => [skill, { before, after }])) : null,
          submittedAt: ago(e.daysAgo),
        })),
      );
      for (const e of evaluations) {
        events.push({ tandemId, action: `evaluate.${e.stage}`, fromStatus: "active", toStatus: "active", createdAt: ago(e.daysAgo) });
      }
    }
    if (d.status === "completed") {
      events.push({ tandemId, action: "complete", fromStatus: "active", toStatus: "completed", createdAt: ago(d.closedDaysAgo!) });
      // As certificates are issued on completion: the company's for every confirmed minute, each volunteer's for theirs.
      const confirmed = sessions.filter((s) => s.confirmed);
      const minutesOf = (list: Session[]) => list.reduce((sum, s) => sum + s.minutes, 0);
      await tx.insert(tandemCertificates).values([
        { tandemId, code: verificationCode(), holderName: names.get(companyId)!, volunteerEmail: null, minutes: minutesOf(confirmed), issuedAt: ago(d.closedDaysAgo!) },
        ...volunteers.map((v, i) => ({
          tandemId,
          code: verificationCode(),
          holderName: v.name,
          volunteerEmail: v.email,
          minutes: minutesOf(confirmed.filter((s) => s.volunteers.includes(i))),
          issuedAt: ago(d.closedDaysAgo!),
        })),
      ]);
    }
    await tx.insert(tandemEvents).values(events.sort((a, b) => a.createdAt!.getTime() - b.createdAt!.getTime()));
  }
}
