ALTER TABLE "network_members" ADD COLUMN "status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "network_members" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
-- Links made before consent existed stay as they were: accepted.
UPDATE "network_members" SET "status" = 'accepted', "accepted_at" = "created_at";--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_status_check" CHECK ("network_members"."status" in ('pending', 'accepted'));