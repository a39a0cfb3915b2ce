import type { NextFunction, Request, Response } from "express";

/** `hashes`: base64 SHA-256 of inline scripts allowed by content (a cached page's; see page-cache.ts). */
export function contentSecurityPolicy(nonce: string, dev: boolean, hashes: string[] = []) {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}'${hashes.map((h) => ` 'sha256-${h}'`).join("")} 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    // A form may end on Stripe's payment page (checkout → /paiement/<id> → Checkout) without JavaScript.
    "form-action 'self' https://checkout.stripe.com",
  ].join("; ");
}

export function securityHeaders(opts: { https: boolean; dev: boolean }) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
    res.locals.nonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, opts.dev));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (opts.https) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Posted to by other servers and authenticated by their signature: exactly these paths, nothing under them. */
export const WEBHOOK_PATHS: ReadonlySet<string> = new Set(["/paiement/stripe/webhook"]);

/**
 * Non-GET requests from another site get 403: a present Origin must be this site's, and
 * Sec-Fetch-Site must not say cross-site. Webhooks are exempt (they are signed).
 */
export function crossSiteGuard(appUrl: string) {
  const allowed = new URL(appUrl).origin;
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || WEBHOOK_PATHS.has(req.path)) return next();
    const origin = req.get("Origin");
    const own = `${req.protocol}://${req.get("Host")}`;
    const fetchSite = req.get("Sec-Fetch-Site");
    if (fetchSite === "cross-site" || (origin && origin !== "null" && origin !== allowed && origin !== own) || origin === "null") {
      res.status(403).type("text/plain").send("Forbidden: cross-site request");
      return;
    }
    next();
  };
}

/** Refuses request bodies larger than `max` bytes before anything reads them (413). */
export function bodyLimit(max: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const length = Number(req.get("Content-Length") ?? 0);
    if (length > max) {
      res.status(413).type("text/plain").send("Payload too large");
      return;
    }
    next();
  };
}

/** `?lang=` is remembered in a cookie, so the choice survives links without it. */
export function rememberLanguage(https: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const lang = req.query.lang;
    const remembered = /(?:^|;\s*)lang=(\w+)/.exec(req.headers.cookie ?? "")?.[1];
    // Only when it changes, so pages in the remembered language stay cacheable (server/page-cache.ts).
    if (req.method === "GET" && (lang === "fr" || lang === "ar" || lang === "en") && lang !== remembered) {
      res.append(
        "Set-Cookie",
        `lang=${lang}; Path=/; Max-Age=31536000; SameSite=Lax${https ? "; Secure" : ""}`,
      );
    }
    next();
  };
}
