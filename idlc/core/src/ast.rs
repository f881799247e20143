//! The syntax tree: what the parser read, before any name is resolved.
//!
//! Types stay generic here (`TypeExpr`: a name with arguments); the checker
//! decides what `string<64>` or `cap<Console, rights(send)>` means, so it can
//! explain a misuse instead of the parser failing with "expected ...".

use crate::source::Span;

/// A name and where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it was written.
    pub span: Span,
}

/// The `///` lines before an item, without the slashes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docs {
    /// One entry per line.
    pub lines: Vec<String>,
}

impl Docs {
    /// True if there is at least one non-blank line.
    pub fn is_present(&self) -> bool {
        self.lines.iter().any(|line| !line.trim().is_empty())
    }
}

/// A whole `.idl` file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct File {
    /// Its declarations, in source order.
    pub items: Vec<Item>,
}

/// A top-level declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// `interface Name { ... }`
    Interface(Interface),
    /// `struct Name { ... }`
    Struct(Struct),
    /// `enum Name: repr { ... }`
    Enum(Enum),
}

impl Item {
    /// The declared name.
    pub fn name(&self) -> &Ident {
        match self {
            Item::Interface(interface) => &interface.name,
            Item::Struct(structure) => &structure.name,
            Item::Enum(enumeration) => &enumeration.name,
        }
    }
}

/// `interface Name { members }`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interface {
    /// Its docs.
    pub docs: Docs,
    /// Its name.
    pub name: Ident,
    /// Methods and reservations, in source order.
    pub members: Vec<Member>,
}

/// One entry of an interface body.
#[derive(Clone, Debug, PartialEq, Eq)]
#[expect(
    clippy::large_enum_variant,
    reason = "a file has a few dozen members, built once; boxing methods would only add noise"
)]
pub enum Member {
    /// `@N name(params) -> type;`
    Method(Method),
    /// `reserved @N;`
    Reserved(Ordinal),
}

/// An ordinal as written: `@N`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ordinal {
    /// The number after `@`.
    pub value: u64,
    /// The span of `@N`.
    pub span: Span,
}

/// `@N [oneway | deferred] name(params) [-> returns];`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Method {
    /// Its docs.
    pub docs: Docs,
    /// Its ordinal.
    pub ordinal: Ordinal,
    /// The span of the `oneway` keyword, if present.
    pub oneway: Option<Span>,
    /// The span of the `deferred` keyword, if present.
    pub deferred: Option<Span>,
    /// Its name.
    pub name: Ident,
    /// Its parameters.
    pub params: Vec<Field>,
    /// Its return type, if any.
    pub returns: Option<TypeExpr>,
}

/// `name: type`, a struct field or a method parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// Its docs (optional on fields and parameters).
    pub docs: Docs,
    /// Its name.
    pub name: Ident,
    /// Its type.
    pub ty: TypeExpr,
}

/// `struct Name { fields }`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Struct {
    /// Its docs.
    pub docs: Docs,
    /// Its name.
    pub name: Ident,
    /// Its fields.
    pub fields: Vec<Field>,
}

/// `enum Name: repr { Variant = N, ... }`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enum {
    /// Its docs.
    pub docs: Docs,
    /// Its name.
    pub name: Ident,
    /// The representation after `:`, if written (`u32` otherwise).
    pub repr: Option<TypeExpr>,
    /// Its variants.
    pub variants: Vec<Variant>,
}

/// `Name = N`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// Its docs.
    pub docs: Docs,
    /// Its name.
    pub name: Ident,
    /// Its discriminant.
    pub value: u64,
    /// The span of the discriminant.
    pub value_span: Span,
}

/// A type as written: a name, optionally with `<arguments>`, or `()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeExpr {
    /// The name (`()` for the unit type).
    pub name: Ident,
    /// The arguments between `<` and `>`, if any were written.
    pub args: Option<Vec<TypeArg>>,
    /// The span of the whole type.
    pub span: Span,
}

/// One argument of a type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeArg {
    /// A type, or a bare word such as `shared`.
    Type(TypeExpr),
    /// An integer such as a bound.
    Int(u64, Span),
    /// `rights(a, b)`.
    Rights(Vec<Ident>, Span),
}

impl TypeArg {
    /// Where the argument was written.
    pub fn span(&self) -> Span {
        match self {
            TypeArg::Type(ty) => ty.span,
            TypeArg::Int(_, span) | TypeArg::Rights(_, span) => *span,
        }
    }
}
