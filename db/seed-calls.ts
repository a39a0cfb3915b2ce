// Demo calls for applications (issue 6), so /appels, /siraj, the operators' screens and the jurors' lists are
// not empty on `npm start`:
// - SIRAJ-2025, a past edition of the Siraj label: six companies applied, two jurors scored every dossier, the
//   jury named its 4 laureates and the results are released; each laureate holds a label (one suspended since).
// - SIRAJ-<year>, the edition open now (opened 10 days before the seed runs, closing 30 days after it at 20:00
//   Morocco time), with three draft applications (one a renewal, pre-filled as the engine does).
// - AMI-2026, CAP+'s call for expressions of interest as in the source documents (150 associations, grid
//   30/25/25/20, closed on 30/06/2026 at 20:00 Morocco time): applications at every stage of the review, some
//   decided, none released yet, so an operator can release them in the demo.
// Past instants are Morocco wall-clock times converted with moroccoLocalToInstant; the open edition's are
// relative to the day the seed runs. Every step is on the call's trail as the engine would have written it.
// The demo company and the demo association never apply here: the browser tests apply with them.
import { randomUUID } from "node:crypto";
import { verificationCode } from "../app/lib/codes.server";
import { inArray, sql } from "drizzle-orm";
import { instantToMoroccoLocal, moroccoLocalToInstant } from "../app/lib/morocco-time";
import { putFile } from "../app/lib/storage.server";
import { jurorResult, rankApplications, validateGrid, validateScores } from "../app/modules/calls/scoring";
import { indexOrganizations } from "../search/documents.server";
import type { DbOrTx } from "./client";
import {
  applicationDocuments,
  applications,
  callEvents,
  callGrids,
  callJurors,
  callRequirements,
  calls,
  labels,
  organizationDocuments,
  reviewAssignments,
  reviewScores,
  users,
  type GridSection,
} from "./schema";
import type { ApplicationDecision, ApplicationStatus, DocumentKind } from "./schema/enums";
import { AMI_GRID, AMI_REQUIREMENTS, DOCUMENT_TITLES, SIRAJ_GRID, SIRAJ_REQUIREMENTS } from "./seed-grids";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A Morocco wall-clock time ("2026-06-30T20:00") as the instant it stands for. */
function morocco(local: string): Date {
  const at = moroccoLocalToInstant(local);
  if (!at) throw new Error(`seed-calls: not a Morocco time: ${local}`);
  return at;
}


// ---------------------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------------------

type CompanyProfile = {
  pilot: string;
  ethics: string;
  work: string;
  equality: string;
  safety: string;
  environment: string;
  climate: string;
  partners: string;
  local: string;
  suppliers: string;
  clients: string;
};

const sirajAnswers = (p: CompanyProfile): Record<string, string> => ({
  "gouvernance-pilotage": p.pilot,
  "ethique-dispositif": p.ethics,
  "travail-conditions": p.work,
  "egalite-mesures": p.equality,
  "sante-securite-resultats": p.safety,
  "environnement-mesures": p.environment,
  "climat-strategie": p.climate,
  "ess-partenariats": p.partners,
  "emploi-local-part": p.local,
  "fournisseurs-exigences": p.suppliers,
  "clients-engagements": p.clients,
});

