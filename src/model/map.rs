//! The app's one map type: text keys to values, kept as a list sorted by key.
//!
//! The maps here are small (the steps of one checklist, a person's records, a checklist's
//! ids), and the standard `BTreeMap` compiles its tree code again for every value type: about
//! 40 KB of WebAssembly for the maps of the stored state alone. A sorted list iterates in the
//! same order (so it writes the same JSON) with a fraction of the code.

/// A map from text keys to values, in key order.
#[derive(Clone, Debug, PartialEq)]
pub struct Map<V> {
    entries: Vec<(String, V)>,
}

impl<V> Default for Map<V> {
    fn default() -> Self {
        Map::new()
    }
}

impl<V> Map<V> {
    /// An empty map.
    pub const fn new() -> Self {
        Map { entries: Vec::new() }
    }

    /// Where `key` is, or where it would go.
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key).ok().map(|i| &self.entries[i].1)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.find(key).ok().map(|i| &mut self.entries[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`; returns the value it replaces.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    /// The value of `key`, first set to `make()` when there is none.
    pub fn get_or_insert_with(&mut self, key: &str, make: impl FnOnce() -> V) -> &mut V {
        let i = match self.find(key) {
            Ok(i) => i,
            Err(i) => {
                self.entries.insert(i, (key.to_owned(), make()));
                i
            }
        };
        &mut self.entries[i].1
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        self.find(key).ok().map(|i| self.entries.remove(i).1)
    }

    /// Keeps the entries for which `keep` returns true.
    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut V) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }
}

/// `map[key]`, for a key that must be there (it panics otherwise, as `BTreeMap` does).
impl<V, K: AsRef<str> + ?Sized> std::ops::Index<&K> for Map<V> {
    type Output = V;

    fn index(&self, key: &K) -> &V {
        self.get(key.as_ref()).expect("no entry for this key")
    }
}

/// Later entries win over earlier ones with the same key, as with repeated `insert`.
impl<V> FromIterator<(String, V)> for Map<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut map = Map::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

impl<V> IntoIterator for Map<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a, V> IntoIterator for &'a Map<V> {
    type Item = (&'a String, &'a V);
    type IntoIter =
        std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a String, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

/// Stored as a JSON object, its members in key order.
impl<V: serde::Serialize> serde::Serialize for Map<V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// Read from a JSON object; of a repeated key, the last value holds.
impl<'de, V: serde::Deserialize<'de>> serde::Deserialize<'de> for Map<V> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<V>(std::marker::PhantomData<V>);

        impl<'de, V: serde::Deserialize<'de>> serde::de::Visitor<'de> for Visit<V> {
            type Value = Map<V>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut access: A) -> Result<Map<V>, A::Error> {
                let mut map = Map::new();
                while let Some((key, value)) = access.next_entry::<String, V>()? {
                    map.insert(key, value);
                }
                Ok(map)
            }
        }

        deserializer.deserialize_map(Visit(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn behaves_like_a_btree_map() {
        // A deterministic sequence of inserts, replacements and removals on both maps.
        let (mut ours, mut std) = (Map::new(), BTreeMap::new());
        let mut seed = 11u32;
        for step in 0..2_000u32 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let key = format!("k{}", (seed >> 16) % 50);
            match step % 4 {
                0 | 1 => assert_eq!(ours.insert(key.clone(), step), std.insert(key, step)),
                2 => assert_eq!(ours.remove(&key), std.remove(&key)),
                _ => *ours.get_or_insert_with(&key, || step) += 1,
            }
            if step % 4 == 3 {
                *std.entry(format!("k{}", (seed >> 16) % 50)).or_insert(step) += 1;
            }
            assert_eq!(ours.iter().collect::<Vec<_>>(), std.iter().collect::<Vec<_>>());
        }
        ours.retain(|_, v| *v % 2 == 0);
        std.retain(|_, v| *v % 2 == 0);
        assert_eq!(ours.iter().collect::<Vec<_>>(), std.iter().collect::<Vec<_>>());
    }
}
