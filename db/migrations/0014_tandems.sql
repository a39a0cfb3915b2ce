CREATE SEQUENCE "public"."tandem_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "tandem_agreements" (
	"tandem_id" uuid PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"objectives" text NOT NULL,
	"deliverables" text,
	"hours_committed" integer NOT NULL,
	"focal_person_id" uuid,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"confidentiality_note" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tandem_approvals" (
	"tandem_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"agreement_version" integer NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tandem_approvals_tandem_id_organization_id_pk" PRIMARY KEY("tandem_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "tandem_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tandem_id" uuid NOT NULL,
	"code" text NOT NULL,
	"holder_name" text NOT NULL,
	"volunteer_email" text,
	"minutes" integer NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tandem_certificates_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "tandem_evaluations" (
	"tandem_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"on_track" boolean,
	"satisfaction" smallint NOT NULL,
	"to_change" text,
	"transferred" text,
	"self_assessment" jsonb,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tandem_evaluations_tandem_id_organization_id_stage_pk" PRIMARY KEY("tandem_id","organization_id","stage"),
	CONSTRAINT "tandem_evaluations_stage_check" CHECK ("tandem_evaluations"."stage" in ('midterm', 'final')),
	CONSTRAINT "tandem_evaluations_satisfaction_check" CHECK ("tandem_evaluations"."satisfaction" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "tandem_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tandem_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" uuid,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tandem_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tandem_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tandem_messages_body_check" CHECK (char_length("tandem_messages"."body") between 1 and 5000)
);
--> statement-breakpoint
CREATE TABLE "tandem_session_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"key" text NOT NULL,
	"file_name" text NOT NULL,
	"bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tandem_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tandem_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"topic" text NOT NULL,
	"participants" text,
	"notes" text,
	"logged_by_org_id" uuid NOT NULL,
	"logged_by" uuid,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tandem_sessions_minutes_check" CHECK ("tandem_sessions"."minutes" between 1 and 720)
);
--> statement-breakpoint
CREATE TABLE "tandem_volunteers" (
	"tandem_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"user_id" uuid,
	"invited_by" uuid,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"joined_at" timestamp with time zone,
	CONSTRAINT "tandem_volunteers_tandem_id_email_pk" PRIMARY KEY("tandem_id","email")
);
--> statement-breakpoint
CREATE TABLE "tandems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"company_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"proposed_by_id" uuid NOT NULL,
	"proposed_by_user_id" uuid,
	"status" text DEFAULT 'proposed' NOT NULL,
	"skills" text[] NOT NULL,
	"objectives" text NOT NULL,
	"expected_hours" integer NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"format" text NOT NULL,
	"message" text,
	"answer_by" timestamp with time zone NOT NULL,
	"decline_reason" text,
	"decline_text" text,
	"end_reason" text,
	"answered_at" timestamp with time zone,
	"activated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tandems_number_unique" UNIQUE("number"),
	CONSTRAINT "tandems_status_check" CHECK ("tandems"."status" in ('proposed', 'declined', 'withdrawn', 'expired', 'agreement_draft', 'active', 'completed', 'ended_early')),
	CONSTRAINT "tandems_format_check" CHECK ("tandems"."format" in ('on_site', 'remote', 'hybrid')),
	CONSTRAINT "tandems_decline_check" CHECK ("tandems"."decline_reason" is null or "tandems"."decline_reason" in ('skills', 'capacity', 'timing', 'other')),
	CONSTRAINT "tandems_sides_check" CHECK ("tandems"."company_id" <> "tandems"."partner_id" and "tandems"."proposed_by_id" in ("tandems"."company_id", "tandems"."partner_id")),
	CONSTRAINT "tandems_hours_check" CHECK ("tandems"."expected_hours" between 1 and 2000),
	CONSTRAINT "tandems_period_check" CHECK ("tandems"."period_end" >= "tandems"."period_start"),
	CONSTRAINT "tandems_skills_check" CHECK (cardinality("tandems"."skills") between 1 and 10)
);
--> statement-breakpoint
ALTER TABLE "tandem_agreements" ADD CONSTRAINT "tandem_agreements_tandem_id_tandems_id_fk" FOREIGN KEY ("tandem_id") REFERENCES "public"."tandems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_agreements" ADD CONSTRAINT "tandem_agreements_focal_person_id_users_id_fk" FOREIGN KEY ("focal_person_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_agreements" ADD CONSTRAINT "tandem_agreements_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_approvals" ADD CONSTRAINT "tandem_approvals_tandem_id_tandems_id_fk" FOREIGN KEY ("tandem_id") REFERENCES "public"."tandems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_approvals" ADD CONSTRAINT "tandem_approvals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_approvals" ADD CONSTRAINT "tandem_approvals_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_certificates" ADD CONSTRAINT "tandem_certificates_tandem_id_tandems_id_fk" FOREIGN KEY ("tandem_id") REFERENCES "public"."tandems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_evaluations" ADD CONSTRAINT "tandem_evaluations_tandem_id_tandems_id_fk" FOREIGN KEY ("tandem_id") REFERENCES "public"."tandems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_evaluations" ADD CONSTRAINT "tandem_evaluations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_evaluations" ADD CONSTRAINT "tandem_evaluations_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_events" ADD CONSTRAINT "tandem_events_tandem_id_tandems_id_fk" FOREIGN KEY ("tandem_id") REFERENCES "public"."tandems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_events" ADD CONSTRAINT "tandem_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_messages" ADD CONSTRAINT "tandem_messages_tandem_id_tandems_id_fk" FOREIGN KEY ("tandem_id") REFERENCES "public"."tandems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_messages" ADD CONSTRAINT "tandem_messages_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_messages" ADD CONSTRAINT "tandem_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_session_files" ADD CONSTRAINT "tandem_session_files_session_id_tandem_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."tandem_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_sessions" ADD CONSTRAINT "tandem_sessions_tandem_id_tandems_id_fk" FOREIGN KEY ("tandem_id") REFERENCES "public"."tandems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_sessions" ADD CONSTRAINT "tandem_sessions_logged_by_org_id_organizations_id_fk" FOREIGN KEY ("logged_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_sessions" ADD CONSTRAINT "tandem_sessions_logged_by_users_id_fk" FOREIGN KEY ("logged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_sessions" ADD CONSTRAINT "tandem_sessions_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_volunteers" ADD CONSTRAINT "tandem_volunteers_tandem_id_tandems_id_fk" FOREIGN KEY ("tandem_id") REFERENCES "public"."tandems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_volunteers" ADD CONSTRAINT "tandem_volunteers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_volunteers" ADD CONSTRAINT "tandem_volunteers_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandems" ADD CONSTRAINT "tandems_company_id_organizations_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandems" ADD CONSTRAINT "tandems_partner_id_organizations_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandems" ADD CONSTRAINT "tandems_proposed_by_id_organizations_id_fk" FOREIGN KEY ("proposed_by_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandems" ADD CONSTRAINT "tandems_proposed_by_user_id_users_id_fk" FOREIGN KEY ("proposed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tandem_certificates_tandem_idx" ON "tandem_certificates" USING btree ("tandem_id");--> statement-breakpoint
CREATE INDEX "tandem_events_tandem_idx" ON "tandem_events" USING btree ("tandem_id","created_at");--> statement-breakpoint
CREATE INDEX "tandem_messages_tandem_idx" ON "tandem_messages" USING btree ("tandem_id","created_at");--> statement-breakpoint
CREATE INDEX "tandem_session_files_session_idx" ON "tandem_session_files" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "tandem_sessions_tandem_idx" ON "tandem_sessions" USING btree ("tandem_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "tandems_open_proposal_idx" ON "tandems" USING btree ("company_id","partner_id","skills") WHERE "tandems"."status" = 'proposed';--> statement-breakpoint
CREATE INDEX "tandems_company_idx" ON "tandems" USING btree ("company_id","status");--> statement-breakpoint
CREATE INDEX "tandems_partner_idx" ON "tandems" USING btree ("partner_id","status");--> statement-breakpoint
CREATE INDEX "tandems_status_idx" ON "tandems" USING btree ("status","answer_by");