const COMPANIES: Record<string, CompanyProfile> = {
  "groupe-tamwil-atlas": {
    pilot:
      "Une direction RSE rattachée au directeur général anime un comité de 12 référents, un par région. Le conseil d'administration revoit deux fois par an 18 indicateurs publiés dans notre rapport RSE annuel, vérifié par un organisme tiers depuis 2022.",
    ethics:
      "Code de déontologie signé par chaque collaborateur, formation annuelle obligatoire (96 % de taux de suivi en 2024), ligne d'alerte confiée à un prestataire externe, registre des cadeaux au-delà de 500 dirhams. Certification ISO 37001 obtenue en 2023.",
    work:
      "Tous nos salariés sont en CDI ou CDD déclarés à la CNSS et couverts par une mutuelle complémentaire. Les délégués du personnel se réunissent chaque mois avec la direction des ressources humaines ; un accord sur le télétravail a été signé en 2024. 31 heures de formation par salarié en 2024.",
    equality: "52 % de femmes dans l'effectif et 38 % parmi les cadres dirigeants ; écart salarial mesuré chaque année et ramené à 3 %. 41 personnes en situation de handicap employées, avec des postes aménagés.",
    safety: "Plan de prévention des risques psychosociaux dans les agences, 640 collaborateurs formés aux premiers secours, aucun accident grave depuis trois ans.",
    environment:
      "Consommation d'électricité des agences réduite de 22 % depuis 2022 (éclairage LED, climatisation pilotée), tri et recyclage du papier dans tous les sièges régionaux, 40 % des relevés envoyés sous forme électronique.",
    climate: "Bilan carbone des scopes 1 et 2 réalisé en 2023 ; objectif de -30 % en 2030, avec des panneaux solaires sur les toits de 60 agences d'ici 2026.",
    partners:
      "Notre fondation finance depuis 2015 des microcrédits à plus de 300 coopératives et un programme d'éducation financière qui a touché 12 000 femmes rurales. Nos collaborateurs accompagnent en mécénat de compétences l'association Khotwa à Casablanca depuis 2025.",
    local: "Recrutement régional pour 85 % des postes en agence ; 60 % de nos achats hors informatique auprès de fournisseurs marocains, dont des coopératives pour les cadeaux d'entreprise.",
    suppliers: "Charte achats responsables signée par nos 200 principaux fournisseurs, clause de conformité sociale dans les contrats et audit de 15 fournisseurs par an.",
    clients: "Médiateur interne, réponse aux réclamations en 10 jours au plus, conformité à la loi 09-08 vérifiée par notre délégué à la protection des données.",
  },
  "chellah-digital": {
    pilot: "Une responsable RSE à temps plein rend compte au comité de direction chaque trimestre. Notre feuille de route 2024-2026 fixe 10 objectifs chiffrés, présentés à l'assemblée des actionnaires.",
    ethics: "Code de conduite, clause anticorruption dans les contrats publics, formation des chefs de projet aux marchés publics et à la loi 104-12 sur la concurrence, adresse d'alerte confidentielle.",
    work: "Tous les collaborateurs sont déclarés à la CNSS ; horaires flexibles et deux jours de télétravail par semaine ; représentants du personnel élus en 2024 ; budget formation de 2,5 % de la masse salariale.",
    equality: "38 % de femmes, dont 30 % des chefs de projet ; programme de mentorat pour les ingénieures ; recrutement de quatre développeurs sourds avec un interprète en langue des signes.",
    safety: "Évaluation ergonomique des postes, médecin du travail deux jours par semaine, aucun accident du travail déclaré en 2024.",
    environment: "Serveurs hébergés dans un centre de données alimenté à 60 % par des énergies renouvelables, reconditionnement de 180 ordinateurs donnés à des associations, suppression des gobelets en plastique.",
    climate: "Bilan carbone réalisé en 2024 : les déplacements pèsent 45 % de nos émissions. Nous remboursons la moitié de l'abonnement au tramway et limitons les vols intérieurs.",
    partners:
      "Chaque salarié consacre deux jours par an à une association. Nous avons équipé onze salles informatiques associatives depuis 2021 et mené avec l'Association Lagune Vivante de Dakhla un tandem de mécénat de compétences sur sa communication numérique.",
    local: "70 % de nos recrutements se font parmi les jeunes diplômés des universités de Rabat-Salé-Kénitra ; nos achats sont à 80 % marocains.",
    suppliers: "Questionnaire RSE envoyé à nos sous-traitants, exigence de déclaration CNSS des intervenants, clause de résiliation en cas de manquement.",
    clients: "Engagement de délai de réponse aux incidents, tests de sécurité annuels, registre des traitements de données déclaré à la CNDP.",
  },
  "tensift-hospitalite": {
    pilot: "La charte RSE du groupe est signée par le président ; une directrice développement durable anime un comité mensuel avec les cinq directeurs d'hôtel et présente un bilan annuel au conseil.",
    ethics: "Code éthique remis à chaque salarié, procédure d'achat à double signature, formation des acheteurs aux conflits d'intérêts.",
    work: "Contrats à durée indéterminée pour 80 % du personnel, saisonniers déclarés à la CNSS, logement et transport pour le personnel des riads de la médina ; comité d'entreprise réuni tous les deux mois.",
    equality: "46 % de femmes, dont trois directrices d'hôtel sur cinq ; formation en langues offerte aux femmes de chambre pour accéder aux postes de réception.",
    safety: "Formation hygiène et sécurité de tout le personnel de cuisine, audit annuel par un organisme extérieur, deux accidents sans arrêt en 2024.",
    environment: "Consommation d'eau par nuitée réduite de 28 % depuis 2022 (réducteurs de débit, arrosage au goutte-à-goutte), fin des bouteilles en plastique dans les chambres, compostage des déchets de cuisine.",
    climate: "Chauffe-eau solaires dans trois hôtels sur cinq ; un bilan carbone est prévu en 2025.",
    partners:
      "Nos hôtels achètent savons, huile d'argan et eau de rose à huit coopératives féminines, dont la coopérative des roses de Kelâat M'Gouna avec laquelle nous menons un tandem de mécénat de compétences. Nous finançons chaque année 20 bourses pour des lycéennes d'Al Haouz.",
    local: "90 % de nos recrutements dans la région de Marrakech-Safi, dont 120 jeunes d'Al Haouz formés dans notre école hôtelière interne ; 55 % des achats alimentaires auprès de producteurs de la région.",
    suppliers: "Cahier des charges pour les fournisseurs alimentaires (traçabilité, absence de travail des enfants), visites chez nos coopératives partenaires.",
    clients: "Enquête de satisfaction après chaque séjour, réponse aux avis sous 48 heures, protection des données de réservation.",
  },
  "cap-spartel-logistique": {
    pilot: "Un comité RSE présidé par le directeur général se réunit chaque trimestre ; nos engagements sont repris dans le rapport annuel remis aux actionnaires et à nos clients européens.",
    ethics: "Code de conduite, procédure d'alerte, formation des agents de transit aux règles douanières et à la lutte contre la corruption.",
    work: "Les chauffeurs sont salariés et déclarés à la CNSS ; temps de conduite suivi par chronotachygraphe ; délégués du personnel élus ; académie interne de formation des chauffeurs.",
    equality: "Les femmes représentent 14 % de l'effectif, surtout dans les métiers administratifs ; nous formons depuis 2024 les premières conductrices de chariots élévateurs.",
    safety: "Formation à l'écoconduite et à la sécurité routière de tous les chauffeurs, accidents de la route en baisse de 35 % en trois ans.",
    environment: "Renouvellement de 40 % de la flotte aux normes Euro 6, entrepôt de Tanger Med équipé de panneaux solaires, recyclage des palettes et des films d'emballage.",
    climate: "Bilan carbone annuel depuis 2021 ; émissions par tonne-kilomètre réduites de 18 % ; essais de camions au gaz naturel en 2025.",
    partners: "Tarifs solidaires pour les coopératives qui exportent, programme d'insertion de 60 jeunes par an avec des associations de Tanger, soutien logistique lors du séisme d'Al Haouz.",
    local: "80 % de nos salariés viennent de la région de Tanger-Tétouan-Al Hoceima ; achats d'entretien et de pièces auprès de garages locaux.",
    suppliers: "Nos sous-traitants routiers signent une charte sociale (déclaration CNSS, temps de repos) ; audits ponctuels.",
    clients: "Suivi en temps réel des envois, procédure de réclamation avec un délai de réponse de cinq jours.",
  },
  "saiss-textile": {
    pilot: "La démarche RSE est suivie par la directrice des ressources humaines, qui présente chaque année un bilan à la direction générale.",
    ethics: "Les audits de nos clients européens vérifient notre conformité ; nous n'avons pas encore de code de conduite propre.",
    work: "Toutes les ouvrières sont déclarées à la CNSS ; une crèche accueille 45 enfants ; les heures supplémentaires restent fréquentes en haute saison.",
    equality: "70 % de femmes, mais deux femmes seulement parmi les douze cadres.",
    safety: "Exercices d'évacuation deux fois par an et infirmerie sur le site.",
    environment: "Station de traitement des eaux de teinture installée en 2021 ; nous recyclons les chutes de tissu.",
    climate: "Pas encore de bilan carbone ; nous étudions des panneaux solaires sur la toiture.",
    partners: "Nous confions des travaux de broderie à deux coopératives féminines de la région de Fès.",
    local: "La plupart de nos ouvrières habitent Fès et ses environs.",
    suppliers: "Nos fournisseurs de fil sont choisis par nos clients européens.",
    clients: "Nos clients sont des marques ; les réclamations sont traitées par le service qualité.",
  },
  "draa-soleil": {
    pilot: "Le gérant pilote lui-même la démarche ; nous n'avons pas encore de politique RSE formalisée.",
    ethics: "Nous appliquons la loi ; pas de dispositif particulier.",
    work: "Nos techniciens sont formés dans notre centre ; une partie travaille à la tâche sur les chantiers.",
    equality: "Deux femmes sur 65 salariés.",
    safety: "Équipements de protection fournis sur les chantiers.",
    environment: "Notre métier est l'énergie solaire : chaque installation remplace du gaz butane ou du gasoil.",
    climate: "Nous estimons que nos installations évitent 3 000 tonnes de CO2 par an.",
    partners: "Paiement échelonné pour les coopératives et les écoles rurales.",
    local: "Nos techniciens viennent de la région de Drâa-Tafilalet.",
    suppliers: "Nous achetons nos panneaux à des importateurs de Casablanca.",
    clients: "Garantie de deux ans sur les installations.",
  },
};

type AssociationProfile = { needs: string; experience: string; instances: string; accounts: string; resources: string; networks: string; expectations: string };

const amiAnswers = (p: AssociationProfile): Record<string, string> => ({
  "besoins-territoire": p.needs,
  "experience-communautes": p.experience,
  instances: p.instances,
  "gestion-comptes": p.accounts,
  ressources: p.resources,
  reseaux: p.networks,
  "attentes-parcours": p.expectations,
});

