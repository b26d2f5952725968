-- A story already waiting for the search index is not written again on every save: the triggers
-- add it once (INSERT OR IGNORE, a lookup and no page write when it is there). The index catches
-- up inside a write transaction, so no save can slip between reading the list and clearing it.
DROP TRIGGER stories_search_insert;
DROP TRIGGER stories_search_update;
DROP TRIGGER stories_search_delete;
DROP TRIGGER photo_uses_search_insert;
DROP TRIGGER photo_uses_search_update;
DROP TRIGGER photo_uses_search_delete;

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
