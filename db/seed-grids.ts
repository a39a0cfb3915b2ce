// The demo calls' grids and required documents (issue 6): the Siraj label's, after the CGEM Charte RSE, and the
// CAP+ AMI's 30 / 25 / 25 / 20, as in the source documents. Data only: the seed (seed-calls.ts) and the browser
// tests read them.
import type { GridSection } from "./schema";
import type { DocumentKind } from "./schema/enums";

const MB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------------------
// Grids
// ---------------------------------------------------------------------------------------------------------

/** The Siraj grid: the CGEM Charte RSE's nine axes (docs/references/label.md §c.1) gathered in five sections. */
export const SIRAJ_GRID: GridSection[] = [
  {
    id: "gouvernance",
    titleFr: "Gouvernance et éthique des affaires",
    titleAr: "الحكامة وأخلاقيات الأعمال",
    weight: 20,
    criteria: [
      {
        id: "gouvernance-transparence",
        titleFr: "Transparence de la gouvernance et pilotage de la démarche RSE",
        titleAr: "شفافية الحكامة وقيادة مقاربة المسؤولية الاجتماعية",
        max: 10,
        minimum: 4,
        guidanceFr: "Une politique RSE écrite, portée par la direction, avec des objectifs chiffrés et un suivi par le conseil.",
        guidanceAr: "سياسة مكتوبة للمسؤولية الاجتماعية تتبناها الإدارة، بأهداف مرقمة وتتبع من طرف المجلس.",
        questions: [
          {
            id: "gouvernance-pilotage",
            labelFr: "Qui pilote la démarche RSE dans l'entreprise, avec quels objectifs et quel suivi par les instances de gouvernance ?",
            labelAr: "من يقود مقاربة المسؤولية الاجتماعية داخل المقاولة، وما أهدافها وكيف تتتبعها هيئات الحكامة؟",
            maxLength: 2000,
          },
        ],
      },
      {
        id: "ethique-concurrence",
        titleFr: "Prévention de la corruption et concurrence loyale",
        titleAr: "الوقاية من الرشوة والمنافسة الشريفة",
        max: 5,
        guidanceFr: "Code de conduite, dispositif d'alerte, formation des équipes exposées, règles sur les cadeaux et les conflits d'intérêts.",
        guidanceAr: "مدونة سلوك، آلية للتبليغ، تكوين الفرق المعرضة، وقواعد الهدايا وتضارب المصالح.",
        questions: [
          {
            id: "ethique-dispositif",
            labelFr: "Décrivez votre dispositif de prévention de la corruption et des pratiques anticoncurrentielles.",
            labelAr: "صفوا آليتكم للوقاية من الرشوة ومن الممارسات المنافية للمنافسة.",
            maxLength: 1500,
          },
        ],
      },
    ],
  },
  {
    id: "droits-travail",
    titleFr: "Droits humains et conditions de travail",
    titleAr: "حقوق الإنسان وظروف العمل",
    weight: 25,
    criteria: [
      {
        id: "conditions-travail",
        titleFr: "Emploi, conditions de travail et dialogue social",
        titleAr: "التشغيل وظروف العمل والحوار الاجتماعي",
        max: 10,
        minimum: 5,
        guidanceFr: "Déclaration de tous les salariés à la CNSS, contrats, temps de travail, représentants du personnel, formation.",
        guidanceAr: "التصريح بجميع الأجراء لدى الصندوق الوطني للضمان الاجتماعي، العقود، مدة العمل، مناديب الأجراء، التكوين.",
        questions: [
          {
            id: "travail-conditions",
            labelFr: "Comment garantissez-vous des conditions d'emploi décentes et un dialogue social régulier ?",
            labelAr: "كيف تضمنون ظروف تشغيل لائقة وحوارا اجتماعيا منتظما؟",
            maxLength: 2500,
          },
        ],
      },
      {
        id: "egalite-inclusion",
        titleFr: "Égalité des chances, diversité et inclusion",
        titleAr: "تكافؤ الفرص والتنوع والإدماج",
        max: 5,
        guidanceFr: "Égalité salariale femmes-hommes, accès des femmes aux postes de responsabilité, emploi de personnes en situation de handicap.",
        guidanceAr: "المساواة في الأجور بين النساء والرجال، ولوج النساء إلى مناصب المسؤولية، تشغيل الأشخاص في وضعية إعاقة.",
        questions: [
          {
            id: "egalite-mesures",
            labelFr: "Quelles mesures prenez-vous pour l'égalité femmes-hommes et l'inclusion ? Donnez des chiffres.",
            labelAr: "ما التدابير التي تتخذونها للمساواة بين النساء والرجال وللإدماج؟ قدموا أرقاما.",
            maxLength: 1500,
          },
        ],
      },
      {
        id: "sante-securite",
        titleFr: "Santé et sécurité au travail",
        titleAr: "الصحة والسلامة في العمل",
        max: 5,
        questions: [
          {
            id: "sante-securite-resultats",
            labelFr: "Quels sont vos dispositifs de santé et de sécurité au travail, et vos résultats (accidents, formations) ?",
            labelAr: "ما هي آليات الصحة والسلامة في العمل لديكم، وما نتائجها (الحوادث، التكوينات)؟",
            maxLength: 1500,
          },
        ],
      },
    ],
  },
  {
    id: "environnement",
    titleFr: "Environnement et climat",
    titleAr: "البيئة والمناخ",
    weight: 20,
    criteria: [
      {
        id: "environnement-impacts",
        titleFr: "Maîtrise des impacts : énergie, eau, déchets",
        titleAr: "التحكم في الآثار: الطاقة والماء والنفايات",
        max: 10,
        guidanceFr: "Mesures suivies dans le temps, objectifs de réduction, investissements réalisés.",
        guidanceAr: "قياسات متتبعة عبر الزمن، أهداف للتخفيض، استثمارات منجزة.",
        questions: [
          {
            id: "environnement-mesures",
            labelFr: "Quels impacts environnementaux mesurez-vous et qu'avez-vous fait pour les réduire ces deux dernières années ?",
            labelAr: "ما الآثار البيئية التي تقيسونها وماذا فعلتم لتقليصها خلال السنتين الأخيرتين؟",
            maxLength: 2500,
          },
        ],
      },
      {
        id: "climat",
        titleFr: "Stratégie climat",
        titleAr: "الاستراتيجية المناخية",
        max: 5,
        questions: [
          {
            id: "climat-strategie",
            labelFr: "Avez-vous un bilan carbone et un plan de réduction de vos émissions ? Lesquels ?",
            labelAr: "هل لديكم حصيلة كربونية وخطة لتقليص انبعاثاتكم؟ ما هي؟",
            maxLength: 1500,
          },
        ],
      },
    ],
  },
  {
    id: "communaute",
    titleFr: "Engagement sociétal et ancrage territorial",
    titleAr: "الالتزام المجتمعي والتجذر الترابي",
    weight: 20,
    criteria: [
      {
        id: "partenariats-ess",
        titleFr: "Partenariats avec l'économie sociale et solidaire",
        titleAr: "الشراكات مع الاقتصاد الاجتماعي والتضامني",
        max: 10,
        guidanceFr: "Des partenariats dans la durée avec des coopératives et des associations, au-delà du don ponctuel.",
        guidanceAr: "شراكات مستدامة مع التعاونيات والجمعيات، تتجاوز الهبة الظرفية.",
        questions: [
          {
            id: "ess-partenariats",
            labelFr: "Quels partenariats menez-vous avec des coopératives ou des associations, depuis quand et avec quels résultats ?",
            labelAr: "ما الشراكات التي تقيمونها مع تعاونيات أو جمعيات، منذ متى وبأي نتائج؟",
            maxLength: 3000,
          },
        ],
      },
      {
        id: "emploi-local",
        titleFr: "Emploi et achats locaux",
        titleAr: "التشغيل والمشتريات المحلية",
        max: 5,
        questions: [
          {
            id: "emploi-local-part",
            labelFr: "Quelle part de vos recrutements et de vos achats se fait dans votre région ?",
            labelAr: "ما نسبة توظيفاتكم ومشترياتكم التي تتم داخل جهتكم؟",
            maxLength: 1000,
          },
        ],
      },
    ],
  },
  {
    id: "achats-clients",
    titleFr: "Achats responsables et relations clients",
    titleAr: "المشتريات المسؤولة والعلاقة مع الزبناء",
    weight: 15,
    criteria: [
      {
        id: "fournisseurs",
        titleFr: "Responsabilité sociale des fournisseurs et sous-traitants",
        titleAr: "المسؤولية الاجتماعية للموردين والمناولين",
        max: 5,
        questions: [
          {
            id: "fournisseurs-exigences",
            labelFr: "Quelles exigences sociales et environnementales posez-vous à vos fournisseurs et sous-traitants, et comment les vérifiez-vous ?",
            labelAr: "ما المتطلبات الاجتماعية والبيئية التي تفرضونها على مورديكم ومناوليكم، وكيف تتحققون منها؟",
            maxLength: 2000,
          },
        ],
      },
      {
        id: "clients",
        titleFr: "Intérêts des clients et des consommateurs",
        titleAr: "مصالح الزبناء والمستهلكين",
        max: 5,
        questions: [
          {
            id: "clients-engagements",
            labelFr: "Comment traitez-vous les réclamations et protégez-vous les données et la sécurité de vos clients ?",
            labelAr: "كيف تعالجون الشكايات وتحمون معطيات زبنائكم وسلامتهم؟",
            maxLength: 1500,
          },
        ],
      },
    ],
  },
];

