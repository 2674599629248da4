//! Every value the store writes carries a CRC-32 of its bytes, checked on every read, so a
//! torn or corrupted value is reported and never shown as if it were content.

/// Prefixes a value with its CRC-32 (little-endian).
pub fn seal(payload: &[u8]) -> Vec<u8> {
    let mut out = crc32fast::hash(payload).to_le_bytes().to_vec();
    out.extend_from_slice(payload);
    out
}

/// The payload of a sealed value, or why it cannot be trusted.
pub fn unseal(value: &[u8]) -> Result<&[u8], &'static str> {
    let (sum, payload) = value.split_at_checked(4).ok_or("too short")?;
    let sum = u32::from_le_bytes(sum.try_into().map_err(|_| "too short")?);
    if crc32fast::hash(payload) != sum {
        return Err("checksum mismatch");
    }
    Ok(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flipped_bit_is_caught() {
        let mut v = seal(b"{\"route\":\"puy\"}");
        assert_eq!(unseal(&v), Ok(&b"{\"route\":\"puy\"}"[..]));
        v[7] ^= 0x10;
        assert_eq!(unseal(&v), Err("checksum mismatch"));
        assert_eq!(unseal(&[1, 2]), Err("too short"));
    }
}
