// What a call, its grid and its required documents accept (issue 6, item 1). Error messages are translation
// keys. Instants arrive as Morocco wall-clock times ("2026-06-30T20:00") and leave as Dates.
import { z } from "zod";
import type { GridSection } from "../../../db/schema/calls";
import { CALL_KINDS, DOCUMENT_KINDS, ORGANIZATION_KINDS } from "../../../db/schema/enums";
import { moroccoInstant } from "~/lib/forms";

/** What an upload may be, by name; the server checks the bytes against it (decision 017). */
export const DOCUMENT_FORMATS = ["pdf", "jpeg", "png", "docx", "xlsx"] as const;
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

const text = (min: number, max: number, key: string) => z.string({ required_error: key }).trim().min(min, key).max(max, key);
const list = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]);
export const callSchema = z
  .object({
    code: z
      .string({ required_error: "calls.errors.code" })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z][A-Z0-9]{1,15}-\d{4}$/, "calls.errors.code"),
    kind: z.enum(CALL_KINDS, { errorMap: () => ({ message: "calls.errors.kind" }) }),
    audience: z.preprocess(list, z.array(z.enum(ORGANIZATION_KINDS, { errorMap: () => ({ message: "calls.errors.audience" }) })).min(1, "calls.errors.audience").max(4)),
    titleFr: text(5, 200, "calls.errors.title"),
    titleAr: text(5, 200, "calls.errors.title"),
    descriptionFr: text(20, 8000, "calls.errors.description"),
    descriptionAr: text(20, 8000, "calls.errors.description"),
    opensAt: moroccoInstant("calls.errors.instant"),
    closesAt: moroccoInstant("calls.errors.instant"),
    seats: z.coerce.number({ invalid_type_error: "calls.errors.seats" }).int("calls.errors.seats").min(1, "calls.errors.seats").max(10_000, "calls.errors.seats"),
    labelValidityMonths: z.preprocess(
      (v) => (v === "" || v === undefined ? null : v),
      z.coerce.number({ invalid_type_error: "calls.errors.validity" }).int("calls.errors.validity").min(1, "calls.errors.validity").max(120, "calls.errors.validity").nullable(),
    ),
    // "12,5" as French and Arabic keyboards type it.
    disagreementThreshold: z.preprocess(
      (v) => (v === undefined || v === "" ? 20 : typeof v === "string" ? v.trim().replace(",", ".") : v),
      z.coerce.number({ invalid_type_error: "calls.errors.threshold" }).min(0, "calls.errors.threshold").max(100, "calls.errors.threshold"),
    ),
    observationDays: z.coerce.number({ invalid_type_error: "calls.errors.observation" }).int("calls.errors.observation").min(0, "calls.errors.observation").max(90, "calls.errors.observation").default(10),
  })
  .superRefine((v, ctx) => {
    // An instant already refused above is not compared.
    if (v.opensAt instanceof Date && v.closesAt instanceof Date && v.closesAt.getTime() <= v.opensAt.getTime()) ctx.addIssue({ code: "custom", path: ["closesAt"], message: "calls.errors.closesBeforeOpens" });
    if (v.kind === "label" && v.labelValidityMonths === null) ctx.addIssue({ code: "custom", path: ["labelValidityMonths"], message: "calls.errors.validity" });
  });
export type CallInput = z.output<typeof callSchema>;

const id = z.string().trim().regex(/^[a-z0-9_-]{1,40}$/, "calls.errors.gridId");

