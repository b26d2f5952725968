//! Quarter-size decoding of the JPEGs cameras and phones write, for the derived files.
//!
//! The preview (about 1600 px) of a 24-megapixel photo needs a 1/4-scale decode. libjpeg-turbo's
//! 1/4 scale keeps every AC coefficient of every block for its 2x2 IDCT, and that Huffman work
//! was most of an import's CPU time. Here each 8x8 luma block becomes 2x2 pixels from its four
//! lowest-frequency coefficients (the reduced-size IDCTs of IJG libjpeg 7 and later,
//! `jidctint.c`), and chroma goes straight to the 4:2:0 planes the derived files are encoded
//! from (a 4:4:4 chroma block becomes one sample, from its DC). So the decoder keeps at most
//! four values a block and steps over the rest as they are decoded, several at a time, which
//! costs about what libjpeg-turbo's 1/8 scale does.
//!
//! It takes only what cameras and phones write: one interleaved sequential Huffman scan of 8-bit
//! YCbCr, luma at 1 or 2 samples each way and chroma at 1 (4:4:4, 4:2:2, 4:2:0, 4:4:0), restart
//! markers or not. Anything else (progressive, arithmetic, 12-bit, grey, CMYK, separate scans),
//! and any stream that is not exactly right, gives `None`; libjpeg-turbo then decodes the photo
//! and is the one that says what is wrong with it.

use turbojpeg::{Subsamp, YuvImage};

/// Bits the fast Huffman table looks up at once.
const LOOKAHEAD: u32 = 9;
/// Bits the table of runs of stepped-over coefficients looks up at once.
const RUN_LOOKAHEAD: u32 = 14;

/// A Huffman table ready for decoding (JPEG Annex C and F.2.2.3).
struct Huffman {
    /// By the next `LOOKAHEAD` bits: code length << 8 | symbol, or 0 for a longer code.
    fast: [u16; 1 << LOOKAHEAD],
    /// For AC coefficients that are stepped over, by the next `LOOKAHEAD` bits: the bits of the
    /// code and its value together << 8 | how far the coefficient moves the position (0 at the
    /// end of the block), or 0 for a longer code.
    skip: [u16; 1 << LOOKAHEAD],
    /// The same for as many whole coefficients as the next `RUN_LOOKAHEAD` bits hold: their bits
    /// << 12 | 1 << 11 when they end the block | how far they move the position; 0 when not one
    /// fits.
    runs: Vec<u16>,
    /// For each code length, the largest code of that length (-1 for none).
    maxcode: [i32; 17],
    /// For each code length, what turns a code into an index into `symbols`.
    valoffset: [i32; 17],
    symbols: Vec<u8>,
}

impl Huffman {
    /// `ac` for an AC table, which also gets the tables for stepping over coefficients.
    fn new(counts: &[u8], symbols: &[u8], ac: bool) -> Option<Huffman> {
        let mut table = Huffman {
            fast: [0; 1 << LOOKAHEAD],
            skip: [0; 1 << LOOKAHEAD],
            runs: Vec::new(),
            maxcode: [-1; 17],
            valoffset: [0; 17],
            symbols: symbols.to_vec(),
        };
        let (mut code, mut k) = (0u32, 0usize);
        for len in 1..=16u32 {
            let n = usize::from(counts[len as usize - 1]);
            table.valoffset[len as usize] = k as i32 - code as i32;
            for _ in 0..n {
                if code >= 1 << len {
                    return None; // more codes than the length allows
                }
                if len <= LOOKAHEAD {
                    let shift = LOOKAHEAD - len;
                    let symbol = *symbols.get(k)?;
                    let entry = (len as u16) << 8 | u16::from(symbol);
                    let first = (code << shift) as usize;
                    table.fast[first..first + (1 << shift)].fill(entry);
                    let (run, size) = (u16::from(symbol >> 4), u16::from(symbol & 15));
                    let step = match (run, size) {
                        (15, 0) => 16, // sixteen zeros
                        (_, 0) => 0,   // end of block
                        _ => run + 1,
                    };
                    table.skip[first..first + (1 << shift)].fill((len as u16 + size) << 8 | step);
                }
                code += 1;
                k += 1;
            }
            if n > 0 {
                table.maxcode[len as usize] = code as i32 - 1;
            }
            code <<= 1;
        }
        if ac {
            table.runs = (0..1u32 << RUN_LOOKAHEAD).map(|bits| table.run_of(bits)).collect();
        }
        Some(table)
    }

