import { expect } from "@playwright/test";
import ar from "../../app/i18n/ar.json" with { type: "json" };
import fr from "../../app/i18n/fr.json" with { type: "json" };
import { DEMO_PASSWORD, expectAccessible, logIn, logOut, test, uniqueEmail } from "./support";

const catalogs = { fr, ar } as const;

// The whole first visit of a cooperative manager, in French and in Arabic, at desktop and 360 px:
// sign up → read the verification e-mail → verify → create a cooperative → fill its profile in
// Arabic → see the public page → an admin verifies it.
for (const lang of ["fr", "ar"] as const) {
  test(`a cooperative joins Tiwizi and gets verified (${lang})`, async ({ page }) => {
    const t = catalogs[lang];
    // Explicit, since the Arabic page visited midway is remembered by a cookie.
    const q = `?lang=${lang}`;
    const email = uniqueEmail(`coop-${lang}`);
    const password = "Argan et safran 2026";

    await page.goto(`/inscription${q}`);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.locator("html")).toHaveAttribute("dir", lang === "ar" ? "rtl" : "ltr");
    await expectAccessible(page);
    await page.getByLabel(t.fields.name).fill(lang === "ar" ? "فاطمة أيت باها" : "Fatima Aït Baha");
    await page.getByLabel(t.fields.email).fill(email);
    await page.getByLabel(t.fields.password).fill(password);
    // Forgetting consent keeps what was typed and says why.
    await page.getByRole("button", { name: t.signup.submit }).click();
    await expect(page.getByText(t.errors.consentRequired)).toBeVisible();
    await expect(page.getByLabel(t.fields.email)).toHaveValue(email);
    await page.getByLabel(t.fields.password).fill(password);
    await page.getByRole("checkbox").check();
    await page.getByRole("button", { name: t.signup.submit }).click();
    await expect(page.getByRole("heading", { name: t.signup.checkTitle })).toBeVisible();
    await expectAccessible(page);

    // The local mailbox (loopback): the e-mail arrives through the pg-boss worker.
    await expect(async () => {
      await page.goto(`/dev/mail?to=${encodeURIComponent(email)}`);
      await expect(page.getByRole("article", { name: t.email.verify.subject })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expectAccessible(page);
    await page.getByRole("article", { name: t.email.verify.subject }).getByRole("link").first().click();
    await expect(page.getByRole("heading", { name: t.verify.title })).toBeVisible();
    await page.getByRole("button", { name: t.verify.submit }).click();
    await expect(page.getByText(t.verify.done)).toBeVisible();

    await logIn(page, email, password, lang);
    await expect(page.getByText(t.account.emailVerified)).toBeVisible();
    await expectAccessible(page);

    await page.goto(`/organisations/nouvelle${q}`);
    await expectAccessible(page);
    await page.getByRole("radio", { name: new RegExp(t.kinds.cooperative) }).check();
    const name = `Coopérative Tamount ${lang.toUpperCase()} ${Date.now().toString(36)}`;
    await page.getByLabel(t.fields.orgName).fill(name);
    await page.getByLabel(t.fields.region).selectOption("09");
    await page.getByRole("button", { name: t.orgNew.submit }).click();
    await expect(page.getByRole("heading", { name: t.orgEdit.title })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel(t.fields.orgNameAr).fill("تعاونية تامونت للأركان");
    await page.getByLabel(t.fields.city).fill("Aït Baha");
    await page.getByLabel(t.fields.foundedYear).fill("2011");
    await page.getByLabel(t.fields.membersCount).fill("38");
    await page.getByLabel(t.fields.womenLed).check();
    await page.getByLabel(t.themes.women).check();
    await page.getByLabel(t.sectors.argan).check();
    await page.getByLabel(t.fields.descriptionAr).fill("ثمان وثلاثون امرأة من آيت باها يستخرجن زيت الأركان بالطريقة التقليدية ويبعنه مباشرة.");
    await page.getByLabel(t.fields.phone, { exact: true }).fill("06 61 23 45 67");
    // A wrong phone number comes back with a clear error; what was typed stays.
    await page.getByLabel(t.fields.whatsapp, { exact: true }).fill("12345");
    await page.getByRole("button", { name: t.actions.save }).first().click();
    await expect(page.getByText(t.errors.phone)).toBeVisible();
    await expect(page.getByLabel(t.fields.descriptionAr)).toHaveValue(/ثمان وثلاثون/);
    await page.getByLabel(t.fields.whatsapp, { exact: true }).fill("0661234567");
    await page.locator('input[name="whatsappPublic"]').check();
    await page.getByRole("button", { name: t.actions.save }).first().click();

    // The public page, right-to-left in Arabic, not yet verified, the manager's phone kept private.
    await expect(page.getByText(t.verification.notYet)).toBeVisible();
    const profileUrl = page.url();
    await page.goto(profileUrl.replace(/\?.*$/, "") + "?lang=ar");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1, name: "تعاونية تامونت للأركان" })).toBeVisible();
    await expect(page.getByText("ثمان وثلاثون امرأة")).toBeVisible();
    await expectAccessible(page);
    await logOut(page);
    await page.goto(profileUrl.replace(/\?.*$/, "") + "?lang=ar");
    await expect(page.getByRole("link", { name: ar.profile.whatsapp })).toBeVisible();
    await expect(page.locator('a[href^="tel:"]')).toHaveCount(0);

    // An admin verifies it; the badge shows and the owner is told.
    await logIn(page, "admin@tiwizi.example.ma", DEMO_PASSWORD, lang);
    await page.goto(`/admin/organisations${q}`);
    await expectAccessible(page);
    const card = page.getByRole("listitem").filter({ hasText: name });
    await card.getByRole("button", { name: t.admin.verify }).click();
    await expect(page.getByText(t.admin.verifiedDone)).toBeVisible();
    await page.goto(`${profileUrl.replace(/\?.*$/, "")}${q}`);
    await expect(page.getByText(`✓ ${t.verification.verified}`)).toBeVisible();
    await logOut(page);
  });
}
