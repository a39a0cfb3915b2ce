// Events (issue 7), browser-safe rules: which events take stands and which take registrations, and their paths.
import { STAND_EVENT_KINDS, type EventKind } from "../../../db/schema/enums";

/** Fairs and travelling markets take exhibitors' stands; every other kind takes people's registrations. */
export const takesStands = (kind: EventKind) => (STAND_EVENT_KINDS as readonly EventKind[]).includes(kind);
export const takesRegistrations = (kind: EventKind) => !takesStands(kind);

export const AGENDA_PATH = "/evenements";
export const eventPath = (slug: string) => `${AGENDA_PATH}/${slug}`;
export const ticketPath = (token: string) => `/billets/${token}`;
export const standPath = (slug: string) => `${eventPath(slug)}/stand`;
export const standsPath = (slug: string) => `${eventPath(slug)}/stands`;
export const registrationPath = (slug: string) => `${eventPath(slug)}/inscription`;
export const participantsPath = (slug: string) => `${eventPath(slug)}/participants`;

/** A reason given to someone (a refusal, a cancellation): long enough to say why, short enough to read. */
export const REASON_MIN = 10;
export const REASON_MAX = 1000;
