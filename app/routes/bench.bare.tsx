import { env } from "~/lib/env.server";
import { notFound } from "~/lib/errors.server";

const BODY = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Tiwizi bench</title></head><body><main><h1>Tiwizi</h1><p>${"La coopérative tisse, le réseau relie, la plateforme sert. ".repeat(14)}</p></main></body></html>`;

/** The floor other pages are compared to (BENCH=1 only): ~1 KB, no layout, no database. */
export async function loader() {
  if (env().BENCH !== "1") notFound();
  return new Response(BODY, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}
