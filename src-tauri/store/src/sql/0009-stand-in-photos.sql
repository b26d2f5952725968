-- A photo use can be a stand-in: a picture that only holds the place of the real one (the
-- sample story's NASA portrait under a caption about someone else). The note says so; the editor
-- shows it on the photo, every export prints it beside the picture, and the checklist raises it.
-- Empty: the photo is the real one.
ALTER TABLE photo_uses ADD COLUMN stand_in TEXT NOT NULL DEFAULT '';

-- Libraries seeded before this step: the sample story's lead photo (found by the content address
-- of assets/sample/lead-photo.png) under the sample's own caption gets the note the sample now
-- seeds with (core/src/sample.rs, LEAD_PHOTO_STAND_IN). A caption the journalist has changed is
-- left alone.
UPDATE photo_uses
   SET stand_in = 'Sample photo — stand-in, not the person in the caption'
 WHERE photo = '88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5'
   AND caption = 'AL Secretary General Ahmed Aboul-Gheit speaks at a news conference in Algiers, Algieria.';
