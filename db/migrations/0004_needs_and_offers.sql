ALTER TABLE "organizations" ADD COLUMN "needs" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "needs_text" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "offers" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "offers_text" text;