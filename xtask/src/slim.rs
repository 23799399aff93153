//! Smaller JavaScript bindings, after wasm-bindgen and wasm-opt.
//!
//! wasm-bindgen names each function the module imports from its JavaScript glue after the
//! function and a hash (`__wbg_createElement_8c9931a732ee2fea`), and the module name after the
//! glue's file (`./crisis-comms_bg.js`); many of the module's own exports that only the glue calls
//! are named the same way. Every such name is written twice: in the module and in the glue.
//! Here they get short names (`_a`, `_b`, … and `$a`, `$b`, …) in both, and then terser minifies
//! the glue. Together that is about 5 KB less brotli for this app. The exports a page calls
//! (`mount`, `memory`, …) keep their names.

use std::collections::HashMap;
use std::path::Path;

use crate::run::{cmd, step};
use crate::setup::Tools;
use crate::Result;

/// The import module's short name.
const MODULE: &str = "m";

/// Shortens the names shared by `wasm` and its glue `js`, then minifies `js` in place.
pub fn slim(tools: &Tools, js: &Path, wasm: &Path) -> Result {
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()));
    let write = |p: &Path, bytes: &[u8]| {
        std::fs::write(p, bytes).map_err(|e| format!("cannot write {}: {e}", p.display()))
    };
    let module = read(wasm)?;
    let glue = String::from_utf8(read(js)?).map_err(|_| format!("{} is not UTF-8", js.display()))?;
    let (module, renamed) = rename_in_module(&module)?;
    let glue = rename_in_glue(&glue, &renamed)?;
    write(wasm, &module)?;
    write(js, glue.as_bytes())?;
    step(
        "terser: minify the JavaScript glue",
        cmd("terser", &tools.path).arg(js).args(["--module", "--compress", "--mangle", "-o"]).arg(js),
    )
}

/// Names changed in the module: its import module's old name, and each old name with its new one.
struct Renamed {
    import_module: String,
    names: HashMap<String, String>,
}

/// Whether an export is one that only the glue calls, by wasm-bindgen's naming.
fn glue_only_export(name: &str) -> bool {
    let hashed = name.len() > 17
        && name.as_bytes()[name.len() - 17] == b'h'
        && name[name.len() - 16..].bytes().all(|b| b.is_ascii_hexdigit());
    hashed || ["__wbindgen_", "__wbg_", "wasm_bindgen__", "__externref"].iter().any(|p| name.starts_with(p))
}

/// A short identifier for the `n`th name: `a` … `z`, `aa`, `ab`, … after `prefix`.
fn short_name(prefix: char, mut n: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.reverse();
    format!("{prefix}{}", String::from_utf8(letters).expect("ASCII"))
}

/// Rewrites the import section (all imports come from the glue: each gets a short name and
/// the module [`MODULE`]) and the export section (exports only the glue calls get short names).
fn rename_in_module(module: &[u8]) -> Result<(Vec<u8>, Renamed)> {
    if module.len() < 8 || &module[..4] != b"\0asm" {
        return Err("not a WebAssembly module".to_owned());
    }
    let mut out = module[..8].to_vec();
    let mut renamed = Renamed { import_module: String::new(), names: HashMap::new() };
    let mut r = Reader { bytes: module, at: 8 };
    while r.at < module.len() {
        let id = r.byte()?;
        let len = r.uleb()? as usize;
        let payload = r.take(len)?;
        let payload = match id {
            2 => imports(payload, &mut renamed)?,
            7 => exports(payload, &mut renamed)?,
            _ => payload.to_vec(),
        };
        out.push(id);
        uleb(&mut out, payload.len() as u64);
        out.extend_from_slice(&payload);
    }
    Ok((out, renamed))
}

fn imports(payload: &[u8], renamed: &mut Renamed) -> Result<Vec<u8>> {
    let mut r = Reader { bytes: payload, at: 0 };
    let mut out = Vec::new();
    let count = r.uleb()?;
    uleb(&mut out, count);
    for _ in 0..count {
        let module = r.name()?;
        if renamed.import_module.is_empty() {
            renamed.import_module = module.clone();
        } else if renamed.import_module != module {
            return Err(format!("imports from two modules ({} and {module})", renamed.import_module));
        }
        let name = r.name()?;
        let short = short_name('_', renamed.names.len());
        let short = renamed.names.entry(name).or_insert(short).clone();
        write_name(&mut out, MODULE);
        write_name(&mut out, &short);
        let start = r.at;
        match r.byte()? {
            0 => drop(r.uleb()?),
            kind => return Err(format!("an import of kind {kind}, which this step does not expect")),
        }
        out.extend_from_slice(&payload[start..r.at]);
    }
    Ok(out)
}

fn exports(payload: &[u8], renamed: &mut Renamed) -> Result<Vec<u8>> {
    let mut r = Reader { bytes: payload, at: 0 };
    let mut out = Vec::new();
    let count = r.uleb()?;
    uleb(&mut out, count);
    let mut n = 0;
    for _ in 0..count {
        let name = r.name()?;
        let new = if glue_only_export(&name) {
            n += 1;
            let short = short_name('$', n - 1);
            renamed.names.insert(name, short.clone());
            short
        } else {
            name
        };
        write_name(&mut out, &new);
        let start = r.at;
        r.byte()?;
        r.uleb()?;
        out.extend_from_slice(&payload[start..r.at]);
    }
    Ok(out)
}

