//! The static files: every key in exactly one shard, shards listed by the
//! manifest under content-hashed names, doc chunks complete.

use std::collections::{BTreeMap, HashSet};

use search::{synth, SearchIndex, DOCS_PER_CHUNK, INDEX_DIR};
use serde_json::Value;
use sha2::{Digest, Sha256};

fn hex8(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn utf16_le(a: &str, b: &str) -> bool {
    a.encode_utf16().cmp(b.encode_utf16()) != std::cmp::Ordering::Greater
}

fn check(index: &SearchIndex, n_docs: usize) -> usize {
    let files: BTreeMap<String, Vec<u8>> = index.files().into_iter().collect();
    let manifest: Value =
        serde_json::from_slice(&files[&format!("{INDEX_DIR}/manifest.json")]).expect("manifest");
    assert_eq!(manifest["n"], n_docs);
    let listed: Vec<(String, String)> = manifest["s"]
        .as_array()
        .expect("shard list")
        .iter()
        .map(|e| {
            (
                e[0].as_str().unwrap().to_owned(),
                e[1].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(listed.first().map(|s| s.0.as_str()), Some(""));

    // The manifest lists exactly the shard files, each named by its hash.
    let shard_files: HashSet<&String> = files.keys().filter(|p| p.contains("/s/")).collect();
    assert_eq!(shard_files.len(), listed.len());
    let mut keys_seen = HashSet::new();
    let mut previous: Option<String> = None;
    for (i, (first, name)) in listed.iter().enumerate() {
        let path = format!("{INDEX_DIR}/s/{name}.json");
        let bytes = files
            .get(&path)
            .unwrap_or_else(|| panic!("{path} not written"));
        let hash = name.rsplit('.').next().unwrap();
        assert_eq!(hash, hex8(bytes), "{name} is not named by its content");
        let shard: Value = serde_json::from_slice(bytes).expect("shard parses");
        let next = listed.get(i + 1).map(|s| s.0.as_str());
        for e in shard["k"].as_array().expect("entries") {
            let key = e[0].as_str().unwrap().to_owned();
            // In this shard's range, and in sorted order.
            assert!(utf16_le(first, &key), "{key} before {first}");
            if let Some(next) = next {
                assert!(!utf16_le(next, &key), "{key} belongs after {next}");
            }
            if let Some(p) = &previous {
                assert!(!utf16_le(&key, p), "{key} out of order after {p}");
            }
            assert!(keys_seen.insert(key.clone()), "{key} in two shards");
            // df matches the posting count; forms are listed.
            assert!(e[1].as_u64().unwrap() >= 1);
            assert!(!e[4].as_array().unwrap().is_empty());
            previous = Some(key);
        }
        // Completions are listed for exactly the prefixes of the next
        // shard's first key that fall in this shard.
        if let (Some(next), Some(c)) = (next, shard.get("c")) {
            for (p, ks) in c.as_object().unwrap() {
                assert!(next.starts_with(p.as_str()) && p != next);
                assert!(!ks.as_array().unwrap().is_empty());
            }
        }
    }
    assert_eq!(keys_seen.len(), index.key_count());

    // Doc chunks: all documents, in order, under one shared hash.
    let docs_hash = manifest["d"].as_str().unwrap();
    let chunks = n_docs.div_ceil(DOCS_PER_CHUNK);
    let mut rows = 0;
    let mut digest = Sha256::new();
    for c in 0..chunks {
        let path = format!("{INDEX_DIR}/d/{c}.{docs_hash}.json");
        let bytes = files
            .get(&path)
            .unwrap_or_else(|| panic!("{path} not written"));
        digest.update(Sha256::digest(bytes));
        let chunk: Value = serde_json::from_slice(bytes).unwrap();
        rows += chunk.as_array().unwrap().len();
    }
    let combined: String = digest.finalize()[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(combined, docs_hash);
    assert_eq!(rows, n_docs);
    assert_eq!(files.len(), 1 + listed.len() + chunks);
    listed.len()
}

#[test]
fn every_key_is_in_exactly_one_listed_hashed_shard() {
    let docs = synth::corpus(300, 150);
    let shards = check(&SearchIndex::build(&docs), docs.len());
    assert!(shards > 1);
    let fixture = synth::fixture();
    let tiny = check(
        &SearchIndex::build_with_shard_size(&fixture, 600),
        fixture.len(),
    );
    assert!(tiny > 5, "{tiny} shards");
}

#[test]
fn the_same_input_gives_the_same_files() {
    let docs = synth::corpus(200, 100);
    assert_eq!(
        SearchIndex::build(&docs).files(),
        SearchIndex::build(&docs).files()
    );
}

#[test]
fn bytes_for_query_adds_up_the_fetched_files() {
    let index = SearchIndex::build_with_shard_size(&synth::fixture(), 600);
    let sizes: BTreeMap<String, usize> = index
        .files()
        .into_iter()
        .map(|(p, b)| (p, b.len()))
        .collect();
    for q in synth::FIXTURE_QUERIES {
        let fetches = index.fetches_for_query(q);
        let paths: HashSet<&String> = fetches.iter().map(|(p, _)| p).collect();
        assert_eq!(paths.len(), fetches.len(), "{q}: a file fetched twice");
        for (p, n) in &fetches {
            assert_eq!(sizes[p], *n, "{p}");
        }
        assert_eq!(
            index.bytes_for_query(q),
            fetches.iter().map(|(_, n)| n).sum::<usize>()
        );
    }
}
