// The programme view's evaluation columns (browser-safe: the page lists them, the server fills them).
export type EvaluationKey = "company_midterm" | "company_final" | "partner_midterm" | "partner_final";
export type Evaluations = Partial<Record<EvaluationKey, { satisfaction: number; onTrack: boolean | null }>>;
export const EVALUATION_KEYS: readonly EvaluationKey[] = ["company_midterm", "partner_midterm", "company_final", "partner_final"];