/** CAP+'s AMI grid as in the source documents: 30 / 25 / 25 / 20. */
export const AMI_GRID: GridSection[] = [
  {
    id: "pertinence",
    titleFr: "Pertinence et ancrage territorial",
    titleAr: "الملاءمة والتجذر الترابي",
    weight: 30,
    criteria: [
      {
        id: "pertinence-besoins",
        titleFr: "Réponse aux besoins du territoire",
        titleAr: "الاستجابة لحاجيات المجال الترابي",
        max: 10,
        guidanceFr: "L'OSC connaît les besoins de son territoire et y répond dans les domaines de l'AMI : développement local, inclusion sociale, gouvernance, environnement.",
        guidanceAr: "تعرف الجمعية حاجيات مجالها الترابي وتستجيب لها في مجالات طلب إبداء الاهتمام: التنمية المحلية، الإدماج الاجتماعي، الحكامة، البيئة.",
        questions: [
          {
            id: "besoins-territoire",
            labelFr: "À quels besoins de votre territoire votre organisation répond-elle, et pour quels publics ?",
            labelAr: "ما هي حاجيات مجالكم الترابي التي تستجيب لها منظمتكم، ولأي فئات؟",
            maxLength: 2000,
          },
        ],
      },
      {
        id: "ancrage-communautes",
        titleFr: "Expérience auprès des communautés locales",
        titleAr: "التجربة مع الساكنة المحلية",
        max: 10,
        minimum: 4,
        questions: [
          {
            id: "experience-communautes",
            labelFr: "Décrivez deux actions menées avec les communautés locales ces trois dernières années et leurs résultats.",
            labelAr: "صفوا عملين أنجزتموهما مع الساكنة المحلية خلال السنوات الثلاث الأخيرة ونتائجهما.",
            maxLength: 3000,
          },
        ],
      },
    ],
  },
  {
    id: "capacite",
    titleFr: "Capacité organisationnelle",
    titleAr: "القدرة التنظيمية",
    weight: 25,
    criteria: [
      {
        id: "gouvernance-interne",
        titleFr: "Gouvernance et fonctionnement des instances",
        titleAr: "الحكامة وسير الهيئات",
        max: 10,
        questions: [
          {
            id: "instances",
            labelFr: "Comment fonctionnent vos instances (assemblée générale, bureau) et comment les décisions sont-elles prises ?",
            labelAr: "كيف تشتغل هيئاتكم (الجمع العام، المكتب) وكيف تتخذ القرارات؟",
            maxLength: 1500,
          },
        ],
      },
      {
        id: "gestion-financiere",
        titleFr: "Gestion administrative et financière",
        titleAr: "التدبير الإداري والمالي",
        max: 5,
        questions: [
          {
            id: "gestion-comptes",
            labelFr: "Qui tient vos comptes, sont-ils approuvés chaque année, et quel est votre budget annuel ?",
            labelAr: "من يمسك حساباتكم، وهل يصادق عليها سنويا، وما هي ميزانيتكم السنوية؟",
            maxLength: 1000,
          },
        ],
      },
    ],
  },
  {
    id: "potentiel",
    titleFr: "Potentiel de développement",
    titleAr: "إمكانات التطور",
    weight: 25,
    criteria: [
      {
        id: "viabilite",
        titleFr: "Potentiel de viabilité et diversification des ressources",
        titleAr: "إمكانات الاستدامة وتنويع الموارد",
        max: 10,
        questions: [
          {
            id: "ressources",
            labelFr: "D'où viennent vos ressources aujourd'hui, et quelles pistes voyez-vous pour les diversifier ?",
            labelAr: "من أين تأتي مواردكم اليوم، وما السبل التي ترونها لتنويعها؟",
            maxLength: 2000,
          },
        ],
      },
      {
        id: "partenariats",
        titleFr: "Partenariats et mise en réseau",
        titleAr: "الشراكات والعمل الشبكي",
        max: 5,
        questions: [
          {
            id: "reseaux",
            labelFr: "Avec quels partenaires publics, privés ou associatifs travaillez-vous ?",
            labelAr: "مع أي شركاء عموميين أو خواص أو جمعويين تشتغلون؟",
            maxLength: 1500,
          },
        ],
      },
    ],
  },
  {
    id: "engagement",
    titleFr: "Engagement",
    titleAr: "الالتزام",
    weight: 20,
    criteria: [
      {
        id: "ouverture-changement",
        titleFr: "Engagement et ouverture au changement",
        titleAr: "الالتزام والانفتاح على التغيير",
        max: 10,
        guidanceFr: "Disponibilité pour le diagnostic, les formations et la mise en pratique ; ce que l'OSC veut changer chez elle.",
        guidanceAr: "الاستعداد للتشخيص والتكوينات والتطبيق؛ وما تريد الجمعية تغييره في نفسها.",
        questions: [
          {
            id: "attentes-parcours",
            labelFr: "Qu'attendez-vous du parcours CAP+ et qui, dans votre organisation, y participera ?",
            labelAr: "ماذا تنتظرون من مسار CAP+ ومن سيشارك فيه من منظمتكم؟",
            maxLength: 2000,
          },
        ],
      },
    ],
  },
];

