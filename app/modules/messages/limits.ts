// Browser-safe (the compose form shows them): the same limits as the CHECK constraints in db/schema/messages.ts.
export const SUBJECT_MAX = 150;
export const BODY_MAX = 5000;
