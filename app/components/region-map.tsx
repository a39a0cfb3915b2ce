import { REGION_MAP } from "~/data/region-map";
import { L, useLocale, useT } from "./i18n";

type Region = { code: string; iso: string; nameFr: string; nameAr: string };

// Five steps from sand to the brand colour; a region with nothing stays pale.
const SHADES = ["#f3ece4", "#e8cdb4", "#d9a47a", "#bf6f3c", "#8a3b12"];

function shade(count: number, max: number) {
  if (count === 0 || max === 0) return SHADES[0];
  return SHADES[Math.min(SHADES.length - 1, 1 + Math.floor((count / max) * (SHADES.length - 2)))];
}

/**
 * The 12 regions, each a link (name and count for screen readers) coloured by its count.
 * Maps are not mirrored on right-to-left pages, so the SVG is always laid out left-to-right.
 */
export function RegionMap(props: {
  regions: Region[];
  counts: Record<string, number>;
  href: (code: string) => string;
  label: string;
  /** regions the current search is filtered to, outlined and marked as current */
  selected?: string[];
}) {
  const t = useT();
  const locale = useLocale();
  const max = Math.max(0, ...Object.values(props.counts));
  return (
    <figure dir="ltr" className="mx-auto max-w-md">
      <svg viewBox={`0 0 ${REGION_MAP.width} ${REGION_MAP.height}`} role="group" aria-label={props.label} className="h-auto w-full">
        {props.regions.map((r) => {
          const count = props.counts[r.code] ?? 0;
          const name = locale === "ar" ? r.nameAr : r.nameFr;
          const current = props.selected?.includes(r.code) ?? false;
          return (
            <L key={r.code} to={props.href(r.code)} aria-label={t("map.region", { name, count })} aria-current={current || undefined}>
              <title>{t("map.region", { name, count })}</title>
              <path
                d={REGION_MAP.paths[r.iso]}
                fill={shade(count, max)}
                stroke={current ? "#1f2937" : "#ffffff"}
                strokeWidth={current ? 3 : 1.5}
                className="hover:opacity-80"
              />
            </L>
          );
        })}
      </svg>
      <figcaption dir={locale === "ar" ? "rtl" : "ltr"} className="mt-1 text-xs text-muted">
        {t("map.attribution")}
      </figcaption>
    </figure>
  );
}