/** One grid, as the editor sends it; validateGrid (scoring.ts) then checks weights, maxima and minimums. */
export const gridSchema = z
  .array(
    z.object({
      id,
      titleFr: text(2, 200, "calls.errors.gridTitle"),
      titleAr: text(2, 200, "calls.errors.gridTitle"),
      weight: z.coerce.number({ invalid_type_error: "calls.errors.sectionWeight" }),
      criteria: z
        .array(
          z.object({
            id,
            titleFr: text(2, 300, "calls.errors.gridTitle"),
            titleAr: text(2, 300, "calls.errors.gridTitle"),
            max: z.coerce.number({ invalid_type_error: "calls.errors.criterionMax" }),
            minimum: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number({ invalid_type_error: "calls.errors.criterionMinimum" }).nullable()),
            guidanceFr: text(0, 2000, "calls.errors.tooLong").nullable().default(null),
            guidanceAr: text(0, 2000, "calls.errors.tooLong").nullable().default(null),
            questions: z
              .array(z.object({ id, labelFr: text(2, 500, "calls.errors.gridTitle"), labelAr: text(2, 500, "calls.errors.gridTitle"), maxLength: z.coerce.number().int().min(50).max(10_000) }))
              .max(10)
              .default([]),
          }),
        )
        .max(30),
    }),
  )
  .max(12);

export const requirementSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS, { errorMap: () => ({ message: "calls.errors.documentKind" }) }),
  labelFr: text(2, 200, "calls.errors.gridTitle"),
  labelAr: text(2, 200, "calls.errors.gridTitle"),
  formats: z.array(z.enum(DOCUMENT_FORMATS)).min(1, "calls.errors.formats"),
  maxBytes: z.coerce.number().int().min(1024).max(MAX_DOCUMENT_BYTES, "calls.errors.maxBytes"),
  required: z.boolean().default(true),
});
export type RequirementInput = z.output<typeof requirementSchema>;

// ---------------------------------------------------------------------------------------------------------
// The operators' editors (issue 6, item 1): the grid and the required documents are each edited as one plain
// form whose field names encode the structure (s.0.titleFr, s.0.c.1.max, s.0.c.1.q.0.labelAr; r.0.kind), so
// they work without JavaScript. "Add" and "remove" buttons post the whole form with an intent and get it back
// changed; nothing is saved until the form is saved. Browser-safe: the page renders the same drafts.

/** A grid as typed: every field a string, so what the person typed comes back untouched. */
export type QuestionDraft = { id: string; labelFr: string; labelAr: string; maxLength: string };
export type CriterionDraft = { id: string; titleFr: string; titleAr: string; max: string; minimum: string; guidanceFr: string; guidanceAr: string; questions: QuestionDraft[] };
export type SectionDraft = { id: string; titleFr: string; titleAr: string; weight: string; criteria: CriterionDraft[] };
export type GridDraft = SectionDraft[];

export const GRID_LIMITS = { sections: 12, criteria: 30, questions: 10 } as const;
export const DEFAULT_QUESTION_LENGTH = 1000;

type FormLike = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));
const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));

export const emptyQuestion = (): QuestionDraft => ({ id: "", labelFr: "", labelAr: "", maxLength: String(DEFAULT_QUESTION_LENGTH) });
export const emptyCriterion = (): CriterionDraft => ({ id: "", titleFr: "", titleAr: "", max: "10", minimum: "", guidanceFr: "", guidanceAr: "", questions: [] });
export const emptySection = (): SectionDraft => ({ id: "", titleFr: "", titleAr: "", weight: "", criteria: [emptyCriterion()] });

/** A saved grid as the editor shows it. */
export function gridToDraft(sections: readonly GridSection[]): GridDraft {
  return sections.map((s) => ({
    id: s.id,
    titleFr: s.titleFr,
    titleAr: s.titleAr,
    weight: str(s.weight),
    criteria: s.criteria.map((c) => ({
      id: c.id,
      titleFr: c.titleFr,
      titleAr: c.titleAr,
      max: str(c.max),
      minimum: str(c.minimum),
      guidanceFr: str(c.guidanceFr),
      guidanceAr: str(c.guidanceAr),
      questions: c.questions.map((q) => ({ id: q.id, labelFr: q.labelFr, labelAr: q.labelAr, maxLength: str(q.maxLength) })),
    })),
  }));
}

