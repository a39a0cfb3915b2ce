CREATE SEQUENCE "public"."application_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "application_documents" (
	"application_id" uuid NOT NULL,
	"requirement_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"attached_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_documents_application_id_requirement_id_pk" PRIMARY KEY("application_id","requirement_id")
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"call_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"grid_version" integer NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"step" smallint DEFAULT 0 NOT NULL,
	"saved_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"eligibility_reason" text,
	"reopen_reason" text,
	"decision" text,
	"decision_reason" text,
	"feedback" text,
	"decided_at" timestamp with time zone,
	"contest_text" text,
	"contested_at" timestamp with time zone,
	"answer_text" text,
	"answered_at" timestamp with time zone,
	"renewal_of" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_reference_unique" UNIQUE("reference"),
	CONSTRAINT "applications_status_check" CHECK ("applications"."status" in ('draft', 'submitted', 'eligible', 'ineligible', 'under_review', 'decided', 'released', 'contested', 'answered')),
	CONSTRAINT "applications_decision_check" CHECK ("applications"."decision" is null or "applications"."decision" in ('laureate', 'selected', 'not_selected', 'waiting_list'))
);
--> statement-breakpoint
CREATE TABLE "call_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"application_id" uuid,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_id" uuid,
	"reason" text,
	"data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "call_grids" (
	"call_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"sections" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_grids_call_id_version_pk" PRIMARY KEY("call_id","version")
);
--> statement-breakpoint
CREATE TABLE "call_jurors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"user_id" uuid,
	"invited_by" uuid,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "call_requirements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"label_fr" text NOT NULL,
	"label_ar" text NOT NULL,
	"formats" text[] NOT NULL,
	"max_bytes" integer NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "call_requirements_kind_check" CHECK ("call_requirements"."kind" in ('statutes', 'legal_registration', 'financial_statements', 'activity_report', 'csr_policy', 'letter_of_intent', 'project_list', 'supporting', 'other')),
	CONSTRAINT "call_requirements_bytes_check" CHECK ("call_requirements"."max_bytes" between 1024 and 26214400)
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"audience" text[] NOT NULL,
	"title_fr" text NOT NULL,
	"title_ar" text NOT NULL,
	"description_fr" text NOT NULL,
	"description_ar" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"seats" integer NOT NULL,
	"label_validity_months" integer,
	"disagreement_threshold" numeric(5, 2) DEFAULT '20' NOT NULL,
	"observation_days" integer DEFAULT 10 NOT NULL,
	"grid_version" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calls_code_unique" UNIQUE("code"),
	CONSTRAINT "calls_kind_check" CHECK ("calls"."kind" in ('label', 'selection')),
	CONSTRAINT "calls_period_check" CHECK ("calls"."closes_at" > "calls"."opens_at"),
	CONSTRAINT "calls_seats_check" CHECK ("calls"."seats" between 1 and 10000),
	CONSTRAINT "calls_audience_check" CHECK (cardinality("calls"."audience") between 1 and 4),
	CONSTRAINT "calls_label_validity_check" CHECK (("calls"."kind" = 'label') = ("calls"."label_validity_months" is not null)),
	CONSTRAINT "calls_threshold_check" CHECK ("calls"."disagreement_threshold" between 0 and 100),
	CONSTRAINT "calls_observation_check" CHECK ("calls"."observation_days" between 0 and 90)
);
--> statement-breakpoint
CREATE TABLE "labels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"awarded_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"status" text DEFAULT 'current' NOT NULL,
	"status_reason" text,
	"status_changed_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "labels_code_unique" UNIQUE("code"),
	CONSTRAINT "labels_applicationId_unique" UNIQUE("application_id"),
	CONSTRAINT "labels_status_check" CHECK ("labels"."status" in ('current', 'suspended', 'withdrawn')),
	CONSTRAINT "labels_dates_check" CHECK ("labels"."expires_on" > "labels"."awarded_on")
);
--> statement-breakpoint
CREATE TABLE "organization_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_documents_kind_check" CHECK ("organization_documents"."kind" in ('statutes', 'legal_registration', 'financial_statements', 'activity_report', 'csr_policy', 'letter_of_intent', 'project_list', 'supporting', 'other'))
);
--> statement-breakpoint
CREATE TABLE "review_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"juror_id" uuid NOT NULL,
	"conflict" text DEFAULT 'pending' NOT NULL,
	"conflict_note" text,
	"conflict_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_assignments_conflict_check" CHECK ("review_assignments"."conflict" in ('pending', 'none', 'declared'))
);
--> statement-breakpoint
CREATE TABLE "review_scores" (
	"assignment_id" uuid NOT NULL,
	"criterion_id" text NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_scores_assignment_id_criterion_id_pk" PRIMARY KEY("assignment_id","criterion_id"),
	CONSTRAINT "review_scores_score_check" CHECK ("review_scores"."score" >= 0)
);
--> statement-breakpoint
ALTER TABLE "application_documents" ADD CONSTRAINT "application_documents_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_documents" ADD CONSTRAINT "application_documents_requirement_id_call_requirements_id_fk" FOREIGN KEY ("requirement_id") REFERENCES "public"."call_requirements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_documents" ADD CONSTRAINT "application_documents_document_id_organization_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."organization_documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_grids" ADD CONSTRAINT "call_grids_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_grids" ADD CONSTRAINT "call_grids_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_jurors" ADD CONSTRAINT "call_jurors_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_jurors" ADD CONSTRAINT "call_jurors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_jurors" ADD CONSTRAINT "call_jurors_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_requirements" ADD CONSTRAINT "call_requirements_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labels" ADD CONSTRAINT "labels_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labels" ADD CONSTRAINT "labels_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labels" ADD CONSTRAINT "labels_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_documents" ADD CONSTRAINT "organization_documents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_documents" ADD CONSTRAINT "organization_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_juror_id_call_jurors_id_fk" FOREIGN KEY ("juror_id") REFERENCES "public"."call_jurors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_scores" ADD CONSTRAINT "review_scores_assignment_id_review_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."review_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "applications_call_org_idx" ON "applications" USING btree ("call_id","organization_id");--> statement-breakpoint
CREATE INDEX "applications_call_status_idx" ON "applications" USING btree ("call_id","status");--> statement-breakpoint
CREATE INDEX "applications_org_idx" ON "applications" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "call_events_call_idx" ON "call_events" USING btree ("call_id","created_at");--> statement-breakpoint
CREATE INDEX "call_events_application_idx" ON "call_events" USING btree ("application_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "call_jurors_call_email_idx" ON "call_jurors" USING btree ("call_id","email");--> statement-breakpoint
CREATE INDEX "call_jurors_user_idx" ON "call_jurors" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "call_requirements_call_idx" ON "call_requirements" USING btree ("call_id","position");--> statement-breakpoint
CREATE INDEX "calls_public_idx" ON "calls" USING btree ("published_at","closes_at");--> statement-breakpoint
CREATE INDEX "labels_org_idx" ON "labels" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "labels_registry_idx" ON "labels" USING btree ("status","expires_on");--> statement-breakpoint
CREATE INDEX "organization_documents_org_idx" ON "organization_documents" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "review_assignments_pair_idx" ON "review_assignments" USING btree ("application_id","juror_id");--> statement-breakpoint
CREATE INDEX "review_assignments_juror_idx" ON "review_assignments" USING btree ("juror_id");--> statement-breakpoint
-- The calls' audit trail is append-only (decision 017): no UPDATE, no DELETE.
CREATE FUNCTION call_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'call_events is append-only';
END;
$$;--> statement-breakpoint
CREATE TRIGGER call_events_no_change BEFORE UPDATE OR DELETE ON "call_events"
  FOR EACH ROW EXECUTE FUNCTION call_events_append_only();
