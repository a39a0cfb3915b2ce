import type { AppLoadContext } from "@remix-run/node";
import { listLocalMail } from "../../../emails/transport.server";
import { env } from "~/lib/env.server";
import { ForbiddenError, NotFoundError, toResponse } from "~/lib/errors.server";
import { can } from "../organizations/authorize.server";
import { getUser } from "./session.server";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * The local mailbox (no SMTP_URL): platform admins, and anyone on this machine (loopback), may read it,
 * so that a person trying `npm start` can open their verification e-mail.
 */
export async function requireMailboxAccess(request: Request, context: AppLoadContext) {
  if (env().SMTP_URL) toResponse(new NotFoundError());
  // Loopback is trusted only for a local run (plain http): behind an https deployment's proxy, every
  // request could look local.
  if (LOOPBACK.has(context.clientIp) && !env().https) return;
  const user = await getUser(request);
  if (!can(user, "platform.mail")) toResponse(new ForbiddenError());
}

export async function readMailbox(opts: { to?: string | null }) {
  const all = await listLocalMail();
  const to = opts.to?.trim().toLowerCase();
  return to ? all.filter((m) => m.to.toLowerCase() === to) : all;
}
