import { ForbiddenError, toResponse } from "~/lib/errors.server";
import { can, type PlatformAction } from "../organizations/authorize.server";
import { requireUser } from "./session.server";

/** The signed-in person if their platform role allows the action; otherwise 403. */
export async function requirePlatform(request: Request, action: PlatformAction) {
  const user = await requireUser(request);
  if (!can(user, action)) toResponse(new ForbiddenError());
  return user;
}
