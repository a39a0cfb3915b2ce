// The filter parts shared by the directory and the marketplace: facet checkboxes with counts, and the
// chosen filters as chips that each undo one.
import { formatNumber } from "~/i18n/i18n";
import { L, useLocale } from "./i18n";

export type FacetOption = { value: string; label: string; count: number };

/** A facet's options that match something (or are chosen), as checkboxes of one GET form. */
export function FacetGroup(props: { title: string; name: string; options: FacetOption[]; selected: string[]; empty?: string }) {
  const shown = props.options.filter((o) => o.count > 0 || props.selected.includes(o.value));
  if (shown.length === 0 && !props.empty) return null;
  return (
    <fieldset>
      <legend className="label">{props.title}</legend>
      {shown.length === 0 ? <p className="text-sm text-muted">{props.empty}</p> : null}
      {shown.map((o) => (
        <FacetCheckbox key={o.value} name={props.name} value={o.value} checked={props.selected.includes(o.value)} label={o.label} count={o.count} />
      ))}
    </fieldset>
  );
}

export function FacetCheckbox(props: { name: string; value: string; checked: boolean; label: string; count: number }) {
  const locale = useLocale();
  return (
    <label className="flex min-h-9 items-center gap-2 text-sm">
      {/* Keyed by its state: a link that changes the URL must redraw the box the browser kept. */}
      <input type="checkbox" name={props.name} value={props.value} defaultChecked={props.checked} key={String(props.checked)} className="size-4" />
      <span className="flex-1" dir="auto">
        {props.label}
      </span>
      <span className="text-muted tabular-nums">{formatNumber(props.count, locale)}</span>
    </label>
  );
}

export type Chip = { key: string; text: string; href: string };

/** The chosen filters, each a link that removes it, and one that removes them all. */
export function FilterChips(props: { chips: Chip[]; clearHref: string; labels: { active: string; remove: (name: string) => string; clear: string } }) {
  if (props.chips.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="sr-only">{props.labels.active}</span>
      {props.chips.map((c) => (
        <L key={c.key} to={c.href} preventScrollReset className="badge bg-brand-50 text-brand-800 no-underline" aria-label={props.labels.remove(c.text)}>
          <span dir="auto">{c.text}</span> <span aria-hidden="true">×</span>
        </L>
      ))}
      <L to={props.clearHref} preventScrollReset>
        {props.labels.clear}
      </L>
    </div>
  );
}
