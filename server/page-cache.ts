import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { NextFunction, Request, Response } from "express";

type Entry = {
  at: number;
  headers: [string, string][];
  body: Buffer;
  gzipped: Buffer;
  /** SHA-256 (base64) of each inline script, for this copy's Content-Security-Policy */
  scriptHashes: string[];
};

// Headers that belong to one response, never to a copy: the length and encoding are set per copy,
// the CSP is rebuilt for each (fresh nonce, plus the copy's script hashes).
const OWN_HEADERS = new Set(["content-security-policy", "content-length", "content-encoding", "set-cookie", "date", "etag", "vary"]);

/**
 * The hashes of a rendered page's inline scripts (those that run: not `src=` ones, not JSON-LD data), or
 * null when one of them lacks this render's nonce. Only scripts the renderer itself wrote carry the nonce;
 * any other one was blocked by the nonce CSP of the first response and must stay blocked in every copy,
 * so such a page is not cached at all.
 */
function inlineScriptHashes(html: string, nonce: string): string[] | null {
  const hashes = new Set<string>();
  for (const [, attributes, text] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(attributes) || /type\s*=\s*"application\/ld\+json"/i.test(attributes)) continue;
    if (!nonce || !attributes.includes(`nonce="${nonce}"`)) return null;
    hashes.add(createHash("sha256").update(text, "utf8").digest("base64"));
  }
  return [...hashes];
}

/**
 * A few seconds' cache of public pages for visitors without a session (the directory, the home page):
 * those pages are the same for everyone who asks the same URL in the same language, and rendering and
 * compressing them costs far more than sending a copy. A copy's inline scripts are allowed by their
 * hashes in that response's CSP, so the stored bytes (gzipped once) are sent as they are, while every
 * response still gets a fresh nonce. Anything personal bypasses the cache — any cookie but the language
 * one, any response that sets a cookie or is not a 200. A form submitted to this process empties it at
 * once; other processes catch up within `ttlMs`.
 */
export function pageCache(opts: {
  paths: RegExp;
  ttlMs: number;
  maxEntries: number;
  maxBytes: number;
  csp: (nonce: string, scriptHashes: string[]) => string;
}) {
  const entries = new Map<string, Entry>();

  return function pageCacheMiddleware(req: Request, res: Response, next: NextFunction) {
    if (req.method !== "GET") {
      if (req.method !== "HEAD" && req.method !== "OPTIONS") entries.clear();
      return next();
    }
    if (!opts.paths.test(req.path) || !anonymous(req.headers.cookie)) return next();

    const key = `${req.originalUrl}\n${languageCookie(req.headers.cookie) ?? ""}\n${req.headers["accept-language"] ?? ""}`;
    const hit = entries.get(key);
    if (hit && Date.now() - hit.at < opts.ttlMs) {
      for (const [name, value] of hit.headers) res.setHeader(name, value);
      res.setHeader("Content-Security-Policy", opts.csp(String(res.locals.nonce ?? ""), hit.scriptHashes));
      res.setHeader("Vary", "Accept-Encoding");
      res.setHeader("X-Page-Cache", "hit");
      // Already compressed: the compression middleware leaves an encoded body alone.
      const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
      if (gzip) res.setHeader("Content-Encoding", "gzip");
      res.status(200).end(gzip ? hit.gzipped : hit.body);
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
      const body = res.statusCode === 200 && !res.getHeader("set-cookie") && size <= opts.maxBytes ? Buffer.concat(chunks) : null;
      const html = String(res.getHeader("content-type") ?? "").startsWith("text/html");
      const scriptHashes = body && html ? inlineScriptHashes(body.toString("utf8"), String(res.locals.nonce ?? "")) : [];
      if (body && scriptHashes) {
        entries.set(key, {
          at: Date.now(),
          headers: Object.entries(res.getHeaders())
            .filter(([name]) => !OWN_HEADERS.has(name))
            .map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : String(value)]),
          body,
          gzipped: gzipSync(body),
          scriptHashes,
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