const ASSOCIATIONS: Record<string, AssociationProfile> = {
  "asso-lagune-dakhla": {
    needs: "La baie de Dakhla subit la pression du tourisme et de la pêche : déchets plastiques, herbiers marins abîmés. Nous agissons avec les pêcheurs, les écoles et les professionnels du kitesurf.",
    experience:
      "Depuis 2022, 36 nettoyages du littoral avec 1 400 participants et 18 tonnes de déchets retirés ; suivi des herbiers avec l'Institut national de recherche halieutique ; 14 clubs environnement dans les écoles de la ville.",
    instances: "Assemblée générale chaque année, bureau de neuf membres renouvelé en 2024, procès-verbaux publiés aux membres.",
    accounts: "Comptabilité tenue par un cabinet, comptes approuvés en assemblée générale chaque année ; budget 2025 de 620 000 dirhams.",
    resources: "Subventions du Conseil régional et d'une fondation européenne ; nous voulons développer des prestations de sensibilisation pour les hôtels et les écoles de kitesurf.",
    networks: "Conseil régional de Dakhla-Oued Ed-Dahab, Institut national de recherche halieutique, Chellah Digital Services (tandem de mécénat de compétences), Alliance Climat Maroc.",
    expectations: "Structurer une offre de services payants et former notre trésorière et notre coordinatrice à la gestion financière ; elles suivront tout le parcours.",
  },
  "asso-eau-khenifra": {
    needs: "Neuf douars d'Aguelmous, 3 200 habitants, dépendent de notre réseau d'eau potable. La sécheresse menace les sources et l'assainissement manque.",
    experience: "Pompage solaire installé en 2022 avec l'INDH, 410 branchements individuels réalisés, comités d'usagers qui fixent les tarifs ; étude d'assainissement menée en 2024 avec la commune.",
    instances: "Assemblée générale annuelle très suivie, bureau élu, un comité d'usagers par douar.",
    accounts: "Un comptable salarié, comptes approuvés chaque année, budget de 480 000 dirhams financé surtout par les redevances.",
    resources: "Les redevances couvrent l'exploitation ; les investissements dépendent de l'INDH et de la commune. Nous voulons constituer une réserve pour le renouvellement des pompes.",
    networks: "Commune d'Aguelmous, INDH de Khénifra, Agence du bassin hydraulique de l'Oum Er-Rbia, Alliance Climat Maroc.",
    expectations: "Préparer un plan d'investissement pour l'assainissement et trouver des financements alternatifs ; le président et le comptable participeront.",
  },
  "asso-femmes-rif": {
    needs: "Dans les communes rurales d'Al Hoceima, les femmes ont peu accès à l'emploi et à leurs droits. Nous proposons alphabétisation, formation et accompagnement juridique.",
    experience: "Dix groupes de femmes accompagnés vers la création de coopératives depuis 2019 ; 650 femmes alphabétisées ; 240 consultations juridiques en 2024.",
    instances: "Assemblée générale annuelle, bureau de sept femmes, réunion mensuelle de l'équipe.",
    accounts: "Comptes tenus par la trésorière avec un expert-comptable bénévole ; budget de 350 000 dirhams.",
    resources: "Financements de projets d'ONG internationales, qui s'arrêtent souvent après deux ans ; nous voulons vendre des formations aux coopératives que nous avons aidées à naître.",
    networks: "Entraide nationale, coopératives de la province, Réseau National Tiwizi de l'ESS.",
    expectations: "Sortir de la dépendance aux projets courts et mieux gérer nos ressources humaines ; la coordinatrice et la trésorière suivront le parcours.",
  },
  "asso-numerique-sale": {
    needs: "À Salé, beaucoup de femmes et de personnes âgées ne peuvent pas faire seules leurs démarches en ligne. Nous les formons en darija et en amazighe.",
    experience: "900 personnes formées par an depuis 2022 ; un club de programmation pour 60 adolescents de Hay Karima ; permanences d'aide aux démarches à la maison de quartier.",
    instances: "Assemblée générale annuelle et bureau de cinq membres ; les décisions sont prises en réunion de bureau mensuelle.",
    accounts: "Comptes tenus sur tableur par le trésorier ; budget de 180 000 dirhams.",
    resources: "Dons d'entreprises et cotisations ; une seule subvention publique.",
    networks: "Maison de quartier de Hay Karima, deux entreprises donatrices d'ordinateurs.",
    expectations: "Professionnaliser notre gestion et préparer une demande de financement pluriannuel ; le président et une formatrice participeront.",
  },
  "asso-littoral-tantan": {
    needs: "Le littoral d'El Ouatia souffre des filets abandonnés et de l'ensablement.",
    experience: "Nettoyages de plages chaque printemps et plantations sur les dunes en 2023.",
    instances: "Bureau de cinq membres ; l'assemblée générale ne s'est pas réunie en 2024.",
    accounts: "Le trésorier tient un cahier de caisse.",
    resources: "Cotisations des membres et aide ponctuelle de la commune.",
    networks: "Commune d'El Ouatia, écoles de la ville.",
    expectations: "Apprendre à monter des projets.",
  },
  "asso-emploi-jeunes-casa": {
    needs: "À Sidi Moumen et Sidi Bernoussi, beaucoup de jeunes diplômés ou non diplômés restent sans emploi. Nous les accompagnons vers un premier emploi ou la création d'activité.",
    experience: "400 jeunes accompagnés chaque année, deux sur trois en emploi ou en formation six mois après ; un programme de stages avec 35 entreprises partenaires.",
    instances: "Assemblée générale annuelle, conseil d'administration trimestriel, comité d'audit interne.",
    accounts: "Comptabilité analytique par programme mise en place en 2025 avec l'appui du Groupe Tamwil Atlas ; budget de 1,2 million de dirhams.",
    resources: "Subventions, mécénat d'entreprises et prestations de formation pour des entreprises : 15 % de ressources propres.",
    networks: "ANAPEC, 35 entreprises partenaires, Groupe Tamwil Atlas, OFPPT.",
    expectations: "Porter nos ressources propres à 30 % et renforcer notre conseil d'administration ; la directrice et le responsable financier participeront.",
  },
  "asso-handicap-mohammedia": {
    needs: "À Mohammédia, les enfants en situation de handicap intellectuel manquent de places d'accueil et les écoles de moyens pour l'inclusion.",
    experience: "Centre de jour de 70 enfants, classes inclusives dans cinq écoles publiques, atelier protégé de pâtisserie et de jardinage pour 25 jeunes adultes.",
    instances: "Assemblée générale annuelle de parents, bureau élu, commission pédagogique.",
    accounts: "Un comptable à mi-temps, comptes certifiés chaque année ; budget de 1,6 million de dirhams.",
    resources: "Subventions de l'Entraide nationale, participation des familles, ventes de l'atelier ; nous voulons développer la pâtisserie en activité génératrice de revenus.",
    networks: "Entraide nationale, Délégation de l'éducation, collectif d'associations du handicap du Grand Casablanca.",
    expectations: "Transformer l'atelier de pâtisserie en activité génératrice de revenus viable ; la directrice et le chef d'atelier participeront.",
  },
  "asso-oasis-zagora": {
    needs: "À M'Hamid El Ghizlane, les palmeraies reculent devant l'ensablement et la sécheresse.",
    experience: "Palissades en palmes sur 12 kilomètres, trois khettaras réhabilitées, 40 agriculteurs accompagnés vers le goutte-à-goutte.",
    instances: "Assemblée générale annuelle et bureau de sept membres.",
    accounts: "Comptes tenus par le trésorier, approuvés en assemblée ; budget de 260 000 dirhams.",
    resources: "Subventions de l'Agence des oasis et de fondations ; nous pensons à l'écotourisme.",
    networks: "Agence nationale pour le développement des zones oasiennes, commune de M'Hamid, Alliance Climat Maroc.",
    expectations: "Construire un modèle économique pour l'écotourisme solidaire ; le président et un jeune membre participeront.",
  },
  "asso-cedre-azrou": {
    needs: "La cédraie du Moyen Atlas recule ; nous plantons avec les écoles et sensibilisons les visiteurs.",
    experience: "15 000 jeunes cèdres plantés chaque hiver avec les services forestiers ; programme d'éducation à l'environnement dans 20 écoles de la province d'Ifrane.",
    instances: "Assemblée générale annuelle, bureau de neuf membres.",
    accounts: "Comptes tenus par un comptable bénévole et approuvés chaque année ; budget de 300 000 dirhams.",
    resources: "Subventions et dons de visiteurs ; nous voulons créer des sorties guidées payantes.",
    networks: "Agence nationale des eaux et forêts, Parc national d'Ifrane, écoles de la province.",
    expectations: "Former notre équipe à la recherche de financements ; deux membres du bureau suivront le parcours.",
  },
  "asso-scolarisation-haouz": {
    needs: "Dans la vallée d'Asni, les filles des douars quittent l'école après le primaire faute d'hébergement et de transport.",
    experience: "Dar taliba de 48 places, transport scolaire pour six douars, reprise des cours dans les écoles provisoires après le séisme de 2023.",
    instances: "Assemblée générale annuelle, bureau de sept membres.",
    accounts: "Comptes tenus par un cabinet ; budget de 900 000 dirhams.",
    resources: "Subventions de l'INDH et dons de particuliers et d'entreprises.",
    networks: "INDH d'Al Haouz, Délégation de l'éducation, Tensift Hospitalité (bourses).",
    expectations: "Diversifier nos ressources pour pérenniser le transport scolaire.",
  },
};