const FIELD = /^s\.(\d{1,2})\.(?:c\.(\d{1,2})\.(?:q\.(\d{1,2})\.)?)?([A-Za-z]+)$/;
const SECTION_FIELDS = ["id", "titleFr", "titleAr", "weight"] as const;
const CRITERION_FIELDS = ["id", "titleFr", "titleAr", "max", "minimum", "guidanceFr", "guidanceAr"] as const;
const QUESTION_FIELDS = ["id", "labelFr", "labelAr", "maxLength"] as const;

/**
 * The grid editor's fields → the grid as typed, in the order of their indexes (gaps closed, so the page
 * re-renders s.0, s.1, … again). Unknown names and indexes past the limits are ignored.
 */
export function readGridDraft(values: FormLike): GridDraft {
  type Node = { fields: Record<string, string>; children: Map<number, Node> };
  const node = (): Node => ({ fields: {}, children: new Map() });
  const root = node();
  for (const [name, value] of Object.entries(values)) {
    const m = FIELD.exec(name);
    if (!m) continue;
    const [s, c, q] = [m[1], m[2], m[3]].map((x) => (x === undefined ? undefined : Number(x)));
    if (s! >= GRID_LIMITS.sections || (c ?? 0) >= GRID_LIMITS.criteria || (q ?? 0) >= GRID_LIMITS.questions) continue;
    const section = root.children.get(s!) ?? root.children.set(s!, node()).get(s!)!;
    let target = section;
    if (c !== undefined) {
      target = section.children.get(c) ?? section.children.set(c, node()).get(c)!;
      if (q !== undefined) target = target.children.get(q) ?? target.children.set(q, node()).get(q)!;
    }
    target.fields[m[4]] = one(value).slice(0, 10_000);
  }
  const ordered = (n: Node) => [...n.children.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
  const pick = <K extends string>(n: Node, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, n.fields[k] ?? ""])) as Record<K, string>;
  return ordered(root).map((s) => ({
    ...pick(s, SECTION_FIELDS),
    criteria: ordered(s).map((c) => ({ ...pick(c, CRITERION_FIELDS), questions: ordered(c).map((q) => pick(q, QUESTION_FIELDS)) })),
  }));
}

/**
 * An editor intent applied to the typed grid: "addSection", "addCriterion:S", "addQuestion:S.C",
 * "remove:S", "remove:S.C", "remove:S.C.Q". Null for anything else (then it is not an editing intent).
 */
export function applyGridIntent(draft: GridDraft, intent: string): GridDraft | null {
  const copy: GridDraft = structuredClone(draft);
  const m = /^(addSection|addCriterion|addQuestion|remove)(?::(\d{1,2})(?:\.(\d{1,2}))?(?:\.(\d{1,2}))?)?$/.exec(intent);
  if (!m) return null;
  const [s, c, q] = [m[2], m[3], m[4]].map((x) => (x === undefined ? undefined : Number(x)));
  const section = s === undefined ? undefined : copy[s];
  const criterion = c === undefined ? undefined : section?.criteria[c];
  switch (m[1]) {
    case "addSection":
      if (copy.length < GRID_LIMITS.sections) copy.push(emptySection());
      return copy;
    case "addCriterion":
      if (section && c === undefined && section.criteria.length < GRID_LIMITS.criteria) section.criteria.push(emptyCriterion());
      return copy;
    case "addQuestion":
      if (criterion && q === undefined && criterion.questions.length < GRID_LIMITS.questions) criterion.questions.push(emptyQuestion());
      return copy;
    default:
      if (q !== undefined) criterion?.questions.splice(q, 1);
      else if (c !== undefined) section?.criteria.splice(c, 1);
      else if (s !== undefined) copy.splice(s, 1);
      return copy;
  }
}

/** A slug for an id: lowercase Latin letters and digits with dashes ("Équipe & gouvernance" → "equipe-gouvernance"). */
export function slugId(text: string, fallback: string) {
  const slug = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/g, "");
  return slug || fallback;
}

