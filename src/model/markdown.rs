//! The small part of Markdown that checklist prose may use: paragraphs, `- ` lists,
//! `*emphasis*`, `**strong**`, `` `code` `` and `[links](https://…)`. The UI turns the result
//! into DOM nodes one by one; nothing is ever parsed as HTML.

/// A block of prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A bulleted list; each entry is one item's text.
    List(Vec<Vec<Inline>>),
}

/// A run of text inside a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// `*emphasis*`
    Emphasis(String),
    /// `**strong**`
    Strong(String),
    /// `` `code` ``
    Code(String),
    /// `[text](url)`, only for `https:` and `mailto:` addresses.
    Link {
        /// The visible text.
        text: String,
        /// The address.
        url: String,
    },
}

/// Splits prose into blocks: blank lines separate paragraphs; lines starting with `- ` form lists.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut list: Vec<Vec<Inline>> = Vec::new();
    let flush_paragraph = |paragraph: &mut Vec<&str>, out: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            out.push(Block::Paragraph(inlines(&paragraph.join(" "))));
            paragraph.clear();
        }
    };
    for line in text.lines().map(str::trim) {
        if let Some(entry) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            flush_paragraph(&mut paragraph, &mut out);
            list.push(inlines(entry.trim()));
            continue;
        }
        if !list.is_empty() {
            out.push(Block::List(std::mem::take(&mut list)));
        }
        if line.is_empty() {
            flush_paragraph(&mut paragraph, &mut out);
        } else {
            paragraph.push(line);
        }
    }
    flush_paragraph(&mut paragraph, &mut out);
    if !list.is_empty() {
        out.push(Block::List(list));
    }
    out
}

/// Splits one line of text into inline runs. Markers without a partner stay as text.
pub fn inlines(text: &str) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let span = match c {
            '*' if rest.starts_with("**") => {
                delimited(rest, "**").map(|(inner, n)| (Inline::Strong(inner.into()), n))
            }
            '*' => delimited(rest, "*").map(|(inner, n)| (Inline::Emphasis(inner.into()), n)),
            '`' => delimited(rest, "`").map(|(inner, n)| (Inline::Code(inner.into()), n)),
            '[' => link(rest),
            _ => None,
        };
        match span {
            Some((inline, used)) => {
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                out.push(inline);
                rest = &rest[used..];
            }
            None => {
                plain.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
    out
}

/// `marker inner marker` at the start of `s`, with non-empty `inner`; returns it and the bytes used.
fn delimited<'a>(s: &'a str, marker: &str) -> Option<(&'a str, usize)> {
    let after = s.strip_prefix(marker)?;
    let end = after.find(marker)?;
    let inner = &after[..end];
    (!inner.trim().is_empty()).then_some((inner, marker.len() * 2 + end))
}

/// `[text](url)` at the start of `s`, for safe addresses only.
fn link(s: &str) -> Option<(Inline, usize)> {
    let close = s.find("](")?;
    let text = &s[1..close];
    let after = &s[close + 2..];
    let end = after.find(')')?;
    let url = &after[..end];
    let safe =
        (url.starts_with("https://") || url.starts_with("mailto:")) && !url.contains(char::is_whitespace);
    (safe && !text.is_empty()).then(|| (Inline::Link { text: text.into(), url: url.into() }, close + 3 + end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markers_become_runs() {
        assert_eq!(
            inlines("Say **no**, *kindly*, in `#chat` or [mail](mailto:a@b.org)."),
            vec![
                Inline::Text("Say ".into()),
                Inline::Strong("no".into()),
                Inline::Text(", ".into()),
                Inline::Emphasis("kindly".into()),
                Inline::Text(", in ".into()),
                Inline::Code("#chat".into()),
                Inline::Text(" or ".into()),
                Inline::Link { text: "mail".into(), url: "mailto:a@b.org".into() },
                Inline::Text(".".into()),
            ]
        );
    }

    #[test]
    fn unsafe_links_and_lone_markers_stay_text() {
        assert_eq!(
            inlines("[x](javascript:alert(1))"),
            vec![Inline::Text("[x](javascript:alert(1))".into())]
        );
        assert_eq!(inlines("5 * 3 and a ` tick"), vec![Inline::Text("5 * 3 and a ` tick".into())]);
        assert_eq!(inlines("<b>not html</b>"), vec![Inline::Text("<b>not html</b>".into())]);
    }

    #[test]
    fn paragraphs_and_lists_are_split() {
        let b = blocks("First line\nsame paragraph.\n\n- one\n- two\nAfter.");
        assert_eq!(
            b,
            vec![
                Block::Paragraph(vec![Inline::Text("First line same paragraph.".into())]),
                Block::List(vec![vec![Inline::Text("one".into())], vec![Inline::Text("two".into())]]),
                Block::Paragraph(vec![Inline::Text("After.".into())]),
            ]
        );
    }
}
