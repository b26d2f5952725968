//! The search index: a tantivy index in the library's `search/` folder, derived from the
//! database and rebuilt from it whenever it is missing, stale or unreadable.
//!
//! Words are folded to lower case ASCII where they have an ASCII form, so `Aboul-Gheit`,
//! `aboul gheit` and `ABOUL-GHEÏT` all find the same story. Ranking is BM25 over one `all` field
//! (kicker, headline, standfirst, byline, dateline, body, captions and credits), with headline
//! matches weighing more.
//!
//! Owns: the `search/` folder of a library. Must not touch: SQL (the `Library` façade reads
//! what to index from the store and hands it over), photos, exports.

pub mod query;

use std::collections::{HashMap, HashSet};
use std::ops::Bound;
use std::path::{Path, PathBuf};

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STRING,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RawTokenizer, SimpleTokenizer, TextAnalyzer};
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, TantivyDocument, Term,
};

use byline_model::{Error, Result, TextSpan};
use query::Clause;

/// Bumped whenever the fields or the analysis change: an index of another version is rebuilt.
const INDEX_VERSION: &str = "byline-search-1";
const VERSION_FILE: &str = "byline-index-version";
const WORDS: &str = "byline_words";
const TAGS: &str = "byline_tags";
/// How much heavier a match in the headline weighs than one elsewhere.
const HEADLINE_BOOST: f32 = 2.0;
/// A prefix stands for at most this many words of the index.
const PREFIX_EXPANSIONS: u32 = 64;

pub use byline_model::IndexedStory;

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    headline: Field,
    all: Field,
    status: Field,
    tags: Field,
    updated: Field,
}

impl Fields {
    fn of(schema: &Schema) -> Result<Fields> {
        let get = |name: &str| schema.get_field(name).map_err(|e| Error::Search(e.to_string()));
        Ok(Fields {
            id: get("id")?,
            headline: get("headline")?,
            all: get("all")?,
            status: get("status")?,
            tags: get("tags")?,
            updated: get("updated")?,
        })
    }
}

fn schema() -> Schema {
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(WORDS)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let tags = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(TAGS).set_index_option(IndexRecordOption::Basic),
    );
    let mut b = Schema::builder();
    b.add_text_field("id", STRING | FAST);
    b.add_text_field("headline", words.clone());
    b.add_text_field("all", words);
    b.add_text_field("status", STRING);
    b.add_text_field("tags", tags);
    b.add_i64_field("updated", INDEXED | FAST);
    b.build()
}

/// The analyzer of searched text: words split on anything that is not a letter or digit,
/// lower-cased, diacritics folded.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).filter(AsciiFoldingFilter).build()
}

fn register(index: &Index) {
    index.tokenizers().register(WORDS, analyzer());
    index
        .tokenizers()
        .register(TAGS, TextAnalyzer::builder(RawTokenizer::default()).filter(LowerCaser).build());
}

/// The words of `text` as the index sees them.
pub fn tokens(text: &str) -> Vec<String> {
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

fn tantivy_error(e: tantivy::TantivyError) -> Error {
    Error::Search(e.to_string())
}

/// The filters of a search, already checked.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub status: Option<String>,
    pub tag: Option<String>,
    /// Unix milliseconds, inclusive.
    pub since: Option<i64>,
    pub until: Option<i64>,
}

/// Marks matching words in a search's hits: the whole headline, and the best passage of the
/// text (about `chars` long).
pub struct Highlighter {
    head: SnippetGenerator,
    body: SnippetGenerator,
    chars: usize,
}

impl Highlighter {
    pub fn spans(&self, headline: &str, text: &str) -> (Vec<TextSpan>, Vec<TextSpan>) {
        let head_spans = spans_of(&self.head.snippet(headline), headline, true);
        let snippet = self.body.snippet(text);
        let body_spans =
            if snippet.is_empty() { lead_in(text, self.chars) } else { spans_of(&snippet, text, false) };
        (head_spans, body_spans)
    }
}

/// A ranked page of story ids.
pub struct Ranked {
    pub total: u32,
    pub hits: Vec<(f32, String)>,
    query: Box<dyn Query>,
}

