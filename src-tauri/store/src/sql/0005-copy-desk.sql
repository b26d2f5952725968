-- The copy desk: the library's own words (names a dictionary does not hold, such as Aboul-Gheit
-- or Shoukry), and the words a journalist chose to ignore in one story.

CREATE TABLE dictionary_words (
    word    TEXT PRIMARY KEY COLLATE NOCASE,
    added   INTEGER NOT NULL                      -- unix milliseconds
) STRICT;

CREATE TABLE story_ignored_words (
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    word     TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (story_id, word)
) STRICT;

-- Each story's language (a BCP 47 tag): spelling, exports and the text's direction follow it.
ALTER TABLE stories ADD COLUMN language TEXT NOT NULL DEFAULT 'en-US';
