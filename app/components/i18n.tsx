import { Link, type LinkProps, useRouteLoaderData } from "@remix-run/react";
import { forwardRef, useCallback } from "react";
import { DEFAULT_LOCALE, type Locale, localizeHref, type MessageKey, type T, translate, type Vars } from "~/i18n/i18n";
import type { loader as rootLoader } from "~/root";

export function useRootData() {
  return useRouteLoaderData<typeof rootLoader>("root");
}

export function useLocale(): Locale {
  return useRootData()?.locale ?? DEFAULT_LOCALE;
}

export function useT(): T {
  const data = useRootData();
  const messages = data?.messages;
  return useCallback((key: MessageKey, vars?: Vars) => translate(messages, key, vars), [messages]);
}

/** Translates an error key from a form or a domain error; unknown keys fall back to a generic message. */
export function useErrorText() {
  const t = useT();
  return (key: string) => {
    const text = t(key as MessageKey);
    return text === key ? t("errors.invalid") : text;
  };
}

/** A link that keeps the page's language. */
export const L = forwardRef<HTMLAnchorElement, LinkProps & { to: string }>(function L({ to, ...props }, ref) {
  const locale = useLocale();
  return <Link ref={ref} to={localizeHref(to, locale)} {...props} />;
});

export function useHref() {
  const locale = useLocale();
  return (to: string) => localizeHref(to, locale);
}
