// The tandems programme's counter (issue 5, item 6): tandems completed and under way against the target,
// as text and as a bar, on the public /tandems page and on the operators' view.
import { formatNumber } from "~/i18n/i18n";
import { useLocale, useT } from "./i18n";

export function ProgrammeCounter(props: { active: number; completed: number; target: number }) {
  const t = useT();
  const locale = useLocale();
  const { active, completed, target } = props;
  const count = active + completed;
  // Past the target the bar is simply full; the text still says how far past.
  const share = (n: number) => (target > 0 ? Math.min(100, (n / target) * 100) : 0);
  const completedShare = share(completed);
  const activeShare = Math.min(100 - completedShare, share(active));
  const n = (v: number) => formatNumber(v, locale);
  return (
    <section aria-labelledby="programme-counter-h" className="card space-y-3">
      <h2 id="programme-counter-h" className="text-lg font-semibold">
        {t("programme.list.counterTitle")}
      </h2>
      <p>{t("programme.list.counter", { active: n(active), completed: n(completed), count: n(count), target: n(target) })}</p>
      <div
        role="progressbar"
        aria-label={t("programme.list.progress")}
        aria-valuemin={0}
        aria-valuemax={target}
        aria-valuenow={Math.min(count, target)}
        aria-valuetext={t("programme.public.targetProgress", { count: n(count), target: n(target) })}
        className="flex h-3 w-full overflow-hidden rounded-full bg-brand-50"
      >
        {/* Logical sizes: the bar fills from the start edge, right to left in Arabic. */}
        <div className="h-full bg-brand-700" style={{ inlineSize: `${completedShare}%` }} />
        <div className="h-full bg-brand-600/50" style={{ inlineSize: `${activeShare}%` }} />
      </div>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted">
        <span className="inline-flex items-center gap-2">
          <span aria-hidden="true" className="inline-block size-3 rounded-full bg-brand-700" />
          {t("programme.list.legend", { label: t("tandems.status.completed"), count: n(completed) })}
        </span>
        <span className="inline-flex items-center gap-2">
          <span aria-hidden="true" className="inline-block size-3 rounded-full bg-brand-600/50" />
          {t("programme.list.legend", { label: t("tandems.status.active"), count: n(active) })}
        </span>
      </p>
    </section>
  );
}
