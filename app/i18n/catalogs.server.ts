import { ar, en, fr } from "./messages";
import { type Locale, type MessageKey, type T, translate, type Vars } from "./i18n";

export const catalogs = { fr, ar, en } as const;

export function getT(locale: Locale): T {
  return (key: MessageKey, vars?: Vars) => translate(catalogs[locale], key, vars);
}