    /// The `runs` entry for these `RUN_LOOKAHEAD` bits.
    fn run_of(&self, bits: u32) -> u16 {
        let (mut used, mut step) = (0u32, 0u16);
        while used < RUN_LOOKAHEAD {
            let next = (bits << used) & ((1 << RUN_LOOKAHEAD) - 1);
            let entry = self.skip[(next >> (RUN_LOOKAHEAD - LOOKAHEAD)) as usize];
            let length = u32::from(entry >> 8);
            if entry == 0 || used + length > RUN_LOOKAHEAD {
                break;
            }
            used += length;
            if entry & 0xFF == 0 {
                return (used as u16) << 12 | 1 << 11 | step;
            }
            step += entry & 0xFF;
        }
        if used == 0 {
            0
        } else {
            (used as u16) << 12 | step
        }
    }
}

/// The entropy-coded data, read MSB first, with 0xFF 0x00 unstuffed. At a marker (or the end)
/// it reads zeros and counts them, so a stream that runs short is caught.
struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    /// The next bits, from bit 63 down.
    buf: u64,
    /// How many bits of `buf` are filled.
    count: u32,
    /// How many of those are the zeros read past the data.
    padding: u32,
}

impl<'a> Bits<'a> {
    fn new(data: &'a [u8], pos: usize) -> Bits<'a> {
        Bits { data, pos, buf: 0, count: 0, padding: 0 }
    }

    /// At least 32 bits in `buf`: enough for one Huffman code and its value.
    #[inline(always)]
    fn fill(&mut self) {
        if self.count >= 32 {
            return;
        }
        if let Some(chunk) = self.data.get(self.pos..self.pos + 8) {
            let word = u64::from_be_bytes(chunk.try_into().unwrap_or_default());
            let inverted = !word;
            let has_ff = inverted.wrapping_sub(0x0101_0101_0101_0101) & word & 0x8080_8080_8080_8080 != 0;
            if !has_ff {
                let take = (64 - self.count) / 8;
                self.buf |= (word & (u64::MAX << (64 - take * 8))) >> self.count;
                self.count += take * 8;
                self.pos += take as usize;
                return;
            }
        }
        while self.count <= 56 {
            let byte = match self.data.get(self.pos) {
                Some(0xFF) if self.data.get(self.pos + 1) == Some(&0) => {
                    self.pos += 2;
                    0xFF
                }
                Some(0xFF) | None => {
                    // A marker or the end: zeros from here on, counted.
                    self.padding += 64 - self.count;
                    self.count = 64;
                    return;
                }
                Some(&b) => {
                    self.pos += 1;
                    b
                }
            };
            self.buf |= u64::from(byte) << (56 - self.count);
            self.count += 8;
        }
    }

    #[inline(always)]
    fn consume(&mut self, n: u32) {
        self.buf <<= n;
        self.count -= n;
    }

    #[inline(always)]
    fn symbol(&mut self, table: &Huffman) -> Option<u8> {
        let entry = table.fast[(self.buf >> (64 - LOOKAHEAD)) as usize];
        if entry != 0 {
            self.consume(u32::from(entry >> 8));
            return Some(entry as u8);
        }
        for len in LOOKAHEAD + 1..=16 {
            let code = (self.buf >> (64 - len)) as i32;
            if code <= table.maxcode[len as usize] {
                self.consume(len);
                return table.symbols.get((code + table.valoffset[len as usize]) as usize).copied();
            }
        }
        None
    }

    /// The signed value of `size` (1..=15) bits (F.2.2.1, EXTEND).
    #[inline(always)]
    fn value(&mut self, size: u32) -> i32 {
        let v = (self.buf >> (64 - size)) as i32;
        self.consume(size);
        if v < 1 << (size - 1) {
            v - (1 << size) + 1
        } else {
            v
        }
    }

    /// True when no zero read past the data has been used.
    fn whole(&self) -> bool {
        self.count >= self.padding
    }

    /// True when what is left of the data read is at most the last byte's fill bits.
    fn at_byte_end(&self) -> bool {
        self.whole() && self.count - self.padding < 8
    }

    /// After a restart interval: drops the byte's fill bits and reads the expected RSTn marker.
    fn restart(&mut self, n: usize) -> bool {
        if !self.at_byte_end() {
            return false;
        }
        (self.buf, self.count, self.padding) = (0, 0, 0);
        while self.data.get(self.pos) == Some(&0xFF) && self.data.get(self.pos + 1) == Some(&0xFF) {
            self.pos += 1;
        }
        if self.data.get(self.pos) == Some(&0xFF)
            && self.data.get(self.pos + 1) == Some(&(0xD0 + (n % 8) as u8))
        {
            self.pos += 2;
            return true;
        }
        false
    }

    /// True when the scan ended where its data did: only fill bits left, then a marker.
    fn at_marker(&self) -> bool {
        self.at_byte_end()
            && self.data.get(self.pos) == Some(&0xFF)
            && self.data.get(self.pos + 1).is_some_and(|&m| m != 0)
    }
}

/// One colour component of the frame.
#[derive(Clone, Copy, Default)]
struct Component {
    id: u8,
    h: usize,
    v: usize,
    quant: usize,
    dc: usize,
    ac: usize,
}

/// What the markers before the scan set.
#[derive(Default)]
struct Frame {
    width: usize,
    height: usize,
    components: Vec<Component>,
    /// Zigzag positions 0, 1, 2 and 4 of each quantisation table: all the 2x2 IDCT uses.
    quant: [Option<[i32; 4]>; 4],
    dc: [Option<Huffman>; 4],
    ac: [Option<Huffman>; 4],
    restart: usize,
}

fn u16_at(bytes: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?])))
}

