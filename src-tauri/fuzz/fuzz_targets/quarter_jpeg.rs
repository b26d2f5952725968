//! The quarter-size JPEG decoder on arbitrary bytes: whatever it is given, it gives planes of
//! the layout it promises or `None`, and never panics.
#![no_main]
use byline_core::photos::quarter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(planes) = quarter::decode(data) {
        let ((yw, yh), (uw, uh)) = (planes.y_size(), planes.uv_size());
        assert_eq!(planes.pixels.len(), yw * yh + 2 * uw * uh);
    }
});
