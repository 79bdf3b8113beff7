"""Pure rules of user administration: where each role may be granted, and temporary passwords.

No Django import: the services apply these, the tests check them without a database.
"""

from __future__ import annotations

import secrets

#: The kind of place each role is held at (accounts.models.Membership's docstring): a court
#: administrator and a governance officer at the court; a judge or clerk at a tribunal, or at the
#: court itself for 院机关 staff; a liaison at a service point; a mediator at a mediation
#: organisation. Parties and agents hold no place and are never granted by an administrator.
GRANTABLE_PLACES: dict[str, tuple[str, ...]] = {
    "court_admin": ("court",),
    "governance": ("court",),
    "judge": ("tribunal", "court"),
    "clerk": ("tribunal", "court"),
    "liaison": ("service_point",),
    "mediator": ("organisation",),
    "enforcement_judge": ("court",),
    "executor": ("court",),
    "department_officer": ("department",),
}

PLACE_KINDS = ("court", "tribunal", "service_point", "organisation", "department")

#: Letters and digits that cannot be mistaken for one another when read aloud or copied from a
#: screen (no 0/O/o, 1/l/I).
_LOWER = "abcdefghjkmnpqrstuvwxyz"
_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_DIGITS = "23456789"
TEMPORARY_PASSWORD_LENGTH = 12


def is_grantable(role: str, place_kind: str) -> bool:
    """Whether an administrator may grant `role` at a place of kind `place_kind`."""
    return place_kind in GRANTABLE_PLACES.get(role, ())


def temporary_password(length: int = TEMPORARY_PASSWORD_LENGTH) -> str:
    """A random password with at least one lower-case letter, upper-case letter and digit.

    It is shown once to the administrator, who passes it on; the holder must change it at the
    next sign-in, so it only has to survive that hand-over, not be memorable.
    """
    if length < 8:
        raise ValueError("a temporary password needs at least 8 characters")
    alphabet = _LOWER + _UPPER + _DIGITS
    chars = [secrets.choice(_LOWER), secrets.choice(_UPPER), secrets.choice(_DIGITS)]
    chars += [secrets.choice(alphabet) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)
