-- The public endpoints' rate limits (objections, comments), shared by every node of a cluster: Bucket4j's
-- PostgreSQL proxy manager keeps one row per client and purpose, locked with SELECT ... FOR UPDATE while a request
-- takes from it (common.ClientRateLimiter). expires_at (epoch millis) lets the cleaner remove full buckets.
create table rate_limit_bucket (
    id         varchar(300) not null primary key,
    state      bytea,
    expires_at bigint
);
create index ix_rate_limit_bucket_expires on rate_limit_bucket (expires_at);
