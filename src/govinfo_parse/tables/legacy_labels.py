"""Legacy indicator labels matched against the vocabulary, and the 其中 structure of a table.

The common indicators and groups are data in :mod:`govinfo_parse.formats.legacy`; a printed label
is matched with the shared label matching (:func:`govinfo_parse.tables.labels.match_label`):
numbering, 其中, white space and parenthetical notes set aside, exactly one indicator close
enough or none (never a guess between two).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from .._lazy import lazy_compile
from ..formats import legacy as LG
from ..nodes import LegacyRow
from ..normalise import normalise
from ..stream import HEADER, squeeze
from .labels import OfficialLabel, label_body, match_label

__all__ = ["group_key", "indicator_key", "parents"]

_QIZHONG = lazy_compile(r"^其中[:,、]?")
_ARABIC = lazy_compile(r"^\(?\d{1,2}[.、)]")




def _clean(printed: str) -> str:
    """The label without 其中 and white space, normalised the way the chunks are."""
    return _QIZHONG.sub("", squeeze(normalise(printed).text).lstrip(HEADER))


@lru_cache(maxsize=1)
def _indicator_labels() -> dict[str, tuple[OfficialLabel, ...]]:
    """Every printed variant of each legacy indicator as an :class:`OfficialLabel`, by indicator
    key: the candidates of the shared label matching."""
    out: dict[str, tuple[OfficialLabel, ...]] = {}
    for ind in LG.INDICATORS:
        labs = []
        for v in ind.variants:
            body, _ = label_body(_clean(v))
            labs.append(OfficialLabel(ind.key, v, body, None, ("legacy",)))
        out[ind.key] = tuple(labs)
    return out


@lru_cache(maxsize=1)
def _exact() -> dict[str, str]:
    return {lab.body: key for key, labs in _indicator_labels().items() for lab in labs}


@lru_cache(maxsize=2048)
def indicator_key(printed: str) -> tuple[str, int] | None:
    """The indicator a printed label stands for and the edit distance of the match (0: the same
    words), or None when no indicator is close enough or two are equally close."""
    cleaned = _clean(printed)
    body, _ = label_body(cleaned)
    if len(body) < 2:
        return None
    exact = _exact().get(body)
    if exact is not None:
        return exact, 0
    best: list[tuple[int, str]] = []
    for key, labs in _indicator_labels().items():
        m = match_label(cleaned, candidates=labs)
        if m is not None:
            best.append((m.distance, key))
    if not best:
        return None
    best.sort()
    if len(best) > 1 and best[1][0] == best[0][0]:
        return None  # two indicators fit equally well: never guess
    return best[0][1], best[0][0]


@lru_cache(maxsize=512)
def group_key(printed: str) -> str | None:
    """The group a printed group heading names (:data:`govinfo_parse.formats.legacy.GROUPS`)."""
    body, _ = label_body(_clean(printed))
    for g in LG.GROUPS:
        for v in g.variants:
            if body == label_body(v)[0]:
                return g.key
    return None


def parents(rows: Sequence[LegacyRow], groups: Sequence[int] = ()) -> list[int | None]:
    """For each row, the index of the row it is a part (其中) of, or None.  A row is a part when
    its label starts with 其中, or is numbered 1. 2. … after an unnumbered or （一）-numbered row
    of the same group.  ``groups``: the group index of each row (all in one group when empty)."""
    out: list[int | None] = []
    top: int | None = None
    prev_part = False
    for i, r in enumerate(rows):
        if groups and i > 0 and groups[i] != groups[i - 1]:
            top, prev_part = None, False
        t = squeeze(r.label)
        t = t.translate(str.maketrans("（）：，", "():,"))
        part = bool(_QIZHONG.match(t)) or (bool(_ARABIC.match(t)) and top is not None
                                          and (prev_part or not _ARABIC.match(squeeze(rows[top].label))))
        if part and top is not None:
            out.append(top)
        else:
            out.append(None)
            top = i
            part = False
        prev_part = part
    return out
