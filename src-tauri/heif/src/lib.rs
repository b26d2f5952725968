//! HEIF photos (an iPhone's HEIC, AVIF) read through libheif: the primary image decoded to RGB
//! with the file's own transformations (rotation, mirror, crop) applied, and its EXIF and XMP
//! blocks. HEVC decoding is libheif's (through libde265 on Debian), AV1 decoding too (dav1d or
//! libaom).
//!
//! libheif is loaded at run time from the system (or from `BYLINE_LIBHEIF`), never linked in:
//! see `library.rs`. Without it, opening a HEIF file says what to install.
//!
//! Owns: the calls into libheif, and the walk over a HEIF file's boxes that says whether it
//! carries transformations. Must not touch: anything else; the photos crate decides what a
//! decoded picture becomes.

mod boxes;
mod library;

use std::ffi::{c_char, c_int, CStr};
use std::marker::PhantomData;

pub use boxes::{brand, has_transformations, Brand};

use library::{libheif, Libheif, RawError};

/// Why a HEIF file could not be read.
#[derive(Debug, Clone, thiserror::Error)]
pub enum HeifError {
    #[error(
        "HEIC and AVIF photos are read by libheif, which could not be loaded ({0}); \
         install the libheif1 package (or set BYLINE_LIBHEIF to a libheif library) and attach it again"
    )]
    Unavailable(String),
    /// libheif's own message.
    #[error("{0}")]
    Libheif(String),
}

/// A decoded picture: 8-bit RGB (or RGBA), rows packed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
    pub pixels: Vec<u8>,
}

/// The version of the libheif in use ("1.15.1"), or why it cannot be loaded.
pub fn version() -> Result<String, HeifError> {
    let lib = libheif()?;
    // SAFETY: returns a static NUL-terminated string.
    Ok(unsafe { CStr::from_ptr((lib.version)()) }.to_string_lossy().into_owned())
}

/// Largest metadata block read (an XMP packet or EXIF block of a real photo is a few KB).
const MAX_METADATA_BYTES: usize = 16 * 1024 * 1024;

/// A HEIF file opened on its primary image. It reads from the caller's bytes without copying
/// them, so it cannot outlive them.
pub struct Heif<'a> {
    lib: &'static Libheif,
    context: *mut library::Context,
    handle: *mut library::Handle,
    _bytes: PhantomData<&'a [u8]>,
}

