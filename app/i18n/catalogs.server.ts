import ar from "./ar.json";
import en from "./en.json";
import fr from "./fr.json";
import { type Locale, type MessageKey, type T, translate, type Vars } from "./i18n";

export const catalogs = { fr, ar, en } as const;

export function getT(locale: Locale): T {
  return (key: MessageKey, vars?: Vars) => translate(catalogs[locale], key, vars);
}