/** Keeps the first `n` answers of a set: a draft the applicant is still writing. */
const firstAnswers = (answers: Record<string, string>, n: number) => Object.fromEntries(Object.entries(answers).slice(0, n));

// ---------------------------------------------------------------------------------------------------------
// The applications
// ---------------------------------------------------------------------------------------------------------

type CallKey = "past" | "open" | "ami";

/** One juror's sheet: a level (0–1) the points follow, with a few criteria set by hand. */
type Sheet = { level: number; set?: Record<string, number>; conflict?: "none" | "pending"; submitted?: boolean; partial?: boolean; at?: Date };

type DemoApplication = {
  call: CallKey;
  org: string;
  status: ApplicationStatus;
  answers: Record<string, string>;
  started: Date;
  saved: Date;
  submitted?: Date;
  step: number;
  documents: DocumentKind[];
  screened?: { at: Date; reason?: string };
  sheets?: Sheet[];
  decision?: { decision: ApplicationDecision; reason: string; feedback: string; at: Date };
  suspended?: { reason: string; at: Date };
  renewalOf?: string;
};

// SIRAJ-2025: opened during Ramadan (Morocco on UTC+0), closed at the end of May (UTC+1).
const PAST = {
  created: morocco("2025-02-10T10:00"),
  published: morocco("2025-02-20T11:30"),
  opens: morocco("2025-03-03T09:00"),
  closes: morocco("2025-05-30T20:00"),
  invited: morocco("2025-05-20T10:00"),
  accepted: [morocco("2025-05-21T09:12"), morocco("2025-05-22T18:40")],
  screened: morocco("2025-06-03T10:00"),
  assigned: morocco("2025-06-05T09:30"),
  decided: morocco("2025-07-02T15:00"),
  released: morocco("2025-07-08T10:00"),
};
const AMI = {
  created: morocco("2026-04-20T10:00"),
  published: morocco("2026-04-28T11:00"),
  opens: morocco("2026-05-01T09:00"),
  closes: morocco("2026-06-30T20:00"),
  invited: morocco("2026-07-01T10:00"),
  accepted: [morocco("2026-07-02T08:50"), morocco("2026-07-03T21:15")],
  assigned: morocco("2026-07-13T09:00"),
  decided: morocco("2026-09-22T16:00"),
};

const siraj = (org: string, o: Omit<DemoApplication, "call" | "org" | "status" | "answers" | "step" | "documents"> & Partial<Pick<DemoApplication, "documents">>): DemoApplication => ({
  call: "past",
  org,
  status: "released",
  answers: sirajAnswers(COMPANIES[org]),
  step: SIRAJ_GRID.length + 1,
  documents: ["csr_policy", "financial_statements"],
  ...o,
});

const PAST_APPLICATIONS: DemoApplication[] = [
  siraj("groupe-tamwil-atlas", {
    started: morocco("2025-03-11T10:20"),
    saved: morocco("2025-05-14T16:02"),
    submitted: morocco("2025-05-14T16:05"),
    documents: ["csr_policy", "financial_statements", "supporting"],
    screened: { at: PAST.screened },
    sheets: [{ level: 0.92 }, { level: 0.86 }],
    decision: {
      decision: "laureate",
      reason: "Meilleur dossier de l'édition : démarche pilotée par le conseil, indicateurs vérifiés par un tiers, engagement durable auprès de l'ESS.",
      feedback: "Le jury salue une démarche RSE structurée et mesurée dans tous les domaines. Piste de progrès : étendre le bilan carbone au scope 3 (financements accordés).",
      at: PAST.decided,
    },
  }),
  siraj("chellah-digital", {
    started: morocco("2025-03-18T14:00"),
    saved: morocco("2025-05-22T11:47"),
    submitted: morocco("2025-05-22T11:50"),
    documents: ["csr_policy", "financial_statements", "supporting"],
    screened: { at: PAST.screened },
    sheets: [{ level: 0.85 }, { level: 0.83 }],
    decision: {
      decision: "laureate",
      reason: "Engagement concret des salariés auprès des associations, politique d'inclusion exemplaire, premier bilan carbone.",
      feedback: "Le mécénat de compétences et l'équipement de salles informatiques sont des atouts rares. Le jury encourage un plan de réduction des émissions liées aux déplacements avec des objectifs datés.",
      at: PAST.decided,
    },
  }),
  siraj("tensift-hospitalite", {
    started: morocco("2025-04-02T09:30"),
    saved: morocco("2025-05-28T22:10"),
    submitted: morocco("2025-05-28T22:14"),
    screened: { at: PAST.screened },
    sheets: [{ level: 0.8 }, { level: 0.79 }],
    decision: {
      decision: "laureate",
      reason: "Achats auprès des coopératives et recrutement local d'une ampleur remarquable ; gestion de l'eau exemplaire.",
      feedback: "Ancrage territorial et achats locaux remarquables. Le bilan carbone annoncé pour 2025 et une évaluation RSE des fournisseurs non alimentaires sont attendus au renouvellement.",
      at: PAST.decided,
    },
  }),
  siraj("cap-spartel-logistique", {
    started: morocco("2025-04-15T15:45"),
    saved: morocco("2025-05-30T18:51"),
    submitted: morocco("2025-05-30T18:55"),
    screened: { at: PAST.screened },
    sheets: [{ level: 0.76 }, { level: 0.73 }],
    decision: {
      decision: "laureate",
      reason: "Réduction mesurée des émissions de la flotte et des accidents de la route ; programme d'insertion des jeunes.",
      feedback: "Des résultats chiffrés sur la flotte et la sécurité routière. Le jury attend un audit social des sous-traitants routiers et une place plus grande faite aux femmes.",
      at: PAST.decided,
    },
    suspended: {
      reason: "Une enquête de l'inspection du travail est en cours sur les conditions d'emploi chez un sous-traitant de l'entrepôt de Tanger Med ; le label est suspendu jusqu'à ses conclusions.",
      at: morocco("2026-09-15T11:00"),
    },
  }),
  siraj("saiss-textile", {
    started: morocco("2025-03-25T08:40"),
    saved: morocco("2025-05-26T17:28"),
    submitted: morocco("2025-05-26T17:30"),
    screened: { at: PAST.screened },
    sheets: [{ level: 0.6 }, { level: 0.55, set: { "gouvernance-transparence": 4 } }],
    decision: {
      decision: "not_selected",
      reason: "Démarche réelle sur l'eau et la crèche, mais pas encore de pilotage RSE ni de code de conduite ; heures supplémentaires fréquentes.",
      feedback: "Vos actions sur l'eau de teinture et la crèche sont solides. Pour une prochaine édition : une politique RSE signée par la direction, un code de conduite, un plan pour les heures supplémentaires et l'accès des femmes à l'encadrement.",
      at: PAST.decided,
    },
  }),
  siraj("draa-soleil", {
    started: morocco("2025-05-05T12:00"),
    saved: morocco("2025-05-29T23:12"),
    submitted: morocco("2025-05-29T23:16"),
    screened: { at: PAST.screened },
    // Below the minimum on working conditions: the operators' table flags it.
    sheets: [{ level: 0.5, set: { "conditions-travail": 4 } }, { level: 0.46, set: { "conditions-travail": 4 } }],
    decision: {
      decision: "not_selected",
      reason: "Minimum non atteint sur les conditions de travail (travail à la tâche sur les chantiers) ; pas de politique RSE formalisée.",
      feedback: "Votre activité a un impact climatique positif évident. Le jury attend d'abord des contrats et des déclarations pour tous les techniciens de chantier, et une politique RSE écrite.",
      at: PAST.decided,
    },
  }),
];

