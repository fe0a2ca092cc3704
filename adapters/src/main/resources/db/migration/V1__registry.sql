-- The metadata projection: a deterministic function of the event log. The same SQL runs on
-- PostgreSQL and SQLite. Drop it all and replay the log to get it back.

CREATE TABLE packages (
    name            TEXT    NOT NULL PRIMARY KEY,
    namespace       TEXT    NOT NULL,
    latest_version  TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);

CREATE TABLE versions (
    name          TEXT    NOT NULL,
    version_key   TEXT    NOT NULL,
    version       TEXT    NOT NULL,
    description   TEXT    NOT NULL,
    license       TEXT,
    repository    TEXT,
    wit_url       TEXT,
    dependencies  TEXT    NOT NULL,
    targets       TEXT    NOT NULL,
    sha256        TEXT    NOT NULL,
    size          BIGINT  NOT NULL,
    published_at  BIGINT  NOT NULL,
    kind          TEXT,
    imports       TEXT    NOT NULL,
    exports       TEXT    NOT NULL,
    world         TEXT,
    event_id      TEXT    NOT NULL,
    PRIMARY KEY (name, version_key)
);

CREATE INDEX versions_by_published ON versions (published_at);

-- Every publish event gets exactly one outcome; the publishing node waits for it.
CREATE TABLE publish_outcomes (
    event_id    TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    version     TEXT    NOT NULL,
    outcome     TEXT    NOT NULL,
    message     TEXT
);

CREATE TABLE download_counts (
    name         TEXT    NOT NULL,
    version_key  TEXT    NOT NULL,
    downloads    BIGINT  NOT NULL,
    PRIMARY KEY (name, version_key)
);

-- Where each projection has read the log up to, written in the same transaction as the
-- effects of the events before it: exactly-once effect, and a fence against a second indexer.
CREATE TABLE projection_offsets (
    projection     TEXT    NOT NULL,
    log_partition  INTEGER NOT NULL,
    next_offset    BIGINT  NOT NULL,
    PRIMARY KEY (projection, log_partition)
);
