-- Downloads per package, version and UTC day (issue 13): the DownloadsCounted events folded by
-- the day they were counted (counted_at, or the log record's timestamp for events older than
-- that field). Same SQL on PostgreSQL and SQLite; rebuilt from the log like every table here.

CREATE TABLE download_days (
    name         TEXT    NOT NULL,
    day          TEXT    NOT NULL,   -- yyyy-mm-dd, UTC: sorts as text, reads as a date
    version_key  TEXT    NOT NULL,
    version      TEXT    NOT NULL,
    downloads    BIGINT  NOT NULL,
    PRIMARY KEY (name, day, version_key)
);
