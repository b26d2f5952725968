-- Links between stories and the search index's to-do list.

-- The stories a body links to (`story:<id>` link marks), kept with every save of the body.
-- `target` may name a story that is in the trash or gone: such a link shows as broken.
CREATE TABLE story_links (
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    target   TEXT NOT NULL,
    PRIMARY KEY (story_id, target)
) STRICT, WITHOUT ROWID;

CREATE INDEX story_links_target ON story_links (target);
CREATE INDEX related_target ON related (target_story) WHERE target_story IS NOT NULL;

INSERT OR IGNORE INTO story_links (story_id, target)
    SELECT s.id, lower(substr(j.value, 7))
    FROM stories s, json_tree(s.body) j
    WHERE j.key = 'href' AND j.type = 'text' AND j.value LIKE 'story:%';

-- Stories whose search entry is out of date. The search index (a derived folder, rebuilt from
-- this database whenever it is missing) catches up from here before it answers, inside a write
-- transaction, so no save slips between reading the list and clearing it. A story already
-- waiting is not written again (INSERT OR IGNORE: a lookup, no page write per save).
CREATE TABLE search_pending (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    story_id TEXT NOT NULL UNIQUE
) STRICT;

CREATE TRIGGER stories_search_insert AFTER INSERT ON stories BEGIN
    INSERT OR IGNORE INTO search_pending (story_id) VALUES (new.id);
END;
CREATE TRIGGER stories_search_update AFTER UPDATE ON stories BEGIN
    INSERT OR IGNORE INTO search_pending (story_id) VALUES (new.id);
END;
CREATE TRIGGER stories_search_delete AFTER DELETE ON stories BEGIN
    INSERT OR IGNORE INTO search_pending (story_id) VALUES (old.id);
END;
CREATE TRIGGER photo_uses_search_insert AFTER INSERT ON photo_uses BEGIN
    INSERT OR IGNORE INTO search_pending (story_id) VALUES (new.story_id);
END;
CREATE TRIGGER photo_uses_search_update AFTER UPDATE ON photo_uses BEGIN
    INSERT OR IGNORE INTO search_pending (story_id) VALUES (new.story_id);
END;
CREATE TRIGGER photo_uses_search_delete AFTER DELETE ON photo_uses BEGIN
    INSERT OR IGNORE INTO search_pending (story_id) VALUES (old.story_id);
END;
