"""Domain errors raised by services; the API and views turn them into one error shape."""

from __future__ import annotations

from collections.abc import Mapping


class DomainError(Exception):
    """A rule of the domain refused the operation. `fields` maps field names to messages."""

    status_code = 400
    code = "invalid"

    def __init__(self, message: str, *, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class FieldError(DomainError):
    """Bad input for one or more named fields."""

    def __init__(self, fields: Mapping[str, list[str] | str], message: str = "") -> None:
        normalised = {k: v if isinstance(v, list) else [v] for k, v in fields.items()}
        first = next(iter(normalised.items()), ("", [""]))
        super().__init__(message or f"{first[0]}: {first[1][0]}", fields=normalised)


class NotVisible(DomainError):
    """The object does not exist for this user (outsiders get 404, never a hint it exists)."""

    status_code = 404
    code = "not_found"


class NotPermitted(DomainError):
    """The user may see the object but not do this to it (403)."""

    status_code = 403
    code = "permission_denied"


class InvalidTransition(DomainError):
    """A state machine refused a transition."""

    status_code = 409
    code = "invalid_transition"
