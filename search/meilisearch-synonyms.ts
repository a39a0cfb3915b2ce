// Words people use for the same thing across French, Darija and Arabic. Each group's words are
// synonyms of one another. The PostgreSQL engine does without them (it matches stems).
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["argan", "argane", "أركان", "الأركان", "zit l'argan", "huile d'argan", "زيت الأركان"],
  ["coopérative", "تعاونية"],
  ["association", "جمعية"],
  ["miel", "عسل"],
  ["safran", "زعفران"],
  ["amlou", "أملو"],
  ["couscous", "كسكس"],
];

/** The groups in Meilisearch's form: each word → every other word of its group. */
export function synonymMap(groups = SYNONYM_GROUPS): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of groups) {
    for (const word of group) map[word.toLowerCase()] = group.filter((w) => w !== word).map((w) => w.toLowerCase());
  }
  return map;
}
