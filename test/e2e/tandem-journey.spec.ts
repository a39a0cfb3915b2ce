import { expect, type Browser, type Page } from "@playwright/test";
import ar from "../../app/i18n/ar.json" with { type: "json" };
import fr from "../../app/i18n/fr.json" with { type: "json" };
import agreements from "../../app/i18n/features/agreements.json" with { type: "json" };
import certificates from "../../app/i18n/features/certificates.json" with { type: "json" };
import evaluations from "../../app/i18n/features/evaluations.json" with { type: "json" };
import programme from "../../app/i18n/features/programme.json" with { type: "json" };
import running from "../../app/i18n/features/running.json" with { type: "json" };
import tandems from "../../app/i18n/features/tandems.json" with { type: "json" };
import { slugify } from "../../app/modules/organizations/slug";
import { todayInMorocco } from "../../app/modules/tandems/schemas";
import { SEED_ORGANIZATIONS } from "../../db/seed-data";
import { DEMO_PASSWORD, expectAccessible, logIn, test } from "./support";

// Issue 5's promise, on the demo data, in French at desktop size and in Arabic (right to left) on a 360 px
// phone: a company finds an association through its suggestions and proposes a tandem; the association
// accepts; both approve the agreement; sessions are logged and confirmed; both evaluate at mid-term and at
// the end; the certificate verifies from its URL for anyone; the operator exports the programme as CSV.
// Each organisation works in its own browser session, as two people on two phones would.

