// The jury's sheets (issue 6, item 3): the running total of the scoring form, a juror's own submitted sheet and the
// other jurors' sheets, by section and criterion. The arithmetic is scoring.ts's, the same as the operators'.
import type { GridSection } from "../../db/schema";
import { formatNumber, type Locale } from "~/i18n/i18n";
import { jurorResult, round1 } from "~/modules/calls/scoring";
import { useLocale, useT } from "./i18n";

type Sheet = Record<string, { score: number; comment: string | null }>;

/** Digits as a phone keyboard may type them (Arabic-Indic, Persian) turned into Latin ones. */
export function latinDigits(value: string) {
  return value.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/** What a score field holds, as a number when it is a whole number within the criterion's range; null otherwise. */
function usable(raw: string | undefined, max: number) {
  const text = latinDigits(raw ?? "").trim();
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

/** The running total of a sheet being filled: fields left empty or out of range count for nothing. */
export function liveTotal(grid: GridSection[], fields: Record<string, string | undefined>) {
  const scores: Record<string, number> = {};
  for (const section of grid) {
    for (const c of section.criteria) {
      const n = usable(fields[c.id], c.max);
      if (n !== null) scores[c.id] = n;
    }
  }
  return jurorResult({ sections: grid }, { jurorId: "self", scores });
}

export const points = (n: number, locale: Locale) => formatNumber(round1(n), locale);

/** "x / 100" with a label, announced as it changes. */
export function TotalLine({ label, total, live = false }: { label: string; total: number; live?: boolean }) {
  const locale = useLocale();
  const t = useT();
  const text = t("jury.score.outOf", { score: points(total, locale), max: formatNumber(100, locale) });
  return (
    <p className="flex flex-wrap items-baseline gap-2">
      <span>{label}</span>
      {live ? (
        <output aria-live="polite" className="text-lg font-bold" dir="ltr">
          {text}
        </output>
      ) : (
        <strong className="text-lg" dir="ltr">{text}</strong>
      )}
    </p>
  );
}

/** One sheet, read-only: per section its weighted score, per criterion the points and the comment. */
export function SheetView({ grid, sheet, sections, total, title }: { grid: GridSection[]; sheet: Sheet; sections: Record<string, number>; total: number; title: string }) {
  const t = useT();
  const locale = useLocale();
  const ar = locale === "ar";
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">{title}</h3>
        <TotalLine label={t("jury.total")} total={total} />
      </div>
      {grid.map((section) => (
        <div key={section.id} className="space-y-1 border-t border-line pt-2">
          <p className="flex flex-wrap justify-between gap-2 font-semibold">
            <span>{ar ? section.titleAr : section.titleFr}</span>
            <bdi dir="ltr">{t("jury.score.outOf", { score: points(sections[section.id] ?? 0, locale), max: formatNumber(section.weight, locale) })}</bdi>
          </p>
          <ul className="space-y-1 text-sm">
            {section.criteria.map((c) => {
              const line = sheet[c.id];
              return (
                <li key={c.id}>
                  <span className="flex flex-wrap justify-between gap-2">
                    <span>{ar ? c.titleAr : c.titleFr}</span>
                    <bdi dir="ltr">{line ? t("jury.score.outOf", { score: formatNumber(line.score, locale), max: formatNumber(c.max, locale) }) : "—"}</bdi>
                  </span>
                  {line?.comment ? (
                    <span className="mt-1 block whitespace-pre-line rounded-lg bg-sand p-2" dir="auto">
                      {line.comment}
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </div>
  );
}
