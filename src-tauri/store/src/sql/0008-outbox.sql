-- Publishing: the sites stories are sent to, the outbox of sends, and what each site holds of
-- this library (its post per story, its copy of each photo), so that a send is never made twice.

-- A site. Its secret is in the operating system's keychain under `secret_ref`; never here.
CREATE TABLE destinations (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind       TEXT NOT NULL CHECK (kind IN ('wordpress', 'ghost')),
    url        TEXT NOT NULL,
    user       TEXT,
    secret_ref TEXT NOT NULL UNIQUE,
    created    INTEGER NOT NULL
) STRICT;

-- A send. `payload` is the story as it was queued (JSON), so later edits do not change it.
-- A drainer claims an item by writing its name and a lease (`claimed_until`); a lease that ran
-- out (a crash) lets another drainer take the item again.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    story_id        TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    destination_id  INTEGER NOT NULL REFERENCES destinations (id) ON DELETE CASCADE,
    revision        INTEGER NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('draft', 'publish')),
    payload         TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'changed', 'cancelled')),
    queued          INTEGER NOT NULL,
    hold_until      INTEGER,
    next_attempt    INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    overwrite       INTEGER NOT NULL DEFAULT 0,
    claimed_by      TEXT,
    claimed_until   INTEGER,
    progress_done   INTEGER,
    progress_total  INTEGER,
    progress_label  TEXT,
    error           TEXT,
    remote_url      TEXT,
    remote_modified TEXT,
    last_sent       INTEGER,
    finished        INTEGER
) STRICT;

CREATE INDEX outbox_due ON outbox (state, next_attempt);

-- The post a site holds for a story. `remote_id` is NULL while a creation was not confirmed:
-- the next send looks for it before making one. `modified` is the site's own date after
-- Byline's last send: a later one means someone changed the post there.
CREATE TABLE remote_posts (
    destination_id INTEGER NOT NULL REFERENCES destinations (id) ON DELETE CASCADE,
    story_id       TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    remote_id      TEXT,
    url            TEXT,
    modified       TEXT,
    sent           INTEGER,
    PRIMARY KEY (destination_id, story_id)
) STRICT;

-- A photo use's copy on a site, by Byline's key (`byline-<use id>`).
CREATE TABLE remote_media (
    destination_id INTEGER NOT NULL REFERENCES destinations (id) ON DELETE CASCADE,
    key            TEXT NOT NULL,
    remote_id      TEXT NOT NULL,
    url            TEXT NOT NULL,
    PRIMARY KEY (destination_id, key)
) STRICT;

-- Who drains the outbox (one drainer at a time: the app, or `byline outbox send`).
CREATE TABLE outbox_drainer (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    owner TEXT NOT NULL,
    until INTEGER NOT NULL
) STRICT;
