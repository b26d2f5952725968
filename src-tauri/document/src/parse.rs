//! Parsing: [`Document::from_value`] and its validation, the only way into the tree, and the
//! error that names what was wrong and where.

use std::fmt;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::types::{
    Block, Document, FigureAttrs, HeadingAttrs, Inline, LinkAttrs, ListItem, Mark, OrderedListAttrs,
};

/// Deepest nesting accepted (blockquotes in lists in blockquotes…); real copy never comes close.
const MAX_DEPTH: usize = 48;

/// What was wrong with a document, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentError {
    /// Path from the root, e.g. `content[2].content[0].marks[1]`; empty for the root.
    pub path: String,
    pub problem: String,
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "at the document root: {}", self.problem)
        } else {
            write!(f, "at {}: {}", self.path, self.problem)
        }
    }
}

impl std::error::Error for DocumentError {}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Document::from_value(&value).map_err(serde::de::Error::custom)
    }
}

/// Is `href` a link the schema allows: http(s), mailto, or `story:<uuid>`?
pub fn link_allowed(href: &str) -> bool {
    let lower = href.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("story:") {
        return uuid::Uuid::parse_str(rest).is_ok();
    }
    let has_body = |prefix: &str| lower.len() > prefix.len() && lower.starts_with(prefix);
    let clean = !href.chars().any(|c| c.is_whitespace() || c.is_control());
    clean && (has_body("https://") || has_body("http://") || has_body("mailto:"))
}

impl Document {
    /// Parses and validates a document from JSON text.
    pub fn from_json(text: &str) -> Result<Document, DocumentError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| DocumentError { path: String::new(), problem: format!("not JSON: {e}") })?;
        Document::from_value(&value)
    }

    /// Parses and validates a document from a JSON value.
    pub fn from_value(value: &Value) -> Result<Document, DocumentError> {
        let mut p = Parser { path: Vec::new() };
        let obj = p.node(value, &["type", "content"])?;
        p.expect_type(obj, "doc")?;
        let content = p.children(obj, 0, |p, v, depth| p.block(v, depth))?;
        Ok(Document::new(content))
    }
}

struct Parser {
    path: Vec<String>,
}

type Obj = Map<String, Value>;

impl Parser {
    fn err(&self, problem: impl Into<String>) -> DocumentError {
        DocumentError { path: self.path.join("."), problem: problem.into() }
    }