/// Decodes `bytes` (a whole JPEG) at 1/4 scale into 4:2:0 Y, Cb and Cr planes, whatever the
/// photo's subsampling, laid out as TurboJPEG lays out 4:2:0 planes of that size (one-byte row
/// alignment), so either decoder's planes feed the same resizing. `None` for anything this
/// decoder does not take.
pub fn decode(bytes: &[u8]) -> Option<YuvImage<Vec<u8>>> {
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut frame = Frame::default();
    let mut pos = 2;
    loop {
        if *bytes.get(pos)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(pos + 1)?;
        if marker == 0xFF {
            pos += 1; // fill byte
            continue;
        }
        let len = u16_at(bytes, pos + 2)?;
        let segment = bytes.get(pos + 4..pos + 2 + len)?;
        match marker {
            0xC0 | 0xC1 => frame_header(segment, &mut frame)?,
            0xC2..=0xCF if marker != 0xC4 && marker != 0xC8 && marker != 0xCC => return None,
            0xC4 => huffman_tables(segment, &mut frame)?,
            0xDB => quant_tables(segment, &mut frame)?,
            0xDD => frame.restart = u16_at(segment, 0)?,
            0xDA => return scan(bytes, segment, pos + 2 + len, &frame),
            0xD8..=0xD9 | 0x01 | 0xD0..=0xD7 => return None,
            _ => {}
        }
        pos += 2 + len;
    }
}

fn frame_header(s: &[u8], frame: &mut Frame) -> Option<()> {
    if *s.first()? != 8 || *s.get(5)? != 3 || !frame.components.is_empty() {
        return None;
    }
    frame.height = u16_at(s, 1)?;
    frame.width = u16_at(s, 3)?;
    if frame.width == 0 || frame.height == 0 {
        return None;
    }
    for c in 0..3 {
        let at = 6 + 3 * c;
        let (id, sampling, quant) = (*s.get(at)?, *s.get(at + 1)?, usize::from(*s.get(at + 2)?));
        let (h, v) = (usize::from(sampling >> 4), usize::from(sampling & 15));
        // Luma at 1 or 2 samples a side, chroma at 1: 4:4:4, 4:2:2, 4:2:0 and 4:4:0.
        let allowed = if c == 0 { (1..=2).contains(&h) && (1..=2).contains(&v) } else { h == 1 && v == 1 };
        if !allowed || quant > 3 {
            return None;
        }
        frame.components.push(Component { id, h, v, quant, ..Component::default() });
    }
    Some(())
}

fn huffman_tables(mut s: &[u8], frame: &mut Frame) -> Option<()> {
    while !s.is_empty() {
        let (class, id) = (s[0] >> 4, usize::from(s[0] & 15));
        let counts = s.get(1..17)?;
        let total: usize = counts.iter().map(|&c| usize::from(c)).sum();
        let symbols = s.get(17..17 + total)?;
        let table = Huffman::new(counts, symbols, class == 1)?;
        match (class, id) {
            (0, 0..=3) => frame.dc[id] = Some(table),
            (1, 0..=3) => frame.ac[id] = Some(table),
            _ => return None,
        }
        s = &s[17 + total..];
    }
    Some(())
}

