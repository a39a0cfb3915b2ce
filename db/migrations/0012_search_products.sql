-- Written by hand around drizzle-kit's output: products in the search index (issue 4). Filter keys gain
-- the selling cooperative ('org:<uuid>') and, for products, the stock state ('stock:true'); the generated
-- column is rebuilt on the new function, and the GIN indexes that hold it with it.
CREATE OR REPLACE FUNCTION tiwizi_search_keys(type text, kind text, region bpchar, themes text[], sectors text[],
    needs text[], offers text[], labels text[], women_led boolean, verified boolean, organization_id uuid,
    in_stock boolean) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT array_remove(array['type:' || type, 'women:' || women_led, 'verified:' || verified, 'kind:' || kind,
      'region:' || region, 'org:' || organization_id,
      CASE WHEN type = 'product' THEN 'stock:' || in_stock END], NULL)
    || array(SELECT 'theme:' || v FROM unnest(themes) v) || array(SELECT 'sector:' || v FROM unnest(sectors) v)
    || array(SELECT 'need:' || v FROM unnest(needs) v) || array(SELECT 'offer:' || v FROM unnest(offers) v)
    || array(SELECT 'label:' || v FROM unnest(labels) v) $$;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "organization_id" uuid;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "price_min" integer;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "in_stock" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "filter_keys";--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "filter_keys" text[] GENERATED ALWAYS AS (tiwizi_search_keys(type, kind, region_code, themes, sectors, needs, offers, labels, women_led, verified, organization_id, in_stock)) STORED;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_documents_match_idx" ON "search_documents" USING gin ("filter_keys","tsv");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_documents_title_match_idx" ON "search_documents" USING gin ("filter_keys","title_tsv");--> statement-breakpoint
CREATE INDEX "search_documents_price_idx" ON "search_documents" USING btree ("type","price_min","id");--> statement-breakpoint
DROP FUNCTION tiwizi_search_keys(text, text, bpchar, text[], text[], text[], text[], text[], boolean, boolean);