    /// Checks that `value` is an object with only `allowed` keys.
    fn node<'v>(&self, value: &'v Value, allowed: &[&str]) -> Result<&'v Obj, DocumentError> {
        let obj = value.as_object().ok_or_else(|| self.err("expected a node object"))?;
        if let Some(key) = obj.keys().find(|k| !allowed.contains(&k.as_str())) {
            let kind = obj.get("type").and_then(Value::as_str).unwrap_or("node");
            return Err(self.err(format!("`{kind}` does not allow the field `{key}`")));
        }
        Ok(obj)
    }

    fn type_of<'v>(&self, obj: &'v Obj) -> Result<&'v str, DocumentError> {
        obj.get("type")
            .ok_or_else(|| self.err("node has no `type`"))?
            .as_str()
            .ok_or_else(|| self.err("`type` must be a string"))
    }

    fn expect_type(&self, obj: &Obj, expected: &str) -> Result<(), DocumentError> {
        let found = self.type_of(obj)?;
        if found == expected {
            Ok(())
        } else {
            Err(self.err(format!("expected a `{expected}` node, found `{found}`")))
        }
    }

    fn children<T>(
        &mut self,
        obj: &Obj,
        depth: usize,
        mut each: impl FnMut(&mut Self, &Value, usize) -> Result<T, DocumentError>,
    ) -> Result<Vec<T>, DocumentError> {
        if depth > MAX_DEPTH {
            return Err(self.err(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        let Some(content) = obj.get("content") else {
            return Ok(vec![]);
        };
        let items = content.as_array().ok_or_else(|| self.err("`content` must be an array"))?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            self.path.push(format!("content[{i}]"));
            out.push(each(self, item, depth + 1)?);
            self.path.pop();
        }
        Ok(out)
    }

    fn attrs<'v>(&self, obj: &'v Obj, kind: &str, allowed: &[&str]) -> Result<&'v Obj, DocumentError> {
        let attrs = obj
            .get("attrs")
            .ok_or_else(|| self.err(format!("`{kind}` needs `attrs`")))?
            .as_object()
            .ok_or_else(|| self.err(format!("`{kind}` attrs must be an object")))?;
        if let Some(key) = attrs.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(self.err(format!("`{kind}` does not allow the attribute `{key}`")));
        }
        for key in allowed {
            if !attrs.contains_key(*key) {
                return Err(self.err(format!("`{kind}` needs the attribute `{key}`")));
            }
        }
        Ok(attrs)
    }

    fn block(&mut self, value: &Value, depth: usize) -> Result<Block, DocumentError> {
        let obj = value.as_object().ok_or_else(|| self.err("expected a node object"))?;
        let kind = self.type_of(obj)?;
        let block = match kind {
            "paragraph" => {
                self.node(value, &["type", "content"])?;
                Block::Paragraph { content: self.inlines(obj, depth)? }
            }
            "heading" => {
                self.node(value, &["type", "attrs", "content"])?;
                let attrs = self.attrs(obj, kind, &["level"])?;
                let level = attrs["level"].as_u64().filter(|l| (2..=4).contains(l)).ok_or_else(|| {
                    self.err(format!("heading level must be 2, 3 or 4, found {}", attrs["level"]))
                })?;
                Block::Heading {
                    attrs: HeadingAttrs { level: level as u8 },
                    content: self.inlines(obj, depth)?,
                }
            }
            "blockquote" => {
                self.node(value, &["type", "content"])?;
                let content = self.children(obj, depth, |p, v, d| p.block(v, d))?;
                self.non_empty(&content, kind)?;
                Block::Blockquote { content }
            }
            "bulletList" | "orderedList" => {
                let start = if kind == "orderedList" {
                    self.node(value, &["type", "attrs", "content"])?;
                    let attrs = self.attrs(obj, kind, &["start"])?;
                    let start = attrs["start"]
                        .as_u64()
                        .filter(|s| *s >= 1 && *s <= u32::MAX as u64)
                        .ok_or_else(|| self.err("ordered list `start` must be a whole number from 1"))?;
                    Some(start as u32)
                } else {
                    self.node(value, &["type", "content"])?;
                    None
                };
                let content = self.children(obj, depth, |p, v, d| p.list_item(v, d))?;
                self.non_empty(&content, kind)?;
                match start {
                    Some(start) => Block::OrderedList { attrs: OrderedListAttrs { start }, content },
                    None => Block::BulletList { content },
                }
            }
            "figure" => {
                self.node(value, &["type", "attrs"])?;
                let attrs = self.attrs(obj, kind, &["use"])?;
                let photo_use = attrs["use"]
                    .as_str()
                    .filter(|s| !s.is_empty())
                    .ok_or_else(|| self.err("figure `use` must name a photo use"))?;
                Block::Figure { attrs: FigureAttrs { photo_use: photo_use.to_string() } }
            }
            "horizontalRule" => {
                self.node(value, &["type"])?;
                Block::HorizontalRule
            }
            "text" | "hardBreak" => {
                return Err(self.err(format!("`{kind}` must sit inside a paragraph or heading")))
            }
            other => return Err(self.err(format!("unknown node type `{other}`"))),
        };
        Ok(block)
    }

    fn non_empty<T>(&self, content: &[T], kind: &str) -> Result<(), DocumentError> {
        if content.is_empty() {
            Err(self.err(format!("`{kind}` must not be empty")))
        } else {
            Ok(())
        }
    }

    fn list_item(&mut self, value: &Value, depth: usize) -> Result<ListItem, DocumentError> {
        let obj = self.node(value, &["type", "content"])?;
        self.expect_type(obj, "listItem")?;
        let content = self.children(obj, depth, |p, v, d| p.block(v, d))?;
        self.non_empty(&content, "listItem")?;
        Ok(ListItem::new(content))
    }

    fn inlines(&mut self, obj: &Obj, depth: usize) -> Result<Vec<Inline>, DocumentError> {
        self.children(obj, depth, |p, v, _| p.inline(v))
    }

    fn inline(&mut self, value: &Value) -> Result<Inline, DocumentError> {
        let obj = value.as_object().ok_or_else(|| self.err("expected a node object"))?;
        match self.type_of(obj)? {
            "text" => {
                self.node(value, &["type", "text", "marks"])?;
                let text = obj
                    .get("text")
                    .and_then(Value::as_str)
                    .ok_or_else(|| self.err("text node needs a string `text`"))?;
                if text.is_empty() {
                    return Err(self.err("text node with empty `text`"));
                }
                let marks = match obj.get("marks") {
                    None => vec![],
                    Some(Value::Array(marks)) => {
                        let mut out = Vec::with_capacity(marks.len());
                        for (i, m) in marks.iter().enumerate() {
                            self.path.push(format!("marks[{i}]"));
                            let mark = self.mark(m)?;
                            if out.contains(&mark) {
                                return Err(self.err("the same mark twice on one text"));
                            }
                            out.push(mark);
                            self.path.pop();
                        }
                        out
                    }
                    Some(_) => return Err(self.err("`marks` must be an array")),
                };
                Ok(Inline::Text { text: text.to_string(), marks })
            }
            "hardBreak" => {
                self.node(value, &["type"])?;
                Ok(Inline::HardBreak)
            }
            other => Err(self.err(format!("`{other}` cannot sit inside a paragraph or heading"))),
        }
    }

    fn mark(&mut self, value: &Value) -> Result<Mark, DocumentError> {
        let obj = value.as_object().ok_or_else(|| self.err("expected a mark object"))?;
        let kind = self.type_of(obj)?;
        match kind {
            "strong" | "em" | "note" => {
                self.node(value, &["type"])?;
                Ok(match kind {
                    "strong" => Mark::Strong,
                    "em" => Mark::Em,
                    _ => Mark::Note,
                })
            }
            "link" => {
                self.node(value, &["type", "attrs"])?;
                let attrs = self.attrs(obj, kind, &["href"])?;
                let href = attrs["href"].as_str().ok_or_else(|| self.err("link `href` must be a string"))?;
                if !link_allowed(href) {
                    return Err(self.err(format!(
                        "link to `{}` refused: only http, https, mailto and story links are allowed",
                        href.chars().take(80).collect::<String>()
                    )));
                }
                Ok(Mark::Link { attrs: LinkAttrs { href: href.to_string() } })
            }
            other => Err(self.err(format!("unknown mark type `{other}`"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check_err(doc: Value, path: &str, problem: &str) {
        let err = Document::from_value(&doc).expect_err("document should be refused");
        assert_eq!(err.path, path, "wrong path for {err}");
        assert!(err.problem.contains(problem), "`{}` should mention `{problem}`", err.problem);
    }

    #[test]
    fn round_trips_every_node_and_mark() {
        let doc = json!({"type": "doc", "content": [
            {"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": "Rome"}]},
            {"type": "paragraph", "content": [
                {"type": "text", "text": "Aboul-Gheit", "marks": [{"type": "strong"}, {"type": "em"}]},
                {"type": "hardBreak"},
                {"type": "text", "text": "said", "marks": [{"type": "link", "attrs": {"href": "https://example.org/a"}}]},
                {"type": "text", "text": "check quote", "marks": [{"type": "note"}]}
            ]},
            {"type": "paragraph"},
            {"type": "blockquote", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "q"}]}]},
            {"type": "bulletList", "content": [{"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "a"}]}]}]},
            {"type": "orderedList", "attrs": {"start": 3}, "content": [{"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "b"}]}]}]},
            {"type": "figure", "attrs": {"use": "u1"}},
            {"type": "horizontalRule"},
            {"type": "paragraph", "content": [{"type": "text", "text": "see", "marks": [{"type": "link", "attrs": {"href": "story:0190c3c4-7b1e-7000-8000-000000000001"}}]}]}
        ]});
        let parsed = Document::from_value(&doc).expect("valid document");
        assert_eq!(parsed.to_value(), doc);
    }

    #[test]
    fn refuses_unknown_things_and_names_where() {
        check_err(
            json!({"type": "doc", "content": [{"type": "codeBlock"}]}),
            "content[0]",
            "unknown node type `codeBlock`",
        );
        check_err(
            json!({"type": "doc", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "x", "marks": [{"type": "strong"}, {"type": "underline"}]}]}]}),
            "content[0].content[0].marks[1]",
            "unknown mark type `underline`",
        );
        check_err(
            json!({"type": "doc", "content": [{"type": "paragraph", "attrs": {"textAlign": "left"}}]}),
            "content[0]",
            "`paragraph` does not allow the field `attrs`",
        );
        check_err(
            json!({"type": "doc", "content": [{"type": "heading", "attrs": {"level": 2, "id": "x"}}]}),
            "content[0]",
            "does not allow the attribute `id`",
        );
        check_err(
            json!({"type": "doc", "content": [{"type": "heading", "attrs": {"level": 1}}]}),
            "content[0]",
            "level must be 2, 3 or 4",
        );
        check_err(json!({"type": "paragraph"}), "", "expected a `doc` node");
        check_err(json!([1, 2]), "", "expected a node object");
        check_err(
            json!({"type": "doc", "content": [{"type": "bulletList", "content": [{"type": "paragraph"}]}]}),
            "content[0].content[0]",
            "expected a `listItem` node",
        );
        check_err(
            json!({"type": "doc", "content": [{"type": "text", "text": "loose"}]}),
            "content[0]",
            "must sit inside",
        );
        check_err(
            json!({"type": "doc", "content": [{"type": "paragraph", "content": [{"type": "text", "text": ""}]}]}),
            "content[0].content[0]",
            "empty `text`",
        );
    }

    #[test]
    fn refuses_links_outside_the_allowed_schemes() {
        for href in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "java\tscript:alert(1)",
            " https://example.org",
            "https://",
            "story:not-a-uuid",
            "//example.org",
        ] {
            let doc = json!({"type": "doc", "content": [{"type": "paragraph", "content": [
                {"type": "text", "text": "x", "marks": [{"type": "link", "attrs": {"href": href}}]}]}]});
            let err = Document::from_value(&doc).expect_err(href);
            assert!(err.problem.contains("refused"), "{href}: {err}");
        }
        for href in
            ["https://example.org", "http://x.y/z?q=1", "mailto:desk@example.org", "HTTPS://EXAMPLE.ORG"]
        {
            assert!(link_allowed(href), "{href}");
        }
    }

    #[test]
    fn refuses_absurd_nesting() {
        let mut node = json!({"type": "paragraph"});
        for _ in 0..100 {
            node = json!({"type": "blockquote", "content": [node]});
        }
        let err = Document::from_value(&json!({"type": "doc", "content": [node]})).expect_err("too deep");
        assert!(err.problem.contains("nested deeper"), "{err}");
    }
}
