import { existsSync } from "node:fs";

/**
 * The browser for Playwright: CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's
 * own download (undefined lets Playwright look for it). Fails with instructions when there is none.
 */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  return undefined;
}
