-- Rate-limit policies that SREs set at run time (GET/PUT /v1/admin/rate-limits/{bucket}).
-- Buckets without a row use the defaults of clarion.rate-limits.*. Dispatchers re-read this table
-- every clarion.rate-limits.refresh-interval; version grows with every change.
CREATE TABLE rate_limits (
    bucket            text PRIMARY KEY,
    capacity          bigint      NOT NULL CHECK (capacity > 0),
    refill_tokens     bigint      NOT NULL CHECK (refill_tokens > 0),
    refill_period_ms  bigint      NOT NULL CHECK (refill_period_ms > 0),
    version           bigint      NOT NULL DEFAULT 1,
    updated_at        timestamptz NOT NULL DEFAULT now()
);
