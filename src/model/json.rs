//! JSON for the stored state and backup files: a value type, a reader with positioned errors
//! and a writer, compact or indented.
//!
//! The app reads and writes one small document shape; serde and serde_json, which did this
//! before, made the compressed WebAssembly 12 KB larger than this reader and writer do. For
//! the stored state (text, flags, counts, times in whole milliseconds) the writer's output is
//! the same text serde_json wrote, so stored state and backups look as they always did.

use std::fmt::Write;

/// A JSON value. Objects keep their members in order, repeated keys included.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A whole number, written without a fraction (counts and versions).
    Int(i64),
    /// A number; written as a whole number with `.0`, since the stored state only holds whole
    /// milliseconds. The reader gives every number as `Num`.
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

/// How deeply arrays and objects may nest in text that is read, so hostile input cannot
/// exhaust the stack. The stored state nests six levels.
const MAX_DEPTH: usize = 128;

impl Json {
    /// The value of member `key` of an object, the last one when it repeats; `None` when this
    /// is not an object, the member is missing, or it is `null`.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
        .filter(|v| **v != Json::Null)
    }

    /// The value as compact text.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None);
        out
    }

    /// The value as text indented by two spaces per level.
    pub fn to_text_pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(0));
        out
    }

    fn write(&self, out: &mut String, indent: Option<usize>) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Json::Num(x) => {
                let whole = if x.is_finite() { x.round() as i64 } else { 0 };
                let _ = write!(out, "{whole}.0");
            }
            Json::Str(s) => write_str(out, s),
            Json::Arr(items) => {
                write_list(out, indent, ('[', ']'), items, |out, item, indent| item.write(out, indent))
            }
            Json::Obj(members) => write_list(out, indent, ('{', '}'), members, |out, (k, v), indent| {
                write_str(out, k);
                out.push_str(if indent.is_some() { ": " } else { ":" });
                v.write(out, indent);
            }),
        }
    }
}

/// Writes `items` between `brackets`, one per line when indenting.
fn write_list<T>(
    out: &mut String,
    indent: Option<usize>,
    brackets: (char, char),
    items: &[T],
    write_item: impl Fn(&mut String, &T, Option<usize>),
) {
    out.push(brackets.0);
    let inner = indent.map(|n| n + 2);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        new_line(out, inner);
        write_item(out, item, inner);
    }
    if !items.is_empty() {
        new_line(out, indent);
    }
    out.push(brackets.1);
}

fn new_line(out: &mut String, indent: Option<usize>) {
    if let Some(n) = indent {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', n));
    }
}

fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Reads a whole text as one JSON value. Errors say where (line and column) and what was
/// expected there.
pub fn parse(text: &str) -> Result<Json, String> {
    let mut reader = Reader { bytes: text.as_bytes(), at: 0 };
    let value = reader.value(0).and_then(|v| {
        reader.skip_space();
        if reader.at < reader.bytes.len() {
            Err("more text after the end of the data")
        } else {
            Ok(v)
        }
    });
    value.map_err(|why| {
        let before = &text.as_bytes()[..reader.at.min(text.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
        format!("line {line}, column {column}: {why}")
    })
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

type Step<T> = Result<T, &'static str>;

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    /// Consumes `byte` after any space; tells whether it was there.
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_space();
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn value(&mut self, depth: usize) -> Step<Json> {
        self.skip_space();
        if depth > MAX_DEPTH {
            return Err("the data nests too deeply");
        }
        match self.peek() {
            Some(b'{') => {
                self.at += 1;
                let mut members = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        self.skip_space();
                        if self.peek() != Some(b'"') {
                            return Err("expected a name in double quotes");
                        }
                        let key = self.string()?;
                        if !self.eat(b':') {
                            return Err("expected `:` after a name");
                        }
                        members.push((key, self.value(depth + 1)?));
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err("expected `,` or `}`");
                        }
                    }
                }
                Ok(Json::Obj(members))
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err("expected `,` or `]`");
                        }
                    }
                }
                Ok(Json::Arr(items))
            }
            Some(b'"') => self.string().map(Json::Str),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => {
                for (word, value) in
                    [("null", Json::Null), ("true", Json::Bool(true)), ("false", Json::Bool(false))]
                {
                    if self.bytes[self.at..].starts_with(word.as_bytes()) {
                        self.at += word.len();
                        return Ok(value);
                    }
                }
                Err(if self.at >= self.bytes.len() { "the data ends too early" } else { "expected a value" })
            }
        }
    }

    /// A string, from its opening quote.
    fn string(&mut self) -> Step<String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while !matches!(self.peek(), None | Some(b'"' | b'\\' | 0..=0x1f)) {
                self.at += 1;
            }
            // Only whole characters were skipped: the stops are all ASCII, and the input is text.
            out.push_str(std::str::from_utf8(&self.bytes[start..self.at]).map_err(|_| "invalid text")?);
            match self.peek() {
                None => return Err("the data ends inside a string"),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escape = self.peek();
                    self.at += 1;
                    out.push(match escape {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        _ => {
                            self.at -= 1;
                            return Err("unknown escape after `\\`");
                        }
                    });
                }
                Some(_) => return Err("a control character inside a string must be escaped"),
            }
        }
    }

    /// The character of a `\u` escape whose four hex digits start here, with the second half
    /// of a surrogate pair when there is one.
    fn unicode_escape(&mut self) -> Step<char> {
        let first = self.hex4()?;
        let code = if (0xd800..0xdc00).contains(&first) {
            if !self.bytes[self.at..].starts_with(b"\\u") {
                return Err("a lone surrogate in a `\\u` escape");
            }
            self.at += 2;
            let second = self.hex4()?;
            if !(0xdc00..0xe000).contains(&second) {
                return Err("a lone surrogate in a `\\u` escape");
            }
            0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
        } else {
            first
        };
        char::from_u32(code).ok_or("a lone surrogate in a `\\u` escape")
    }

    /// Four hex digits from here.
    fn hex4(&mut self) -> Step<u32> {
        let digits = self.bytes.get(self.at..self.at + 4).ok_or("expected four hex digits after `\\u`")?;
        let mut n = 0;
        for &d in digits {
            n = n * 16 + (d as char).to_digit(16).ok_or("expected four hex digits after `\\u`")?;
        }
        self.at += 4;
        Ok(n)
    }

    /// A number: `-`, digits, an optional fraction and exponent.
    fn number(&mut self) -> Step<Json> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        // The first 19 significant digits, exactly, and the power of ten they are scaled by.
        let (mut mantissa, mut exp10, mut digits) = (0u64, 0i32, 0);
        let mut any = false;
        let mut fraction = false;
        while let Some(b) = self.peek() {
            match b {
                b'0'..=b'9' => {
                    if !any
                        && b == b'0'
                        && !fraction
                        && matches!(self.bytes.get(self.at + 1), Some(b'0'..=b'9'))
                    {
                        return Err("a number must not start with 0");
                    }
                    any = true;
                    if digits < 19 {
                        mantissa = mantissa * 10 + u64::from(b - b'0');
                        digits += usize::from(mantissa > 0);
                        exp10 -= i32::from(fraction);
                    } else {
                        exp10 += i32::from(!fraction);
                    }
                }
                b'.' if !fraction && any => {
                    fraction = true;
                    if !matches!(self.bytes.get(self.at + 1), Some(b'0'..=b'9')) {
                        return Err("expected a digit after `.`");
                    }
                }
                _ => break,
            }
            self.at += 1;
        }
        if !any {
            return Err("expected a digit");
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            let sign = match self.peek() {
                Some(b'-') => -1,
                Some(b'+') => 1,
                _ => 0,
            };
            if sign != 0 {
                self.at += 1;
            }
            let mut exp = 0i32;
            let mut any_exp = false;
            while let Some(d @ b'0'..=b'9') = self.peek() {
                exp = exp.saturating_mul(10).saturating_add(i32::from(d - b'0'));
                any_exp = true;
                self.at += 1;
            }
            if !any_exp {
                return Err("expected a digit in the exponent");
            }
            exp10 = exp10.saturating_add(if sign < 0 { -exp } else { exp });
        }
        // Trailing zeros move to the exponent, so a whole number written with `.0` stays exact.
        while mantissa != 0 && mantissa % 10 == 0 {
            mantissa /= 10;
            exp10 += 1;
        }
        let magnitude = scale(mantissa as f64, exp10);
        if !magnitude.is_finite() {
            return Err("a number too large");
        }
        Ok(Json::Num(if negative { -magnitude } else { magnitude }))
    }
}

