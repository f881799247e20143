//! The boot archive's decompressor on arbitrary bytes: `bootlz::decode`
//! never panics (the kernel runs it on whatever the disk held), and what it
//! decodes compresses and decodes back to the same bytes.
//!
//! The input is a whole compressed image: the 32-byte header, then the
//! stream. Inputs whose header declares more than [`MAX_OUTPUT`] bytes are
//! only parsed.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The largest output tried: a corrupt header can declare any size.
const MAX_OUTPUT: usize = 1 << 20;
/// The largest output also compressed again (the compressor is slower).
const MAX_ROUND_TRIP: usize = 64 << 10;

fuzz_target!(|bytes: &[u8]| {
    let Ok(header) = bootlz::Header::parse(bytes) else { return };
    if header.decoded_size() > MAX_OUTPUT {
        return;
    }
    let mut output = vec![0; header.decoded_size()];
    if bootlz::decode(bytes, &mut output).is_err() || output.len() > MAX_ROUND_TRIP {
        return;
    }
    let packed = bootlz::compress(&output);
    let mut again = vec![0; output.len()];
    if let Err(error) = bootlz::decode(&packed, &mut again) {
        panic!("{} decoded bytes compress into a stream that does not decode: {error}", output.len());
    }
    assert_eq!(again, output, "a round trip changed the bytes");
});
