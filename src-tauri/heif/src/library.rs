//! libheif, loaded once at run time, and the few of its functions Byline calls.
//!
//! Loaded, not linked: libheif is LGPL, and a library the program opens by name is one the user
//! can replace (the system's package, or a build of their own named by `BYLINE_LIBHEIF`). It also
//! lets Byline start without it: only HEIC and AVIF photos then need it, and they say so.
//!
//! Every function here exists since libheif 1.15 (Debian 12's); their declarations follow
//! libheif's headers (`heif_context.h`, `heif_image_handle.h`, `heif_decoding.h`, `heif_image.h`,
//! `heif_metadata.h`, `heif_security.h`).

use std::ffi::{c_char, c_int, c_void, CStr};
use std::sync::OnceLock;

use crate::HeifError;

/// `struct heif_error`: a code (0 is success), a subcode and a message libheif owns.
#[repr(C)]
#[derive(Clone, Copy)]
pub(crate) struct RawError {
    pub code: c_int,
    pub subcode: c_int,
    pub message: *const c_char,
}

impl RawError {
    /// `Ok` for success, libheif's message otherwise.
    pub(crate) fn check(self) -> Result<(), HeifError> {
        if self.code == 0 {
            return Ok(());
        }
        let message = if self.message.is_null() {
            format!("libheif error {}.{}", self.code, self.subcode)
        } else {
            // SAFETY: libheif's messages are static NUL-terminated strings ("is always defined").
            unsafe { CStr::from_ptr(self.message) }.to_string_lossy().into_owned()
        };
        Err(HeifError::Libheif(message))
    }
}

/// `heif_colorspace_RGB`.
pub(crate) const COLORSPACE_RGB: c_int = 1;
/// `heif_chroma_interleaved_RGB` and `heif_chroma_interleaved_RGBA`.
pub(crate) const CHROMA_INTERLEAVED_RGB: c_int = 10;
pub(crate) const CHROMA_INTERLEAVED_RGBA: c_int = 11;
/// `heif_channel_interleaved`.
pub(crate) const CHANNEL_INTERLEAVED: c_int = 10;

/// Opaque libheif objects.
pub(crate) type Context = c_void;
pub(crate) type Handle = c_void;
pub(crate) type Image = c_void;

/// The functions, copied out of the library, which stays loaded for the life of the process.
pub(crate) struct Libheif {
    pub version: unsafe extern "C" fn() -> *const c_char,
    pub context_alloc: unsafe extern "C" fn() -> *mut Context,
    pub context_free: unsafe extern "C" fn(*mut Context),
    pub set_maximum_image_size_limit: unsafe extern "C" fn(*mut Context, c_int),
    pub read_from_memory_without_copy:
        unsafe extern "C" fn(*mut Context, *const c_void, usize, *const c_void) -> RawError,
    pub primary_image_handle: unsafe extern "C" fn(*mut Context, *mut *mut Handle) -> RawError,
    pub handle_release: unsafe extern "C" fn(*const Handle),
    pub handle_width: unsafe extern "C" fn(*const Handle) -> c_int,
    pub handle_height: unsafe extern "C" fn(*const Handle) -> c_int,
    pub handle_has_alpha: unsafe extern "C" fn(*const Handle) -> c_int,
    pub decode_image:
        unsafe extern "C" fn(*const Handle, *mut *mut Image, c_int, c_int, *const c_void) -> RawError,
    pub image_release: unsafe extern "C" fn(*const Image),
    pub image_width: unsafe extern "C" fn(*const Image, c_int) -> c_int,
    pub image_height: unsafe extern "C" fn(*const Image, c_int) -> c_int,
    pub plane_readonly: unsafe extern "C" fn(*const Image, c_int, *mut c_int) -> *const u8,
    pub metadata_count: unsafe extern "C" fn(*const Handle, *const c_char) -> c_int,
    pub metadata_ids: unsafe extern "C" fn(*const Handle, *const c_char, *mut u32, c_int) -> c_int,
    pub metadata_content_type: unsafe extern "C" fn(*const Handle, u32) -> *const c_char,
    pub metadata_size: unsafe extern "C" fn(*const Handle, u32) -> usize,
    pub metadata: unsafe extern "C" fn(*const Handle, u32, *mut c_void) -> RawError,
    /// Kept so the function pointers above stay valid.
    _library: libloading::Library,
}

