ALTER TABLE "tandem_session_files" ADD COLUMN "content_type" text NOT NULL;--> statement-breakpoint
ALTER TABLE "tandem_sessions" ADD COLUMN "volunteer_emails" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "tandems" ADD COLUMN "idle_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tandems" ADD COLUMN "midterm_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tandems" ADD COLUMN "final_reminded_at" timestamp with time zone;