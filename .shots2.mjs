import { chromium } from "@playwright/test";
const base = "http://localhost:3222";
const [,, path, prefix, lang = "ar", email = "admin@tiwizi.example.ma"] = process.argv;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const ctx = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true });
const page = await ctx.newPage();
if (email !== "-") {
  await page.goto(`${base}/connexion?lang=${lang}`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', "Tiwizi-Demo-2026");
  await page.click('form[method="post"] button[type="submit"]');
  await page.waitForURL(/compte/);
}
await page.goto(`${base}${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
const height = await page.evaluate(() => document.documentElement.scrollHeight);
for (let y = 0, i = 0; y < height && i < 6; y += 760, i++) {
  await page.evaluate((y) => window.scrollTo(0, y), y);
  await page.screenshot({ path: `/tmp/w/shots/${prefix}-${i}.png` });
}
await browser.close();
