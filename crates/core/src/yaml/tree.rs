//! The light tree behind [`super::Positioned`]: a document serialized into nodes that keep only
//! what field rules ask (is it there, is it a number, where was it read), with no text copied.
//!
//! Building a `serde_json::Value` for every deposit cost a map and two keys per positioned value
//! and showed in the profile of `qoima check`; this serializer borrows struct field names and
//! records strings only as blank or not.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::ser::{self, Serialize};

use super::Pos;

thread_local! {
    /// The position an [`super::At`] hands to the value it wraps: taken by the next node made.
    static PENDING: Cell<Pos> = const { Cell::new(Pos::UNKNOWN) };
}

/// Called by `At<T>::serialize` while a tree is built, just before the value serializes itself.
pub(super) fn hand_over(pos: Pos) {
    PENDING.with(|p| p.set(pos));
}

fn take_pos() -> Pos {
    PENDING.with(|p| p.replace(Pos::UNKNOWN))
}

/// One value of the document and the position it was read from (unknown for values that no
/// `At` wraps).
#[derive(Debug, Default)]
pub(super) struct Node {
    pub pos: Pos,
    pub kind: Kind,
}

#[derive(Debug, Default)]
pub(super) enum Kind {
    #[default]
    Null,
    /// A character.
    Scalar,
    /// A boolean.
    Flag(bool),
    Number(f64),
    /// A string: whether it holds anything but white space.
    Text {
        filled: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Cow<'static, str>, Node)>),
}

impl Node {
    fn new(pos: Pos, kind: Kind) -> Node {
        Node { pos, kind }
    }

    /// The child under `key`, for a map.
    pub(super) fn child(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            Kind::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Not null, not blank, not a list or map of nothing present; a flag only when it is true (a
    /// rule that asks for `signature.sealed` asks for it to be set, D1124-35).
    pub(super) fn present(&self) -> bool {
        match &self.kind {
            Kind::Null => false,
            Kind::Text { filled } => *filled,
            Kind::Seq(items) => items.iter().any(Node::present),
            Kind::Map(entries) => entries.iter().any(|(_, v)| v.present()),
            Kind::Flag(set) => *set,
            Kind::Scalar | Kind::Number(_) => true,
        }
    }

    pub(super) fn number(&self) -> Option<f64> {
        match self.kind {
            Kind::Number(n) => Some(n),
            _ => None,
        }
    }

    /// Its own position, or else the first position among its children.
    pub(super) fn first_pos(&self) -> Pos {
        if self.pos.is_known() {
            return Pos::new(self.pos.line, self.pos.column);
        }
        let first = |children: &mut dyn Iterator<Item = &Node>| {
            children.map(Node::first_pos).filter(Pos::is_known).min().unwrap_or(Pos::UNKNOWN)
        };
        match &self.kind {
            Kind::Seq(items) => first(&mut items.iter()),
            Kind::Map(entries) => first(&mut entries.iter().map(|(_, v)| v)),
            _ => Pos::UNKNOWN,
        }
    }
}

/// Why a document could not be made into a tree (a custom `Serialize` that failed).
#[derive(Debug)]
pub(super) struct TreeError(String);

impl fmt::Display for TreeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TreeError {}

impl ser::Error for TreeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TreeError(msg.to_string())
    }
}

/// Serializes a value into a [`Node`].
pub(super) struct Tree;

/// Every numeric type becomes a [`Kind::Number`]; rules compare it as `f64`.
macro_rules! numbers {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Done {
            self.serialize_f64(v as f64)
        }
    )*};
}

type Done = Result<Node, TreeError>;

impl ser::Serializer for Tree {
    type Ok = Node;
    type Error = TreeError;
    type SerializeSeq = Items;
    type SerializeTuple = Items;
    type SerializeTupleStruct = Items;
    type SerializeTupleVariant = Items;
    type SerializeMap = Entries;
    type SerializeStruct = Entries;
    type SerializeStructVariant = Entries;

