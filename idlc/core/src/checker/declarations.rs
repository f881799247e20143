//! Checks structs and enums.

use std::collections::BTreeMap;

use super::Checker;
use super::types::Place;
use crate::ast;
use crate::code::ErrorCode;
use crate::diagnostic::Diagnostic;
use crate::ir::{Enum, Field, IntType, Struct, Variant};

impl Checker {
    /// Checks a struct: docs, unique field names, field types.
    pub(super) fn structure(&mut self, structure: &ast::Struct) -> Option<Struct> {
        self.require_docs(
            &structure.docs,
            &structure.name,
            "struct",
            "add a `///` line above it saying what it holds",
        );
        self.reject_duplicates(
            structure.fields.iter().map(|field| &field.name),
            ErrorCode::DuplicateFieldName,
            "field",
        );
        let fields = self.fields(&structure.fields, Place::Inner)?;
        Some(Struct {
            docs: structure.docs.lines.clone(),
            name: structure.name.name.clone(),
            fields,
        })
    }

    /// Resolves fields (or parameters) at `place`; `None` if any type is bad.
    pub(super) fn fields(&mut self, fields: &[ast::Field], place: Place) -> Option<Vec<Field>> {
        let resolved: Vec<Option<Field>> = fields
            .iter()
            .map(|field| {
                let ty = self.resolve(&field.ty, place)?;
                Some(Field {
                    docs: field.docs.lines.clone(),
                    name: field.name.name.clone(),
                    ty,
                })
            })
            .collect();
        resolved.into_iter().collect()
    }

    /// Checks an enum: docs on it and on every variant, its representation,
    /// unique variant names and discriminants that fit.
    pub(super) fn enumeration(&mut self, enumeration: &ast::Enum) -> Option<Enum> {
        self.require_docs(
            &enumeration.docs,
            &enumeration.name,
            "enum",
            "add a `///` line above it saying what it encodes",
        );
        for variant in &enumeration.variants {
            self.require_docs(
                &variant.docs,
                &variant.name,
                "variant",
                "add a `///` line above it saying what it means; for an error, when it occurs",
            );
        }
        if enumeration.variants.is_empty() {
            self.report(
                Diagnostic::new(
                    ErrorCode::EmptyEnum,
                    enumeration.name.span,
                    format!("enum `{}` has no variants", enumeration.name.name),
                )
                .label("empty enum")
                .hint("add at least one documented variant, as in `Name = 1,`"),
            );
        }
        self.reject_duplicates(
            enumeration.variants.iter().map(|variant| &variant.name),
            ErrorCode::DuplicateVariantName,
            "variant",
        );
        let repr = self.enum_repr(enumeration)?;
        self.check_discriminants(enumeration, repr);
        let variants = enumeration
            .variants
            .iter()
            .map(|variant| Variant {
                docs: variant.docs.lines.clone(),
                name: variant.name.name.clone(),
                value: variant.value,
            })
            .collect();
        Some(Enum {
            docs: enumeration.docs.lines.clone(),
            name: enumeration.name.name.clone(),
            repr,
            variants,
            is_error: false,
        })
    }

    fn enum_repr(&mut self, enumeration: &ast::Enum) -> Option<IntType> {
        let Some(repr) = &enumeration.repr else {
            return Some(IntType::U32);
        };
        let int = IntType::from_name(&repr.name.name)
            .filter(|int| int.is_unsigned() && repr.args.is_none());
        if int.is_none() {
            self.report(
                Diagnostic::new(
                    ErrorCode::BadEnumRepr,
                    repr.span,
                    format!("`{}` cannot represent an enum", repr.name.name),
                )
                .label("not an unsigned integer type")
                .hint("write `u8`, `u16`, `u32` or `u64`, or leave out `: ...` for `u32`"),
            );
        }
        int
    }

    fn check_discriminants(&mut self, enumeration: &ast::Enum, repr: IntType) {
        let mut seen: BTreeMap<u64, &ast::Variant> = BTreeMap::new();
        for variant in &enumeration.variants {
            if variant.value > repr.unsigned_max() {
                self.report(
                    Diagnostic::new(
                        ErrorCode::DiscriminantOutOfRange,
                        variant.value_span,
                        format!("discriminant {} does not fit in `{}`", variant.value, repr.name()),
                    )
                    .label(format!("larger than {}", repr.unsigned_max()))
                    .hint("pick a smaller value or a wider representation, as in `enum Name: u32 { ... }`"),
                );
            }
            if let Some(first) = seen.get(&variant.value) {
                let (first_span, first_name) = (first.name.span, first.name.name.clone());
                self.report(
                    Diagnostic::new(
                        ErrorCode::DuplicateDiscriminant,
                        variant.value_span,
                        format!(
                            "discriminant {} is used twice in `{}`",
                            variant.value, enumeration.name.name
                        ),
                    )
                    .label(format!("also the value of `{first_name}`"))
                    .note(first_span, format!("`{first_name}` declared"))
                    .hint("give each variant its own value"),
                );
            } else {
                seen.insert(variant.value, variant);
            }
        }
    }
}
