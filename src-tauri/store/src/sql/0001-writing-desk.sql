-- The writing desk: stories, their revisions, related posts, library settings.
-- Append-only: never edit a migration that has shipped; add the next file instead.

CREATE TABLE stories (
    id          TEXT PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    kicker      TEXT NOT NULL DEFAULT '',
    headline    TEXT NOT NULL DEFAULT '',
    standfirst  TEXT NOT NULL DEFAULT '',
    byline      TEXT NOT NULL DEFAULT '',
    dateline    TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'editing', 'ready', 'published')),
    tags        TEXT NOT NULL DEFAULT '[]',      -- JSON array of strings
    word_target INTEGER,
    created     INTEGER NOT NULL,                -- unix milliseconds
    updated     INTEGER NOT NULL,
    revision    INTEGER NOT NULL,                -- the revision the row holds
    body        TEXT NOT NULL,                   -- the document tree, JSON, validated on save
    words       INTEGER NOT NULL DEFAULT 0,      -- derived from body, kept for the list
    deleted     INTEGER                          -- in the trash since (unix ms), or NULL
) STRICT;

CREATE INDEX stories_updated ON stories (updated DESC) WHERE deleted IS NULL;

-- Every save of a story. A row is a keyframe (base IS NULL: zstd of the snapshot JSON) or a delta
-- (zstd of the snapshot JSON with its keyframe's snapshot as the dictionary).
CREATE TABLE revisions (
    id        INTEGER PRIMARY KEY,
    story_id  TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    revision  INTEGER NOT NULL,
    saved     INTEGER NOT NULL,                  -- unix milliseconds
    headline  TEXT NOT NULL,
    words     INTEGER NOT NULL,
    base      INTEGER REFERENCES revisions (id),  -- the keyframe a delta needs; never dangling
    raw_len   INTEGER NOT NULL,                   -- length of the snapshot JSON
    snapshot  BLOB NOT NULL,
    UNIQUE (story_id, revision)
) STRICT;

CREATE INDEX revisions_base ON revisions (base) WHERE base IS NOT NULL;

CREATE TABLE related (
    story_id     TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    target_story TEXT,                            -- may point at a deleted story: shown as broken
    url          TEXT,
    title        TEXT NOT NULL,
    PRIMARY KEY (story_id, position),
    CHECK ((target_story IS NULL) <> (url IS NULL))
) STRICT;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
