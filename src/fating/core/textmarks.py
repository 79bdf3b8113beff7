"""Marks for the translation catalog usable from pure rules modules, which import nothing from
Django: `makemessages` extracts calls by name, and callers translate the text where they show it."""


def gettext_noop(message: str) -> str:
    """Mark `message` for the catalog and return it unchanged."""
    return message
