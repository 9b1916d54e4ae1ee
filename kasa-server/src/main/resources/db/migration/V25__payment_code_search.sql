-- The dashboard finds payments by any part of their merchant unique code
-- (merchant_unique_code like '%part%'). No b-tree serves a pattern that starts with a
-- wildcard: without this index each search read the whole payment table (600,000 payments:
-- a parallel sequential scan, about 600 ms); with it a search reads the few rows whose codes
-- hold the part's trigrams (about 2 ms), then keeps the merchant's. A part shorter than three
-- characters has no trigram to look up; the planner then walks the merchant's newest
-- payments (payment_merchant_created) instead. pg_trgm ships with PostgreSQL (contrib) and is
-- a trusted extension: the database's owner may create it.
create extension if not exists pg_trgm;
create index payment_code_part on payment using gin (merchant_unique_code gin_trgm_ops);
