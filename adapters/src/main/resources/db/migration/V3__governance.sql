-- Governance (issue 10): yank and deprecation state, and the audit trail, all functions of the
-- log like the rest of the projection. Integers for flags: the same SQL on PostgreSQL and SQLite.

ALTER TABLE versions ADD COLUMN yanked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE versions ADD COLUMN yank_reason TEXT;
ALTER TABLE packages ADD COLUMN deprecated TEXT;

-- One row per governance or publish event, with its actor. Ordered by the appending node's
-- clock, then log position: a total order that a replay of the log reproduces exactly.
CREATE TABLE audit_log (
    at             BIGINT  NOT NULL,
    log_partition  INTEGER NOT NULL,
    log_offset     BIGINT  NOT NULL,
    event_id       TEXT    NOT NULL,
    type           TEXT    NOT NULL,
    token_id       TEXT,
    token_name     TEXT,
    node           TEXT,
    package        TEXT,
    version        TEXT,
    detail         TEXT    NOT NULL,
    PRIMARY KEY (log_partition, log_offset)
);

CREATE INDEX audit_log_order ON audit_log (at, log_partition, log_offset);
CREATE INDEX audit_log_package ON audit_log (package, at);
