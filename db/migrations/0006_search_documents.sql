CREATE TABLE "search_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"ref_id" uuid NOT NULL,
	"title" text NOT NULL,
	"title_ar" text,
	"body" text,
	"body_ar" text,
	"kind" text,
	"region_code" char(2),
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"sectors" text[] DEFAULT '{}'::text[] NOT NULL,
	"needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"offers" text[] DEFAULT '{}'::text[] NOT NULL,
	"labels" text[] DEFAULT '{}'::text[] NOT NULL,
	"women_led" boolean DEFAULT false NOT NULL,
	"verified" boolean DEFAULT false NOT NULL,
	"sort_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"tsv" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', tiwizi_unaccent(coalesce(title, '') || ' ' || coalesce(title_ar, ''))), 'A') ||
        setweight(to_tsvector('french', tiwizi_unaccent(coalesce(title, ''))), 'A') ||
        setweight(to_tsvector('arabic', coalesce(title_ar, '')), 'A') ||
        setweight(to_tsvector('simple', tiwizi_unaccent(coalesce(body, '') || ' ' || coalesce(body_ar, ''))), 'C') ||
        setweight(to_tsvector('french', tiwizi_unaccent(coalesce(body, ''))), 'C') ||
        setweight(to_tsvector('arabic', coalesce(body_ar, '')), 'C')) STORED
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	"term" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_documents_tsv_idx" ON "search_documents" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "search_documents_region_idx" ON "search_documents" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "search_documents_ref_idx" ON "search_documents" USING btree ("ref_id");--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gin ("term" gin_trgm_ops);