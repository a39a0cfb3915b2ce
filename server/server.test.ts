import express from "express";
import type { AddressInfo } from "node:net";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { healthHandler } from "./health";
import { crossSiteGuard } from "./security";
import { freePort } from "../db/embedded";
import { assertLocalDatabase } from "../db/seed";

const servers: { close: () => void }[] = [];
afterAll(() => servers.forEach((s) => s.close()));

async function serve(app: express.Express) {
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((r) => server.once("listening", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("/healthz", () => {
  it("answers 200 with a reachable database and 503 without", async () => {
    const up = postgres(process.env.DATABASE_URL!, { max: 1 });
    const down = postgres(`postgres://nobody:x@127.0.0.1:${await freePort()}/none`, { max: 1, connect_timeout: 2 });
    const app = express();
    app.get("/up", healthHandler(() => up`select 1`, () => {}));
    app.get("/down", healthHandler(() => down`select 1`, () => {}));
    const base = await serve(app);
    const ok = await fetch(`${base}/up`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ok", database: "ok" });
    const ko = await fetch(`${base}/down`);
    expect(ko.status).toBe(503);
    expect(await ko.json()).toEqual({ status: "error", database: "unreachable" });
    await up.end();
    await down.end();
  });
});

describe("cross-site guard", () => {
  it("refuses non-GET requests from another origin or a cross-site fetch, and lets webhooks through", async () => {
    const app = express();
    app.use(crossSiteGuard("https://tiwizi.example.ma"));
    app.all("*", (_req, res) => {
      res.send("ok");
    });
    const base = await serve(app);
    const post = (path: string, headers: Record<string, string>) => fetch(`${base}${path}`, { method: "POST", headers });
    expect((await post("/connexion", { Origin: "https://evil.example" })).status).toBe(403);
    expect((await post("/connexion", { Origin: "null" })).status).toBe(403);
    expect((await post("/connexion", { "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect((await post("/connexion", { Origin: "https://tiwizi.example.ma" })).status).toBe(200);
    expect((await post("/connexion", { Origin: base })).status).toBe(200);
    expect((await post("/connexion", {})).status).toBe(200);
    // Stripe's webhook, and only that exact path, whatever its headers say.
    expect((await post("/paiement/stripe/webhook", { Origin: "https://stripe.example", "Sec-Fetch-Site": "cross-site" })).status).toBe(200);
    for (const path of ["/paiement/stripe/webhook/x", "/paiement/stripe/webhooks", "/paiement/stripe", "/webhooks/stripe", "/paiement/stripe/webhook.data"]) {
      expect((await post(path, { Origin: "https://evil.example" })).status, path).toBe(403);
    }
    expect((await fetch(`${base}/connexion`, { headers: { Origin: "https://evil.example" } })).status).toBe(200);
  });
});

describe("demo seed", () => {
  it("refuses any database that is not on this machine", () => {
    expect(() => assertLocalDatabase("postgres://u:p@db.example.com:5432/tiwizi")).toThrow(/non-local/);
    expect(() => assertLocalDatabase("postgres://u:p@10.0.0.5/tiwizi")).toThrow(/non-local/);
    expect(() => assertLocalDatabase("postgres://u:p@127.0.0.1:5432/tiwizi")).not.toThrow();
    expect(() => assertLocalDatabase("postgres://u:p@localhost/tiwizi")).not.toThrow();
  });
});