/// Renames every identifier of the glue found in `renamed`, and the import module's name.
fn rename_in_glue(glue: &str, renamed: &Renamed) -> Result<String> {
    let quoted = format!("\"{}\"", renamed.import_module);
    if glue.matches(&quoted).count() != 1 {
        return Err(format!(
            "the glue does not name the module {quoted} exactly once: did wasm-bindgen change?"
        ));
    }
    let glue = glue.replacen(&quoted, &format!("\"{MODULE}\""), 1);
    let mut out = String::with_capacity(glue.len());
    let mut word = String::new();
    let mut found = std::collections::HashSet::new();
    for c in glue.chars().chain(std::iter::once('\n')) {
        if c.is_ascii_alphanumeric() || c == '_' || c == '$' {
            word.push(c);
            continue;
        }
        match renamed.names.get(&word) {
            Some(short) => {
                out.push_str(short);
                found.insert(short.clone());
            }
            None => out.push_str(&word),
        }
        word.clear();
        out.push(c);
    }
    out.pop();
    // Every import must be defined by the glue; an export the glue does not call may go unnamed.
    let imports = renamed.names.values().filter(|short| short.starts_with('_'));
    let (all, defined) =
        imports.fold((0, 0), |(all, defined), short| (all + 1, defined + usize::from(found.contains(short))));
    if defined < all {
        return Err(format!(
            "the glue defines {defined} of the module's {all} imports: did wasm-bindgen change?"
        ));
    }
    Ok(out)
}

/// Reads the WebAssembly binary format.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8> {
        let b = *self.bytes.get(self.at).ok_or("the module ends too early")?;
        self.at += 1;
        Ok(b)
    }

    fn uleb(&mut self) -> Result<u64> {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(value);
            }
            shift += 7;
            if shift > 63 {
                return Err("a number in the module is too long".to_owned());
            }
        }
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8]> {
        let end =
            self.at.checked_add(len).filter(|&e| e <= self.bytes.len()).ok_or("the module ends too early")?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn name(&mut self) -> Result<String> {
        let len = self.uleb()? as usize;
        String::from_utf8(self.take(len)?.to_vec())
            .map_err(|_| "a name in the module is not UTF-8".to_owned())
    }
}

fn uleb(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn write_name(out: &mut Vec<u8>, name: &str) {
    uleb(out, name.len() as u64);
    out.extend_from_slice(name.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<String> = (0..800).map(|n| short_name('_', n)).collect();
        assert_eq!(&names[..3], ["_a", "_b", "_c"]);
        assert_eq!(names[26], "_aa");
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
    }

    #[test]
    fn glue_only_exports_are_told_from_the_public_ones() {
        assert!(glue_only_export("__wbindgen_malloc"));
        assert!(glue_only_export("wasm_bindgen__convert__closures_____invoke__h0ff89cc19ecfd041"));
        for public in ["memory", "mount", "mounthandle_unmount", "main"] {
            assert!(!glue_only_export(public), "{public}");
        }
    }

    /// A module with two imports from one module and two exports, as bytes.
    fn module() -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        let mut imports = vec![2];
        for name in ["__wbg_log_0123456789abcdef", "__wbg_now_fedcba9876543210"] {
            write_name(&mut imports, "./app_bg.js");
            write_name(&mut imports, name);
            imports.extend([0, 0]);
        }
        m.push(2);
        uleb(&mut m, imports.len() as u64);
        m.extend(imports);
        let mut exports = vec![2];
        for (name, kind) in [("mount", 0), ("__wbindgen_malloc", 0)] {
            write_name(&mut exports, name);
            exports.extend([kind, 2]);
        }
        m.push(7);
        uleb(&mut m, exports.len() as u64);
        m.extend(exports);
        m
    }

    /// The (module, name) of each import and the name of each export of `module`.
    fn names(module: &[u8]) -> (Vec<(String, String)>, Vec<String>) {
        let (mut imports, mut exports) = (Vec::new(), Vec::new());
        let mut r = Reader { bytes: module, at: 8 };
        while r.at < module.len() {
            let id = r.byte().unwrap();
            let len = r.uleb().unwrap() as usize;
            let mut s = Reader { bytes: r.take(len).unwrap(), at: 0 };
            for _ in 0..s.uleb().unwrap() {
                match id {
                    2 => {
                        imports.push((s.name().unwrap(), s.name().unwrap()));
                        s.byte().unwrap();
                        s.uleb().unwrap();
                    }
                    _ => {
                        exports.push(s.name().unwrap());
                        s.byte().unwrap();
                        s.uleb().unwrap();
                    }
                }
            }
        }
        (imports, exports)
    }

    #[test]
    fn renames_in_the_module_and_the_glue_alike() {
        let (slim, renamed) = rename_in_module(&module()).expect("reads");
        assert_eq!(renamed.import_module, "./app_bg.js");
        let (imports, exports) = names(&slim);
        assert_eq!(imports, [("m".to_owned(), "_a".to_owned()), ("m".to_owned(), "_b".to_owned())]);
        assert_eq!(exports, ["mount", "$a"]);
        let glue =
            "const i = { __wbg_log_0123456789abcdef: function() {}, __wbg_now_fedcba9876543210() {} };\n\
                    wasm.__wbindgen_malloc(1); wasm.mount(); return { \"./app_bg.js\": i };";
        let glue = rename_in_glue(glue, &renamed).expect("renames");
        assert_eq!(
            glue,
            "const i = { _a: function() {}, _b() {} };\nwasm.$a(1); wasm.mount(); return { \"m\": i };"
        );
    }

    #[test]
    fn a_glue_that_does_not_match_the_module_is_an_error() {
        let (_, renamed) = rename_in_module(&module()).expect("reads");
        let err = rename_in_glue("return { \"./app_bg.js\": {} };", &renamed).unwrap_err();
        assert!(err.contains("did wasm-bindgen change?"), "{err}");
        assert!(rename_in_glue("no module here", &renamed).is_err());
    }
}
