"""Validation of a parsed report: the format's arithmetic and structure (spec §6).

Work in progress: the public signatures are final, the checks are being filled in.
"""

from __future__ import annotations

from collections.abc import Sequence

from .nodes import Diagnostic, Report

__all__ = ["validate", "validate_series"]


def validate(report: Report) -> tuple[Diagnostic, ...]:
    """Check one report; never raises."""
    return ()


def validate_series(reports: Sequence[Report]) -> tuple[Diagnostic, ...]:
    """Check reports of one agency in consecutive years; never raises."""
    return ()
