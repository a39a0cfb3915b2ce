import compression from "compression";
import { createHash } from "node:crypto";
import express from "express";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { pageCache } from "./page-cache";
import { contentSecurityPolicy, securityHeaders } from "./security";

// The page cache in front of a stand-in page that counts its renders and has an inline script with the
// response's nonce, like the real document; and a JSON-LD block, which is data, not a script.
const servers: { close: () => void }[] = [];
afterAll(() => servers.forEach((s) => s.close()));

async function site({ ttlMs = 60_000, maxEntries = 10 } = {}) {
  let renders = 0;
  const app = express();
  app.use(compression());
  app.use(securityHeaders({ https: false, dev: false }));
  app.use(pageCache({ paths: /^\/annuaire$/, ttlMs, maxEntries, maxBytes: 64 * 1024, csp: (n, h) => contentSecurityPolicy(n, false, h) }));
  app.get("/annuaire", (req, res) => {
    renders++;
    if (req.query.flash) res.setHeader("Set-Cookie", "flash=x");
    if (req.query.missing) return void res.status(404).send("nope");
    // As if some text reached the page unescaped: the nonce CSP blocks it, and so must every copy.
    const injected = req.query.inj ? `<script>${String(req.query.inj)}</script>` : "";
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.write(`<html><script nonce="${res.locals.nonce}">window.rendered = ${renders};</script>`);
    res.write(`<script type="application/ld+json">{"@type":"Organization"}</script><script src="/x.js"></script>`);
    res.end(`<p>render ${renders} ${"é".repeat(2000)}</p>${injected}</html>`);
  });
  app.get("/compte", (_req, res) => void res.send(`render ${++renders}`));
  app.post("/organisations/nouvelle", (_req, res) => void res.redirect(303, "/"));
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((r) => server.once("listening", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, { headers });
    const body = await res.text();
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /nonce-([^']+)'/.exec(csp)?.[1];
    return {
      status: res.status,
      body,
      csp,
      nonce,
      cache: res.headers.get("x-page-cache"),
      type: res.headers.get("content-type"),
      encoding: res.headers.get("content-encoding"),
    };
  };
  return { get, base, renders: () => renders };
}

describe("page cache", () => {
  it("serves the same page to anonymous visitors without rendering it again; its scripts run by their hash", async () => {
    const s = await site();
    const first = await s.get("/annuaire?q=argan", { "Accept-Encoding": "gzip" });
    const second = await s.get("/annuaire?q=argan", { "Accept-Encoding": "gzip" });
    expect(s.renders()).toBe(1);
    expect([first.cache, second.cache]).toEqual(["miss", "hit"]);
    expect(second.body).toBe(first.body);
    expect(second.encoding).toBe("gzip");
    expect(second.type).toBe("text/html; charset=utf-8");
    // Each response has its own nonce; the copy's inline script is allowed by its SHA-256, and only it.
    expect(second.nonce).not.toBe(first.nonce);
    const script = /<script nonce="[^"]+">([^<]*)<\/script>/.exec(second.body)![1];
    const hash = createHash("sha256").update(script).digest("base64");
    expect(second.csp).toContain(`script-src 'nonce-${second.nonce}' 'sha256-${hash}' 'strict-dynamic'`);
    expect(second.csp.match(/'sha256-/g)).toHaveLength(1);
    expect(first.csp).not.toContain("sha256");
    // Without gzip, the same bytes uncompressed.
    expect(await s.get("/annuaire?q=argan", { "Accept-Encoding": "identity" })).toMatchObject({ cache: "hit", body: first.body, encoding: null });
    // Another query, another page.
    await s.get("/annuaire?q=miel");
    expect(s.renders()).toBe(2);
  });

  it("keeps languages apart and never caches for a session, a flash or an error", async () => {
    const s = await site();
    await s.get("/annuaire", { Cookie: "lang=ar" });
    await s.get("/annuaire", { Cookie: "lang=fr" });
    await s.get("/annuaire", { "Accept-Language": "en-GB,en" });
    expect(s.renders()).toBe(3);
    expect((await s.get("/annuaire", { Cookie: "lang=ar" })).cache).toBe("hit");

    await s.get("/annuaire", { Cookie: "tiwizi_session=abc; lang=ar" });
    await s.get("/annuaire", { Cookie: "tiwizi_session=abc; lang=ar" });
    expect(s.renders()).toBe(5);
    await s.get("/annuaire?flash=1");
    expect((await s.get("/annuaire?flash=1")).cache).toBe("miss");
    await s.get("/annuaire?missing=1");
    expect((await s.get("/annuaire?missing=1")).status).toBe(404);
    expect(s.renders()).toBe(9);
    // Other paths are not its business.
    await s.get("/compte");
    expect((await s.get("/compte")).body).toBe("render 11");
  });

  it("empties on any form submitted to this process, and copies expire", async () => {
    const s = await site({ ttlMs: 200 });
    await s.get("/annuaire");
    await fetch(`${s.base}/organisations/nouvelle`, { method: "POST", redirect: "manual" });
    expect((await s.get("/annuaire")).cache).toBe("miss");
    expect((await s.get("/annuaire")).cache).toBe("hit");
    await new Promise((r) => setTimeout(r, 250));
    expect((await s.get("/annuaire")).cache).toBe("miss");
    expect(s.renders()).toBe(3);
  });

  it("never caches a page holding an inline script the renderer did not write", async () => {
    const s = await site();
    const first = await s.get("/annuaire?inj=alert(1)");
    const second = await s.get("/annuaire?inj=alert(1)");
    expect([first.cache, second.cache]).toEqual(["miss", "miss"]);
    const injectedHash = createHash("sha256").update("alert(1)").digest("base64");
    for (const r of [first, second]) expect(r.csp).not.toContain(injectedHash);
    expect(s.renders()).toBe(2);
  });

  it("keeps at most maxEntries pages, dropping the oldest", async () => {
    const s = await site({ maxEntries: 2 });
    for (const q of ["a", "b", "c"]) await s.get(`/annuaire?q=${q}`);
    expect((await s.get("/annuaire?q=c")).cache).toBe("hit");
    expect((await s.get("/annuaire?q=a")).cache).toBe("miss");
  });
});
