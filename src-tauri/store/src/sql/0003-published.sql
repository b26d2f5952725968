-- When a story was marked published (the first time its status became "published").
ALTER TABLE stories ADD COLUMN published INTEGER;
