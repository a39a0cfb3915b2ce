/**
 * What the layout needs on every page: header, footer, skip link, error pages, the inbox link.
 * A namespace ("nav") or one key ("errors.page404").
 */
const SHELL = [
  "lang",
  "nav",
  "footer",
  "kinds",
  "roles",
  "home.title",
  "errors.invalid",
  "errors.page403",
  "errors.page404",
  "errors.page500",
  "errors.pageHelp",
  "messages.nav",
  "messages.unreadCount",
  "cart.nav",
  "cart.units",
  "programme.nav",
  "callsAdmin.nav",
  "jury.nav",
  "events.ops.nav",
  "incubation.nav",
];

type Tree = { [key: string]: string | Tree };

/** The parts of a catalog named by `paths` (namespaces or dotted keys), in the same shape. */
export function pickMessages(catalog: Tree, paths: string[]): Tree {
  const out: Tree = {};
  for (const path of paths) {
    const parts = path.split(".");
    let from: string | Tree | undefined = catalog;
    let to = out;
    for (const [i, part] of parts.entries()) {
      from = typeof from === "object" ? from[part] : undefined;
      if (from === undefined) break;
      if (i === parts.length - 1) to[part] = from;
      else to = (to[part] ??= {}) as Tree;
    }
  }
  return out;
}

/**
 * The strings a hydrated page shows beside the layout's, for pages that keep their first load small (the
 * goal is 110 KB of JavaScript, and the catalog travels in the page's data). Other pages get the whole
 * catalog. Keys are paths as the browser asks for them (`/annuaire` and its `.data` requests).
 */
const PAGE_STRINGS: Record<string, string[]> = {
  "/annuaire": ["directory", "themes", "sectors", "skills", "map", "verification.verified", "profile.womenLed"],
  "/marche": ["market", "categories", "pager"],
};

/** The catalog the root sends with a page: trimmed for the pages above, whole for the others. */
export function pageCatalog(catalog: Tree, pathname: string, flash: string | null): Tree {
  const strings = PAGE_STRINGS[pathname.replace(/\.data$/, "")];
  return strings ? pickMessages(catalog, [...SHELL, ...strings, ...(flash ? [flash] : [])]) : catalog;
}
