import { redirect } from "@remix-run/node";
import type { MessageKey } from "~/i18n/i18n";
import { cookieValue } from "~/i18n/locale.server";

const NAME = "flash";

/** Redirects with a one-time confirmation message (a translation key), shown by the layout. */
export function redirectWithFlash(to: string, message: MessageKey, init?: ResponseInit) {
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", `${NAME}=${encodeURIComponent(message)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=60`);
  return redirect(to, { ...init, headers });
}

export function readFlash(request: Request): { message: string | null; clear: string | null } {
  const message = cookieValue(request, NAME) ?? null;
  return { message, clear: message ? `${NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` : null };
}