    fn serialize_bool(self, v: bool) -> Done {
        Ok(Node::new(take_pos(), Kind::Flag(v)))
    }
    numbers!(
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_f32: f32
    );
    fn serialize_f64(self, v: f64) -> Done {
        Ok(Node::new(take_pos(), Kind::Number(v)))
    }
    fn serialize_char(self, _: char) -> Done {
        Ok(Node::new(take_pos(), Kind::Scalar))
    }
    fn serialize_str(self, v: &str) -> Done {
        Ok(Node::new(take_pos(), Kind::Text { filled: !v.trim().is_empty() }))
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        Ok(Node::new(take_pos(), Kind::Text { filled: !v.is_empty() }))
    }
    fn serialize_none(self) -> Done {
        Ok(Node::new(take_pos(), Kind::Null))
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Done {
        let pos = take_pos();
        let mut node = value.serialize(Tree)?;
        if !node.pos.is_known() {
            node.pos = pos;
        }
        Ok(node)
    }
    fn serialize_unit(self) -> Done {
        Ok(Node::new(take_pos(), Kind::Null))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Done {
        self.serialize_some(value)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        let pos = take_pos();
        Ok(Node::new(pos, Kind::Map(vec![(Cow::Borrowed(variant), value.serialize(Tree)?)])))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Items, TreeError> {
        Ok(Items { pos: take_pos(), variant: None, items: Vec::with_capacity(len.unwrap_or(0)) })
    }
    fn serialize_tuple(self, len: usize) -> Result<Items, TreeError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Items, TreeError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Items, TreeError> {
        Ok(Items { pos: take_pos(), variant: Some(variant), items: Vec::with_capacity(len) })
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Entries, TreeError> {
        Ok(Entries { pos: take_pos(), variant: None, entries: Vec::with_capacity(len.unwrap_or(0)), key: None })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Entries, TreeError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Entries, TreeError> {
        Ok(Entries { pos: take_pos(), variant: Some(variant), entries: Vec::with_capacity(len), key: None })
    }
}

/// A list (or a tuple, or the fields of a tuple variant) being built.
pub(super) struct Items {
    pos: Pos,
    variant: Option<&'static str>,
    items: Vec<Node>,
}

impl Items {
    fn push<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), TreeError> {
        self.items.push(value.serialize(Tree)?);
        Ok(())
    }
    fn finish(self) -> Done {
        let seq = Node::new(Pos::UNKNOWN, Kind::Seq(self.items));
        Ok(match self.variant {
            Some(v) => Node::new(self.pos, Kind::Map(vec![(Cow::Borrowed(v), seq)])),
            None => Node { pos: self.pos, ..seq },
        })
    }
}

/// The four serde traits of a list-like value differ only in their method's name.
macro_rules! items {
    ($($tr:ident :: $method:ident),*) => {$(
        impl ser::$tr for Items {
            type Ok = Node;
            type Error = TreeError;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), TreeError> {
                self.push(value)
            }
            fn end(self) -> Done {
                self.finish()
            }
        }
    )*};
}

items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// A map (or a struct, or the fields of a struct variant) being built.
pub(super) struct Entries {
    pos: Pos,
    variant: Option<&'static str>,
    entries: Vec<(Cow<'static, str>, Node)>,
    key: Option<Cow<'static, str>>,
}

impl Entries {
    fn insert<T: ?Sized + Serialize>(&mut self, key: Cow<'static, str>, value: &T) -> Result<(), TreeError> {
        let node = value.serialize(Tree)?;
        self.entries.push((key, node));
        Ok(())
    }
    fn finish(self) -> Done {
        let map = Node::new(Pos::UNKNOWN, Kind::Map(self.entries));
        Ok(match self.variant {
            Some(v) => Node::new(self.pos, Kind::Map(vec![(Cow::Borrowed(v), map)])),
            None => Node { pos: self.pos, ..map },
        })
    }
}

/// A map key as text: maps in deposit.yaml are keyed by strings (documentation items).
fn key_text<T: ?Sized + Serialize>(key: &T) -> Result<Cow<'static, str>, TreeError> {
    match serde_json::to_value(key).map_err(|e| TreeError(e.to_string()))? {
        serde_json::Value::String(s) => Ok(Cow::Owned(s)),
        other => Ok(Cow::Owned(other.to_string())),
    }
}

impl ser::SerializeMap for Entries {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), TreeError> {
        self.key = Some(key_text(key)?);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), TreeError> {
        let key = self.key.take().ok_or_else(|| TreeError("a map value without its key".into()))?;
        self.insert(key, value)
    }
    fn end(self) -> Done {
        self.finish()
    }
}

/// A struct and a struct variant take their fields the same way.
macro_rules! fields {
    ($($tr:ident),*) => {$(
        impl ser::$tr for Entries {
            type Ok = Node;
            type Error = TreeError;
            fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), TreeError> {
                self.insert(Cow::Borrowed(key), value)
            }
            fn end(self) -> Done {
                self.finish()
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);
