"""The form every reader hands the recogniser: lines of fields, with what the reader knows of where
each field stands.

A field is a label fragment or a number token as the reader cut it: a table cell (.docx, HTML, a
PDF's ruled table: its boundary is a cell edge, ``bounded``), or a run of characters a PDF's
text layer or OCR set apart by a gap (``bounded`` False: the gap is evidence, not an edge).
Readers of a page (read_pdf.py, read_image.py) give each field its place (``x0``, ``x1`` in page
units, y growing upwards) and each line its page and vertical extent; readers of text give none.

The text form the parser reads is derived from it (``to_text``): one line a line, its fields
joined by tabs, as every reader wrote before. Text readers build only that: ``Tokens.of_text``
keeps their text as it is, so clean text is read as fast as ever; the lines are split out only
when asked for. The recogniser uses positions where text alone cannot decide (columns.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Field:
    """A label fragment or a number token; ``x0``/``x1`` when the reader knows them."""

    text: str
    x0: float | None = None
    x1: float | None = None
    bounded: bool = False  # its edges are known cell edges (a table cell, a tab in text)
    confidence: float | None = None  # OCR's, for a field read from a picture

    @property
    def cx(self) -> float | None:
        return None if self.x0 is None or self.x1 is None else (self.x0 + self.x1) / 2


@dataclass(slots=True)
class Line:
    """One line of a document: its fields left to right; where it stands when the reader knows."""

    fields: list[Field] = field(default_factory=list)
    page: int | None = None  # 0-based
    top: float | None = None
    bottom: float | None = None

    @property
    def text(self) -> str:
        return "\t".join(f.text for f in self.fields)

    @property
    def placed(self) -> bool:
        """Every field has its x position."""
        return bool(self.fields) and all(f.x0 is not None for f in self.fields)


class Tokens:
    """A document as lines of fields. Built from lines (readers of pages) or from text (readers of
    text: the lines are split out of it only when asked for, the text is kept as it is — and is
    what ``to_text`` gives, so such lines are for reading, not for changing)."""

    __slots__ = ("_lines", "_text")

    def __init__(self, lines: list[Line] | None = None, *, text: str | None = None) -> None:
        if (lines is None) == (text is None):
            raise ValueError("Tokens: lines or text, one of the two")
        self._lines = lines
        self._text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tokens) and self.to_text() == other.to_text() and self.lines == other.lines

    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def of_text(cls, text: str) -> Tokens:
        return cls(text=text)

    @property
    def has_positions(self) -> bool:
        return self._lines is not None and any(line.placed for line in self._lines)

    @property
    def lines(self) -> list[Line]:
        if self._lines is None:
            assert self._text is not None
            self._lines = [_line_of_text(s) for s in self._text.split("\n")]
            if self._lines and not self._lines[-1].fields:
                self._lines.pop()  # the text's final newline
        return self._lines

    def to_text(self) -> str:
        """The text the parser reads: fields joined by tabs, one line a line."""
        if self._text is not None:
            return self._text
        return "\n".join(line.text for line in self.lines) + "\n"

    def confidences(self) -> list[list[float | None]]:
        """OCR's confidence of each field, line by line (``read_image.OcrText.confidences``)."""
        return [[f.confidence for f in line.fields] for line in self.lines]


def _line_of_text(s: str) -> Line:
    if "\t" in s:
        return Line([Field(part, bounded=True) for part in s.split("\t")])
    return Line([Field(s)] if s else [])
