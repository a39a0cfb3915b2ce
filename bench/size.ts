// First-load JavaScript per route, gzipped: every script a first visit downloads (module
// preloads, script tags, inline scripts). Writes bench/results/size.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { startBenchServer } from "./server";

const PUBLIC = [
  "/",
  "/?lang=ar",
  "/inscription",
  "/connexion",
  "/mot-de-passe-oublie",
  "/organisations/cooperative-feminine-tafoukt-nait-baha",
  "/organisations/reseau-national-tiwizi-de-less",
  "/annuaire",
  "/marche",
  "/confidentialite",
  "/bench/bare",
];
const SIGNED_IN = ["/compte", "/organisations/nouvelle", "/admin"];
const GOAL = 110 * 1024;

const server = await startBenchServer();
const gz = (text: string | Uint8Array) => gzipSync(text, { level: 6 }).length;
const assetCache = new Map<string, number>();

async function assetSize(url: string) {
  if (!assetCache.has(url)) assetCache.set(url, gz(new Uint8Array(await (await fetch(url)).arrayBuffer())));
  return assetCache.get(url)!;
}

async function measure(path: string, cookie?: string) {
  const res = await fetch(`${server.base}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  const html = await res.text();
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) srcs.add(m[1]);
  for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) srcs.add(m[1]);
  for (const m of html.matchAll(/import\("([^"]+\.js)"\)|from "([^"]+\.js)"|import "([^"]+\.js)"/g)) srcs.add(m[1] ?? m[2] ?? m[3]);
  let bytes = 0;
  for (const src of srcs) bytes += await assetSize(new URL(src, server.base).href);
  for (const m of html.matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)) if (m[1].trim()) bytes += gz(m[1]);
  return { jsGzipBytes: bytes, files: srcs.size };
}

async function logIn(email: string, password: string) {
  const res = await fetch(`${server.base}/connexion`, {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
    headers: { Origin: server.base },
  });
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}

try {
  const routes: Record<string, { jsGzipBytes: number; public: boolean }> = {};
  for (const path of PUBLIC) routes[path] = { ...(await measure(path)), public: true };
  const cookie = await logIn("admin@tiwizi.example.ma", "Tiwizi-Demo-2026");
  for (const path of SIGNED_IN) routes[path] = { ...(await measure(path, cookie)), public: false };

  const rows = Object.entries(routes).map(([path, r]) => {
    const kb = (r.jsGzipBytes / 1024).toFixed(1);
    const verdict = r.public ? (r.jsGzipBytes <= GOAL ? "ok" : "OVER GOAL") : "";
    return `${path.padEnd(56)} ${kb.padStart(7)} KB  ${verdict}`;
  });
  console.log(`First-load JavaScript, gzipped (goal ≤ ${GOAL / 1024} KB on public pages)`);
  console.log(rows.join("\n"));
  mkdirSync("bench/results", { recursive: true });
  const out = {
    measuredAt: new Date().toISOString(),
    goalBytes: GOAL,
    routes: Object.fromEntries(Object.entries(routes).map(([p, r]) => [p, { jsGzipBytes: r.jsGzipBytes, public: r.public }])),
  };
  writeFileSync("bench/results/size.json", `${JSON.stringify(out, null, 2)}\n`);
  const over = Object.entries(routes).filter(([, r]) => r.public && r.jsGzipBytes > GOAL);
  if (over.length) process.exitCode = 1;
} finally {
  await server.stop();
}
