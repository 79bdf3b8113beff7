"""Errors of the documents app, in the one error shape of fating.core.exceptions."""

from __future__ import annotations

import logging

from fating.core.exceptions import DomainError

logger = logging.getLogger("fating.documents")


class IntegrityFailure(DomainError):
    """A stored file no longer matches the SHA-256 recorded when it was stored (or is gone).

    The read is refused and the failure logged; nothing is served from a tampered file."""

    status_code = 409
    code = "integrity_error"


class RenderUnavailable(DomainError):
    """The machine cannot produce the document (e.g. no Chinese font installed)."""

    status_code = 503
    code = "render_unavailable"
