//! The stable error codes of `idlc`.
//!
//! A code never changes meaning and is never reused: tools, tests and the
//! reference in `docs/idl.md` key on it. New checks get new numbers at the end.

/// Every error `idlc` can report, each with its own stable code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// E0001: a character that starts no token.
    UnexpectedCharacter = 1,
    /// E0002: an integer literal that is malformed or does not fit in 64 bits.
    BadNumber = 2,
    /// E0003: the token stream does not match the grammar.
    Syntax = 3,
    /// E0004: an unknown keyword or key where a known one is required.
    UnknownKeyword = 4,
    /// E0005: two declarations (interfaces, structs, enums) share a name.
    DuplicateTypeName = 5,
    /// E0006: two methods of one interface share a name.
    DuplicateMethodName = 6,
    /// E0007: two methods (or reservations) use the same ordinal.
    DuplicateOrdinal = 7,
    /// E0008: a method uses an ordinal that is declared `reserved`.
    ReservedOrdinalUsed = 8,
    /// E0009: ordinal 0, or one that does not fit in `u32`.
    InvalidOrdinal = 9,
    /// E0010: `string`, `bytes`, `vec`, a lease or a grant without a bound.
    UnboundedType = 10,
    /// E0011: a bound of zero.
    ZeroBound = 11,
    /// E0012: a name that is no primitive and no declaration.
    UnknownType = 12,
    /// E0013: a right that does not exist for that kind of handle.
    UnknownRight = 13,
    /// E0014: the same right listed twice.
    DuplicateRight = 14,
    /// E0015: a struct that contains itself.
    RecursiveStruct = 15,
    /// E0016: an interface, method, type or variant without `///` docs.
    MissingDocs = 16,
    /// E0017: a request or reply whose inline payload can exceed the limit.
    MessageTooLarge = 17,
    /// E0018: a bound above its limit (inline data, lease or grant).
    BoundTooLarge = 18,
    /// E0019: a request or reply that carries more handles than a message holds.
    TooManyHandles = 19,
    /// E0020: a capability, lease, grant, `Result` or `()` where it cannot go.
    MisplacedType = 20,
    /// E0021: a method with more than one lease or more than one grant.
    DuplicateTransfer = 21,
    /// E0022: two fields of a struct, or two parameters of a method, share a name.
    DuplicateFieldName = 22,
    /// E0023: two variants of an enum share a name.
    DuplicateVariantName = 23,
    /// E0024: two variants of an enum share a discriminant.
    DuplicateDiscriminant = 24,
    /// E0025: a discriminant that does not fit the enum's representation.
    DiscriminantOutOfRange = 25,
    /// E0026: the error type of a `Result` is not an enum.
    BadErrorType = 26,
    /// E0027: a one-way method that declares a return type.
    OneWayWithReply = 27,
    /// E0028: a `cap<...>` whose first argument is not an interface.
    CapNotInterface = 28,
    /// E0029: an empty `rights()` list.
    EmptyRights = 29,
    /// E0030: an enum representation that is not an unsigned integer type.
    BadEnumRepr = 30,
    /// E0031: an enum without variants.
    EmptyEnum = 31,
    /// E0032: a type given the wrong number or kind of arguments.
    BadTypeArguments = 32,
    /// E0033: a name reserved for the language or for generated code.
    ReservedName = 33,
    /// E0034: a method that is both `oneway` and `deferred`.
    OneWayDeferred = 34,
    /// E0035: a `deferred` method with a lease or grant parameter.
    DeferredBorrow = 35,
}

