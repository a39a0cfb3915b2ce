-- unaccent() is only STABLE; a generated column needs an IMMUTABLE function. The dictionary is fixed,
-- so wrapping it with an explicit dictionary is safe (the usual PostgreSQL recipe).
CREATE OR REPLACE FUNCTION tiwizi_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;
