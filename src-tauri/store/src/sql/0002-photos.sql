-- Photos: the library's content-addressed originals, their uses in stories, and the tables
-- that shape credit lines.

CREATE TABLE photos (
    sha256        TEXT PRIMARY KEY,              -- content address of the original
    format        TEXT NOT NULL CHECK (format IN ('jpeg', 'png', 'webp', 'tiff')),
    width         INTEGER NOT NULL,              -- after EXIF orientation
    height        INTEGER NOT NULL,
    bytes         INTEGER NOT NULL,
    original_name TEXT NOT NULL,
    imported      INTEGER NOT NULL,              -- unix milliseconds
    metadata      TEXT NOT NULL                  -- JSON: what the file itself said
) STRICT;

-- A photo in one story, with that story's caption, credit and alt text.
CREATE TABLE photo_uses (
    id         TEXT PRIMARY KEY,
    story_id   TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    photo      TEXT NOT NULL REFERENCES photos (sha256),
    role       TEXT NOT NULL CHECK (role IN ('lead', 'inline')),
    position   INTEGER NOT NULL,
    caption    TEXT NOT NULL DEFAULT '',
    credit     TEXT NOT NULL DEFAULT '',
    alt_text   TEXT NOT NULL DEFAULT '',
    creator    TEXT NOT NULL DEFAULT '',
    copyright  TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE UNIQUE INDEX photo_uses_one_lead ON photo_uses (story_id) WHERE role = 'lead';
CREATE INDEX photo_uses_story ON photo_uses (story_id, position);

-- Agency spellings and the name to print ("REUTERS", "Reuters Photo" -> "Reuters"). Editable.
CREATE TABLE agencies (
    alias TEXT PRIMARY KEY COLLATE NOCASE,
    name  TEXT NOT NULL
) STRICT;
