import type { NextFunction, Request, Response } from "express";

type Entry = { at: number; status: number; headers: [string, string][]; body: Buffer };

// Headers that belong to one response, never to a copy: the CSP carries this response's nonce,
// the length and encoding are the compression middleware's.
const OWN_HEADERS = new Set(["content-security-policy", "content-length", "content-encoding", "set-cookie", "date", "etag"]);
// Where the nonce stood in a cached body; each copy gets the nonce of the response it is served in.
const NONCE_MARK = "\u0000nonce\u0000";

/**
 * A few seconds' cache of public pages for visitors without a session (the directory, the home page):
 * those pages are the same for everyone who asks the same URL in the same language, and rendering them
 * costs far more than copying them. Anything personal bypasses it — any cookie but the language one,
 * any response that sets a cookie or is not a 200. A form submitted to this process empties it at once;
 * other processes catch up within `ttlMs`.
 */
export function pageCache(opts: { paths: RegExp; ttlMs: number; maxEntries: number; maxBytes: number }) {
  const entries = new Map<string, Entry>();

  return function pageCacheMiddleware(req: Request, res: Response, next: NextFunction) {
    if (req.method !== "GET") {
      if (req.method !== "HEAD" && req.method !== "OPTIONS") entries.clear();
      return next();
    }
    if (!opts.paths.test(req.path) || !anonymous(req.headers.cookie)) return next();

    const key = `${req.originalUrl}\n${languageCookie(req.headers.cookie) ?? ""}\n${req.headers["accept-language"] ?? ""}`;
    const nonce = String(res.locals.nonce ?? "");
    const hit = entries.get(key);
    if (hit && Date.now() - hit.at < opts.ttlMs) {
      for (const [name, value] of hit.headers) res.setHeader(name, value);
      res.setHeader("X-Page-Cache", "hit");
      res.status(hit.status).end(nonce ? Buffer.from(hit.body.toString("utf8").replaceAll(NONCE_MARK, nonce)) : hit.body);
      return;
    }
    if (hit) entries.delete(key);

    // A miss: let the page render, keeping a copy of what it writes.
    const chunks: Buffer[] = [];
    let size = 0;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk == null || typeof chunk === "function" || size > opts.maxBytes) return;
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk)
          : Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
      chunks.push(buffer);
      size += buffer.length;
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as Response["write"];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      if (res.statusCode === 200 && !res.getHeader("set-cookie") && size <= opts.maxBytes) {
        const body = Buffer.concat(chunks).toString("utf8");
        entries.set(key, {
          at: Date.now(),
          status: 200,
          headers: Object.entries(res.getHeaders())
            .filter(([name]) => !OWN_HEADERS.has(name))
            .map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : String(value)]),
          body: Buffer.from(nonce ? body.replaceAll(nonce, NONCE_MARK) : body),
        });
        // Oldest out first: Map keeps insertion order.
        while (entries.size > opts.maxEntries) entries.delete(entries.keys().next().value!);
      }
      return end(chunk, ...rest);
    }) as Response["end"];
    res.setHeader("X-Page-Cache", "miss");
    next();
  };
}

function cookieNames(header: string | undefined) {
  return (header ?? "")
    .split(";")
    .map((part) => part.trim().split("=")[0])
    .filter(Boolean);
}

/** Only the language choice may be there: a session, a flash message or anything else makes it personal. */
function anonymous(header: string | undefined) {
  return cookieNames(header).every((name) => name === "lang");
}

function languageCookie(header: string | undefined) {
  return (header ?? "")
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith("lang="));
}
