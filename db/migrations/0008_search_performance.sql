-- Written by hand: the filter keys of a search document, 'field:value' for every filterable value, so one
-- GIN index (with tsv) answers filters and words together. IMMUTABLE: it only reads its arguments.
CREATE OR REPLACE FUNCTION tiwizi_search_keys(type text, kind text, region bpchar, themes text[], sectors text[],
    needs text[], offers text[], labels text[], women_led boolean, verified boolean) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT array_remove(array['type:' || type, 'women:' || women_led, 'verified:' || verified, 'kind:' || kind,
      'region:' || region], NULL)
    || array(SELECT 'theme:' || v FROM unnest(themes) v) || array(SELECT 'sector:' || v FROM unnest(sectors) v)
    || array(SELECT 'need:' || v FROM unnest(needs) v) || array(SELECT 'offer:' || v FROM unnest(offers) v)
    || array(SELECT 'label:' || v FROM unnest(labels) v) $$;--> statement-breakpoint
DROP INDEX "search_documents_tsv_idx";--> statement-breakpoint
DROP INDEX "search_documents_region_idx";--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "title_tsv" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', tiwizi_unaccent(coalesce(title, '') || ' ' || coalesce(title_ar, ''))) ||
        to_tsvector('french', tiwizi_unaccent(coalesce(title, ''))) || to_tsvector('arabic', coalesce(title_ar, ''))) STORED;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "filter_keys" text[] GENERATED ALWAYS AS (tiwizi_search_keys(type, kind, region_code, themes, sectors, needs, offers, labels, women_led, verified)) STORED;--> statement-breakpoint
CREATE INDEX "search_documents_match_idx" ON "search_documents" USING gin ("filter_keys","tsv");--> statement-breakpoint
CREATE INDEX "search_documents_name_idx" ON "search_documents" USING btree ("type","sort_name","id");--> statement-breakpoint
CREATE INDEX "search_documents_newest_idx" ON "search_documents" USING btree ("type","created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "search_terms_prefix_idx" ON "search_terms" USING btree ("term" text_pattern_ops);