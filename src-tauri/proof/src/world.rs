//! The world typst compiles the proof in: the template, the story's data and pictures as files of
//! a virtual project, and the bundled fonts. Nothing else can be read.

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The template.
const TEMPLATE: &str = include_str!("proof.typ");

/// The fonts, compiled in (see `assets/fonts/LICENSE.md`).
const FONT_FILES: &[&[u8]] = &[
    include_bytes!("../../../assets/fonts/NotoSerif-Regular.ttf"),
    include_bytes!("../../../assets/fonts/NotoSerif-Bold.ttf"),
    include_bytes!("../../../assets/fonts/NotoSerif-Italic.ttf"),
    include_bytes!("../../../assets/fonts/NotoSerif-BoldItalic.ttf"),
    include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../../assets/fonts/NotoNaskhArabic-Regular.ttf"),
    include_bytes!("../../../assets/fonts/NotoNaskhArabic-Bold.ttf"),
];

/// The standard library, the font book and the fonts, made once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES.iter().filter_map(|data| Font::new(Bytes::new(*data), 0)).collect();
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// A file of the virtual project.
fn file_id(name: &str) -> FileId {
    let path = VirtualPath::new(name).unwrap_or_else(|_| VirtualPath::new("invalid").expect("a valid path"));
    RootedPath::new(VirtualRoot::Project, path).intern()
}

pub(crate) struct ProofWorld {
    main: FileId,
    source: Source,
    files: HashMap<FileId, Bytes>,
}

impl ProofWorld {
    pub(crate) fn new(story: Vec<u8>, images: &[(String, &[u8])]) -> Self {
        let main = file_id("proof.typ");
        let mut files = HashMap::new();
        files.insert(file_id("story.json"), Bytes::new(story));
        for (name, bytes) in images {
            files.insert(file_id(name), Bytes::new(bytes.to_vec()));
        }
        ProofWorld { main, source: Source::new(main, TEMPLATE.to_string()), files }
    }
}

impl World for ProofWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            Ok(self.source.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.get(&id).cloned().ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