/// The names libheif is looked up by, in order: the user's own build first.
fn candidates() -> Vec<String> {
    let mut names = Vec::new();
    if let Some(path) = std::env::var_os("BYLINE_LIBHEIF") {
        names.push(path.to_string_lossy().into_owned());
        return names;
    }
    if cfg!(target_os = "macos") {
        names.extend(["libheif.1.dylib".into(), "/opt/homebrew/lib/libheif.1.dylib".into()]);
    } else if cfg!(windows) {
        names.extend(["heif.dll".into(), "libheif.dll".into()]);
    } else {
        names.extend(["libheif.so.1".into(), "libheif.so".into()]);
    }
    names
}

/// libheif, loaded on first use; the reason it could not be, every time after.
pub(crate) fn libheif() -> Result<&'static Libheif, HeifError> {
    static LOADED: OnceLock<Result<Libheif, String>> = OnceLock::new();
    LOADED.get_or_init(load).as_ref().map_err(|reason| HeifError::Unavailable(reason.clone()))
}

fn load() -> Result<Libheif, String> {
    let mut reasons = Vec::new();
    for name in candidates() {
        // SAFETY: loading libheif runs its initialisers, which only set up its own tables.
        match unsafe { libloading::Library::new(&name) } {
            Ok(library) => return bind(library).map_err(|e| format!("{name}: {e}")),
            Err(e) => reasons.push(e.to_string()),
        }
    }
    Err(reasons.join("; "))
}

/// Copies each function out of the loaded library and initialises it.
fn bind(library: libloading::Library) -> Result<Libheif, libloading::Error> {
    macro_rules! symbols {
        ($($field:ident = $name:literal),* $(,)?) => {
            Libheif {
                // SAFETY: each type above is the function's C declaration in libheif's headers.
                $($field: *unsafe { library.get(concat!($name, "\0").as_bytes()) }?,)*
                _library: library,
            }
        };
    }
    let init: unsafe extern "C" fn(*const c_void) -> RawError =
        // SAFETY: `heif_error heif_init(heif_init_params*)`; NULL takes the defaults.
        *unsafe { library.get(b"heif_init\0") }?;
    let lib = symbols! {
        version = "heif_get_version",
        context_alloc = "heif_context_alloc",
        context_free = "heif_context_free",
        set_maximum_image_size_limit = "heif_context_set_maximum_image_size_limit",
        read_from_memory_without_copy = "heif_context_read_from_memory_without_copy",
        primary_image_handle = "heif_context_get_primary_image_handle",
        handle_release = "heif_image_handle_release",
        handle_width = "heif_image_handle_get_width",
        handle_height = "heif_image_handle_get_height",
        handle_has_alpha = "heif_image_handle_has_alpha_channel",
        decode_image = "heif_decode_image",
        image_release = "heif_image_release",
        image_width = "heif_image_get_width",
        image_height = "heif_image_get_height",
        plane_readonly = "heif_image_get_plane_readonly",
        metadata_count = "heif_image_handle_get_number_of_metadata_blocks",
        metadata_ids = "heif_image_handle_get_list_of_metadata_block_IDs",
        metadata_content_type = "heif_image_handle_get_metadata_content_type",
        metadata_size = "heif_image_handle_get_metadata_size",
        metadata = "heif_image_handle_get_metadata",
    };
    // SAFETY: called once, before any other libheif call; the library is never deinitialised.
    // An error here (a plugin folder that cannot be read) leaves the built-in decoders working.
    let _ = unsafe { init(std::ptr::null()) };
    Ok(lib)
}
