-- Intake throughput: how the stored documents (doc) are compressed.
-- A declaration's document as received is 1-3 KB; above about 2 KB
-- PostgreSQL compresses it before storing, with pglz by default, which was
-- a third of the server's time per declaration in COPY (bench:ingest,
-- BENCHMARKS.md "Intake"). lz4 compresses as well for about a third of the
-- cost. PGlite is built without lz4: there the documents are stored
-- uncompressed (EXTERNAL), which halved its COPY time per declaration; the
-- embedded database trades disk for speed. Only new rows are affected.
DO $$
DECLARE
  has_lz4 boolean := EXISTS (
    SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)
  );
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['declarations', 'cargo_reports', 'inspection_results'] LOOP
    IF has_lz4 THEN
      EXECUTE format('ALTER TABLE %I ALTER COLUMN doc SET COMPRESSION lz4', t);
    ELSE
      EXECUTE format('ALTER TABLE %I ALTER COLUMN doc SET STORAGE EXTERNAL', t);
    END IF;
  END LOOP;
END
$$;