/**
 * Fills the ids left empty from a slug of the French title, unique in the grid (sections, criteria and
 * questions share one namespace, since scores and answers are keyed by id): "impact", "impact-2", …
 * Ids typed by the operator are kept as they are (validation reports duplicates among them).
 */
export function fillGridIds(draft: GridDraft): GridDraft {
  const copy: GridDraft = structuredClone(draft);
  const taken = new Set<string>();
  for (const s of copy) {
    s.id = s.id.trim();
    if (s.id) taken.add(s.id);
    for (const c of s.criteria) {
      c.id = c.id.trim();
      if (c.id) taken.add(c.id);
      for (const q of c.questions) {
        q.id = q.id.trim();
        if (q.id) taken.add(q.id);
      }
    }
  }
  const fresh = (text: string, fallback: string) => {
    const base = slugId(text, fallback);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  };
  for (const s of copy) {
    s.id ||= fresh(s.titleFr, "section");
    for (const c of s.criteria) {
      c.id ||= fresh(c.titleFr, `${s.id}-critere`);
      for (const q of c.questions) q.id ||= fresh(q.labelFr, `${c.id}-question`);
    }
  }
  return copy;
}

const blankToNull = (v: string) => (v.trim() === "" ? null : v);

/**
 * The grid editor's fields → a grid for saveGrid (gridSchema; validateGrid runs in saveGrid), with ids
 * filled. Errors are translation keys by field name (s.0.c.1.max) or "grid" for the whole grid; the draft
 * (ids filled) is what the page shows again.
 */
export function parseGridForm(values: FormLike): { draft: GridDraft } & ({ ok: true; sections: GridSection[] } | { ok: false; errors: Record<string, string[]> }) {
  const draft = fillGridIds(readGridDraft(values));
  const raw = draft.map((s) => ({
    id: s.id,
    titleFr: s.titleFr,
    titleAr: s.titleAr,
    weight: s.weight.trim() === "" ? Number.NaN : s.weight.replace(",", "."),
    criteria: s.criteria.map((c) => ({
      id: c.id,
      titleFr: c.titleFr,
      titleAr: c.titleAr,
      max: c.max.trim() === "" ? Number.NaN : c.max.replace(",", "."),
      minimum: blankToNull(c.minimum.replace(",", ".")),
      guidanceFr: blankToNull(c.guidanceFr),
      guidanceAr: blankToNull(c.guidanceAr),
      questions: c.questions.map((q) => ({ id: q.id, labelFr: q.labelFr, labelAr: q.labelAr, maxLength: q.maxLength.trim() === "" ? DEFAULT_QUESTION_LENGTH : q.maxLength })),
    })),
  }));
  const result = gridSchema.safeParse(raw);
  if (result.success) return { ok: true, draft, sections: result.data };
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const [s, , c, , q, ...rest] = issue.path;
    let name = "grid";
    if (typeof s === "number") {
      const field = rest.length ? rest[0] : undefined;
      if (typeof q === "number") name = `s.${s}.c.${c}.q.${q}.${String(field ?? "labelFr")}`;
      else if (typeof c === "number") name = typeof issue.path[3] === "string" && issue.path[3] !== "questions" ? `s.${s}.c.${c}.${String(issue.path[3])}` : `s.${s}.c.${c}`;
      else name = typeof issue.path[1] === "string" && issue.path[1] !== "criteria" ? `s.${s}.${String(issue.path[1])}` : `s.${s}`;
    }
    const message = /^calls\.errors\./.test(issue.message) ? issue.message : name.endsWith("maxLength") ? "callsAdmin.errors.maxLength" : "errors.invalid";
    const list = (errors[name] ??= []);
    if (!list.includes(message)) list.push(message);
  }
  return { ok: false, draft, errors };
}

/** Where a validateGrid problem is shown: beside its criterion, its section, or the whole grid. */
export const gridProblemField = (p: { section?: number; criterion?: number }) =>
  p.section === undefined ? "grid" : p.criterion === undefined ? `s.${p.section}` : `s.${p.section}.c.${p.criterion}`;

