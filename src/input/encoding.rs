//! Files saved in a Unicode encoding other than UTF-8 (UTF-16, UTF-32), told from their first
//! bytes: a byte-order mark, or, without one, NUL bytes in a regular pattern in the first line
//! (UTF-16 text in the Latin alphabet has a NUL in every other byte; UTF-32, three in every
//! four). Such a file is one problem of the whole file, reported before it is read, instead of
//! one unknown column (or invalid JSON line) per cell full of NULs.

use super::error::InputError;
use super::kind::InputErrorKind;
use super::{Format, Place};

/// A wide Unicode encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Wide {
    /// 16 or 32.
    pub bits: u8,
    /// Whether the file starts with a byte-order mark.
    pub bom: bool,
}

/// The first line's bytes looked at for NUL patterns: at most this many.
const SAMPLE: usize = 4096;

/// The wide encoding of a file that starts with `head`, if it has one.
pub(crate) fn detect(head: &[u8]) -> Option<Wide> {
    // UTF-32 first: its little-endian mark starts with UTF-16's
    if head.starts_with(&[0xFF, 0xFE, 0, 0]) || head.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Some(Wide {
            bits: 32,
            bom: true,
        });
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Some(Wide {
            bits: 16,
            bom: true,
        });
    }
    let line = match memchr::memchr(b'\n', head) {
        Some(end) => &head[..end],
        None => head,
    };
    let line = &line[..line.len().min(SAMPLE)];
    if line.len() < 8 {
        return None;
    }
    // NUL bytes at each place modulo 4, out of how many bytes there
    let mut nul = [0usize; 4];
    let mut all = [0usize; 4];
    for (i, &b) in line.iter().enumerate() {
        all[i % 4] += 1;
        nul[i % 4] += usize::from(b == 0);
    }
    // a place is "zero" when half of its bytes at least are NUL (text in other alphabets has
    // fewer), "text" when a quarter at most are (`Ā` is `00 01` in UTF-16 LE)
    let zero: Vec<bool> = (0..4).map(|i| nul[i] * 2 >= all[i]).collect();
    let text: Vec<bool> = (0..4).map(|i| nul[i] * 4 <= all[i]).collect();
    let bits = match (zero.as_slice(), text.as_slice()) {
        // little-endian `x 0 x 0`, big-endian `0 x 0 x`
        ([false, true, false, true], [true, false, true, false])
        | ([true, false, true, false], [false, true, false, true]) => 16,
        // little-endian `x 0 0 0`, big-endian `0 0 0 x`
        ([false, true, true, true], [true, false, false, false])
        | ([true, true, true, false], [false, false, false, true]) => 32,
        _ => return None,
    };
    Some(Wide { bits, bom: false })
}

/// The problem of file `name` (read as `format`) in the encoding `wide`.
pub(crate) fn problem(name: &str, format: Format, wide: Wide) -> InputError {
    let csv = format == Format::Csv;
    let kind = match wide.bits {
        16 => InputErrorKind::Utf16 { bom: wide.bom, csv },
        _ => InputErrorKind::Utf32 { bom: wide.bom, csv },
    };
    let place = match format {
        Format::Csv => Place::Row,
        Format::Workbook => Place::Cell,
        Format::Json => Place::Object,
        Format::JsonLines => Place::Line,
    };
    InputError::file(name, place, kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str, enc: &str) -> Vec<u8> {
        let units: Vec<u16> = text.encode_utf16().collect();
        match enc {
            "16le" => units.iter().flat_map(|u| u.to_le_bytes()).collect(),
            "16be" => units.iter().flat_map(|u| u.to_be_bytes()).collect(),
            "32le" => text
                .chars()
                .flat_map(|c| (c as u32).to_le_bytes())
                .collect(),
            "32be" => text
                .chars()
                .flat_map(|c| (c as u32).to_be_bytes())
                .collect(),
            _ => text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn wide_encodings_with_and_without_a_mark() {
        let text = "unit,type,planning_region,employees\nA,1,2,3\n";
        let w = |bits, bom| Some(Wide { bits, bom });
        for (enc, bits) in [("16le", 16), ("16be", 16), ("32le", 32), ("32be", 32)] {
            assert_eq!(detect(&encode(text, enc)), w(bits, false), "{enc}");
            let mut marked = encode("\u{feff}", enc);
            marked.extend(encode(text, enc));
            assert_eq!(detect(&marked), w(bits, true), "{enc} with a mark");
        }
        // Latvian letters are not NUL in their high byte
        let lv = "unit,Ādažu novads,Jēkabpils,Rēzekne,Līvāni,a,b,c,d,e,f,g,h,i,j,k,l,m\n";
        assert_eq!(detect(&encode(lv, "16le")), w(16, false));
        // UTF-8, with and without its mark; short heads; a NUL or two in UTF-8 text
        assert_eq!(detect(text.as_bytes()), None);
        assert_eq!(detect(b"\xEF\xBB\xBFunit,a\n"), None);
        assert_eq!(detect(b"u\0n\0"), None);
        assert_eq!(detect(b""), None);
        assert_eq!(detect(b"unit,\0,q1,q2,q3\n"), None);
    }
}
