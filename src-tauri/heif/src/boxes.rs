//! A walk over a HEIF file's boxes (ISO/IEC 14496-12), in safe code and without libheif: whether
//! the file turns its picture itself.

/// What a HEIF file holds, by the brands of its `ftyp` box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Brand {
    /// HEVC (an iPhone's HEIC), or a generic HEIF brand (`mif1`, `msf1`) whose codec libheif
    /// finds out.
    Heic,
    /// AV1.
    Avif,
}

/// The kind of HEIF file `bytes` is, if it is one: AVIF when a brand says AV1, HEIC for HEVC
/// and the generic brands. Other ISO media files (MP4, MOV, CR3) are not HEIF.
pub fn brand(bytes: &[u8]) -> Option<Brand> {
    if bytes.get(4..8)? != b"ftyp" {
        return None;
    }
    let size = u32::from_be_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
    let ftyp = bytes.get(8..size.clamp(16, 256).min(bytes.len()))?;
    // The major brand, the minor version, then the compatible brands.
    let brands: Vec<&[u8]> =
        ftyp.chunks_exact(4).enumerate().filter(|(i, _)| *i != 1).map(|(_, b)| b).collect();
    let has = |names: &[&[u8; 4]]| brands.iter().any(|b| names.iter().any(|n| &n[..] == *b));
    if has(&[b"avif", b"avis"]) {
        Some(Brand::Avif)
    } else if has(&[b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"]) {
        Some(Brand::Heic)
    } else {
        None
    }
}

/// Whether the file's item properties hold a rotation (`irot`) or a mirror (`imir`). libheif
/// applies those when decoding; an EXIF orientation in the same file describes the same turn (an
/// iPhone writes both) and must not be applied again. A file with neither (as `heif-enc` writes
/// one from a turned JPEG) is turned by its EXIF orientation alone.
pub fn has_transformations(bytes: &[u8]) -> bool {
    let found = (|| {
        let meta = child(bytes, b"meta")?;
        // `meta` is a full box: a version and flags before its children.
        let properties = child(child(meta.get(4..)?, b"iprp")?, b"ipco")?;
        Some(children(properties).any(|(kind, _)| &kind == b"irot" || &kind == b"imir"))
    })();
    found.unwrap_or(false)
}

/// The payload of the first box of a type among `data`'s boxes.
fn child<'a>(data: &'a [u8], kind: &[u8; 4]) -> Option<&'a [u8]> {
    children(data).find(|(k, _)| k == kind).map(|(_, payload)| payload)
}

/// The boxes in `data`, as (type, payload), stopping at the first one that does not fit.
fn children(data: &[u8]) -> impl Iterator<Item = ([u8; 4], &[u8])> {
    let mut rest = data;
    std::iter::from_fn(move || {
        let size = u32::from_be_bytes(rest.get(..4)?.try_into().ok()?) as u64;
        let kind: [u8; 4] = rest.get(4..8)?.try_into().ok()?;
        let (header, size) = match size {
            0 => (8, rest.len() as u64),
            1 => (16, u64::from_be_bytes(rest.get(8..16)?.try_into().ok()?)),
            n => (8, n),
        };
        let size = usize::try_from(size).ok()?;
        if size < header {
            return None;
        }
        let payload = rest.get(header..size)?;
        rest = &rest[size..];
        Some((kind, payload))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A box of a type around a payload.
    fn boxed(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
        [&((payload.len() + 8) as u32).to_be_bytes()[..], kind, payload].concat()
    }

    #[test]
    fn rotations_and_mirrors_are_found_in_the_item_properties() {
        let ipco = |props: &[u8]| {
            let meta_payload =
                [&[0, 0, 0, 0][..], &boxed(b"hdlr", b"pict"), &boxed(b"iprp", &boxed(b"ipco", props))]
                    .concat();
            [boxed(b"ftyp", b"heicmif1"), boxed(b"meta", &meta_payload), boxed(b"mdat", b"....")].concat()
        };
        let ispe = boxed(b"ispe", &[0; 12]);
        assert!(!has_transformations(&ipco(&ispe)));
        assert!(has_transformations(&ipco(&[ispe.clone(), boxed(b"irot", &[1])].concat())));
        assert!(has_transformations(&ipco(&[boxed(b"imir", &[0]), ispe.clone()].concat())));
        // Cut-off and nonsense files are not turned, and do not panic.
        let file = ipco(&[ispe, boxed(b"irot", &[1])].concat());
        for end in 0..file.len() {
            let _ = has_transformations(&file[..end]);
        }
        assert!(!has_transformations(b"\0\0\0\x01metaxxxxxxxx"));
        assert!(!has_transformations(b"\0\0\0\x04meta"));
    }
}
