//! Without libheif, a HEIF file says what to install (its own process: the library is loaded
//! once per process).

use byline_heif::{Heif, HeifError};

#[test]
fn without_libheif_heif_files_say_what_to_install() {
    // Set before the first use: the process then looks for libheif only there.
    std::env::set_var("BYLINE_LIBHEIF", "/nonexistent/libheif.so.1");
    let err = Heif::open(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", 20_000).err().expect("no libheif");
    assert!(matches!(err, HeifError::Unavailable(_)), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("install the libheif1 package") && message.contains("/nonexistent"),
        "{message}"
    );
    // Every later use gives the same answer, without trying again.
    assert_eq!(byline_heif::version().expect_err("still none").to_string(), message);
}