pub struct SearchIndex {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("dir", &self.dir).finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Opens the index in `dir`; `None` when there is none, or it is of another version, or it
    /// cannot be read: the caller then rebuilds it.
    pub fn open(dir: &Path) -> Option<SearchIndex> {
        let version = std::fs::read_to_string(dir.join(VERSION_FILE)).ok()?;
        if version.trim() != INDEX_VERSION {
            return None;
        }
        let index = Index::open_in_dir(dir).ok()?;
        if index.schema() != schema() {
            return None;
        }
        Self::ready(dir, index).ok()
    }

    /// A new, empty index in `dir`, replacing whatever was there.
    pub fn create(dir: &Path) -> Result<SearchIndex> {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let index = Index::create_in_dir(dir, schema()).map_err(tantivy_error)?;
        std::fs::write(dir.join(VERSION_FILE), INDEX_VERSION).map_err(|e| Error::io(dir, e))?;
        Self::ready(dir, index)
    }

    fn ready(dir: &Path, index: Index) -> Result<SearchIndex> {
        register(&index);
        let reader =
            index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().map_err(tantivy_error)?;
        let fields = Fields::of(&index.schema())?;
        Ok(SearchIndex { dir: dir.to_path_buf(), index, reader, fields })
    }

    /// Stories in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Sees what other processes committed.
    pub fn refresh(&self) -> Result<()> {
        self.reader.reload().map_err(tantivy_error)
    }

    fn writer(&self, threads: usize, budget: usize) -> Result<Option<IndexWriter>> {
        match self.index.writer_with_num_threads(threads, budget) {
            Ok(w) => Ok(Some(w)),
            // Another Byline process is writing: this one searches what is there and catches
            // up next time.
            Err(tantivy::TantivyError::LockFailure(..)) => Ok(None),
            Err(e) => Err(tantivy_error(e)),
        }
    }

    /// Puts `stories` in (replacing their old entries) and takes `removed` out, in one commit.
    /// Returns `false` when another process holds the index for writing and nothing was done.
    pub fn apply(&mut self, stories: &[IndexedStory], removed: &[String]) -> Result<bool> {
        let threads = if stories.len() > 1000 { 2 } else { 1 };
        let Some(mut writer) = self.writer(threads, threads * 40_000_000)? else { return Ok(false) };
        for id in removed {
            writer.delete_term(Term::from_field_text(self.fields.id, id));
        }
        for story in stories {
            writer.delete_term(Term::from_field_text(self.fields.id, &story.id));
            writer.add_document(self.document(story)).map_err(tantivy_error)?;
        }
        writer.commit().map_err(tantivy_error)?;
        writer.wait_merging_threads().map_err(tantivy_error)?;
        self.refresh()?;
        Ok(true)
    }

