import { expect, type Browser, type Page } from "@playwright/test";
import ar from "../../app/i18n/ar.json" with { type: "json" };
import fr from "../../app/i18n/fr.json" with { type: "json" };
import calls from "../../app/i18n/features/calls.json" with { type: "json" };
import callOps from "../../app/i18n/features/callOps.json" with { type: "json" };
import callsAdmin from "../../app/i18n/features/callsAdmin.json" with { type: "json" };
import jury from "../../app/i18n/features/jury.json" with { type: "json" };
import registry from "../../app/i18n/features/registry.json" with { type: "json" };
import vault from "../../app/i18n/features/vault.json" with { type: "json" };
import { instantToMoroccoLocal } from "../../app/lib/morocco-time";
import { slugify } from "../../app/modules/organizations/slug";
import type { GridSection } from "../../db/schema";
import { AMI_GRID, DOCUMENT_TITLES, SIRAJ_GRID } from "../../db/seed-grids";
import { SEED_ORGANIZATIONS } from "../../db/seed-data";
import { DEMO_PASSWORD, expectAccessible, logIn, test } from "./support";

// Issue 6's promise, on the demo data. An operator opens the next Siraj edition from the last one (its grid and
// documents copied), closing a few minutes ahead; two companies apply and submit, a third (a 2025 laureate whose
// renewal starts pre-filled) tries after the closing instant and is refused by the server; two jurors declare no
// conflict and score with comments; the ranking shows the spread and flags the disagreement; the jury decides
// and the results are released; each applicant reads theirs; the laureate carries the label in the registry, on
// its verification page and in the directory. The CAP+ AMI works with its 30/25/25/20 grid: a juror scores a
// dossier waiting for them, and the operators' ranking counts it.
// French at desktop size and Arabic (right to left) on a 360 px phone, each person in their own browser session.
// The closing instant is real (the server's clock decides): once the applications are in, the operator brings it
// forward to a minute or two away, and the journey checks the AMI while it waits. It runs once, not once per
// project (playwright.config.ts).

const seed = (key: string) => SEED_ORGANIZATIONS.find((o) => o.key === key)!;
const CHAOUIA = seed("demo-company");
const SAISS = seed("saiss-textile");
const TAMWIL = seed("groupe-tamwil-atlas");
const ASSOCIATION_UNDER_REVIEW = seed("asso-handicap-mohammedia");