const ami = (org: string, o: Omit<DemoApplication, "call" | "org" | "answers" | "step" | "documents"> & Partial<Pick<DemoApplication, "documents">>): DemoApplication => ({
  call: "ami",
  org,
  answers: amiAnswers(ASSOCIATIONS[org]),
  step: AMI_GRID.length + 1,
  documents: ["letter_of_intent", "legal_registration", "project_list"],
  ...o,
});

const AMI_APPLICATIONS: DemoApplication[] = [
  ami("asso-lagune-dakhla", {
    status: "decided",
    started: morocco("2026-05-04T19:30"),
    saved: morocco("2026-06-12T10:02"),
    submitted: morocco("2026-06-12T10:05"),
    documents: ["letter_of_intent", "legal_registration", "project_list", "supporting"],
    screened: { at: morocco("2026-07-06T10:30") },
    sheets: [{ level: 0.9, at: morocco("2026-07-24T18:00") }, { level: 0.85, at: morocco("2026-08-03T11:20") }],
    decision: {
      decision: "selected",
      reason: "Ancrage fort auprès des pêcheurs et des écoles, gestion saine, projet clair de diversification.",
      feedback: "Un dossier solide. Le parcours vous aidera à construire votre offre de services pour les hôtels et les écoles de kitesurf.",
      at: AMI.decided,
    },
  }),
  ami("asso-eau-khenifra", {
    status: "decided",
    started: morocco("2026-05-12T08:15"),
    saved: morocco("2026-06-20T21:40"),
    submitted: morocco("2026-06-20T21:44"),
    screened: { at: morocco("2026-07-06T11:00") },
    sheets: [{ level: 0.84, at: morocco("2026-07-27T09:10") }, { level: 0.8, at: morocco("2026-08-05T16:30") }],
    decision: {
      decision: "selected",
      reason: "Service essentiel géré avec transparence par les usagers ; besoin clair d'un plan d'investissement.",
      feedback: "Le jury salue la gestion transparente du réseau d'eau. Le diagnostic du parcours portera sur le financement de l'assainissement.",
      at: AMI.decided,
    },
  }),
  ami("asso-femmes-rif", {
    status: "decided",
    started: morocco("2026-05-20T11:00"),
    saved: morocco("2026-06-27T15:18"),
    submitted: morocco("2026-06-27T15:20"),
    screened: { at: morocco("2026-07-07T09:45") },
    sheets: [{ level: 0.78, at: morocco("2026-07-29T20:05") }, { level: 0.76, at: morocco("2026-08-11T10:00") }],
    decision: {
      decision: "selected",
      reason: "Expérience reconnue auprès des femmes rurales ; volonté explicite de sortir de la dépendance aux projets courts.",
      feedback: "Votre accompagnement des coopératives est un atout. Le parcours vous aidera à construire une offre de formation rémunérée.",
      at: AMI.decided,
    },
  }),
  ami("asso-numerique-sale", {
    status: "decided",
    started: morocco("2026-06-01T17:00"),
    saved: morocco("2026-06-29T23:02"),
    submitted: morocco("2026-06-29T23:05"),
    screened: { at: morocco("2026-07-07T10:15") },
    // The two jurors disagree strongly (more than 20 points apart): the table flags it.
    sheets: [{ level: 0.88, at: morocco("2026-07-30T12:00") }, { level: 0.52, at: morocco("2026-08-14T17:45") }],
    decision: {
      decision: "waiting_list",
      reason: "Jurés partagés : action très utile et bien ciblée, mais gestion financière encore fragile. Liste d'attente après délibération.",
      feedback: "Votre action d'inclusion numérique est pertinente. Le jury vous place en liste d'attente ; une comptabilité tenue par un professionnel renforcerait votre candidature.",
      at: AMI.decided,
    },
  }),
  ami("asso-littoral-tantan", {
    status: "decided",
    started: morocco("2026-06-18T10:00"),
    saved: morocco("2026-06-30T17:58"),
    submitted: morocco("2026-06-30T18:02"),
    screened: { at: morocco("2026-07-08T09:30") },
    sheets: [
      { level: 0.48, set: { "ancrage-communautes": 4 }, at: morocco("2026-07-31T09:00") },
      { level: 0.42, set: { "ancrage-communautes": 3 }, at: morocco("2026-08-18T19:20") },
    ],
    decision: {
      decision: "not_selected",
      reason: "Expérience encore limitée et instances qui ne se sont pas réunies en 2024 ; minimum non atteint sur l'expérience auprès des communautés.",
      feedback: "Votre engagement pour le littoral est réel. Réunissez votre assemblée générale, documentez vos actions et leurs résultats : le jury vous encourage à candidater à une prochaine session.",
      at: AMI.decided,
    },
  }),
  // Under review: one juror has submitted, the other has a sheet under way.
  ami("asso-emploi-jeunes-casa", {
    status: "under_review",
    started: morocco("2026-05-06T09:00"),
    saved: morocco("2026-06-18T12:28"),
    submitted: morocco("2026-06-18T12:30"),
    documents: ["letter_of_intent", "legal_registration", "project_list", "supporting"],
    screened: { at: morocco("2026-07-06T15:00") },
    sheets: [{ level: 0.8, at: morocco("2026-08-25T10:40") }, { level: 0.7, submitted: false, partial: true }],
  }),
  // Under review: one juror has submitted, the other has not yet answered the conflict-of-interest question.
  ami("asso-handicap-mohammedia", {
    status: "under_review",
    started: morocco("2026-05-15T14:30"),
    saved: morocco("2026-06-24T09:10"),
    submitted: morocco("2026-06-24T09:12"),
    screened: { at: morocco("2026-07-07T11:30") },
    sheets: [{ level: 0.82, at: morocco("2026-08-27T15:00") }, { level: 0, conflict: "pending", submitted: false }],
  }),
  ami("asso-oasis-zagora", {
    status: "eligible",
    started: morocco("2026-06-08T20:00"),
    saved: morocco("2026-06-28T13:30"),
    submitted: morocco("2026-06-28T13:33"),
    screened: { at: morocco("2026-07-08T10:00") },
  }),
  ami("asso-scolarisation-haouz", {
    status: "ineligible",
    started: morocco("2026-06-10T09:00"),
    saved: morocco("2026-06-25T18:45"),
    submitted: morocco("2026-06-25T18:47"),
    screened: {
      at: morocco("2026-07-08T11:15"),
      reason: "Le dossier juridique joint ne contient que les statuts : le récépissé définitif de dépôt, exigé par l'AMI, manque malgré la relance du 2 juillet.",
    },
  }),
  // Submitted in the last hour before the deadline, not yet screened.
  ami("asso-cedre-azrou", {
    status: "submitted",
    started: morocco("2026-06-22T10:00"),
    saved: morocco("2026-06-30T19:39"),
    submitted: morocco("2026-06-30T19:41"),
  }),
];

// What jurors write beside each score, by how well the dossier did on that criterion: a few phrasings per level,
// so that two sheets do not read alike.
const COMMENTS = {
  high: [
    "Démarche structurée et résultats chiffrés, pièces à l'appui.",
    "Pratiques solides, suivies dans le temps et vérifiables dans les documents joints.",
    "Engagement clair, avec des indicateurs suivis et des responsables désignés.",
  ],
  mid: [
    "Des actions réelles, mais peu d'objectifs mesurés.",
    "Bonne intention, mise en œuvre encore partielle ; à documenter davantage.",
    "Quelques exemples concrets, sans suivi régulier ni indicateur.",
  ],
  low: [
    "Réponse trop générale : pas d'exemple ni de chiffre.",
    "Peu d'éléments probants ; la démarche reste à construire.",
    "Le dossier n'apporte pas de preuve sur ce point.",
  ],
};

