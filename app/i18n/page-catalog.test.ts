import { describe, expect, it } from "vitest";
import fr from "./fr.json";
import { translate } from "./i18n";
import { pageCatalog, pickMessages } from "./page-catalog.server";

describe("the catalog a page carries", () => {
  it("picks namespaces and single keys, in the catalog's shape", () => {
    expect(pickMessages({ a: { b: "1", c: "2" }, d: "3", e: { f: "4" } }, ["a.b", "e", "missing.key"])).toEqual({ a: { b: "1" }, e: { f: "4" } });
  });

  it("the directory gets its strings and the layout's, not the whole catalog; other pages get it all", () => {
    for (const path of ["/annuaire", "/annuaire.data"]) {
      const trimmed = pageCatalog(fr, path, "networks.requested");
      for (const key of ["directory.searchLabel", "skills.finance", "map.region", "nav.directory", "footer.tagline", "errors.page404", "networks.requested"]) {
        expect(translate(trimmed, key), key).toBe(translate(fr, key));
      }
      expect(translate(trimmed, "signup.title")).toBe("signup.title");
      expect(JSON.stringify(trimmed).length).toBeLessThan(JSON.stringify(fr).length / 2);
    }
    expect(pageCatalog(fr, "/connexion", null)).toBe(fr);
  });
});
