//! Word files (Office Open XML, `.docx`): a story written for an editor, and a stringer's file read
//! into a story.
//!
//! Owns: the parts of a DOCX Byline writes and reads (document, styles, numbering, comments,
//! relationships, core properties, media) and how the document tree maps onto them. Must not
//! touch: SQL, the file system, the network, the photo pipeline (images go in and come out as
//! bytes; the caller makes renditions and attaches photos).
//!
//! Written by hand over quick-xml and zip (both already the workspace's), not with a DOCX crate:
//! docx-rs cannot set the core properties (title, author, keywords, language) nor an image's
//! description (its alt text), and docx-rust would bring a second XML stack and a third zip.
//! What Byline writes is checked by LibreOffice in the tests.

mod ooxml;
mod read;
mod write;

pub use read::{read, DocxError, ImportedDocx, ImportedImage};
pub use write::{write, DocxStory, Picture};
