import { expect } from "@playwright/test";
import { slugify } from "../../app/modules/organizations/slug";
import { SEED_ORGANIZATIONS } from "../../db/seed-data";
import { DEMO_PASSWORD, expectAccessible, logIn, logOut, test } from "./support";

// Profile addresses of the demo organisations, as the seed makes them.
const slugOf = (key: string) => slugify(SEED_ORGANIZATIONS.find((o) => o.key === key)!.name);

test("a company writes to a cooperative; the cooperative reads and replies, in French then Arabic", async ({ page }) => {
  const cooperative = slugOf("demo-cooperative");

  const subject = `Visite de la coopérative ${Date.now().toString(36)}`;
  await logIn(page, "entreprise@tiwizi.example.ma", DEMO_PASSWORD);
  // The demo reply from the cooperative waits unread: the header says so.
  await expect(page.getByRole("link", { name: /Messages.*conversation\(s\) non lue\(s\)/ })).toBeVisible();
  await page.goto(`/organisations/${cooperative}`);
  await page.getByRole("link", { name: "Écrire à cette organisation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Écrire à");
  await page.getByLabel("Sujet").fill(subject);
  await page.getByLabel("Message").fill("x".repeat(10));
  await expectAccessible(page);
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("status")).toContainText("Message envoyé.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
  await logOut(page);

  await logIn(page, "cooperative@tiwizi.example.ma", DEMO_PASSWORD, "ar");
  await page.getByRole("link", { name: /الرسائل/ }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expectAccessible(page);
  await page.getByRole("link", { name: new RegExp(subject) }).click();
  await page.getByLabel("الرسالة").fill("مرحبا، يسعدنا استقبالكم يوم الثلاثاء.");
  await page.getByRole("button", { name: "إرسال" }).click();
  await expect(page.getByRole("status")).toContainText("تم إرسال الرد.");
  await expect(page.getByText("مرحبا، يسعدنا استقبالكم يوم الثلاثاء.")).toBeVisible();
  await expect(page.getByLabel("الرسالة")).toHaveValue("");
  await expectAccessible(page);
});

test("a company asks to join a network; the network accepts; its members are searchable without accents", async ({ page }) => {
  const network = slugOf("demo-network");
  await page.goto(`/organisations/${network}`);
  await page.getByLabel("Chercher un membre par son nom").fill("cooperative");
  await page.getByRole("button", { name: "Chercher" }).click();
  await expect(page).toHaveURL(/q=cooperative/);
  await expect(page.getByText(/membre\(s\) pour « cooperative »/)).toBeVisible();
  await expectAccessible(page);

  await logIn(page, "entreprise@tiwizi.example.ma", DEMO_PASSWORD);
  await page.goto(`/organisations/${network}`);
  await page.getByRole("link", { name: "Demander à rejoindre ce réseau" }).click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(page.getByRole("status")).toContainText("Demande envoyée");
  await logOut(page);

  await logIn(page, "reseau@tiwizi.example.ma", DEMO_PASSWORD);
  await page.goto(`/organisations/${network}/membres`);
  const requests = page.getByRole("region", { name: "Demandes d'adhésion" });
  const company = slugOf("demo-company");
  await expect(requests.locator(`a[href="/organisations/${company}"]`)).toBeVisible();
  await expectAccessible(page);
  await requests.locator("li", { has: page.locator(`a[href="/organisations/${company}"]`) }).getByRole("button", { name: /^Accepter/ }).click();
  await expect(page.getByRole("status")).toContainText("fait maintenant partie du réseau");
  // Leave the demo as it was: the company leaves the network again.
  const members = page.getByRole("region", { name: "Organisations membres du réseau" });
  await members.locator("li", { has: page.locator(`a[href="/organisations/${company}"]`) }).getByRole("button").click();
  await expect(members.locator(`a[href="/organisations/${company}"]`)).toHaveCount(0);
});
