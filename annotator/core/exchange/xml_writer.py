"""A small streaming XML writer: elements go to the output as they are made, indented two spaces a level.

ElementTree builds the whole tree before writing it; a 100,000-article project is millions of elements
(gigabytes in memory), and its serialiser recurses, so a deep codebook overflows the stack. This writer
keeps only the stack of open elements. The output looks like ``ElementTree.indent`` output.
"""

from __future__ import annotations

import re
from typing import TextIO

# Characters XML 1.0 cannot carry at all, even as character references.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Anything an attribute value must have escaped (most values, guids and numbers, need nothing).
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\x00-\x1f\ufffe\uffff\ud800-\udfff]')
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
                            "\t": "&#09;"})


def xml_safe(value: str) -> str:
    """``value`` without the characters XML cannot carry (callers that must keep them write them elsewhere)."""
    return XML_INVALID.sub("", value)


def has_invalid(value: str) -> bool:
    return XML_INVALID.search(value) is not None


def escape_attribute(value: str) -> str:
    """``value`` ready to stand between double quotes."""
    if _ATTRIBUTE_SPECIAL.search(value) is None:
        return value
    return xml_safe(value).translate(_ATTRIBUTE)


def escape_text(value: str) -> str:
    """``value`` ready to stand as character data."""
    return xml_safe(value).translate(_TEXT)


class XmlWriter:
    def __init__(self, out: TextIO, *, indent: str = "  ") -> None:
        self.out = out
        self.indent = indent
        self._stack: list[str] = []
        self._open_tag = False  # the last start tag still lacks its '>'
        self._children: list[bool] = []
        out.write("<?xml version='1.0' encoding='utf-8'?>")

    def _attributes(self, attributes: dict[str, str | None] | None) -> str:
        if not attributes:
            return ""
        return "".join(f' {k}="{escape_attribute(str(v))}"' for k, v in attributes.items() if v is not None)

    def _close_start(self) -> None:
        if self._open_tag:
            self.out.write(">")
            self._open_tag = False

    def start(self, tag: str, attributes: dict[str, str | None] | None = None) -> None:
        self._close_start()
        if self._children:
            self._children[-1] = True
        self.out.write(f"\n{self.indent * len(self._stack)}<{tag}{self._attributes(attributes)}")
        self._stack.append(tag)
        self._children.append(False)
        self._open_tag = True

    def end(self) -> None:
        tag = self._stack.pop()
        had_children = self._children.pop()
        if self._open_tag:
            self.out.write(" />")
            self._open_tag = False
        elif had_children:
            self.out.write(f"\n{self.indent * len(self._stack)}</{tag}>")
        else:
            self.out.write(f"</{tag}>")

    def empty(self, tag: str, attributes: dict[str, str | None] | None = None) -> None:
        self.start(tag, attributes)
        self.end()

    def text_element(self, tag: str, text: str, attributes: dict[str, str | None] | None = None) -> None:
        """``<tag>text</tag>`` on one line (characters XML cannot carry are dropped)."""
        self.start(tag, attributes)
        self.out.write(">" + escape_text(text))
        self._open_tag = False
        self.end()

    @property
    def depth(self) -> int:
        return len(self._stack)

    def fragment(self, markup: str) -> None:
        """Markup made by the caller (one or more whole elements, each line starting with a newline and
        indented for the current depth): the fast path for the many selections of a large project."""
        self._close_start()
        if self._children:
            self._children[-1] = True
        self.out.write(markup)

    def close(self) -> None:
        while self._stack:
            self.end()
        self.out.write("\n")