type Lang = "fr" | "ar";
const catalogs = (lang: Lang) => {
  const pick = <C extends Record<Lang, unknown>>(c: C) => c[lang] as C["fr"];
  return { ...(lang === "ar" ? ar : fr), calls: pick(calls), callOps: pick(callOps), callsAdmin: pick(callsAdmin), jury: pick(jury), registry: pick(registry), vault: pick(vault) };
};
const T = { fr: catalogs("fr"), ar: catalogs("ar") };
const fill = (template: string, vars: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? "");
const withLang = (path: string, lang: Lang) => (lang === "fr" ? path : `${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
const criteria = (grid: GridSection[]) => grid.flatMap((s) => s.criteria);

/** Every criterion at `ratio` of its maximum (whole points). */
const sheetAt = (grid: GridSection[], ratio: number) => Object.fromEntries(criteria(grid).map((c) => [c.id, Math.round(c.max * ratio)]));
/** The juror's total out of 100, computed here by hand: Σ over sections of (Σ scores ÷ Σ maxima) × weight. */
const totalOf = (grid: GridSection[], scores: Record<string, number>) =>
  Math.round(grid.reduce((sum, s) => sum + (s.criteria.reduce((a, c) => a + scores[c.id], 0) / s.criteria.reduce((a, c) => a + c.max, 0)) * s.weight, 0) * 1e6) / 1e6;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A PDF as the vault reads it (by its bytes, not its name). */
const pdf = (title: string) => Buffer.from(`%PDF-1.7\n% ${title}\n1 0 obj <<>> endobj\n%%EOF\n`);

test("an operator runs a Siraj edition from the call to the label, and the AMI works with its grid", async ({ browser }, info) => {
  test.setTimeout(480_000);
  const errors: string[] = [];
  const desktop = info.project.use;
  async function personOn(b: Browser, lang: Lang, email?: string) {
    const phone = lang === "ar";
    const context = await b.newContext({
      baseURL: desktop.baseURL,
      locale: phone ? "ar-MA" : "fr-MA",
      viewport: phone ? { width: 360, height: 780 } : desktop.viewport,
      isMobile: phone,
      hasTouch: phone,
    });
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(`${page.url()} pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) errors.push(`${page.url()} console: ${m.text().split("\n")[0]}`);
    });
    if (email) await logIn(page, email, DEMO_PASSWORD, lang);
    return page;
  }
  const flash = (page: Page, text: string) => expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();
  const name = (o: { name: string; nameAr?: string | null }, lang: Lang) => (lang === "ar" && o.nameAr ? o.nameAr : o.name);

  // 1. The operator opens the next edition from the last one: the grid and the documents come with it. It
  // opened an hour ago and closes in two days (Morocco time).
  const operator = await personOn(browser, "fr", "operateur@tiwizi.example.ma");
  const t = T.fr;
  const year = Number(instantToMoroccoLocal(new Date()).slice(0, 4)) + 1;
  const code = `SIRAJ-${year}`;
  await operator.goto("/programme/appels/nouveau");
  await operator.getByLabel(t.callsAdmin.form.from).selectOption("SIRAJ-2025");
  await operator.getByLabel(t.callsAdmin.form.code, { exact: true }).fill(code);
  await operator.getByLabel(t.callsAdmin.form.kind).selectOption("label");
  await operator.getByRole("checkbox", { name: t.kinds.company, exact: true }).check();
  await operator.getByLabel(t.callsAdmin.form.titleFr).fill(`Label Siraj ${year} — entreprises engagées`);
  await operator.getByLabel(t.callsAdmin.form.titleAr).fill(`علامة سراج ${year} — المقاولات الملتزمة`);
  await operator.getByLabel(t.callsAdmin.form.descriptionFr).fill("Nouvelle édition du label Siraj pour les entreprises engagées dans leur responsabilité sociétale.");
  await operator.getByLabel(t.callsAdmin.form.descriptionAr).fill("دورة جديدة لعلامة سراج للمقاولات الملتزمة بمسؤوليتها المجتمعية.");
  await operator.getByLabel(t.callsAdmin.form.opensAt).fill(instantToMoroccoLocal(new Date(Date.now() - 3_600_000)).slice(0, 16));
  await operator.getByLabel(t.callsAdmin.form.closesAt).fill(instantToMoroccoLocal(new Date(Date.now() + 2 * 86_400_000)).slice(0, 16));
  await operator.getByLabel(t.callsAdmin.form.laureates).fill("4");
  await operator.getByLabel(t.callsAdmin.form.validity).fill("24");
  await expectAccessible(operator);
  await operator.getByRole("button", { name: t.callsAdmin.form.create }).click();
  await flash(operator, t.callsAdmin.flash.created);
  await expect(operator.getByText(fill(t.callsAdmin.grid.total, { total: "100" })).first()).toBeVisible();
  await expect(operator.locator(`input[name="s.0.titleFr"]`)).toHaveValue(SIRAJ_GRID[0].titleFr);
  await operator.getByRole("button", { name: t.callsAdmin.publish.button }).click();
  await flash(operator, t.callsAdmin.flash.published);

  // The public list shows it among the open calls, with its grid.
  const stranger = await personOn(browser, "ar");
  await stranger.goto(withLang("/appels", "ar"));
  await expect(stranger.locator("html")).toHaveAttribute("dir", "rtl");
  await stranger.locator(`main a[href*="/appels/${code}"]`).first().click();
  await expect(stranger.getByRole("heading", { level: 1 })).toContainText(`علامة سراج ${year}`);
  for (const section of SIRAJ_GRID) await expect(stranger.getByText(section.titleAr, { exact: false }).first()).toBeVisible();

  // 2. Applying. Each company fills every question of the grid and attaches its documents from its vault.
  async function answerEverything(page: Page, lang: Lang, organization: string) {
    for (const section of SIRAJ_GRID) {
      for (const question of section.criteria.flatMap((c) => c.questions)) {
        await page.locator(`textarea#${question.id}`).fill(`${organization} — ${lang === "ar" ? section.titleAr : section.titleFr} : politique écrite, responsable désigné, indicateurs suivis chaque trimestre.`);
      }
      await page.getByRole("button", { name: T[lang].calls.apply.next }).click();
      await flash(page, T[lang].calls.apply.saved);
    }
  }
  async function attach(page: Page, lang: Lang, titles: string[]) {
    for (const [i, title] of titles.entries()) {
      const form = page.locator('form:has(input[name="requirementId"])').nth(i);
      await form.locator('select[name="documentId"]').selectOption({ label: title });
      await form.getByRole("button", { name: T[lang].calls.apply.attach }).click();
      await expect(page.getByText(fill(T[lang].calls.apply.attached, { title })).first()).toBeVisible();
    }
  }
  async function start(page: Page, lang: Lang, organization: { name: string; nameAr?: string | null }) {
    await page.goto(withLang(`/appels/${code}`, lang));
    await page.getByRole("button", { name: fill(T[lang].calls.page.start, { organization: name(organization, lang) }) }).click();
    await page.waitForURL(/\/candidatures\/SIRAJ-\d{4}-\d{4}/);
    return /SIRAJ-\d{4}-\d{4}/.exec(page.url())![0];
  }

  // Chaouia (French, desktop) puts its two documents in its vault first.
  const chaouia = await personOn(browser, "fr", "entreprise@tiwizi.example.ma");
  await chaouia.goto(`/organisations/${slugify(CHAOUIA.name)}/documents`);
  for (const [kind, title] of [["csr_policy", "Politique RSE 2026"], ["financial_statements", "États financiers 2025"]] as const) {
    await chaouia.getByLabel(t.vault.kind).selectOption(kind);
    await chaouia.getByLabel(t.vault.docTitle).fill(title);
    await chaouia.getByLabel(t.vault.file).setInputFiles({ name: `${kind}.pdf`, mimeType: "application/pdf", buffer: pdf(title) });
    await chaouia.getByRole("button", { name: t.vault.upload }).click();
    await flash(chaouia, t.vault.uploaded);
  }
  const refA = await start(chaouia, "fr", CHAOUIA);
  await expectAccessible(chaouia);
  await answerEverything(chaouia, "fr", CHAOUIA.name);
  await attach(chaouia, "fr", ["Politique RSE 2026", "États financiers 2025"]);
  await chaouia.goto(`/candidatures/${refA}?etape=${SIRAJ_GRID.length + 2}`);
  await expect(chaouia.getByText(t.calls.apply.complete)).toBeVisible();
  await chaouia.getByRole("button", { name: t.calls.apply.submit }).click();
  await flash(chaouia, t.calls.apply.submitted);
  await expect(chaouia.getByText(fill(t.calls.apply.status, { status: t.calls.applicantStatus.submitted }))).toBeVisible();
  // Read-only from now on: the answers show, nothing can be typed or saved.
  await chaouia.goto(`/candidatures/${refA}?etape=1`);
  await expect(chaouia.locator("textarea").first()).not.toHaveValue("");
  for (const area of await chaouia.locator("textarea").all()) await expect(area).not.toBeEditable();
  await expect(chaouia.getByRole("button", { name: t.calls.apply.save, exact: true })).toHaveCount(0);

  // Saïss Textile (Arabic, phone) reuses the documents already in its vault since 2025.
  const saiss = await personOn(browser, "ar", "saiss@tiwizi.example.ma");
  const refB = await start(saiss, "ar", SAISS);
  await expect(saiss.locator("html")).toHaveAttribute("dir", "rtl");
  await answerEverything(saiss, "ar", SAISS.nameAr ?? SAISS.name);
  await attach(saiss, "ar", [DOCUMENT_TITLES.csr_policy, DOCUMENT_TITLES.financial_statements]);
  await expectAccessible(saiss);
  await saiss.goto(withLang(`/candidatures/${refB}?etape=${SIRAJ_GRID.length + 2}`, "ar"));
  await saiss.getByRole("button", { name: T.ar.calls.apply.submit }).click();
  await flash(saiss, T.ar.calls.apply.submitted);

  // Groupe Tamwil Atlas (Arabic, phone), a 2025 laureate: its renewal starts with last year's answers; it
  // attaches its documents and leaves the page open on the last step.
  const tamwil = await personOn(browser, "ar", "tamwil@tiwizi.example.ma");
  const refC = await start(tamwil, "ar", TAMWIL);
  await expect(tamwil.getByText(T.ar.calls.apply.renewal)).toBeVisible();
  await expect(tamwil.locator(`textarea#${SIRAJ_GRID[0].criteria[0].questions[0].id}`)).not.toHaveValue("");
  await tamwil.goto(withLang(`/candidatures/${refC}?etape=${SIRAJ_GRID.length + 1}`, "ar"));
  await attach(tamwil, "ar", [DOCUMENT_TITLES.csr_policy, DOCUMENT_TITLES.financial_statements]);
  await tamwil.goto(withLang(`/candidatures/${refC}?etape=${SIRAJ_GRID.length + 2}`, "ar"));
  await expect(tamwil.getByText(T.ar.calls.apply.complete)).toBeVisible();
  const tamwilSubmit = tamwil.getByRole("button", { name: T.ar.calls.apply.submit });
  await expect(tamwilSubmit).toBeEnabled();

  // The operator brings the closing forward to a whole minute (Morocco time) one to two minutes from now.
  const closesAt = new Date(Math.ceil((Date.now() + 60_000) / 60_000) * 60_000);
  await operator.goto(`/programme/appels/${code}/modifier`);
  await operator.getByLabel(t.callsAdmin.form.closesAt).fill(instantToMoroccoLocal(closesAt).slice(0, 16));
  await operator.getByRole("button", { name: t.callsAdmin.form.save }).click();
  await flash(operator, t.callsAdmin.flash.saved);

  // 3. Meanwhile the CAP+ AMI: its public page shows the 30/25/25/20 grid, and the second juror scores the
  // Mohammedia dossier that waits for their declaration (Arabic, phone).
  await stranger.goto(withLang("/appels/AMI-2026", "ar"));
  for (const section of AMI_GRID) {
    await expect(stranger.getByText(`${section.titleAr} · ${fill(T.ar.calls.page.points, { n: String(section.weight) })}`)).toBeVisible();
  }
  const juror2 = await personOn(browser, "ar", "jury2@tiwizi.example.ma");
  async function declareAndScore(page: Page, lang: Lang, callCode: string, reference: string | RegExp, scores: Record<string, number>) {
    await page.goto(withLang("/jury", lang));
    const group = page.locator("section", { has: page.getByText(callCode, { exact: true }) });
    const row = group.locator("li", { hasText: reference });
    await row.getByRole("link", { name: new RegExp(T[lang].jury.open) }).click();
    await page.getByRole("radio", { name: T[lang].jury.conflict.none }).check();
    await page.getByRole("button", { name: T[lang].jury.conflict.submit }).click();
    await flash(page, T[lang].jury.flash.noConflict);
    for (const [id, score] of Object.entries(scores)) {
      await page.locator(`input[name="s.${id}"]`).fill(String(score));
      await page.locator(`textarea[name="c.${id}"]`).fill(score >= 8 ? "Démarche structurée, chiffres à l'appui." : "Des actions réelles, peu d'objectifs mesurés.");
    }
    await expectAccessible(page);
    await page.getByRole("button", { name: T[lang].jury.score.submit }).click();
    await flash(page, T[lang].jury.flash.submitted);
  }
  await declareAndScore(juror2, "ar", "AMI-2026", name(ASSOCIATION_UNDER_REVIEW, "ar"), sheetAt(AMI_GRID, 0.6));
  // Once their own sheet is in, the first juror's shows, numbered, never named.
  await expect(juror2.getByRole("heading", { name: T.ar.jury.others.heading })).toBeVisible();

  // 4. The deadline passes while Tamwil's page is still open: the server refuses its submission, keeps the draft.
  await tamwil.waitForTimeout(Math.max(0, closesAt.getTime() + 1_000 - Date.now()));
  await tamwilSubmit.click();
  await expect(tamwil.getByRole("alert").filter({ hasText: T.ar.calls.errors.deadline }).first()).toBeVisible();
  await tamwil.goto(withLang(`/candidatures/${refC}`, "ar"));
  await expect(tamwil.getByText(fill(T.ar.calls.apply.status, { status: T.ar.calls.applicantStatus.draft }))).toBeVisible();

  // 5. Screening and jurors: both submitted applications are eligible; Tamwil's draft has nothing to screen.
  const ops = `/programme/appels/${code}`;
  await operator.goto(`${ops}?vue=candidatures`);
  for (const ref of [refA, refB]) {
    const item = operator.locator("li").filter({ has: operator.getByRole("heading", { name: ref }) });
    await item.getByRole("button", { name: t.callOps.list.markEligible, exact: true }).click();
    await flash(operator, t.callOps.flash.screened);
  }
  await expect(operator.locator("li").filter({ has: operator.getByRole("heading", { name: refC }) })).toContainText(t.callOps.list.notSubmitted);
  await operator.goto(`${ops}?vue=jury`);
  for (const [person, email] of [["Latifa Benkirane", "jury@tiwizi.example.ma"], ["Driss Kettani", "jury2@tiwizi.example.ma"]]) {
    await operator.getByLabel(t.callOps.jury.name, { exact: true }).fill(person);
    await operator.getByLabel(t.callOps.jury.email, { exact: true }).fill(email);
    await operator.getByRole("button", { name: t.callOps.jury.inviteButton }).click();
    await flash(operator, t.callOps.flash.invited);
  }
  for (const ref of [refA, refB]) {
    for (let i = 0; i < 2; i++) {
      const item = operator.locator("li").filter({ has: operator.getByRole("heading", { name: ref }) });
      await item.getByLabel(t.callOps.jury.assignTo).selectOption({ index: 1 });
      await item.getByRole("button", { name: t.callOps.jury.assignButton }).click();
      await flash(operator, t.callOps.flash.assigned);
    }
  }
  await expectAccessible(operator);

  // 6. The jurors declare no conflict and score: the first (French, desktop) finds Chaouia excellent, the second
  // (Arabic, phone) much less so — 40 points apart; both give Saïss 60.
  const juror1 = await personOn(browser, "fr", "jury@tiwizi.example.ma");
  const sheets = { a1: sheetAt(SIRAJ_GRID, 1), a2: sheetAt(SIRAJ_GRID, 0.6), b1: sheetAt(SIRAJ_GRID, 0.6), b2: sheetAt(SIRAJ_GRID, 0.6) };
  await declareAndScore(juror1, "fr", code, refA, sheets.a1);
  await declareAndScore(juror1, "fr", code, refB, sheets.b1);
  await declareAndScore(juror2, "ar", code, refA, sheets.a2);
  await declareAndScore(juror2, "ar", code, refB, sheets.b2);

  // 7. The ranking: Chaouia first with its mean, median and spread, flagged; Saïss second, not flagged.
  const [a1, a2, b1, b2] = [sheets.a1, sheets.a2, sheets.b1, sheets.b2].map((s) => totalOf(SIRAJ_GRID, s));
  expect([a1, a2, b1, b2]).toEqual([100, 60, 60, 60]);
  await operator.goto(`${ops}?vue=classement`);
  const ranked = operator.locator('section[aria-labelledby="results-h"] ol > li');
  await expect(ranked).toHaveCount(2);
  const first = ranked.nth(0);
  await expect(first).toContainText(refA);
  await expect(first).toContainText("#1");
  await expect(first.locator("dd").nth(0)).toHaveText(fill(t.callOps.results.outOf, { value: String((a1 + a2) / 2), max: "100" }));
  await expect(first.locator("dd").nth(1)).toHaveText(String((a1 + a2) / 2));
  await expect(first.locator("dd").nth(2)).toHaveText(String(a1 - a2));
  await expect(first.getByRole("note")).toHaveText(`⚠ ${t.callOps.results.disagreement}`);
  const second = ranked.nth(1);
  await expect(second).toContainText(refB);
  await expect(second).toContainText("#2");
  await expect(second.locator("dd").nth(2)).toHaveText("0");
  await expect(second.getByRole("note")).toHaveCount(0);
  await expectAccessible(operator);

  // 8. Deliberation: Chaouia laureate, Saïss not selected, each with reasons and feedback; released together.
  await operator.goto(`${ops}?vue=deliberation`);
  const decide = async (ref: string, decision: string, reason: string, feedback: string) => {
    const item = operator.locator("li").filter({ hasText: ref }).filter({ has: operator.locator('input[name="intent"][value="decide"]') });
    await item.getByLabel(t.callOps.delib.decision).selectOption(decision);
    await item.getByLabel(t.callOps.delib.reason).fill(reason);
    await item.getByLabel(t.callOps.delib.feedback).fill(feedback);
    await item.getByRole("button", { name: t.callOps.delib.decide }).click();
    await flash(operator, t.callOps.flash.decided);
  };
  await decide(refA, "laureate", "Premier du classement ; démarche RSE complète et mesurée.", "Une démarche exemplaire : continuez à publier vos indicateurs chaque année.");
  await decide(refB, "not_selected", "Résultats encore peu mesurés sur plusieurs axes.", "Des progrès nets depuis 2025 ; fixez des objectifs chiffrés et suivez-les.");
  await operator.getByLabel(t.callOps.delib.confirm).check();
  await operator.getByRole("button", { name: t.callOps.delib.releaseButton }).click();
  await flash(operator, t.callOps.flash.released);

  // 9. Each applicant reads their result, with the jury's feedback and the scores per section.
  await chaouia.goto(`/candidatures/${refA}`);
  await expect(chaouia.getByText(t.calls.decision.laureate, { exact: true })).toBeVisible();
  await expect(chaouia.getByText("Une démarche exemplaire")).toBeVisible();
  await expect(chaouia.getByRole("cell", { name: fill(t.registry.result.totalValue, { score: String((a1 + a2) / 2) }) })).toBeVisible();
  await expect(chaouia.getByRole("row")).toHaveCount(SIRAJ_GRID.length + 2);
  await expectAccessible(chaouia);
  await saiss.goto(withLang(`/candidatures/${refB}`, "ar"));
  await expect(saiss.getByText(T.ar.calls.decision.not_selected, { exact: true })).toBeVisible();
  await expect(saiss.getByText("Des progrès nets depuis 2025")).toBeVisible();
  await expect(saiss.getByLabel(T.ar.registry.result.observationsLabel)).toBeVisible();

  // 10. The label: Chaouia in the registry (Arabic), its verification page, its profile badge and the directory.
  await stranger.goto(withLang(`/siraj?q=${encodeURIComponent(CHAOUIA.name)}`, "ar"));
  const entry = stranger.locator("main li").filter({ hasText: `علامة سراج ${year}` });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(T.ar.registry.state.current);
  await entry.getByRole("link", { name: fill(T.ar.registry.verifyAria, { name: name(CHAOUIA, "ar") }) }).click();
  await stranger.waitForURL(/\/siraj\/[a-km-np-z2-9]{12}/);
  await expect(stranger.getByText(T.ar.registry.check.genuine)).toBeVisible();
  await expect(stranger.getByText(T.ar.registry.check.currentText)).toBeVisible();
  await expectAccessible(stranger);
  await stranger.goto(withLang(`/organisations/${slugify(CHAOUIA.name)}`, "ar"));
  await expect(stranger.getByText(`★ ${T.ar.registry.badge}`)).toBeVisible();
  await operator.goto(`/annuaire?label=siraj&q=${encodeURIComponent("Chaouia")}`);
  const card = operator.locator("main li").filter({ hasText: CHAOUIA.name });
  await expect(card).toHaveCount(1);
  await expect(card.getByText(t.directory.labelNames.siraj)).toBeVisible();
  // Saïss, not selected, carries none.
  await operator.goto(`/annuaire?label=siraj&q=${encodeURIComponent("Saïss")}`);
  await expect(operator.locator("main li").filter({ hasText: SAISS.name })).toHaveCount(0);

  // 11. The AMI's ranking counts the Mohammedia dossier with both sheets, on its four sections.
  await operator.goto("/programme/appels/AMI-2026?vue=classement");
  const mohammedia = operator.locator('section[aria-labelledby="results-h"] ol > li').filter({ hasText: ASSOCIATION_UNDER_REVIEW.name });
  await expect(mohammedia).toContainText(fill(t.callOps.results.reviews, { submitted: "2", assigned: "2" }));
  for (const section of AMI_GRID) await expect(mohammedia.getByText(new RegExp(`^${escape(section.titleFr)}\\s*:\\s*[\\d,]+ / ${section.weight}$`))).toBeVisible();

  expect(errors, "errors in the browser console").toEqual([]);
});