/** A required document as typed: r.0.id (kept for an existing one), r.0.kind, r.0.formats (checkboxes), … */
export type RequirementDraft = { id: string; kind: string; labelFr: string; labelAr: string; formats: string[]; maxMb: string; required: boolean };
export const REQUIREMENT_LIMIT = 20;
export const emptyRequirement = (): RequirementDraft => ({ id: "", kind: "", labelFr: "", labelAr: "", formats: ["pdf"], maxMb: "5", required: true });

export function requirementToDraft(r: { id: string; kind: string; labelFr: string; labelAr: string; formats: readonly string[]; maxBytes: number; required: boolean }): RequirementDraft {
  return { id: r.id, kind: r.kind, labelFr: r.labelFr, labelAr: r.labelAr, formats: [...r.formats], maxMb: String(Math.round((r.maxBytes / (1024 * 1024)) * 100) / 100), required: r.required };
}

export function readRequirementsDraft(values: FormLike): RequirementDraft[] {
  const rows = new Map<number, Record<string, string | string[]>>();
  for (const [name, value] of Object.entries(values)) {
    const m = /^r\.(\d{1,2})\.([A-Za-z]+)$/.exec(name);
    if (!m || Number(m[1]) >= REQUIREMENT_LIMIT || value === undefined) continue;
    const i = Number(m[1]);
    (rows.get(i) ?? rows.set(i, {}).get(i)!)[m[2]] = value;
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, f]) => ({
      id: one(f.id),
      kind: one(f.kind),
      labelFr: one(f.labelFr),
      labelAr: one(f.labelAr),
      formats: list(f.formats) as string[],
      maxMb: one(f.maxMb),
      required: one(f.required) === "on",
    }));
}

/** "addRequirement" or "removeRequirement:I" applied to the typed list; null for any other intent. */
export function applyRequirementsIntent(draft: RequirementDraft[], intent: string): RequirementDraft[] | null {
  if (intent === "addRequirement") return draft.length < REQUIREMENT_LIMIT ? [...draft, emptyRequirement()] : draft;
  const m = /^removeRequirement:(\d{1,2})$/.exec(intent);
  return m ? draft.filter((_, i) => i !== Number(m[1])) : null;
}

const requirementRowSchema = requirementSchema.omit({ maxBytes: true }).extend({
  id: z.string().uuid().nullable(),
  maxMb: z.coerce.number({ invalid_type_error: "calls.errors.maxBytes" }).min(0.01, "calls.errors.maxBytes").max(MAX_DOCUMENT_BYTES / (1024 * 1024), "calls.errors.maxBytes"),
});
export type RequirementRow = RequirementInput & { id: string | null };

/** The list of required documents as typed → rows for setRequirements (an id names an existing one). */
export function parseRequirementsForm(values: FormLike): { draft: RequirementDraft[] } & ({ ok: true; rows: RequirementRow[] } | { ok: false; errors: Record<string, string[]> }) {
  const draft = readRequirementsDraft(values);
  const errors: Record<string, string[]> = {};
  const rows: RequirementRow[] = [];
  draft.forEach((r, i) => {
    const result = requirementRowSchema.safeParse({ ...r, id: r.id.trim() === "" ? null : r.id, maxMb: r.maxMb.trim() === "" ? Number.NaN : r.maxMb.replace(",", ".") });
    if (result.success) {
      const { maxMb, ...rest } = result.data;
      rows.push({ ...rest, maxBytes: Math.round(maxMb * 1024 * 1024) });
      return;
    }
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "kind");
      const name = `r.${i}.${field === "id" ? "kind" : field}`;
      const message = /^calls\.errors\./.test(issue.message) ? issue.message : field === "formats" ? "calls.errors.formats" : "errors.invalid";
      const list = (errors[name] ??= []);
      if (!list.includes(message)) list.push(message);
    }
  });
  return Object.keys(errors).length ? { ok: false, draft, errors } : { ok: true, draft, rows };
}
