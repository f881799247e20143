//! Wire sizes: the largest inline encoding of each type.
//!
//! The wire format (implemented by `libipc::wire`):
//!
//! - `bool`: one byte, 0 or 1; integers and enums: little-endian, each aligned
//!   to its own size from the start of the payload, padding bytes zero;
//! - `string<N>`, `bytes<N>`: a `u32` length, then the bytes;
//! - `vec<T, N>`: a `u32` count, then the elements; `array<T, N>`: the elements;
//! - structs: their fields in order; `()`: nothing;
//! - capabilities, leases and grants take no payload bytes: they travel in the
//!   message's handle, lease and grant slots.
//!
//! Padding depends on where a value starts, so each fixed-width value is
//! counted with its worst-case padding (`size - 1` bytes). The bound is safe,
//! not tight, and simple to check by hand.

use crate::ir::{Schema, Type};

/// How deep structs may nest; the checker rejects recursion first, this only
/// keeps a bug from looping forever.
const MAX_DEPTH: usize = 64;

/// The largest number of payload bytes `ty` encodes to (saturating).
pub fn max_encoded_size(ty: &Type, schema: &Schema) -> usize {
    size_at_depth(ty, schema, 0)
}

fn size_at_depth(ty: &Type, schema: &Schema, depth: usize) -> usize {
    if depth > MAX_DEPTH {
        return usize::MAX;
    }
    let prefixed = |bytes: usize| aligned(4).saturating_add(bytes);
    match ty {
        Type::Unit | Type::Cap { .. } | Type::Lease { .. } | Type::Grant { .. } => 0,
        Type::Bool => 1,
        Type::Int(int) => aligned(int.size()),
        Type::String { max } | Type::Bytes { max } => prefixed(to_usize(*max)),
        Type::Vec { element, max } => {
            prefixed(size_at_depth(element, schema, depth + 1).saturating_mul(to_usize(*max)))
        }
        Type::Array { element, len } => {
            size_at_depth(element, schema, depth + 1).saturating_mul(to_usize(*len))
        }
        Type::Enum(name) => schema
            .find_enum(name)
            .map_or(0, |enumeration| aligned(enumeration.repr.size())),
        Type::Struct(name) => schema.find_struct(name).map_or(0, |structure| {
            structure.fields.iter().fold(0usize, |sum, field| {
                sum.saturating_add(size_at_depth(&field.ty, schema, depth + 1))
            })
        }),
    }
}

/// A value of `size` bytes with its worst-case alignment padding.
fn aligned(size: usize) -> usize {
    size + size.saturating_sub(1)
}

fn to_usize(value: u32) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::IntType;

    #[test]
    fn counts_worst_case_padding() {
        let schema = Schema::default();
        assert_eq!(max_encoded_size(&Type::Int(IntType::U64), &schema), 15);
        assert_eq!(max_encoded_size(&Type::String { max: 10 }, &schema), 17);
        let vec = Type::Vec {
            element: Box::new(Type::Int(IntType::U16)),
            max: 4,
        };
        assert_eq!(max_encoded_size(&vec, &schema), 7 + 4 * 3);
    }
}