fn quant_tables(mut s: &[u8], frame: &mut Frame) -> Option<()> {
    while !s.is_empty() {
        let (precision, id) = (s[0] >> 4, usize::from(s[0] & 15));
        let wide = match precision {
            0 => false,
            1 => true,
            _ => return None,
        };
        let size = if wide { 128 } else { 64 };
        let values = s.get(1..1 + size)?;
        let at = |k: usize| {
            if wide {
                i32::from(u16::from_be_bytes([values[2 * k], values[2 * k + 1]]))
            } else {
                i32::from(values[k])
            }
        };
        *frame.quant.get_mut(id)? = Some([at(0), at(1), at(2), at(4)]);
        s = &s[1 + size..];
    }
    Some(())
}

/// One plane being written: each block becomes `cell` pixels (across, down), 1 or 2 each way.
struct Plane {
    pixels: Vec<u8>,
    stride: usize,
    cell: (usize, usize),
}

impl Plane {
    /// The highest zigzag position the cell's IDCT reads: 0 (DC), 1 (0,1), 2 (1,0) or 4 (1,1).
    fn last(&self) -> usize {
        match self.cell {
            (1, 1) => 0,
            (2, 1) => 1,
            (1, 2) => 2,
            _ => 4,
        }
    }

    /// The reduced-size IDCT of the lowest coefficients (zigzag positions 0, 1, 2 and 4),
    /// dequantised, into the block's cell. Each output is (DC +- AC...) / 8: the 2x2, 2x1, 1x2
    /// and 1x1 IDCTs of IJG libjpeg 7 and later.
    #[inline(always)]
    fn put(&mut self, bx: usize, by: usize, c: [i32; 4], q: &[i32; 4]) {
        let [c00, c01, c10, c11] = [
            c[0].wrapping_mul(q[0]),
            c[1].wrapping_mul(q[1]),
            c[2].wrapping_mul(q[2]),
            c[3].wrapping_mul(q[3]),
        ];
        // Level shift back to 0..255 and round, before the divide by 8.
        let bias = (128 << 3) + 4;
        let (t0, t2) = (c00.wrapping_add(c10).wrapping_add(bias), c00.wrapping_sub(c10).wrapping_add(bias));
        let (t1, t3) = (c01.wrapping_add(c11), c01.wrapping_sub(c11));
        let px = |v: i32| (v >> 3).clamp(0, 255) as u8;
        let (w, h) = self.cell;
        let at = h * by * self.stride + w * bx;
        if let Some(top) = self.pixels.get_mut(at..at + w) {
            top[0] = px(t0.wrapping_add(t1));
            if w == 2 {
                top[1] = px(t0.wrapping_sub(t1));
            }
        }
        if h == 2 {
            let at = at + self.stride;
            if let Some(bottom) = self.pixels.get_mut(at..at + w) {
                bottom[0] = px(t2.wrapping_add(t3));
                if w == 2 {
                    bottom[1] = px(t2.wrapping_sub(t3));
                }
            }
        }
    }
}