/// `m × 10^exp10`. When `m` is below 2⁵³ and the power of ten at most 22, which covers every
/// time the stored state holds, this is one correctly rounded operation on exact values: the
/// value a full parser gives. Otherwise it is within a few units in the last place.
fn scale(m: f64, exp10: i32) -> f64 {
    if m == 0.0 {
        0.0
    } else if exp10 < 0 {
        // Dividing by an exact power of ten rounds once; beyond 10^22, in steps.
        let mut x = m;
        let mut e = -exp10;
        while e > 22 && x != 0.0 {
            x /= 1e22;
            e -= 22;
        }
        x / 10f64.powi(e)
    } else {
        m * 10f64.powi(exp10.min(400))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_of_value() {
        let v = parse(r#" {"a": [1, -2.5, 3e2, 0.0625, true, false, null], "b": "x\"\\\/\n\u00e9\ud83d\ude42", "a": {}} "#)
            .unwrap();
        assert_eq!(
            v.get("b"),
            Some(&Json::Str("x\"\\/\n\u{e9}\u{1f642}".to_owned())),
            "escapes, and a surrogate pair"
        );
        let Json::Obj(members) = &v else { panic!("an object") };
        assert_eq!(
            members[0].1,
            Json::Arr(vec![
                Json::Num(1.0),
                Json::Num(-2.5),
                Json::Num(300.0),
                Json::Num(0.0625),
                Json::Bool(true),
                Json::Bool(false),
                Json::Null
            ])
        );
        assert_eq!(v.get("a"), Some(&Json::Obj(vec![])), "the last of a repeated key counts");
    }

    #[test]
    fn whole_milliseconds_read_exactly() {
        for text in ["1764000000000.0", "1764000000000", "17640000000000e-1", "1.764e12", "9007199254740991"]
        {
            let Ok(Json::Num(x)) = parse(text) else { panic!("{text}") };
            assert_eq!(x, text.parse::<f64>().unwrap(), "{text}");
        }
    }

    #[test]
    fn errors_say_where_and_what() {
        let cases = [
            ("{not json", "line 1, column 2: expected a name in double quotes"),
            ("{\n  \"a\": 1,\n  \"b\" 2}", "line 3, column 7: expected `:` after a name"),
            ("[1, 2", "line 1, column 6: expected `,` or `]`"),
            ("", "line 1, column 1: the data ends too early"),
            ("\"abc", "line 1, column 5: the data ends inside a string"),
            ("[01]", "line 1, column 2: a number must not start with 0"),
            ("1e999", "line 1, column 6: a number too large"),
            ("\"\\ud800\"", "line 1, column 8: a lone surrogate in a `\\u` escape"),
            ("{} x", "line 1, column 4: more text after the end of the data"),
            ("\"é\u{1}\"", "line 1, column 3: a control character inside a string must be escaped"),
            ("1.", "line 1, column 2: expected a digit after `.`"),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text), Err(want.to_owned()), "{text:?}");
        }
        let deep = "[".repeat(MAX_DEPTH + 2);
        assert_eq!(parse(&deep), Err(format!("line 1, column {}: the data nests too deeply", MAX_DEPTH + 2)));
    }

    #[test]
    fn writes_compact_and_indented_text() {
        let v = Json::Obj(vec![
            ("n".to_owned(), Json::Int(3)),
            ("t".to_owned(), Json::Num(1_764_000_000_000.0)),
            ("s".to_owned(), Json::Str("\"\\\n\t\u{1}é".to_owned())),
            ("e".to_owned(), Json::Obj(vec![])),
            ("a".to_owned(), Json::Arr(vec![Json::Null, Json::Bool(false)])),
        ]);
        assert_eq!(
            v.to_text(),
            r#"{"n":3,"t":1764000000000.0,"s":"\"\\\n\t\u0001é","e":{},"a":[null,false]}"#
        );
        assert_eq!(
            v.to_text_pretty(),
            "{\n  \"n\": 3,\n  \"t\": 1764000000000.0,\n  \"s\": \"\\\"\\\\\\n\\t\\u0001é\",\n  \"e\": {},\n  \
             \"a\": [\n    null,\n    false\n  ]\n}"
        );
        assert_eq!(parse(&v.to_text()), parse(&v.to_text_pretty()));
    }
}
