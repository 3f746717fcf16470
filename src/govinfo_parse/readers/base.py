"""The reader interface: a name, a sniff and a read.

A reader turns the decoded text of one input family into the chunk stream
(:class:`~govinfo_parse.stream.Stream`).  It never imports the transformer or another reader;
what two readers share lives in :mod:`govinfo_parse.tables` (or, for the two line layouts, in
the private :mod:`govinfo_parse.readers._lines`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

import attrs

from ..normalise import Normalised, normalise
from ..stream import Stream

__all__ = ["Input", "Reader"]


class Input:
    """The decoded text a reader is given: the text as the user has it, the input kind, the file
    name if any, and the normalised text (computed once, when a reader first asks)."""

    def __init__(self, text: str, kind: str, filename: str | None = None) -> None:
        self.text = text
        self.kind = kind
        self.filename = filename

    @cached_property
    def norm(self) -> Normalised:
        """The normalised text (:func:`govinfo_parse.normalise.normalise`)."""
        return normalise(self.text)


@attrs.frozen
class Reader:
    """One input family's reader.

    ``kinds`` are the input kinds (``text``, ``markdown``, ``html``, ``pdf`` — what
    :func:`govinfo_parse.readers.detect_kind` answers) the reader may read; ``sniff`` says from
    the :class:`Input` whether this reader's family is the one at hand;
    ``read`` makes the stream.  ``forced`` kinds are read by this reader without sniffing (the
    text of a PDF file is PDF text, whatever it looks like)."""

    name: str
    kinds: frozenset[str]
    sniff: Callable[[Input], bool]
    read: Callable[[Input], Stream]
    forced: frozenset[str] = frozenset()
    decodes_tables: bool = False
    """The reader assigns every printed value to the official grid itself, under the format's
    identities (the flattened-scrape reader): its stream skips the shared recovery, whose line
    pieces it does not have."""
    failure_code: str = "P000"
    """The diagnostic code given when this reader fails internally and the next one takes over."""