impl ErrorCode {
    /// Every code, in numeric order.
    pub const ALL: [ErrorCode; 35] = [
        ErrorCode::UnexpectedCharacter,
        ErrorCode::BadNumber,
        ErrorCode::Syntax,
        ErrorCode::UnknownKeyword,
        ErrorCode::DuplicateTypeName,
        ErrorCode::DuplicateMethodName,
        ErrorCode::DuplicateOrdinal,
        ErrorCode::ReservedOrdinalUsed,
        ErrorCode::InvalidOrdinal,
        ErrorCode::UnboundedType,
        ErrorCode::ZeroBound,
        ErrorCode::UnknownType,
        ErrorCode::UnknownRight,
        ErrorCode::DuplicateRight,
        ErrorCode::RecursiveStruct,
        ErrorCode::MissingDocs,
        ErrorCode::MessageTooLarge,
        ErrorCode::BoundTooLarge,
        ErrorCode::TooManyHandles,
        ErrorCode::MisplacedType,
        ErrorCode::DuplicateTransfer,
        ErrorCode::DuplicateFieldName,
        ErrorCode::DuplicateVariantName,
        ErrorCode::DuplicateDiscriminant,
        ErrorCode::DiscriminantOutOfRange,
        ErrorCode::BadErrorType,
        ErrorCode::OneWayWithReply,
        ErrorCode::CapNotInterface,
        ErrorCode::EmptyRights,
        ErrorCode::BadEnumRepr,
        ErrorCode::EmptyEnum,
        ErrorCode::BadTypeArguments,
        ErrorCode::ReservedName,
        ErrorCode::OneWayDeferred,
        ErrorCode::DeferredBorrow,
    ];

    /// The code's number, as in `E0012`.
    pub fn number(self) -> u16 {
        self as u16
    }

    /// The code as printed: `E` and four digits.
    pub fn as_str(self) -> String {
        format!("E{:04}", self.number())
    }

    /// A short title for the reference table.
    pub fn title(self) -> &'static str {
        match self {
            ErrorCode::UnexpectedCharacter => "unexpected character",
            ErrorCode::BadNumber => "malformed or too large integer",
            ErrorCode::Syntax => "syntax error",
            ErrorCode::UnknownKeyword => "unknown keyword or key",
            ErrorCode::DuplicateTypeName => "duplicate declaration name",
            ErrorCode::DuplicateMethodName => "duplicate method name",
            ErrorCode::DuplicateOrdinal => "duplicate ordinal",
            ErrorCode::ReservedOrdinalUsed => "method uses a reserved ordinal",
            ErrorCode::InvalidOrdinal => "invalid ordinal",
            ErrorCode::UnboundedType => "unbounded type",
            ErrorCode::ZeroBound => "zero bound",
            ErrorCode::UnknownType => "unknown type",
            ErrorCode::UnknownRight => "unknown right",
            ErrorCode::DuplicateRight => "duplicate right",
            ErrorCode::RecursiveStruct => "recursive struct",
            ErrorCode::MissingDocs => "missing documentation",
            ErrorCode::MessageTooLarge => "message too large",
            ErrorCode::BoundTooLarge => "bound too large",
            ErrorCode::TooManyHandles => "too many handles",
            ErrorCode::MisplacedType => "type not allowed here",
            ErrorCode::DuplicateTransfer => "more than one lease or grant",
            ErrorCode::DuplicateFieldName => "duplicate field or parameter name",
            ErrorCode::DuplicateVariantName => "duplicate variant name",
            ErrorCode::DuplicateDiscriminant => "duplicate discriminant",
            ErrorCode::DiscriminantOutOfRange => "discriminant out of range",
            ErrorCode::BadErrorType => "error type is not an enum",
            ErrorCode::OneWayWithReply => "one-way method with a return type",
            ErrorCode::CapNotInterface => "capability of a non-interface",
            ErrorCode::EmptyRights => "empty rights list",
            ErrorCode::BadEnumRepr => "bad enum representation",
            ErrorCode::EmptyEnum => "enum without variants",
            ErrorCode::BadTypeArguments => "wrong type arguments",
            ErrorCode::ReservedName => "reserved name",
            ErrorCode::OneWayDeferred => "one-way method that is deferred",
            ErrorCode::DeferredBorrow => "lease or grant in a deferred method",
        }
    }
}

impl core::fmt::Display for ErrorCode {
    fn fmt(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(formatter, "E{:04}", self.number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_numbered_in_order() {
        assert_eq!(ErrorCode::UnexpectedCharacter.as_str(), "E0001");
        assert_eq!(ErrorCode::BadTypeArguments.as_str(), "E0032");
    }
}
