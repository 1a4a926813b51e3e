"""Markdown markup stripped down to the prose a reader sees.

Used by `text.py` for .md and .markdown files. A full Markdown parser would be a dependency
for little gain: news copy uses headings, emphasis, links, images, quotes and lists, and each
has one unambiguous pattern. What a renderer would show is kept (heading and link text); what
it would not is dropped (`#`, `*`, link targets, images, HTML tags and comments).

Lines of one Markdown paragraph are joined with a space, as a renderer joins them; headings,
list items and table rows become paragraphs of their own; paragraphs are separated by one
blank line.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*$")
# A thematic break, or the underline of a setext heading: both end the paragraph above.
_RULE = re.compile(r"^ {0,3}(?:(?:[-*_][ \t]*){3,}|=+[ \t]*)$")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+")
_QUOTE_MARKER = re.compile(r"^ {0,3}>[ ]?")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(?P<text>.*)$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_CODE_SPAN = re.compile(r"(`+)(?P<code>.+?)\1")
_IMAGE = re.compile(r"!\[[^\]]*\](?:\((?:[^()]|\([^)]*\))*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[(?P<text>[^\]]*)\](?:\((?:[^()]|\([^)]*\))*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|ftp|mailto):[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_EMPHASIS = (
    re.compile(r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1"),
    re.compile(r"\*(?=\S)(?P<text>.+?)(?<=\S)\*"),
    # Underscores inside words (snake_case, file_names) are not emphasis.
    re.compile(r"(?<!\w)_(?=\S)(?P<text>.+?)(?<=\S)_(?!\w)"),
    re.compile(r"~~(?P<text>.+?)~~"),
)
# Escaped and code characters are parked in a private-use plane so that no later pattern
# reads them as markup.
_PARKED = 0xF0000
_PARKED_CHAR = re.compile("[\U000f0000-\U000fffff]")


def strip_markdown(text: str) -> str:
    """Return the prose of a Markdown text, paragraphs separated by a blank line.

    Args:
        text: Markdown, front matter already removed.

    Returns:
        Plain text without markup.
    """
    paragraphs: list[str] = []
    current: list[str] = []
    fence: str | None = None

    def end_paragraph() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for line in _HTML_COMMENT.sub("", text).split("\n"):
        opening = _FENCE.match(line)
        if fence is not None:
            # Code is shown as written, one line per line.
            if opening and opening.group(1)[0] == fence:
                fence = None
            elif line.strip():
                paragraphs.append(line.rstrip())
            continue
        if opening:
            end_paragraph()
            fence = opening.group(1)[0]
            continue
        while _QUOTE_MARKER.match(line):
            line = _QUOTE_MARKER.sub("", line, count=1)
        heading = _ATX_HEADING.match(line)
        item = _LIST_ITEM.match(line)
        if not line.strip() or _RULE.match(line) or _TABLE_SEPARATOR.match(line):
            end_paragraph()
        elif _REFERENCE_DEFINITION.match(line):
            continue
        elif heading or item or line.lstrip().startswith("|"):
            end_paragraph()
            if heading:
                current.append(_inline(heading["text"] or ""))
            else:
                current.append(_inline(item["text"] if item else line))
            end_paragraph()
        else:
            current.append(_inline(line.rstrip("\\")))
        if current and not current[-1]:
            current.pop()
    end_paragraph()
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _park(text: str) -> str:
    return "".join(chr(_PARKED + ord(char)) if ord(char) < 0x10000 else char for char in text)


def _inline(line: str) -> str:
    line = _ESCAPE.sub(lambda match: _park(match.group(1)), line)
    line = _CODE_SPAN.sub(lambda match: _park(match["code"].strip()), line)
    line = _IMAGE.sub("", line)
    line = _LINK.sub(lambda match: match["text"], line)
    line = _AUTOLINK.sub(lambda match: match["url"], line)
    line = _HTML_TAG.sub("", line)
    for pattern in _EMPHASIS:
        line = pattern.sub(lambda match: match["text"], line)
    line = _PARKED_CHAR.sub(lambda match: chr(ord(match.group()) - _PARKED), line)
    # Removed markup leaves gaps; Markdown white space is not significant, so fold it.
    return " ".join(line.split())
