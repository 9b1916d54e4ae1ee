-- Token buckets shared by all nodes (Bucket4j's PostgreSQL proxy manager): request rate
-- limits, and the pairing limits per source, per code value and the pace of code checks.
-- The id names the limit and its subject (for example 'rate:merchant:<uuid>'); the state is
-- Bucket4j's serialised bucket; expires_at (epoch milliseconds) is ten minutes after the
-- bucket is full again, after which the row is swept, since a new bucket starts full anyway.
create table limit_bucket (
    id         varchar(200) primary key,
    state      bytea,
    expires_at bigint
);

create index limit_bucket_expires_at on limit_bucket (expires_at);