fn scan(bytes: &[u8], header: &[u8], data: usize, frame: &Frame) -> Option<YuvImage<Vec<u8>>> {
    if frame.components.len() != 3 || *header.first()? != 3 {
        return None;
    }
    let mut components = frame.components.clone();
    for (i, c) in components.iter_mut().enumerate() {
        let (id, tables) = (*header.get(1 + 2 * i)?, *header.get(2 + 2 * i)?);
        if id != c.id {
            return None; // scan order differs from frame order
        }
        (c.dc, c.ac) = (usize::from(tables >> 4), usize::from(tables & 15));
    }
    // Spectral selection and successive approximation: all of a sequential scan.
    if header.get(7..10)? != [0, 63, 0] {
        return None;
    }
    let mut tables = Vec::with_capacity(3);
    for c in &components {
        let dc = frame.dc.get(c.dc)?.as_ref()?;
        let ac = frame.ac.get(c.ac)?.as_ref()?;
        let quant = frame.quant.get(c.quant)?.as_ref()?;
        tables.push((dc, ac, quant));
    }
    let (hmax, vmax) = (components[0].h, components[0].v);
    let mcus_x = frame.width.div_ceil(8 * hmax);
    let mcus_y = frame.height.div_ceil(8 * vmax);
    // Luma at 2x2 pixels a block (1/4 scale). Chroma straight at 4:2:0 of that, one sample for
    // each 8x8 luma pixels, whatever the photo's subsampling: a chroma block covers
    // (8 * hmax) x (8 * vmax) pixels, so it becomes hmax x vmax samples.
    let mut planes: Vec<Plane> = components
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cell = if i == 0 { (2, 2) } else { (hmax, vmax) };
            let stride = cell.0 * mcus_x * c.h;
            Plane { pixels: vec![0; stride * cell.1 * mcus_y * c.v], stride, cell }
        })
        .collect();
    let lasts: Vec<usize> = planes.iter().map(Plane::last).collect();
    let mut bits = Bits::new(bytes, data);
    let mut predictions = [0i32; 3];
    let mut restarts = 0;
    for mcu in 0..mcus_x * mcus_y {
        if frame.restart > 0 && mcu > 0 && mcu % frame.restart == 0 {
            if !bits.restart(restarts) {
                return None;
            }
            restarts += 1;
            predictions = [0; 3];
        }
        let (mx, my) = (mcu % mcus_x, mcu / mcus_x);
        for (ci, c) in components.iter().enumerate() {
            let (dc, ac, quant) = tables[ci];
            for v in 0..c.v {
                for h in 0..c.h {
                    let coefficients = block(&mut bits, dc, ac, &mut predictions[ci], lasts[ci])?;
                    planes[ci].put(mx * c.h + h, my * c.v + v, coefficients, quant);
                }
            }
        }
        if !bits.whole() {
            return None; // the data ran out
        }
    }
    if !bits.at_marker() {
        return None;
    }
    into_yuv(frame, &planes)
}

/// One block's coefficients: keeps zigzag positions 0, 1, 2 and 4 up to `last`, steps over
/// the rest.
#[inline(always)]
fn block(bits: &mut Bits, dc: &Huffman, ac: &Huffman, prediction: &mut i32, last: usize) -> Option<[i32; 4]> {
    bits.fill();
    let size = u32::from(bits.symbol(dc)?);
    if size > 15 {
        return None;
    }
    if size > 0 {
        *prediction = prediction.wrapping_add(bits.value(size));
    }
    let mut kept = [*prediction, 0, 0, 0];
    let mut k = 1;
    while k <= last {
        bits.fill();
        let rs = bits.symbol(ac)?;
        let (run, size) = (usize::from(rs >> 4), u32::from(rs & 15));
        if size == 0 {
            if run != 15 {
                return Some(kept); // end of block
            }
            k += 16;
            continue;
        }
        k += run;
        if k > 63 {
            return None;
        }
        let value = bits.value(size);
        match k {
            1 => kept[1] = value,
            2 => kept[2] = value,
            4 => kept[3] = value,
            _ => {}
        }
        k += 1;
    }
    while k < 64 {
        bits.fill();
        let run = ac.runs[(bits.buf >> (64 - RUN_LOOKAHEAD)) as usize];
        // Only coefficients of this block: an end-of-block code must start before position 64.
        let (step, ends) = (usize::from(run & 0x7FF), usize::from(run >> 11 & 1));
        if run != 0 && k + step + ends <= 64 {
            bits.consume(u32::from(run >> 12));
            if run & 0x800 != 0 {
                break;
            }
            k += step;
            continue;
        }
        let entry = ac.skip[(bits.buf >> (64 - LOOKAHEAD)) as usize];
        if entry != 0 {
            bits.consume(u32::from(entry >> 8));
            match entry & 0xFF {
                0 => break,
                step => k += usize::from(step),
            }
            continue;
        }
        let rs = bits.symbol(ac)?;
        let (run, size) = (usize::from(rs >> 4), u32::from(rs & 15));
        if size == 0 {
            if run != 15 {
                break;
            }
            k += 16;
            continue;
        }
        k += run + 1;
        bits.consume(size);
    }
    if k > 64 {
        return None;
    }
    Some(kept)
}