function sheetScores(grid: GridSection[], sheet: Sheet, jurorIndex: number): Record<string, number> {
  const scores: Record<string, number> = {};
  grid.forEach((section, s) =>
    section.criteria.forEach((criterion, c) => {
      // A little variation around the level, the same on every run.
      const wobble = ((s + c + jurorIndex) % 3) - 1;
      const raw = Math.round(criterion.max * sheet.level + (criterion.max >= 10 ? wobble : 0));
      scores[criterion.id] = sheet.set?.[criterion.id] ?? Math.max(0, Math.min(criterion.max, raw));
    }),
  );
  if (sheet.partial) return Object.fromEntries(Object.entries(scores).slice(0, 3));
  return scores;
}

// ---------------------------------------------------------------------------------------------------------
// The seed
// ---------------------------------------------------------------------------------------------------------

/** A one-page PDF saying what the demo document stands for, so downloads of the demo vault work. */
function demoPdf(title: string): Uint8Array {
  const ascii = title.normalize("NFD").replace(/[^\x20-\x7e]/g, "").replace(/[()\\]/g, "");
  const stream = `BT /F1 14 Tf 72 770 Td (${ascii}) Tj 0 -24 Td /F1 10 Tf (Document de demonstration Tiwizi) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

type Event = typeof callEvents.$inferInsert;

/**
 * The demo calls, their applications, jurors, scores, decisions, labels and trail (keys of db/seed-data.ts
 * mapped to organisation ids; demo accounts by role: "operator", "juror", "juror-2").
 */
export async function seedCalls(tx: DbOrTx, orgIds: Map<string, string>, people: Map<string, string>, now: Date = new Date()) {
  for (const grid of [SIRAJ_GRID, AMI_GRID]) {
    const problems = validateGrid({ sections: grid });
    if (problems.length) throw new Error(`seed-calls: invalid grid: ${JSON.stringify(problems)}`);
  }
  const operator = people.get("operator") ?? null;
  const jurorUsers = [people.get("juror") ?? null, people.get("juror-2") ?? null];
  const org = (key: string) => {
    const id = orgIds.get(key);
    if (!id) throw new Error(`seed-calls: no organisation ${key}`);
    return id;
  };
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const moroccoDate = (d: Date) => instantToMoroccoLocal(d).slice(0, 10);

  // The edition open now: from 10 days ago at 09:00 to 30 days ahead at 20:00, Morocco time.
  const openOpens = morocco(`${moroccoDate(ago(10))}T09:00`);
  const openCloses = morocco(`${moroccoDate(new Date(now.getTime() + 30 * DAY))}T20:00`);
  const openCode = `SIRAJ-${moroccoDate(openOpens).slice(0, 4)}`;

  const callRows = [
    {
      key: "past" as const,
      code: "SIRAJ-2025",
      kind: "label" as const,
      audience: ["company" as const],
      titleFr: "Label Siraj 2025 — entreprises engagées",
      titleAr: "علامة سراج 2025 — المقاولات الملتزمة",
      descriptionFr:
        "Le label Siraj distingue les entreprises marocaines engagées dans leur responsabilité sociétale : gouvernance, conditions de travail, environnement, ancrage territorial et achats responsables. Quatre lauréats par édition, labellisés pour 24 mois, inscrits au registre public.",
      descriptionAr:
        "تميز علامة سراج المقاولات المغربية الملتزمة بمسؤوليتها المجتمعية: الحكامة، ظروف العمل، البيئة، التجذر الترابي والمشتريات المسؤولة. أربعة فائزين في كل دورة، يحملون العلامة لمدة 24 شهرا ويدرجون في السجل العمومي.",
      opensAt: PAST.opens,
      closesAt: PAST.closes,
      seats: 4,
      labelValidityMonths: 24,
      publishedAt: PAST.published,
      releasedAt: PAST.released,
      createdAt: PAST.created,
    },
    {
      key: "open" as const,
      code: openCode,
      kind: "label" as const,
      audience: ["company" as const],
      titleFr: `Label Siraj ${openCode.slice(6)} — entreprises engagées`,
      titleAr: `علامة سراج ${openCode.slice(6)} — المقاولات الملتزمة`,
      descriptionFr:
        "Nouvelle édition du label Siraj pour les entreprises engagées dans leur responsabilité sociétale. Déposez votre candidature avant la clôture : la grille couvre la gouvernance, les droits humains et les conditions de travail, l'environnement, l'engagement sociétal et les achats responsables. Quatre lauréats, labellisés pour 24 mois.",
      descriptionAr:
        "دورة جديدة لعلامة سراج للمقاولات الملتزمة بمسؤوليتها المجتمعية. قدموا ترشيحكم قبل الإغلاق: تغطي شبكة التقييم الحكامة وحقوق الإنسان وظروف العمل والبيئة والالتزام المجتمعي والمشتريات المسؤولة. أربعة فائزين يحملون العلامة لمدة 24 شهرا.",
      opensAt: openOpens,
      closesAt: openCloses,
      seats: 4,
      labelValidityMonths: 24,
      publishedAt: ago(12),
      releasedAt: null,
      createdAt: ago(20),
    },
    {
      key: "ami" as const,
      code: "AMI-2026",
      kind: "selection" as const,
      audience: ["association" as const],
      titleFr: "CAP+ : AMI de sélection des OSC — parcours de renforcement des compétences",
      titleAr: "CAP+: طلب إبداء الاهتمام لانتقاء منظمات المجتمع المدني — مسار تعزيز القدرات",
      descriptionFr:
        "Le consortium CAP+ (NEF Belgium et AMSED), projet cofinancé par l'Union européenne, sélectionne 150 organisations de la société civile actives dans ses cinq régions pour un parcours structuré : diagnostic des besoins, formations pratiques, outils de gestion et de gouvernance, appui aux financements alternatifs et mise en réseau. Conditions : être légalement constituée au Maroc, active dans une région ciblée, avec une expérience auprès des communautés locales.",
      descriptionAr:
        "يختار تحالف CAP+ (NEF Belgium والجمعية المغربية للتضامن والتنمية)، في إطار مشروع بتمويل مشترك من الاتحاد الأوروبي، 150 منظمة من منظمات المجتمع المدني النشيطة في جهاته الخمس لمسار منظم: تشخيص الحاجيات، تكوينات تطبيقية، أدوات التدبير والحكامة، دعم التمويلات البديلة والتشبيك. الشروط: أن تكون مؤسسة قانونيا بالمغرب، نشيطة في جهة مستهدفة، ولها تجربة مع الساكنة المحلية.",
      opensAt: AMI.opens,
      closesAt: AMI.closes,
      seats: 150,
      labelValidityMonths: null,
      publishedAt: AMI.published,
      releasedAt: null,
      createdAt: AMI.created,
    },
  ];
  const inserted = await tx
    .insert(calls)
    .values(callRows.map(({ key: _key, ...c }) => ({ ...c, gridVersion: 1, createdBy: operator, updatedAt: c.releasedAt ?? c.publishedAt ?? c.createdAt })))
    .returning({ id: calls.id, code: calls.code });
  const callId = (key: CallKey) => inserted.find((c) => c.code === callRows.find((r) => r.key === key)!.code)!.id;
  const gridOf = (key: CallKey) => (key === "ami" ? AMI_GRID : SIRAJ_GRID);

  await tx.insert(callGrids).values(callRows.map((c) => ({ callId: callId(c.key), version: 1, sections: gridOf(c.key), createdBy: operator, createdAt: c.createdAt })));
  const requirementsOf = (key: CallKey) => (key === "ami" ? AMI_REQUIREMENTS : SIRAJ_REQUIREMENTS);
  const requirementRows = await tx
    .insert(callRequirements)
    .values(callRows.flatMap((c) => requirementsOf(c.key).map((r, position) => ({ ...r, callId: callId(c.key), position }))))
    .returning({ id: callRequirements.id, callId: callRequirements.callId, kind: callRequirements.kind });
  const requirementId = (key: CallKey, kind: DocumentKind) => requirementRows.find((r) => r.callId === callId(key) && r.kind === kind)!.id;

  const events: Event[] = [];
  for (const c of callRows) {
    events.push({ callId: callId(c.key), action: "createCall", actorId: operator, data: { code: c.code, kind: c.kind }, createdAt: c.createdAt });
    events.push({ callId: callId(c.key), action: "publishCall", actorId: operator, createdAt: c.publishedAt });
  }

  // The open edition's drafts: two companies trying again after 2025, and a laureate's renewal started early,
  // pre-filled from its 2025 application as the engine does.
  const openDrafts: DemoApplication[] = [
    {
      call: "open",
      org: "saiss-textile",
      status: "draft",
      answers: {
        ...firstAnswers(sirajAnswers(COMPANIES["saiss-textile"]), 5),
        "gouvernance-pilotage":
          "Depuis l'édition 2025, un comité RSE présidé par le directeur général se réunit chaque trimestre ; notre politique RSE a été signée en mars avec huit objectifs chiffrés, dont la réduction des heures supplémentaires de moitié.",
        "ethique-dispositif": "Un code de conduite a été adopté en 2026 et remis à tous les salariés, avec une adresse d'alerte confiée à la direction juridique.",
      },
      started: ago(8),
      saved: new Date(now.getTime() - 26 * HOUR),
      step: 2,
      documents: ["csr_policy"],
    },
    {
      call: "open",
      org: "draa-soleil",
      status: "draft",
      answers: firstAnswers(sirajAnswers(COMPANIES["draa-soleil"]), 2),
      started: ago(5),
      saved: ago(5),
      step: 0,
      documents: [],
    },
    {
      call: "open",
      org: "tensift-hospitalite",
      status: "draft",
      answers: sirajAnswers(COMPANIES["tensift-hospitalite"]),
      started: ago(3),
      saved: new Date(now.getTime() - 5 * HOUR),
      step: 3,
      documents: [],
      renewalOf: "tensift-hospitalite",
    },
  ];

  const all = [...PAST_APPLICATIONS, ...AMI_APPLICATIONS, ...openDrafts];
  // References follow the order the applications were started in, as the sequence would have given them.
  const ordered = [...all].sort((a, b) => a.started.getTime() - b.started.getTime());
  const seqs = await tx.execute<{ seq: string }>(sql`select nextval('application_number_seq')::text as seq from generate_series(1, ${ordered.length}::int)`);
  const reference = new Map(ordered.map((a, i) => [a, `${callRows.find((r) => r.key === a.call)!.code}-${seqs[i].seq.padStart(4, "0")}`]));

  const appId = new Map(all.map((a) => [a, randomUUID()]));
  const previousOf = (a: DemoApplication) => (a.renewalOf ? appId.get(PAST_APPLICATIONS.find((p) => p.org === a.renewalOf)!)! : null);
  await tx.insert(applications).values(
    all.map((a) => ({
      id: appId.get(a)!,
      reference: reference.get(a)!,
      callId: callId(a.call),
      organizationId: org(a.org),
      status: a.status,
      gridVersion: 1,
      answers: a.answers,
      step: a.step,
      savedAt: a.saved,
      submittedAt: a.submitted ?? null,
      eligibilityReason: a.screened?.reason ?? null,
      decision: a.decision?.decision ?? null,
      decisionReason: a.decision?.reason ?? null,
      feedback: a.decision?.feedback ?? null,
      decidedAt: a.decision?.at ?? null,
      // A renewal points to the application that earned the label.
      renewalOf: previousOf(a),
      createdBy: null,
      createdAt: a.started,
      updatedAt: a.status === "released" ? PAST.released : (a.decision?.at ?? a.screened?.at ?? a.saved),
    })),
  );

  // The organisations' vaults: one document per kind an application attaches, shared by their applications.
  type DocumentRow = typeof organizationDocuments.$inferInsert;
  const documents = new Map<string, DocumentRow & { body: Uint8Array }>();
  for (const a of all) {
    for (const kind of a.documents) {
      const id = `${a.org}:${kind}`;
      if (documents.has(id)) continue;
      const title = a.call === "ami" && kind === "supporting" ? "Rapport d'activité 2025" : DOCUMENT_TITLES[kind];
      const body = demoPdf(title);
      const key = `vault/${randomUUID()}.pdf`;
      documents.set(id, {
        organizationId: org(a.org),
        kind,
        title,
        key,
        fileName: `${title.normalize("NFD").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase()}.pdf`,
        contentType: "application/pdf",
        bytes: body.length,
        uploadedBy: null,
        createdAt: new Date(a.started.getTime() + HOUR),
        body,
      });
    }
  }
  // The bytes behind the vault rows, so the demo's downloads work (a few dozen small PDFs), written meanwhile.
  const written = Promise.allSettled([...documents.values()].map((d) => putFile(d.key, d.body)));
  const documentRows = await tx
    .insert(organizationDocuments)
    .values([...documents.values()].map(({ body: _body, ...d }) => d))
    .returning({ id: organizationDocuments.id, key: organizationDocuments.key });
  const documentId = (orgKey: string, kind: DocumentKind) => documentRows.find((d) => d.key === documents.get(`${orgKey}:${kind}`)!.key)!.id;
  await tx.insert(applicationDocuments).values(
    all.flatMap((a) =>
      a.documents.map((kind) => ({ applicationId: appId.get(a)!, requirementId: requirementId(a.call, kind), documentId: documentId(a.org, kind), attachedAt: new Date(a.started.getTime() + 2 * HOUR) })),
    ),
  );

  // The jury: the two demo jurors on both past calls, invited and accepted.
  const accounts = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(inArray(users.id, jurorUsers.filter((u): u is string => !!u)));
  const jurorAccounts = jurorUsers.map((id, i) => {
    const account = accounts.find((u) => u.id === id);
    if (!account?.email) throw new Error(`seed-calls: no demo juror account ${i + 1}`);
    return { ...account, email: account.email };
  });
  const juryCalls = [
    { key: "past" as const, invited: PAST.invited, accepted: PAST.accepted },
    { key: "ami" as const, invited: AMI.invited, accepted: AMI.accepted },
  ];
  const jurorRows = await tx
    .insert(callJurors)
    .values(
      juryCalls.flatMap((j) =>
        jurorAccounts.map((account, i) => ({ callId: callId(j.key), email: account.email, name: account.name, userId: jurorUsers[i], invitedBy: operator, invitedAt: j.invited, acceptedAt: j.accepted[i] })),
      ),
    )
    .returning({ id: callJurors.id, callId: callJurors.callId, email: callJurors.email, name: callJurors.name });
  const jurorOf = (key: CallKey, i: number) => jurorRows.find((r) => r.callId === callId(key) && r.email === jurorAccounts[i].email)!;
  for (const j of juryCalls) {
    for (let i = 0; i < jurorAccounts.length; i++) {
      const juror = jurorOf(j.key, i);
      events.push({ callId: callId(j.key), action: "inviteJuror", actorId: operator, data: { jurorId: juror.id, name: juror.name }, createdAt: new Date(j.invited.getTime() + i * 60_000) });
    }
  }

  // Assignments, one per juror and dossier under review; "none" declared the day after, except where pending.
  const assignmentValues = all.flatMap((a) =>
    (a.sheets ?? []).map((sheet, i) => {
      const assigned = a.call === "past" ? PAST.assigned : AMI.assigned;
      const conflict = sheet.conflict ?? "none";
      const submittedAt = sheet.submitted === false ? null : (sheet.at ?? morocco(`2025-06-${String(16 + ((PAST_APPLICATIONS.indexOf(a) * 2 + i) % 12)).padStart(2, "0")}T1${i}:00`));
      return {
        application: a,
        juror: i,
        sheet,
        row: {
          applicationId: appId.get(a)!,
          jurorId: jurorOf(a.call, i).id,
          conflict,
          conflictAt: conflict === "none" ? new Date(assigned.getTime() + DAY + i * 3 * HOUR) : null,
          submittedAt,
          assignedBy: operator,
          assignedAt: new Date(assigned.getTime() + i * 60_000),
        },
      };
    }),
  );
  const assignmentRows = await tx
    .insert(reviewAssignments)
    .values(assignmentValues.map((v) => v.row))
    .returning({ id: reviewAssignments.id, applicationId: reviewAssignments.applicationId, jurorId: reviewAssignments.jurorId });
  const assignmentId = (applicationId: string, jurorId: string) => assignmentRows.find((r) => r.applicationId === applicationId && r.jurorId === jurorId)!.id;

  const scoreValues: (typeof reviewScores.$inferInsert)[] = [];
  const sheetsByApplication = new Map<DemoApplication, { jurorId: string; scores: Record<string, number> }[]>();
  for (const v of assignmentValues) {
    const a = v.application;
    const grid = gridOf(a.call);
    const id = assignmentId(v.row.applicationId, v.row.jurorId);
    const jurorUser = jurorUsers[v.juror];
    events.push({ callId: callId(a.call), applicationId: appId.get(a)!, action: "assign", actorId: operator, data: { assignmentId: id, jurorId: v.row.jurorId }, createdAt: v.row.assignedAt });
    if (v.juror === 0) {
      events.push({ callId: callId(a.call), applicationId: appId.get(a)!, action: "startReview", fromStatus: "eligible", toStatus: "under_review", actorId: null, createdAt: v.row.assignedAt });
    }
    if (v.row.conflict === "pending") continue;
    events.push({
      callId: callId(a.call),
      applicationId: appId.get(a)!,
      action: "declareConflict",
      actorId: jurorUser,
      data: { assignmentId: id, jurorId: v.row.jurorId, conflict: "none" },
      createdAt: v.row.conflictAt!,
    });
    const scores = sheetScores(grid, v.sheet, v.juror);
    // A submitted sheet explains every score (the engine asks it); a draft has comments where scored.
    const comments: Record<string, string> = {};
    grid.forEach((section, s) =>
      section.criteria.forEach((criterion, c) => {
        if (!(criterion.id in scores)) return;
        const ratio = scores[criterion.id] / criterion.max;
        const level = ratio >= 0.8 ? COMMENTS.high : ratio >= 0.55 ? COMMENTS.mid : COMMENTS.low;
        comments[criterion.id] = level[(s + c + v.juror) % level.length];
      }),
    );
    scoreValues.push(
      ...Object.entries(scores).map(([criterionId, score]) => ({ assignmentId: id, criterionId, score, comment: comments[criterionId] ?? null, updatedAt: v.row.submittedAt ?? ago(2) })),
    );
    if (!v.row.submittedAt) continue;
    const problems = validateScores({ sections: grid }, scores);
    if (problems.length) throw new Error(`seed-calls: invalid sheet for ${a.org}: ${JSON.stringify(problems)}`);
    const result = jurorResult({ sections: grid }, { jurorId: v.row.jurorId, scores });
    events.push({
      callId: callId(a.call),
      applicationId: appId.get(a)!,
      action: "submitScores",
      actorId: jurorUser,
      data: { assignmentId: id, jurorId: v.row.jurorId, gridVersion: 1, scores, comments, sections: result.sections, total: result.total },
      createdAt: v.row.submittedAt,
    });
    sheetsByApplication.set(a, [...(sheetsByApplication.get(a) ?? []), { jurorId: v.row.jurorId, scores }]);
  }
  if (scoreValues.length) await tx.insert(reviewScores).values(scoreValues);

  // The 2025 jury's laureates must be the edition's four best dossiers, by the engine's own ranking.
  const ranking = rankApplications(
    { sections: SIRAJ_GRID },
    PAST_APPLICATIONS.map((a) => ({ applicationId: appId.get(a)!, submittedAt: a.submitted ?? null, jurors: sheetsByApplication.get(a) ?? [] })),
  );
  const laureates = new Set<string>(PAST_APPLICATIONS.filter((a) => a.decision?.decision === "laureate").map((a) => appId.get(a)!));
  if (ranking.slice(0, laureates.size).some((r) => !laureates.has(r.applicationId))) throw new Error("seed-calls: the SIRAJ-2025 laureates are not the four best ranked");

  // Each application's own steps: started, submitted, screened, decided, released, labelled.
  const labelValues: (typeof labels.$inferInsert)[] = [];
  const awardedOn = moroccoDate(PAST.released);
  const expiresOn = `${Number(awardedOn.slice(0, 4)) + 2}${awardedOn.slice(4)}`;
  for (const a of all) {
    const base = { callId: callId(a.call), applicationId: appId.get(a)! };
    events.push({ ...base, action: "startApplication", toStatus: "draft", actorId: null, data: { renewalOf: previousOf(a) }, createdAt: a.started });
    if (a.submitted) events.push({ ...base, action: "submit", fromStatus: "draft", toStatus: "submitted", actorId: null, createdAt: a.submitted });
    if (a.screened) {
      const eligible = !a.screened.reason;
      events.push({
        ...base,
        action: eligible ? "markEligible" : "markIneligible",
        fromStatus: "submitted",
        toStatus: eligible ? "eligible" : "ineligible",
        actorId: operator,
        reason: a.screened.reason ?? null,
        createdAt: a.screened.at,
      });
    }
    if (a.decision) {
      events.push({ ...base, action: "decide", fromStatus: "under_review", toStatus: "decided", actorId: operator, reason: a.decision.reason, data: { decision: a.decision.decision }, createdAt: a.decision.at });
    }
    if (a.status === "released") {
      events.push({ ...base, action: "release", fromStatus: "decided", toStatus: "released", actorId: operator, data: { decision: a.decision?.decision ?? null }, createdAt: PAST.released });
    }
    if (a.decision?.decision === "laureate" && a.call === "past") {
      labelValues.push({
        code: verificationCode(),
        organizationId: org(a.org),
        callId: base.callId,
        applicationId: base.applicationId,
        awardedOn,
        expiresOn,
        status: a.suspended ? "suspended" : "current",
        statusReason: a.suspended?.reason ?? null,
        statusChangedAt: a.suspended?.at ?? null,
        createdAt: PAST.released,
      });
      // The label comes with the release (decisions.server.ts), which the release events above record.
      if (a.suspended) {
        events.push({ ...base, action: "label.suspended", fromStatus: "current", toStatus: "suspended", actorId: operator, reason: a.suspended.reason, createdAt: a.suspended.at });
      }
    }
  }
  events.push({ callId: callId("past"), action: "releaseCall", actorId: operator, data: { released: PAST_APPLICATIONS.length, labels: labelValues.length }, createdAt: PAST.released });
  await tx.insert(labels).values(labelValues);
  // The directory's "Siraj label" facet: the organisations were indexed before they held a label.
  await indexOrganizations(tx, labelValues.map((l) => l.organizationId));
  await tx.insert(callEvents).values(events.sort((a, b) => a.createdAt!.getTime() - b.createdAt!.getTime()));

  const failed = (await written).find((w) => w.status === "rejected");
  if (failed) throw failed.reason;
  return { calls: callRows.map((c) => c.code) };
}
