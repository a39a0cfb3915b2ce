// The search parts shared by the directory and the marketplace: the search-as-you-type form, facet
// checkboxes with counts, and the chosen filters as chips that each undo one.
import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { type ReactNode, useEffect, useRef } from "react";
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

/**
 * One GET search form: without JavaScript its button submits it; with JavaScript, typing (and number
 * fields) searches after a pause, replacing the history entry, and every other filter applies at once
 * from page 1. The facets come as children.
 */
export function LiveSearchForm(props: {
  action: string;
  idPrefix: string;
  q: string;
  sort: string;
  sorts: { value: string; label: string }[];
  labels: { search: string; placeholder: string; sort: string; submit: string; searching: string };
  pauseMs: number;
  children: ReactNode;
}) {
  const locale = useLocale();
  const submit = useSubmit();
  const navigation = useNavigation();
  const input = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const searching = navigation.state === "loading" && navigation.location.pathname === props.action;

  // Back/forward changes the URL under a field the person is not typing in: show the URL's query.
  useEffect(() => {
    if (input.current && document.activeElement !== input.current) input.current.value = props.q;
  }, [props.q]);
  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <Form
      method="get"
      action={props.action}
      role="search"
      className="card space-y-4"
      onChange={(event) => {
        const form = event.currentTarget;
        clearTimeout(timer.current);
        const target = event.target as HTMLInputElement;
        if (target === input.current || target.type === "number") {
          timer.current = setTimeout(() => submit(form, { replace: true, preventScrollReset: true }), props.pauseMs);
        } else {
          // The page changes only when asked; any other change starts again from page 1.
          submit(form, { preventScrollReset: true });
        }
      }}
    >
      {locale !== "fr" ? <input type="hidden" name="lang" value={locale} /> : null}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1">
          <label htmlFor={`${props.idPrefix}-q`} className="label">
            {props.labels.search}
          </label>
          <input
            ref={input}
            id={`${props.idPrefix}-q`}
            type="search"
            name="q"
            defaultValue={props.q}
            placeholder={props.labels.placeholder}
            autoComplete="off"
            enterKeyHint="search"
            maxLength={1000}
            className="input"
            dir="auto"
          />
        </div>
        <div>
          <label htmlFor={`${props.idPrefix}-sort`} className="label">
            {props.labels.sort}
          </label>
          <select id={`${props.idPrefix}-sort`} name="sort" defaultValue={props.sort} key={props.sort} className="input">
            {props.sorts.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn">
          {props.labels.submit}
        </button>
      </div>
      <p className="sr-only" aria-live="polite">
        {searching ? props.labels.searching : ""}
      </p>
      {props.children}
    </Form>
  );
}