    fn document(&self, story: &IndexedStory) -> TantivyDocument {
        let f = self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &story.id);
        doc.add_text(f.headline, &story.headline);
        doc.add_text(f.all, &story.headline);
        doc.add_text(f.all, &story.text);
        doc.add_text(f.status, &story.status);
        for tag in &story.tags {
            doc.add_text(f.tags, tag);
        }
        doc.add_i64(f.updated, story.updated);
        doc
    }

    /// The query a clause makes on `field`, or `None` when it has no words.
    fn clause_query(&self, clause: &Clause, field: Field) -> Option<Box<dyn Query>> {
        let (text, prefix) = match clause {
            Clause::Word(t) | Clause::Phrase(t) => (t, false),
            Clause::Prefix(t) => (t, true),
        };
        let terms: Vec<Term> = tokens(text).iter().map(|t| Term::from_field_text(field, t)).collect();
        match (terms.len(), prefix) {
            (0, _) => None,
            (_, true) => {
                let mut q = PhrasePrefixQuery::new(terms);
                q.set_max_expansions(PREFIX_EXPANSIONS);
                Some(Box::new(q))
            }
            (1, false) => {
                Some(Box::new(TermQuery::new(terms.into_iter().next()?, IndexRecordOption::WithFreqs)))
            }
            (_, false) => Some(Box::new(PhraseQuery::new(terms))),
        }
    }

    /// The whole query: every group must match (one of its clauses), headline matches count
    /// extra, filters narrow. Also says whether the text had any words (without, every story
    /// matching the filters does).
    fn build(
        &self,
        parsed: &query::Parsed,
        headline_only: bool,
        filters: &Filters,
    ) -> (Box<dyn Query>, bool) {
        let f = self.fields;
        let target = if headline_only { f.headline } else { f.all };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for group in &parsed.groups {
            let alternatives: Vec<Box<dyn Query>> =
                group.iter().filter_map(|c| self.clause_query(c, target)).collect();
            match alternatives.len() {
                0 => {}
                1 => clauses.push((Occur::Must, alternatives.into_iter().next().expect("one"))),
                _ => clauses.push((Occur::Must, Box::new(BooleanQuery::union(alternatives)))),
            }
            if !headline_only {
                for clause in group {
                    if let Some(q) = self.clause_query(clause, f.headline) {
                        clauses.push((Occur::Should, Box::new(BoostQuery::new(q, HEADLINE_BOOST))));
                    }
                }
            }
        }
        let has_words = clauses.iter().any(|(o, _)| *o == Occur::Must);
        if !has_words {
            clauses.clear();
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        if let Some(status) = &filters.status {
            clauses.push((Occur::Must, term(f.status, status)));
        }
        if let Some(tag) = &filters.tag {
            clauses.push((Occur::Must, term(f.tags, &tag.to_lowercase())));
        }
        if filters.since.is_some() || filters.until.is_some() {
            let bound = |v: Option<i64>| match v {
                Some(v) => Bound::Included(Term::from_field_i64(f.updated, v)),
                None => Bound::Unbounded,
            };
            clauses
                .push((Occur::Must, Box::new(RangeQuery::new(bound(filters.since), bound(filters.until)))));
        }
        (Box::new(BooleanQuery::new(clauses)), has_words)
    }

    /// The stories matching `text`, best first (newest first when the text has no words),
    /// `limit` of them from `offset`, and how many match in all.
    pub fn search(
        &self,
        text: &str,
        headline_only: bool,
        filters: &Filters,
        offset: usize,
        limit: usize,
    ) -> Result<Ranked> {
        let parsed = query::parse(text);
        let (query, has_words) = self.build(&parsed, headline_only, filters);
        let searcher = self.reader.searcher();
        let (total, hits) = if has_words {
            let top = TopDocs::with_limit(limit.max(1)).and_offset(offset).order_by_score();
            let (h, c) = searcher.search(&*query, &(top, Count)).map_err(tantivy_error)?;
            (c, self.ids(&searcher, h)?)
        } else {
            let top = TopDocs::with_limit(limit.max(1))
                .and_offset(offset)
                .order_by_fast_field::<i64>("updated", Order::Desc);
            let (h, c) = searcher.search(&*query, &(top, Count)).map_err(tantivy_error)?;
            // Stories saved in the same millisecond: the newer id first, as the library's list
            // orders them (ids are time-ordered).
            let mut newest = self.ids(&searcher, h)?;
            newest.sort_by(|(ua, ia), (ub, ib)| ub.cmp(ua).then_with(|| ib.cmp(ia)));
            (c, newest.into_iter().map(|(_, id)| (0.0, id)).collect())
        };
        Ok(Ranked { total: u32::try_from(total).unwrap_or(u32::MAX), hits, query })
    }

    /// The story ids of index documents.
    fn ids<K>(&self, searcher: &Searcher, docs: Vec<(K, DocAddress)>) -> Result<Vec<(K, String)>> {
        let mut out = Vec::with_capacity(docs.len());
        let mut columns = HashMap::new();
        for (key, addr) in docs {
            let column = match columns.entry(addr.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(v) => v.insert(
                    searcher
                        .segment_reader(addr.segment_ord)
                        .fast_fields()
                        .str("id")
                        .map_err(tantivy_error)?,
                ),
            };
            let Some(column) = column.as_ref() else { continue };
            let mut id = String::new();
            if let Some(ord) = column.term_ords(addr.doc_id).next() {
                column.ord_to_str(ord, &mut id).map_err(|e| Error::Search(e.to_string()))?;
                out.push((key, id));
            }
        }
        Ok(out)
    }

    /// What marks the matching words of `ranked`'s query in its hits, made once per search
    /// (each generator looks up its terms' frequencies).
    pub fn highlighter(&self, ranked: &Ranked, chars: usize) -> Result<Highlighter> {
        let searcher = self.reader.searcher();
        let mut head = SnippetGenerator::create(&searcher, &*ranked.query, self.fields.headline)
            .map_err(tantivy_error)?;
        // A headline is shown whole.
        head.set_max_num_chars(1_000);
        let mut body =
            SnippetGenerator::create(&searcher, &*ranked.query, self.fields.all).map_err(tantivy_error)?;
        body.set_max_num_chars(chars);
        Ok(Highlighter { head, body, chars })
    }

    /// Stories like the one whose words are `text`: BM25 over its most telling words (frequent
    /// in it, rare in the library). Leaves out `exclude`. Returns (id, score, shared words).
    pub fn similar(
        &self,
        text: &str,
        exclude: &HashSet<String>,
        limit: usize,
    ) -> Result<Vec<(String, f32, Vec<String>)>> {
        let searcher = self.reader.searcher();
        let docs = searcher.num_docs().max(1) as f64;
        let mut counts: HashMap<String, u32> = HashMap::new();
        for token in tokens(text) {
            if token.chars().count() >= 3 && !token.chars().all(|c| c.is_ascii_digit()) {
                *counts.entry(token).or_default() += 1;
            }
        }
        let mut weighted: Vec<(f64, String)> = Vec::new();
        for (word, tf) in counts {
            let df = searcher
                .doc_freq(&Term::from_field_text(self.fields.all, &word))
                .map_err(tantivy_error)? as f64;
            // A word only this story has links nothing; a word most stories have says nothing
            // (in a small library, "most" is more than half).
            let common = if docs < 40.0 { (docs * 0.5).max(2.0) } else { docs * 0.25 };
            if df < 2.0 || df > common {
                continue;
            }
            weighted.push((f64::from(tf).ln_1p() * (docs / df).ln(), word));
        }
        weighted.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        weighted.truncate(25);
        if weighted.is_empty() {
            return Ok(Vec::new());
        }
        let terms: Vec<Term> =
            weighted.iter().map(|(_, w)| Term::from_field_text(self.fields.all, w)).collect();
        let query = BooleanQuery::new(
            terms
                .iter()
                .map(|t| -> (Occur, Box<dyn Query>) {
                    (Occur::Should, Box::new(TermQuery::new(t.clone(), IndexRecordOption::WithFreqs)))
                })
                .collect(),
        );
        let top = TopDocs::with_limit(limit + exclude.len() + 1).order_by_score();
        let docs = searcher.search(&query, &top).map_err(tantivy_error)?;
        let mut out = Vec::new();
        let ids = self.ids(&searcher, docs.clone())?;
        for ((score, id), (_, addr)) in ids.into_iter().zip(docs) {
            if exclude.contains(&id) {
                continue;
            }
            let shared = shared_words(&searcher, addr, &terms, self.fields.all)?;
            out.push((id, score, shared));
            if out.len() == limit {
                break;
            }
        }
        Ok(out)
    }

    /// Rebuilds the index from scratch from `stories` (all of them), as one commit.
    pub fn rebuild(dir: &Path, stories: impl Iterator<Item = Result<IndexedStory>>) -> Result<SearchIndex> {
        let staging = dir.with_extension("rebuilding");
        let fresh = SearchIndex::create(&staging)?;
        {
            let Some(mut writer) = fresh.writer(2, 120_000_000)? else {
                return Err(Error::Search("the new search index is locked".into()));
            };
            for story in stories {
                writer.add_document(fresh.document(&story?)).map_err(tantivy_error)?;
            }
            writer.commit().map_err(tantivy_error)?;
            writer.wait_merging_threads().map_err(tantivy_error)?;
        }
        drop(fresh);
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::rename(&staging, dir).map_err(|e| Error::io(dir, e))?;
        let index =
            SearchIndex::open(dir).ok_or_else(|| Error::Search("the rebuilt index cannot be read".into()))?;
        Ok(index)
    }
}