impl<'a> Heif<'a> {
    /// Parses the file's boxes and finds its primary image. Pictures with more than
    /// `max_side` x `max_side` pixels are refused by libheif itself, before anything is decoded.
    pub fn open(bytes: &'a [u8], max_side: u32) -> Result<Heif<'a>, HeifError> {
        let lib = libheif()?;
        // SAFETY: allocates an empty context; NULL only when out of memory.
        let context = unsafe { (lib.context_alloc)() };
        if context.is_null() {
            return Err(HeifError::Libheif("libheif could not allocate a context".into()));
        }
        let mut heif = Heif { lib, context, handle: std::ptr::null_mut(), _bytes: PhantomData };
        // SAFETY: `context` is live; `bytes` outlives `heif` (its lifetime says so), which is
        // what reading without a copy asks; NULL options are the defaults.
        unsafe {
            (lib.set_maximum_image_size_limit)(context, c_int::try_from(max_side).unwrap_or(c_int::MAX));
            (lib.read_from_memory_without_copy)(
                context,
                bytes.as_ptr().cast(),
                bytes.len(),
                std::ptr::null(),
            )
            .check()?;
            (lib.primary_image_handle)(context, &mut heif.handle).check()?;
        }
        Ok(heif)
    }

    /// The primary image's size as libheif reports it before decoding.
    pub fn size(&self) -> (u32, u32) {
        // SAFETY: `handle` is live while `self` is.
        let (w, h) = unsafe { ((self.lib.handle_width)(self.handle), (self.lib.handle_height)(self.handle)) };
        (u32::try_from(w).unwrap_or(0), u32::try_from(h).unwrap_or(0))
    }

    /// Decodes the primary image to 8-bit RGB (RGBA when it has alpha), with the file's
    /// transformations applied.
    pub fn decode(&self) -> Result<Decoded, HeifError> {
        // SAFETY: `handle` is live while `self` is.
        let alpha = unsafe { (self.lib.handle_has_alpha)(self.handle) } != 0;
        let (chroma, channels) =
            if alpha { (library::CHROMA_INTERLEAVED_RGBA, 4) } else { (library::CHROMA_INTERLEAVED_RGB, 3) };
        let mut image: *mut library::Image = std::ptr::null_mut();
        // SAFETY: as above; NULL options decode with the transformations applied.
        unsafe {
            (self.lib.decode_image)(
                self.handle,
                &mut image,
                library::COLORSPACE_RGB,
                chroma,
                std::ptr::null(),
            )
        }
        .check()?;
        let image = ImageGuard { lib: self.lib, image };
        let channel = library::CHANNEL_INTERLEAVED;
        let mut stride: c_int = 0;
        // SAFETY: `image` is a live decoded image; the plane it returns lives as long as it.
        let (width, height, plane) = unsafe {
            (
                (self.lib.image_width)(image.image, channel),
                (self.lib.image_height)(image.image, channel),
                (self.lib.plane_readonly)(image.image, channel, &mut stride),
            )
        };
        let (Ok(width), Ok(height), Ok(stride)) =
            (usize::try_from(width), usize::try_from(height), usize::try_from(stride))
        else {
            return Err(HeifError::Libheif("libheif returned an image of no size".into()));
        };
        let row = width * channels;
        if plane.is_null() || width == 0 || height == 0 || stride < row {
            return Err(HeifError::Libheif("libheif returned an image without pixels".into()));
        }
        let mut pixels = Vec::with_capacity(row * height);
        for y in 0..height {
            // SAFETY: the plane holds `height` rows of `stride` bytes, each row `row` bytes wide.
            pixels.extend_from_slice(unsafe { std::slice::from_raw_parts(plane.add(y * stride), row) });
        }
        Ok(Decoded { width: width as u32, height: height as u32, alpha, pixels })
    }

    /// The primary image's EXIF block, as a TIFF structure from its byte-order mark.
    pub fn exif(&self) -> Option<Vec<u8>> {
        let block = self.blocks(c"Exif").into_iter().next()?;
        // An EXIF item starts with the offset of the TIFF header after those four bytes.
        let offset = u32::from_be_bytes(block.get(..4)?.try_into().ok()?) as usize;
        let rest = block.get(4..)?;
        let tiff = match rest.get(offset..) {
            Some(t) if t.starts_with(b"II*\0") || t.starts_with(b"MM\0*") => t,
            _ => {
                // Some writers get the offset wrong: look for the header near the start.
                let at = rest.windows(4).take(64).position(|w| w == b"II*\0" || w == b"MM\0*")?;
                &rest[at..]
            }
        };
        Some(tiff.to_vec())
    }

    /// The primary image's XMP packet.
    pub fn xmp(&self) -> Option<Vec<u8>> {
        self.blocks(c"mime").into_iter().find(|b| b.windows(9).any(|w| w == b"<x:xmpmet" || w == b"<rdf:RDF"))
    }

    /// The metadata blocks of a type (`Exif`, or `mime` for XMP), in file order.
    fn blocks(&self, kind: &CStr) -> Vec<Vec<u8>> {
        let filter: *const c_char = kind.as_ptr();
        // SAFETY: `handle` is live; the filter is a NUL-terminated string.
        let count = unsafe { (self.lib.metadata_count)(self.handle, filter) }.clamp(0, 64);
        let mut ids = vec![0u32; count as usize];
        // SAFETY: `ids` has room for `count` item ids.
        let count = unsafe { (self.lib.metadata_ids)(self.handle, filter, ids.as_mut_ptr(), count) };
        ids.truncate(usize::try_from(count).unwrap_or(0));
        let mut blocks = Vec::new();
        for id in ids {
            // SAFETY: `id` is one of this handle's metadata items.
            let size = unsafe { (self.lib.metadata_size)(self.handle, id) };
            if size == 0 || size > MAX_METADATA_BYTES {
                continue;
            }
            if kind == c"mime" {
                // SAFETY: as above; the content type is a string libheif owns, or NULL.
                let content_type = unsafe { (self.lib.metadata_content_type)(self.handle, id) };
                // SAFETY: non-NULL content types are NUL-terminated.
                if content_type.is_null() || unsafe { CStr::from_ptr(content_type) } != c"application/rdf+xml"
                {
                    continue;
                }
            }
            let mut data = vec![0u8; size];
            // SAFETY: `data` has the `size` bytes libheif said the block takes.
            let read: RawError = unsafe { (self.lib.metadata)(self.handle, id, data.as_mut_ptr().cast()) };
            if read.check().is_ok() {
                blocks.push(data);
            }
        }
        blocks
    }
}

impl Drop for Heif<'_> {
    fn drop(&mut self) {
        // SAFETY: each was allocated by libheif for this `Heif` and is released once, here.
        unsafe {
            if !self.handle.is_null() {
                (self.lib.handle_release)(self.handle);
            }
            (self.lib.context_free)(self.context);
        }
    }
}

/// A decoded image, released when dropped.
struct ImageGuard {
    lib: &'static Libheif,
    image: *mut library::Image,
}

impl Drop for ImageGuard {
    fn drop(&mut self) {
        if !self.image.is_null() {
            // SAFETY: allocated by `heif_decode_image`, released once, here.
            unsafe { (self.lib.image_release)(self.image) }
        }
    }
}
