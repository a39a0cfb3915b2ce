import { chromium } from "@playwright/test";
import { existsSync } from "node:fs";

/**
 * The browser for Playwright: CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's
 * own download. With none, the run stops here and says how to get one.
 */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", safeBundledPath()].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  throw new Error(
    [
      "No Chromium found for the browser tests. Any one of these gives you one:",
      "  - Debian/Ubuntu: sudo apt-get install chromium   (then /usr/bin/chromium is used)",
      "  - set CHROMIUM_PATH to a Chromium or Chrome executable",
      "  - npx playwright install chromium   (where the network allows the download)",
    ].join("\n"),
  );
}

function safeBundledPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}
