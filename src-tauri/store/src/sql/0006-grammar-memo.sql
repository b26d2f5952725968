-- What Harper's grammar rules found in each passage of a story, kept so that a story checked
-- before is not read by Harper again (loading it takes half a second, reading a long story
-- seconds). Derived: rows are replaced on every check and can all be deleted at any time.

CREATE TABLE grammar_memo (
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    key      INTEGER NOT NULL,                    -- the passage's text and the rules, hashed
    hits     TEXT NOT NULL,                       -- JSON: the findings in that passage
    PRIMARY KEY (story_id, key)
) STRICT;