export type Requirement = { kind: DocumentKind; labelFr: string; labelAr: string; formats: string[]; maxBytes: number; required: boolean };

export const SIRAJ_REQUIREMENTS: Requirement[] = [
  { kind: "csr_policy", labelFr: "Politique RSE signée par la direction", labelAr: "سياسة المسؤولية الاجتماعية موقعة من طرف الإدارة", formats: ["pdf"], maxBytes: 10 * MB, required: true },
  { kind: "financial_statements", labelFr: "États financiers du dernier exercice", labelAr: "القوائم المالية للسنة المالية الأخيرة", formats: ["pdf", "xlsx"], maxBytes: 10 * MB, required: true },
  { kind: "supporting", labelFr: "Pièces justificatives (rapport RSE, certifications)", labelAr: "وثائق داعمة (تقرير المسؤولية الاجتماعية، الشهادات)", formats: ["pdf"], maxBytes: 20 * MB, required: false },
];

export const AMI_REQUIREMENTS: Requirement[] = [
  { kind: "letter_of_intent", labelFr: "Lettre de manifestation d'intérêt", labelAr: "رسالة إبداء الاهتمام", formats: ["pdf"], maxBytes: 5 * MB, required: true },
  { kind: "legal_registration", labelFr: "Dossier juridique (statuts, récépissé définitif)", labelAr: "الملف القانوني (النظام الأساسي، الوصل النهائي)", formats: ["pdf"], maxBytes: 10 * MB, required: true },
  { kind: "project_list", labelFr: "Liste des projets réalisés", labelAr: "لائحة المشاريع المنجزة", formats: ["pdf"], maxBytes: 5 * MB, required: true },
  { kind: "supporting", labelFr: "Documents complémentaires pertinents", labelAr: "وثائق تكميلية ذات صلة", formats: ["pdf"], maxBytes: 20 * MB, required: false },
];

export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  statutes: "Statuts",
  legal_registration: "Statuts et récépissé définitif",
  financial_statements: "États financiers 2024",
  activity_report: "Rapport d'activité",
  csr_policy: "Politique RSE",
  letter_of_intent: "Lettre de manifestation d'intérêt CAP+",
  project_list: "Projets réalisés 2022-2025",
  supporting: "Rapport de durabilité 2024",
  other: "Document",
};
