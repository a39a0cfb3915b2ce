import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useId } from "react";
import { LANGUAGE_NAMES, LOCALES } from "~/i18n/i18n";
import { useErrorText, useLocale } from "./i18n";

export type ActionErrors = { errors?: Record<string, string[]>; values?: Record<string, string | string[]> } | undefined;

function ErrorList({ id, errors }: { id: string; errors?: string[] }) {
  const text = useErrorText();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 text-sm text-danger">
      {errors.map((e) => (
        <li key={e}>{text(e)}</li>
      ))}
    </ul>
  );
}

type FieldProps = { label: ReactNode; name: string; errors?: string[]; hint?: ReactNode };

export function Field({ label, name, errors, hint, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const hasError = !!errors?.length;
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input
        id={id}
        name={name}
        className="input"
        aria-invalid={hasError || undefined}
        aria-describedby={[hasError ? `${id}-e` : "", hint ? `${id}-h` : ""].filter(Boolean).join(" ") || undefined}
        {...input}
      />
      {hint ? (
        <p id={`${id}-h`} className="mt-1 text-sm text-muted">
          {hint}
        </p>
      ) : null}
      <ErrorList id={`${id}-e`} errors={errors} />
    </div>
  );
}

export function TextArea({ label, name, errors, hint, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  const hasError = !!errors?.length;
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        className="input min-h-28"
        aria-invalid={hasError || undefined}
        aria-describedby={[hasError ? `${id}-e` : "", hint ? `${id}-h` : ""].filter(Boolean).join(" ") || undefined}
        {...input}
      />
      {hint ? (
        <p id={`${id}-h`} className="mt-1 text-sm text-muted">
          {hint}
        </p>
      ) : null}
      <ErrorList id={`${id}-e`} errors={errors} />
    </div>
  );
}

export function Select({
  label,
  name,
  errors,
  hint,
  children,
  ...input
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  const id = useId();
  const hasError = !!errors?.length;
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <select
        id={id}
        name={name}
        className="input"
        aria-invalid={hasError || undefined}
        aria-describedby={[hasError ? `${id}-e` : "", hint ? `${id}-h` : ""].filter(Boolean).join(" ") || undefined}
        {...input}
      >
        {children}
      </select>
      {hint ? (
        <p id={`${id}-h`} className="mt-1 text-sm text-muted">
          {hint}
        </p>
      ) : null}
      <ErrorList id={`${id}-e`} errors={errors} />
    </div>
  );
}

export function Checkbox({ label, name, errors, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div>
      <div className="flex min-h-11 items-center gap-2">
        <input
          id={id}
          type="checkbox"
          name={name}
          className="size-5 accent-brand-700"
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? `${id}-e` : undefined}
          {...input}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <ErrorList id={`${id}-e`} errors={errors} />
    </div>
  );
}

/** A message for the whole form (a domain error, a rate limit). */
export function FormMessage({ messageKey, tone = "danger" }: { messageKey?: string | null; tone?: "danger" | "ok" | "warn" }) {
  const text = useErrorText();
  if (!messageKey) return null;
  const color = tone === "ok" ? "text-ok border-ok/40" : tone === "warn" ? "text-warn border-warn/40" : "text-danger border-danger/40";
  return (
    <p role={tone === "danger" ? "alert" : "status"} className={`mb-4 rounded-lg border bg-white p-3 ${color}`}>
      {text(messageKey)}
    </p>
  );
}

/** The value a field had when the form came back with errors. */
export function valueOf(action: ActionErrors, name: string, fallback?: string | null): string | undefined {
  const v = action?.values?.[name];
  if (v !== undefined) return Array.isArray(v) ? v[0] : v;
  return fallback ?? undefined;
}

/** The `lang` of a GET form (a document to print in another language): the page's language first. */
export function LanguageSelect({ label }: { label: string }) {
  const locale = useLocale();
  return (
    <Select label={label} name="lang" defaultValue={locale}>
      {LOCALES.map((lang) => (
        <option key={lang} value={lang} lang={lang}>{LANGUAGE_NAMES[lang]}</option>
      ))}
    </Select>
  );
}
