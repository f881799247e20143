//! Rejects structs that contain themselves, directly or through other structs.
//!
//! Every value must have a size bounded at compile time, and a struct that
//! contains itself (even through a `vec`) has none.

use std::collections::BTreeMap;

use super::{Checker, DeclarationKind};
use crate::ast::{self, TypeArg, TypeExpr};
use crate::code::ErrorCode;
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// For each struct: the structs its fields mention, with where.
type Graph<'a> = BTreeMap<&'a str, Vec<(&'a str, Span)>>;

impl Checker {
    /// Reports each struct on a cycle once, at the field that closes the cycle.
    pub(super) fn reject_recursive_structs(&mut self, file: &ast::File) {
        let mut graph: Graph<'_> = BTreeMap::new();
        for item in &file.items {
            if let ast::Item::Struct(structure) = item {
                let mut edges = Vec::new();
                for field in &structure.fields {
                    self.struct_mentions(&field.ty, &mut edges);
                }
                graph.insert(&structure.name.name, edges);
            }
        }
        for start in graph.keys() {
            if let Some((path, span)) = find_cycle(&graph, start) {
                self.has_recursion = true;
                self.report(
                    Diagnostic::new(ErrorCode::RecursiveStruct, span, format!("struct `{start}` contains itself"))
                        .label(format!("cycle: {}", path.join(" -> ")))
                        .hint("a value must have a size known at compile time; break the cycle, e.g. with an index into a `vec`"),
                );
            }
        }
    }

    fn struct_mentions<'a>(&self, ty: &'a TypeExpr, edges: &mut Vec<(&'a str, Span)>) {
        if self.kind_of(&ty.name.name) == Some(DeclarationKind::Struct) {
            edges.push((&ty.name.name, ty.span));
        }
        for arg in ty.args.iter().flatten() {
            if let TypeArg::Type(inner) = arg {
                self.struct_mentions(inner, edges);
            }
        }
    }
}

/// A path from `start` back to itself, with the span of the edge leaving `start`.
fn find_cycle<'a>(graph: &Graph<'a>, start: &'a str) -> Option<(Vec<&'a str>, Span)> {
    for (next, span) in graph.get(start)? {
        let mut path = vec![start];
        let mut visited = vec![start];
        if reaches(graph, next, start, &mut path, &mut visited) {
            return Some((path, *span));
        }
    }
    None
}

fn reaches<'a>(
    graph: &Graph<'a>,
    at: &'a str,
    goal: &'a str,
    path: &mut Vec<&'a str>,
    visited: &mut Vec<&'a str>,
) -> bool {
    path.push(at);
    if at == goal {
        return true;
    }
    if visited.contains(&at) {
        path.pop();
        return false;
    }
    visited.push(at);
    for (next, _) in graph.get(at).into_iter().flatten() {
        if reaches(graph, next, goal, path, visited) {
            return true;
        }
    }
    path.pop();
    false
}