fn term(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic))
}

/// Which of `terms` the document at `addr` contains, in the order given.
fn shared_words(searcher: &Searcher, addr: DocAddress, terms: &[Term], field: Field) -> Result<Vec<String>> {
    use tantivy::{DocSet, TERMINATED};
    let inverted = searcher.segment_reader(addr.segment_ord).inverted_index(field).map_err(tantivy_error)?;
    let mut out = Vec::new();
    for t in terms {
        if let Some(mut postings) =
            inverted.read_postings(t, IndexRecordOption::Basic).map_err(|e| Error::Search(e.to_string()))?
        {
            // A posting list starts on its first document; seeking backwards is not allowed.
            let found =
                if postings.doc() >= addr.doc_id { postings.doc() } else { postings.seek(addr.doc_id) };
            if found == addr.doc_id && found != TERMINATED {
                if let Some(word) = t.value().as_str() {
                    out.push(word.to_string());
                }
            }
        }
        if out.len() == 6 {
            break;
        }
    }
    Ok(out)
}

/// A snippet as spans, with an ellipsis where it starts or stops inside `text`.
fn spans_of(snippet: &tantivy::snippet::Snippet, text: &str, whole: bool) -> Vec<TextSpan> {
    let fragment = snippet.fragment();
    if fragment.is_empty() {
        return if text.is_empty() { vec![] } else { vec![TextSpan { text: text.to_string(), hit: false }] };
    }
    let range = snippet.fragment_range();
    let mut out = Vec::new();
    if !whole && range.start > 0 {
        out.push(TextSpan { text: "… ".into(), hit: false });
    }
    let mut at = 0;
    for h in snippet.highlighted() {
        if h.start > at {
            out.push(TextSpan { text: fragment[at..h.start].to_string(), hit: false });
        }
        out.push(TextSpan { text: fragment[h.start..h.end].to_string(), hit: true });
        at = h.end;
    }
    if at < fragment.len() {
        out.push(TextSpan { text: fragment[at..].to_string(), hit: false });
    }
    if !whole && range.end < text.len() {
        out.push(TextSpan { text: " …".into(), hit: false });
    }
    out
}

