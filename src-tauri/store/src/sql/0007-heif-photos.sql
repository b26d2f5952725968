-- HEIC and AVIF photos (read through libheif). SQLite cannot change a CHECK constraint in place,
-- so the table is rebuilt as SQLite's documentation describes: a new table, the rows copied, the
-- old one dropped, the new one renamed. Foreign keys are off while migrations run and checked
-- after (schema.rs); photo_uses still points at `photos` by name.

CREATE TABLE photos_new (
    sha256        TEXT PRIMARY KEY,              -- content address of the original
    format        TEXT NOT NULL CHECK (format IN ('jpeg', 'png', 'webp', 'tiff', 'heic', 'avif')),
    width         INTEGER NOT NULL,              -- upright
    height        INTEGER NOT NULL,
    bytes         INTEGER NOT NULL,
    original_name TEXT NOT NULL,
    imported      INTEGER NOT NULL,              -- unix milliseconds
    metadata      TEXT NOT NULL                  -- JSON: what the file itself said
) STRICT;

INSERT INTO photos_new (sha256, format, width, height, bytes, original_name, imported, metadata)
    SELECT sha256, format, width, height, bytes, original_name, imported, metadata FROM photos;

DROP TABLE photos;

ALTER TABLE photos_new RENAME TO photos;