/// The planes cut to TurboJPEG's layout for 4:2:0 planes of the 1/4-scale size.
fn into_yuv(frame: &Frame, planes: &[Plane]) -> Option<YuvImage<Vec<u8>>> {
    let mut out = YuvImage {
        pixels: Vec::new(),
        width: frame.width.div_ceil(4),
        align: 1,
        height: frame.height.div_ceil(4),
        subsamp: Subsamp::Sub2x2,
    };
    out.pixels = Vec::with_capacity(turbojpeg::yuv_pixels_len(out.width, 1, out.height, out.subsamp).ok()?);
    let (y, uv) = (out.y_size(), out.uv_size());
    for (plane, (w, rows)) in planes.iter().zip([y, uv, uv]) {
        for row in 0..rows {
            out.pixels.extend_from_slice(plane.pixels.get(row * plane.stride..)?.get(..w)?);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::picture;

    /// libjpeg-turbo's 1/4-scale decode to planes.
    fn libjpeg(jpeg: &[u8]) -> YuvImage<Vec<u8>> {
        let mut decompressor = turbojpeg::Decompressor::new().expect("decompressor");
        let header = decompressor.read_header(jpeg).expect("header");
        decompressor.set_scaling_factor(turbojpeg::ScalingFactor::ONE_QUARTER).expect("scale");
        let scaled = header.scaled(turbojpeg::ScalingFactor::ONE_QUARTER);
        let len = turbojpeg::yuv_pixels_len(scaled.width, 1, scaled.height, header.subsamp).expect("len");
        let mut planes = YuvImage {
            pixels: vec![0; len],
            width: scaled.width,
            align: 1,
            height: scaled.height,
            subsamp: header.subsamp,
        };
        decompressor.decompress_to_yuv(jpeg, planes.as_deref_mut()).expect("decode");
        planes
    }

    /// The same planes with chroma averaged down to 4:2:0.
    fn to_420(planes: &YuvImage<Vec<u8>>) -> YuvImage<Vec<u8>> {
        let mut out = YuvImage {
            pixels: Vec::new(),
            width: planes.width,
            align: 1,
            height: planes.height,
            subsamp: Subsamp::Sub2x2,
        };
        let (y, (uw, uh)) = (planes.y_size(), planes.uv_size());
        let (ow, oh) = out.uv_size();
        let oy = out.y_size();
        for row in 0..oy.1 {
            for col in 0..oy.0 {
                out.pixels.push(planes.pixels[row.min(y.1 - 1) * y.0 + col.min(y.0 - 1)]);
            }
        }
        let (fx, fy) = (2 / planes.subsamp.width(), 2 / planes.subsamp.height());
        for plane in planes.pixels[y.0 * y.1..].chunks(uw * uh) {
            for row in 0..oh {
                for col in 0..ow {
                    let (mut sum, mut n) = (0u32, 0u32);
                    for sy in row * fy..(row * fy + fy).min(uh) {
                        for sx in col * fx..(col * fx + fx).min(uw) {
                            sum += u32::from(plane[sy * uw + sx]);
                            n += 1;
                        }
                    }
                    out.pixels.push(((sum + n / 2) / n.max(1)) as u8);
                }
            }
        }
        out
    }

    /// Mean absolute difference and the largest difference, per sample.
    fn compare(a: &YuvImage<Vec<u8>>, b: &YuvImage<Vec<u8>>) -> (f64, u8) {
        assert_eq!(
            (a.width, a.height, a.subsamp, a.pixels.len()),
            (b.width, b.height, b.subsamp, b.pixels.len())
        );
        let sum: u64 = a.pixels.iter().zip(&b.pixels).map(|(x, y)| u64::from(x.abs_diff(*y))).sum();
        let max = a.pixels.iter().zip(&b.pixels).map(|(x, y)| x.abs_diff(*y)).max().unwrap_or(0);
        (sum as f64 / a.pixels.len() as f64, max)
    }

    /// libjpeg-turbo's 1/4-scale size, 4:2:0, and the same picture within what the two
    /// reduced-size IDCTs differ by, for each subsampling and for sizes that leave partial
    /// blocks and MCUs.
    #[test]
    fn gives_what_libjpeg_gives_at_quarter_scale() {
        for (w, h, subsamp) in [
            (1203, 805, Subsamp::Sub2x2),
            (1000, 667, Subsamp::None),
            (1601, 1067, Subsamp::Sub2x1),
            (803, 1205, Subsamp::Sub1x2),
            (2400, 1601, Subsamp::None),
            (9, 7, Subsamp::None),
            (17, 33, Subsamp::Sub2x2),
        ] {
            let jpeg = picture(w, h, subsamp);
            let ours = decode(&jpeg).unwrap_or_else(|| panic!("{w}x{h} {subsamp:?} is taken"));
            let (mean, max) = compare(&ours, &to_420(&libjpeg(&jpeg)));
            // A few pixels across a steep gradient are where the two IDCTs differ most.
            let limit = if w.min(h) < 64 { 5.0 } else { 1.5 };
            assert!(mean < limit && max < 80, "{w}x{h} {subsamp:?}: mean {mean:.2}, max {max}");
        }
    }

    /// Real photos: the iPhone's and the IPTC reference image carry restart markers.
    #[test]
    fn reads_real_photos_with_restart_markers() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/photos");
        for name in ["iphone_gpsinfo_exif.JPG", "IPTC-PhotometadataRef-Std2017.1.jpg"] {
            let jpeg = std::fs::read(dir.join(name)).expect("fixture");
            let mut frame = Frame::default();
            let mut pos = 2;
            while jpeg[pos + 1] != 0xDA {
                let len = u16_at(&jpeg, pos + 2).expect("length");
                if jpeg[pos + 1] == 0xDD {
                    frame.restart = u16_at(&jpeg, pos + 4).expect("interval");
                }
                pos += 2 + len;
            }
            assert!(frame.restart > 0, "{name} has restart markers");
            let ours = decode(&jpeg).unwrap_or_else(|| panic!("{name} is taken"));
            let (mean, max) = compare(&ours, &to_420(&libjpeg(&jpeg)));
            assert!(mean < 1.5 && max < 80, "{name}: mean {mean:.2}, max {max}");
        }
    }

    /// What this decoder does not take goes to libjpeg-turbo: progressive, grey, cut short,
    /// data past the end of the scan, a wrong restart marker.
    #[test]
    fn leaves_the_rest_to_libjpeg() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/photos");
        let progressive = std::fs::read(dir.join("cp.jpg")).expect("fixture");
        assert!(decode(&progressive).is_none(), "progressive");
        let grey = turbojpeg::compress(
            turbojpeg::Image {
                pixels: &[128u8; 64 * 64][..],
                width: 64,
                pitch: 64,
                height: 64,
                format: turbojpeg::PixelFormat::GRAY,
            },
            90,
            Subsamp::Gray,
        )
        .expect("grey");
        assert!(decode(&grey).is_none(), "grey");
        let jpeg = picture(640, 480, Subsamp::Sub2x2);
        assert!(decode(&jpeg).is_some());
        let mut short = jpeg[..jpeg.len() / 2].to_vec();
        short.extend_from_slice(&[0xFF, 0xD9]);
        assert!(decode(&short).is_none(), "cut short");
        let mut extra = jpeg[..jpeg.len() - 2].to_vec();
        extra.extend_from_slice(&[0x12, 0x34, 0x56, 0xFF, 0xD9]);
        assert!(decode(&extra).is_none(), "data past the scan");
        let iphone = std::fs::read(dir.join("iphone_gpsinfo_exif.JPG")).expect("fixture");
        let rst =
            iphone.windows(2).rposition(|w| w[0] == 0xFF && (0xD0..=0xD7).contains(&w[1])).expect("a marker");
        let mut wrong = iphone.clone();
        wrong[rst + 1] = 0xD0 + (wrong[rst + 1] - 0xD0 + 1) % 8;
        assert!(decode(&wrong).is_none(), "wrong restart marker");
    }

    /// Damaged data never panics or reads out of bounds, and what is returned has the layout.
    #[test]
    fn damaged_data_is_safe() {
        let jpeg = picture(200, 150, Subsamp::Sub2x1);
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..400 {
            let mut damaged = jpeg.clone();
            for _ in 0..1 + next() % 4 {
                let at = (next() as usize) % damaged.len();
                damaged[at] = next() as u8;
            }
            if next() % 4 == 0 {
                damaged.truncate((next() as usize) % damaged.len());
            }
            if let Some(planes) = decode(&damaged) {
                let len =
                    turbojpeg::yuv_pixels_len(planes.width, 1, planes.height, planes.subsamp).expect("len");
                assert_eq!(planes.pixels.len(), len);
            }
        }
    }
}
