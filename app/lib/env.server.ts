import path from "node:path";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(".data"),
  APP_URL: z.string().url().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Tiwizi <no-reply@tiwizi.ma>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  BENCH: z.enum(["0", "1"]).default("0"),
  MEILI_URL: z.string().url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  MEILI_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, "letters, digits, - and _ only")
    .default("tiwizi"),
  // Card payments are offered only when both are set (sk_test_… / sk_live_…, whsec_…).
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, "a Stripe secret key (sk_test_… or sk_live_…)").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9+/=_-]+$/, "a webhook signing secret (whsec_…)").optional(),
  // Tests and the checkout benchmark point the adapter at a stand-in of Stripe's API.
  STRIPE_API_URL: z.string().url().optional(),
  // The platform's commission on each cooperative's goods, in basis points (250 = 2.5 %); none by default.
  MARKET_COMMISSION_BPS: z.coerce.number().int().min(0).max(3000).default(0),
  // The platform's account that bank-transfer buyers pay into; the transfer option is offered only when set.
  TRANSFER_RIB: z.string().regex(/^[0-9]{24}$/, "24 digits").optional(),
  TRANSFER_HOLDER: z.string().max(120).default("Tiwizi"),
  // How long a bank-transfer order keeps its stock before it expires unpaid.
  BANK_TRANSFER_DAYS: z.coerce.number().int().min(1).max(30).default(5),
  // What an order group keeps its stock for while a card payment is under way (Stripe allows 30 min to 24 h).
  CARD_HOLD_MINUTES: z.coerce.number().int().min(30).max(1440).default(30),
  // How many tandems the skills-sponsorship programme aims for (the CAP+ programme's 12): the counter's goal.
  TANDEM_PROGRAMME_TARGET: z.coerce.number().int().min(1).max(100_000).default(12),
});

export type Env = z.infer<typeof schema> & { appUrl: string; dataDir: string; https: boolean };

let cached: Env | undefined;

/** The validated configuration; throws at start with every invalid variable named. */
export function env(): Env {
  if (cached) return cached;
  // An empty variable counts as unset (as in most .env files).
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const appUrl = (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  cached = { ...e, appUrl, dataDir: path.resolve(e.DATA_DIR), https: appUrl.startsWith("https://") };
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvCache() {
  cached = undefined;
}