/// The start of `text`, cut at a word boundary near `chars` characters.
fn lead_in(text: &str, chars: usize) -> Vec<TextSpan> {
    let text = text.trim();
    if text.is_empty() {
        return vec![];
    }
    let cut: String = text.chars().take(chars).collect();
    if cut.len() == text.len() {
        return vec![TextSpan { text: cut, hit: false }];
    }
    let cut = cut.rsplit_once(char::is_whitespace).map(|(a, _)| a.to_string()).unwrap_or(cut);
    vec![TextSpan { text: format!("{cut} …"), hit: false }]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(id: &str, updated: i64) -> Result<IndexedStory> {
        Ok(IndexedStory {
            id: id.into(),
            slug: id.into(),
            kicker: String::new(),
            headline: format!("Story {id}"),
            text: "Council meets".into(),
            status: "draft".into(),
            tags: Vec::new(),
            updated,
            words: 2,
        })
    }

    /// Without words, the newest first; stories saved in the same millisecond in the order of
    /// their ids (time-ordered), as the library's list has them, whatever order the index holds.
    #[test]
    fn newest_first_and_ties_by_id() {
        let dir = tempfile::tempdir().expect("temp dir");
        let stories = [story("01b", 5), story("01d", 7), story("01a", 7), story("01c", 7), story("01e", 1)];
        let index = SearchIndex::rebuild(&dir.path().join("index"), stories.into_iter()).expect("index");
        let ranked = index.search("", false, &Filters::default(), 0, 10).expect("search");
        let ids: Vec<&str> = ranked.hits.iter().map(|(_, id)| id.as_str()).collect();
        assert_eq!(ids, ["01d", "01c", "01a", "01b", "01e"]);
        assert_eq!(ranked.total, 5);
    }
}
