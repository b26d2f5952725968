//! The PDF proof of a story: a print-ready page (A4 or Letter) an editor marks up, typeset
//! in-process by typst from `proof.typ` with the fonts bundled in `assets/fonts` (embedded in every
//! PDF; nothing is fetched, no browser prints it).
//!
//! Owns: the proof's template and the typst world it runs in. Must not touch: SQL, the file
//! system (the fonts are compiled in), the network. The caller gives the story as data (JSON: the
//! head, the status, the counts and the body tree with figures and links resolved) and the
//! pictures' bytes; the template reads the data as values, so no text of the story can become
//! typst markup.

mod world;

use byline_model::{Error, Result};

/// The paper of a proof.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// typst's name for it.
    fn typst(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "us-letter",
        }
    }

    /// The paper of a name (`a4`, `letter`), for the command line and the export dialog.
    pub fn parse(name: &str) -> Result<Paper> {
        match name.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "letter" | "us-letter" => Ok(Paper::Letter),
            other => Err(Error::InvalidInput(format!("unknown page size `{other}`: use a4 or letter"))),
        }
    }
}

/// What a proof shows. `story` is the data `proof.typ` reads (see its header for the fields);
/// `images` are the pictures it names, by file name.
pub struct ProofInput<'a> {
    pub story: serde_json::Value,
    pub images: Vec<(String, &'a [u8])>,
    pub paper: Paper,
}

/// The proof's PDF bytes.
pub fn render(input: &ProofInput<'_>) -> Result<Vec<u8>> {
    let mut story = input.story.clone();
    story["paper"] = serde_json::Value::String(input.paper.typst().into());
    let data = serde_json::to_vec(&story).map_err(|e| Error::InvalidInput(e.to_string()))?;
    let world = world::ProofWorld::new(data, &input.images);
    let fail = |what: &str, diagnostics: &[typst::diag::SourceDiagnostic]| {
        let messages: Vec<String> = diagnostics.iter().map(|d| d.message.to_string()).collect();
        Error::InvalidInput(format!("the proof could not be {what}: {}", messages.join("; ")))
    };
    let document: typst_layout::PagedDocument =
        typst::compile(&world).output.map_err(|d| fail("typeset", &d))?;
    let options = typst_pdf::PdfOptions {
        creator: typst::foundations::Smart::Custom(Some(format!("Byline {}", env!("CARGO_PKG_VERSION")))),
        ..Default::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|d| fail("written", &d))
}
