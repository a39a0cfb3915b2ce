import type { MetaArgs } from "@remix-run/node";
import { type MessageKey, translate } from "~/i18n/i18n";

/** The home page's description, in the page's language. */
export function descriptionFrom(args: MetaArgs) {
  const root = args.matches.find((m) => m.id === "root")?.data as { messages?: unknown } | undefined;
  return root?.messages ? translate(root.messages, "home.lead") : "Tiwizi";
}

/** `<title>` in the page's language, from the root's catalog. */
export function pageTitle(args: MetaArgs, key: MessageKey, vars?: Record<string, string>) {
  const root = args.matches.find((m) => m.id === "root")?.data as { messages?: unknown } | undefined;
  const title = root?.messages ? translate(root.messages, key, vars) : "Tiwizi";
  return [{ title: `${title} · Tiwizi` }];
}