const seed = (key: string) => SEED_ORGANIZATIONS.find((o) => o.key === key)!;
const COMPANY = seed("demo-company");
const ASSOCIATION = seed("demo-association");
const SKILLS = ["finance", "management"];
const day = (offset: number) => new Date(Date.parse(`${todayInMorocco()}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

test("a company and an association run a tandem from the suggestion to a verified certificate", async ({ browser }, info) => {
  test.setTimeout(300_000);
  const lang = info.project.name === "phone-360" ? "ar" : "fr";
  const pick = <C extends Record<"fr" | "ar", unknown>>(c: C) => c[lang] as C["fr"];
  const t = { ...(lang === "ar" ? ar : fr), tandems: pick(tandems), agreements: pick(agreements), running: pick(running), evaluations: pick(evaluations), certificates: pick(certificates), programme: pick(programme) };
  const name = (o: { name: string; nameAr?: string | null }) => (lang === "ar" && o.nameAr ? o.nameAr : o.name);
  const fill = (template: string, vars: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? "");

  const errors: string[] = [];
  async function personOn(b: Browser, email?: string) {
    const { viewport, isMobile, hasTouch, baseURL, locale } = info.project.use;
    const context = await b.newContext({ viewport, isMobile, hasTouch, baseURL, locale });
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) errors.push(`console: ${m.text()}`);
    });
    if (email) await logIn(page, email, DEMO_PASSWORD, lang);
    return page;
  }
  const company = await personOn(browser, "entreprise@tiwizi.example.ma");
  const association = await personOn(browser, "association@tiwizi.example.ma");
  const submit = (page: Page, intent: string) => page.locator(`form:has(input[name="intent"][value="${intent}"]) button[type="submit"]`).first().click();
  const flash = (page: Page, text: string) => expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();

  // 1. The company finds the association among its suggested partners and proposes a tandem.
  await company.goto(`/organisations/${slugify(COMPANY.name)}/partenaires?lang=${lang}`);
  const suggestion = company.locator("li", { has: company.getByRole("link", { name: name(ASSOCIATION), exact: true }) });
  await suggestion.getByRole("link", { name: t.tandems.propose.link }).click();
  await expect(company.getByRole("heading", { level: 1 })).toHaveText(fill(t.tandems.propose.title, { name: name(ASSOCIATION) }));
  await expect(company.locator("html")).toHaveAttribute("dir", lang === "ar" ? "rtl" : "ltr");
  for (const box of await company.locator('input[name="skills"]').all()) await box.setChecked(SKILLS.includes((await box.getAttribute("value"))!));
  await company.getByLabel(t.tandems.propose.objectives).fill("Mettre en place une comptabilité analytique et un budget annuel suivi chaque mois.");
  await company.getByLabel(t.tandems.propose.expectedHours).fill("3");
  await company.getByLabel(t.tandems.propose.periodStart, { exact: true }).fill(day(1));
  await company.getByLabel(t.tandems.propose.periodEnd, { exact: true }).fill(day(60));
  await company.getByLabel(t.tandems.propose.message).fill("Notre directrice financière peut venir deux matinées par mois.");
  await expectAccessible(company);
  await company.getByRole("button", { name: t.tandems.propose.submit }).click();
  await flash(company, t.tandems.propose.sent);

  // 2. The association accepts it from its tandems page.
  await association.goto(`/organisations/${slugify(ASSOCIATION.name)}/tandems?lang=${lang}`);
  const proposal = association.locator("li", { hasText: name(COMPANY) }).filter({ has: association.getByRole("button", { name: t.tandems.list.accept }) });
  await expect(proposal).toHaveCount(1);
  await proposal.getByRole("button", { name: t.tandems.list.accept }).click();
  await flash(association, t.tandems.list.accepted);
  await association.locator("li", { hasText: name(COMPANY) }).getByRole("link", { name: /TDM-/ }).first().click();
  await association.waitForURL(/\/tandems\/TDM-\d{4}-\d{4}/);
  const number = /TDM-\d{4}-\d{4}/.exec(association.url())![0];
  await expectAccessible(association);

  // 3. The agreement: the association sets the terms (it began a month ago), the company adds its volunteer;
  // both approve the same version and the tandem is under way.
  await association.getByRole("link", { name: t.running.agreement }).click();
  await association.getByLabel(t.agreements.fields.hoursCommitted).fill("3");
  await association.getByLabel(t.agreements.fields.startDate, { exact: true }).fill(day(-30));
  await association.getByLabel(t.agreements.fields.endDate, { exact: true }).fill(day(30));
  await association.getByLabel(t.agreements.fields.focalPerson).selectOption({ label: "Khadija Alaoui" });
  await association.getByLabel(t.agreements.fields.deliverables).fill("Un plan comptable, un budget, un tableau de bord mensuel.");
  await submit(association, "save");
  await flash(association, t.agreements.saved);
  await submit(association, "approve");
  await flash(association, t.agreements.approved);

  await company.goto(`/tandems/${number}/accord?lang=${lang}`);
  await company.getByLabel(t.agreements.volunteerName).fill("Mehdi Tazi");
  await company.getByLabel(t.agreements.volunteerEmail).fill("entreprise@tiwizi.example.ma");
  await submit(company, "invite");
  await flash(company, t.agreements.invited);
  await expectAccessible(company);
  await submit(company, "approve");
  await flash(company, t.agreements.approved);
  await expect(company.getByText(t.agreements.status.active, { exact: true })).toBeVisible();

  // 4. Sessions: the company logs two hours with its volunteer; the association confirms them and logs one
  // hour of its own, which the company confirms. Progress counts confirmed hours only.
  await company.goto(`/tandems/${number}?lang=${lang}`);
  await company.getByText(t.running.logTitle).click();
  await company.getByLabel(t.running.fields.heldOn).fill(day(-20));
  await company.getByLabel(t.running.fields.hours, { exact: true }).fill("2");
  await company.getByLabel(t.running.fields.minutes, { exact: true }).fill("0");
  await company.getByLabel(t.running.fields.topic).fill("Plan comptable");
  await company.getByRole("checkbox", { name: "Mehdi Tazi" }).check();
  await company.getByLabel(t.running.fields.notes).fill("Atelier avec la trésorière");
  await expectAccessible(company);
  await submit(company, "log");
  await flash(company, t.running.logged);
  await expect(company.getByText(t.running.toConfirm)).toBeVisible();

  await association.goto(`/tandems/${number}?lang=${lang}`);
  await association.getByRole("button", { name: fill(t.running.confirmLabel, { topic: "Plan comptable" }) }).click();
  await flash(association, t.running.confirmed);
  await association.getByText(t.running.logTitle).click();
  await association.getByLabel(t.running.fields.heldOn).fill(day(-5));
  await association.getByLabel(t.running.fields.hours, { exact: true }).fill("1");
  await association.getByLabel(t.running.fields.minutes, { exact: true }).fill("0");
  await association.getByLabel(t.running.fields.topic).fill("Budget annuel");
  await submit(association, "log");
  await flash(association, t.running.logged);
  await expect(association.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "67");

  // 5. Mid-term evaluations, both sides (the period is half gone).
  for (const page of [association, company]) {
    const form = page.locator('form:has(input[name="intent"][value="midterm"])');
    await form.getByRole("radio", { name: t.evaluations.yes, exact: true }).check();
    await form.getByRole("radio", { name: "4", exact: true }).check();
    await form.getByLabel(t.evaluations.toChange).fill("Prévoir les séances plus tôt dans le mois.");
    await form.getByRole("button", { name: t.evaluations.submit }).click();
    await flash(page, t.evaluations.saved);
  }

  // The company confirms the association's hour: three hours given, as committed, so the final opens.
  await company.getByRole("button", { name: fill(t.running.confirmLabel, { topic: "Budget annuel" }) }).click();
  await flash(company, t.running.confirmed);
  await expect(company.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");

  // 6. Final evaluations: the company's, then the association's with its self-assessment; the tandem is completed.
  const companyFinal = company.locator('form:has(input[name="intent"][value="final"])');
  await companyFinal.getByRole("radio", { name: t.evaluations.yes, exact: true }).check();
  await companyFinal.getByRole("radio", { name: "5", exact: true }).check();
  await companyFinal.getByLabel(t.evaluations.transferred).fill("Méthodes de budget, modèle de tableau de bord.");
  await companyFinal.getByRole("button", { name: t.evaluations.submit }).click();
  await flash(company, t.evaluations.saved);

  await association.reload();
  const final = association.locator('form:has(input[name="intent"][value="final"])');
  await final.getByRole("radio", { name: t.evaluations.yes, exact: true }).check();
  await final.getByRole("radio", { name: "5", exact: true }).check();
  await final.getByLabel(t.evaluations.transferred).fill("Un plan comptable et un budget que nous tenons seules.");
  for (const skill of SKILLS) {
    await final.locator(`select[name="before.${skill}"]`).selectOption("2");
    await final.locator(`select[name="after.${skill}"]`).selectOption("4");
  }
  await expectAccessible(association);
  await final.getByRole("button", { name: t.evaluations.submit }).click();
  await flash(association, t.evaluations.saved);
  await expect(association.getByText(fill(t.running.status, { status: t.agreements.status.completed }))).toBeVisible();

  // 7. The certificates: the volunteer's opens, and anyone can check it from its URL.
  const certificatesList = association.locator("section", { has: association.getByRole("heading", { name: t.certificates.title }) });
  await expect(certificatesList.getByRole("link")).toHaveCount(2);
  await certificatesList.getByRole("link", { name: "Mehdi Tazi" }).click();
  await association.waitForURL(/\/tandems\/certificat\/[a-z2-9]{12}/);
  const certificateUrl = new URL(association.url()).pathname;
  const stranger = await personOn(browser);
  await stranger.goto(`${certificateUrl}?lang=${lang}`);
  await expect(stranger.getByRole("status")).toHaveText(fill(t.certificates.genuine, { number }));
  await expect(stranger.getByText("Mehdi Tazi")).toBeVisible();
  await expect(stranger.getByText(certificateUrl)).toBeVisible();
  await expectAccessible(stranger);
  const forged = await stranger.goto(certificateUrl.replace(/.$/, (c) => (c === "a" ? "b" : "a")));
  expect(forged?.status()).toBe(404);

  // 8. The operator sees the tandem in the programme and exports it as CSV.
  const operator = await personOn(browser, "operateur@tiwizi.example.ma");
  await operator.goto(`/programme/tandems?lang=${lang}&q=${number}`);
  await expect(operator.locator(`main a[href*="/tandems/${number}"]`)).toBeVisible();
  await expectAccessible(operator);
  const [download] = await Promise.all([operator.waitForEvent("download"), operator.getByRole("link", { name: t.programme.list.export }).click()]);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv as Buffer[]).toString("utf8");
  expect(text).toContain(number);
  expect(text.split("\n").filter((line) => line.includes(number))).toHaveLength(1);

  expect(errors, "errors in the browser console").toEqual([]);
});
