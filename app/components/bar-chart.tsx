// A horizontal bar chart as accessible SVG (issue 7, item 4): a title and a description read by screen readers, each
// bar labelled with its value, mirrored on right-to-left pages; the same figures in a table beneath.
import { useId } from "react";
import { useLocale, useT } from "./i18n";
import { formatNumber } from "~/i18n/i18n";

export function BarChart(props: { title: string; bars: { label: string; value: number }[] }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const rtl = locale === "ar";
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const row = 34;
  const width = 600;
  const labelWidth = 200;
  const barSpace = width - labelWidth - 70;
  const height = props.bars.length * row + 8;
  const description = props.bars.map((b) => `${b.label} : ${formatNumber(b.value, locale)}`).join(" ; ");
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="h-auto w-full" direction={rtl ? "rtl" : "ltr"}>
        <title id={`${id}-t`}>{props.title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {props.bars.map((b, i) => {
          const y = 4 + i * row;
          const w = Math.max(b.value > 0 ? 2 : 0, (b.value / max) * barSpace);
          // Left to right: label, bar, value; mirrored for Arabic, where the SVG's direction makes "start" the right.
          const labelX = rtl ? width - 4 : 4;
          const barX = rtl ? width - labelWidth - w : labelWidth;
          const valueX = rtl ? barX - 6 : barX + w + 6;
          return (
            <g key={b.label}>
              <text x={labelX} y={y + row / 2 + 5} textAnchor="start" fontSize="15" fill="currentColor">{b.label}</text>
              <rect x={barX} y={y + 6} width={w} height={row - 12} rx="3" fill="#8a3b12" />
              <text x={valueX} y={y + row / 2 + 5} textAnchor="start" fontSize="15" fontWeight="600" fill="currentColor">{formatNumber(b.value, locale)}</text>
            </g>
          );
        })}
      </svg>
      <details className="text-sm">
        <summary className="cursor-pointer">{t("impact.chart.table")}</summary>
        <table className="mt-2 w-full">
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 text-start font-semibold">{t("impact.chart.label")}</th>
              <th scope="col" className="py-1 text-end font-semibold">{t("impact.chart.value")}</th>
            </tr>
          </thead>
          <tbody>
            {props.bars.map((b) => (
              <tr key={b.label} className="border-b border-line">
                <th scope="row" className="py-1 text-start font-normal">{b.label}</th>
                <td className="py-1 text-end tabular-nums">{formatNumber(b.value, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
