//! Compact text encodings for posting lists and form sets inside JSON.
//!
//! Posting lists are the bulk of every query's download, so they are not
//! JSON arrays (a doc id and a number cost 6–10 bytes there) but strings over
//! the 64 URL-safe characters `A–Z a–z 0–9 - _`, which JSON never escapes.
//! A posting in a dense list costs one character.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Impacts are 1..=32: five bits of the posting's first character.
pub const MAX_IMPACT: u8 = 32;

fn push(out: &mut String, v: u32) {
    out.push(ALPHABET[v as usize] as char);
}

/// Little-endian groups of five bits; the sixth bit says "more follow".
fn push_varint(out: &mut String, mut v: u32) {
    loop {
        let low = v & 31;
        v >>= 5;
        if v == 0 {
            push(out, low);
            return;
        }
        push(out, low | 32);
    }
}

#[cfg(test)]
fn value(c: u8) -> u32 {
    match c {
        b'A'..=b'Z' => (c - b'A') as u32,
        b'a'..=b'z' => (c - b'a') as u32 + 26,
        b'0'..=b'9' => (c - b'0') as u32 + 52,
        b'-' => 62,
        b'_' => 63,
        _ => panic!("not a codec character: {c}"),
    }
}

#[cfg(test)]
fn read_varint(bytes: &[u8], i: &mut usize) -> u32 {
    let (mut v, mut shift) = (0u32, 0);
    loop {
        let d = value(bytes[*i]);
        *i += 1;
        v |= (d & 31) << shift;
        if d & 32 == 0 {
            return v;
        }
        shift += 5;
    }
}

/// Postings in doc order. First character: `impact - 1` in bits 0–4, and bit
/// 5 set when the doc is not the previous doc + 1, in which case a varint of
/// `gap - 2` follows. Frequent keys hit consecutive docs, so one character.
pub fn encode_postings(docs: &[u32], impacts: &[u8]) -> String {
    let mut out = String::with_capacity(docs.len() + docs.len() / 4);
    let mut prev = -1i64;
    for (&d, &imp) in docs.iter().zip(impacts) {
        debug_assert!((1..=MAX_IMPACT).contains(&imp));
        let gap = d as i64 - prev;
        let head = (imp - 1) as u32;
        if gap == 1 {
            push(&mut out, head);
        } else {
            push(&mut out, head | 32);
            push_varint(&mut out, (gap - 2) as u32);
        }
        prev = d as i64;
    }
    out
}

#[cfg(test)]
pub fn decode_postings(s: &str) -> (Vec<u32>, Vec<u8>) {
    let bytes = s.as_bytes();
    let (mut docs, mut impacts) = (Vec::new(), Vec::new());
    let (mut i, mut prev) = (0, -1i64);
    while i < bytes.len() {
        let head = value(bytes[i]);
        i += 1;
        let gap = if head & 32 == 0 {
            1
        } else {
            read_varint(bytes, &mut i) as i64 + 2
        };
        prev += gap;
        docs.push(prev as u32);
        impacts.push((head & 31) as u8 + 1);
    }
    (docs, impacts)
}

/// Which of a key's `n` postings (by position) hold one exact form. The
/// shortest of four spellings: "" every posting; "b" a bitmap, six postings a
/// character; "s" the positions as varint gaps; "n" the positions *without*
/// the form, for a form nearly every posting has. Lengths are worked out
/// before anything is written, as only one spelling is kept.
pub fn encode_set(positions: &[u32], n: usize) -> String {
    if positions.len() == n {
        return String::new();
    }
    let bitmap_len = n.div_ceil(6);
    let mut sparse_len = 0;
    let mut complement_len = 0;
    let (mut prev, mut run) = (-1i64, 0u32);
    for &p in positions {
        sparse_len += varint_len((p as i64 - prev - 1) as u32);
        let hole = p as i64 - prev - 1;
        if hole > 0 {
            // The first missing position of a hole carries the run of present
            // positions before it; the others in the hole are gap 0.
            complement_len += varint_len(run) + hole as usize - 1;
            run = 0;
        }
        run += 1;
        prev = p as i64;
    }
    let hole = n as i64 - prev - 1;
    if hole > 0 {
        complement_len += varint_len(run) + hole as usize - 1;
    }
    if bitmap_len <= sparse_len && bitmap_len <= complement_len {
        let mut bits = vec![0u32; bitmap_len];
        for &p in positions {
            bits[p as usize / 6] |= 1 << (p % 6);
        }
        let mut out = String::with_capacity(bitmap_len + 1);
        out.push('b');
        bits.iter().for_each(|&b| push(&mut out, b));
        out
    } else if sparse_len <= complement_len {
        gaps('s', positions.iter().copied())
    } else {
        let mut present = positions.iter().peekable();
        let missing = (0..n as u32).filter(|p| {
            if present.peek() == Some(&p) {
                present.next();
                false
            } else {
                true
            }
        });
        gaps('n', missing)
    }
}

fn varint_len(mut v: u32) -> usize {
    let mut len = 1;
    while v >= 32 {
        v >>= 5;
        len += 1;
    }
    len
}

fn gaps(tag: char, positions: impl Iterator<Item = u32>) -> String {
    let mut out = String::from(tag);
    let mut prev = -1i64;
    for p in positions {
        push_varint(&mut out, (p as i64 - prev - 1) as u32);
        prev = p as i64;
    }
    out
}

#[cfg(test)]
pub fn decode_set(s: &str, n: usize) -> Vec<bool> {
    let bytes = s.as_bytes();
    let Some(&tag) = bytes.first() else {
        return vec![true; n];
    };
    let body = &bytes[1..];
    let mut out = vec![false; n];
    match tag {
        b'b' => {
            for (i, flag) in out.iter_mut().enumerate() {
                *flag = value(body[i / 6]) >> (i % 6) & 1 == 1;
            }
        }
        b's' | b'n' => {
            let listed = tag == b's';
            if !listed {
                out.iter_mut().for_each(|f| *f = true);
            }
            let (mut i, mut prev) = (0, -1i64);
            while i < body.len() {
                prev += read_varint(body, &mut i) as i64 + 1;
                out[prev as usize] = listed;
            }
        }
        _ => panic!("unknown set tag {tag}"),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip() {
        let docs = [0, 1, 2, 5, 40, 41, 5000, 1_000_000];
        let imps = [1, 32, 7, 3, 3, 9, 16, 2];
        let s = encode_postings(&docs, &imps);
        assert_eq!(decode_postings(&s), (docs.to_vec(), imps.to_vec()));
        // Consecutive docs cost one character each.
        assert_eq!(encode_postings(&[0, 1, 2, 3], &[1, 1, 1, 1]).len(), 4);
    }

    #[test]
    fn sets_round_trip_in_every_spelling() {
        for (positions, n) in [
            (vec![], 10),
            (vec![0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 10),
            (vec![3], 500),
            ((0..500).filter(|p| p % 2 == 0).collect(), 500),
            ((0..500).filter(|p| *p != 77).collect(), 500),
        ] {
            let s = encode_set(&positions, n);
            let flags = decode_set(&s, n);
            let back: Vec<u32> = (0..n as u32).filter(|&p| flags[p as usize]).collect();
            assert_eq!(back, positions, "{s}");
        }
        assert!(encode_set(&[3], 500).starts_with('s'));
        assert!(
            encode_set(&(0..500).filter(|p| p % 2 == 0).collect::<Vec<_>>(), 500).starts_with('b')
        );
        assert!(
            encode_set(&(0..500).filter(|p| *p != 77).collect::<Vec<_>>(), 500).starts_with('n')
        );
    }
}
