//! LEB128 varints: seven bits a byte, low bits first.

/// Why a varint could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum VarintError {
    /// The stream ended inside it.
    Truncated,
    /// Its value does not fit 64 bits.
    Overflow,
}

/// Reads a varint from `stream` at `*position` and moves past it.
pub(crate) fn read(stream: &[u8], position: &mut usize) -> Result<u64, VarintError> {
    let mut value = 0u64;
    let mut shift = 0u32;
    loop {
        let byte = *stream.get(*position).ok_or(VarintError::Truncated)?;
        *position += 1;
        let bits = u64::from(byte & 0x7f);
        // The tenth byte may carry only the 64th bit.
        if shift == 63 && bits > 1 || shift > 63 {
            return Err(VarintError::Overflow);
        }
        value |= bits << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
        shift += 7;
    }
}

/// Appends `value` as a varint.
#[cfg(any(feature = "alloc", test))]
pub(crate) fn write(out: &mut alloc::vec::Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// How many bytes `value` takes as a varint.
#[cfg(any(feature = "alloc", test))]
pub(crate) fn len(value: u64) -> usize {
    let bits = 64 - value.leading_zeros() as usize;
    bits.div_ceil(7).max(1)
}
