"""The audit chain's signing keys, read from the environment at settings time.

`FATING_AUDIT_KEYS` holds one or more `KEY_ID:SECRET` pairs separated by commas. The first pair
is the current key, which signs new events; the others are kept only so that events signed
before a rotation still verify. The keys never enter the database: whoever can write the database
without also holding a key cannot produce a chain that verifies.

The embedded demo (and a DEBUG run) generates one key on first start and keeps it in
`$FATING_DATA_DIR/audit_keys`, exactly as the demo keeps its SECRET_KEY, so it runs out of the box.
This module imports nothing from Django's app registry: settings.py calls it.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

ENV_NAME = "FATING_AUDIT_KEYS"
KEY_FILE_NAME = "audit_keys"
MIN_SECRET_LENGTH = 32
_KEY_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")


def parse_audit_keys(raw: str, *, source: str = ENV_NAME) -> dict[str, str]:
    """`id:secret,id:secret` → an ordered {id: secret}; the first entry is the current key."""
    keys: dict[str, str] = {}
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        key_id, sep, secret = item.partition(":")
        key_id, secret = key_id.strip(), secret.strip()
        if not sep or not _KEY_ID.match(key_id):
            raise ImproperlyConfigured(
                f"{source}: each entry must be KEY_ID:SECRET with a key id of letters, digits, "
                f"'.', '_' or '-' (at most 32 characters); got an entry starting {item[:8]!r}."
            )
        if len(secret) < MIN_SECRET_LENGTH:
            raise ImproperlyConfigured(
                f"{source}: the secret of key id {key_id!r} is shorter than {MIN_SECRET_LENGTH} "
                "characters."
            )
        if key_id in keys:
            raise ImproperlyConfigured(f"{source}: key id {key_id!r} appears twice.")
        keys[key_id] = secret
    if not keys:
        raise ImproperlyConfigured(f"{source} holds no key.")
    return keys


def generated_key_line() -> str:
    return f"local1:{secrets.token_urlsafe(48)}"


def audit_keys_from_environment(
    *, data_dir: Path, allow_generated: bool, environ: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The configured keys; generated and kept under data_dir only when allow_generated."""
    environ = os.environ if environ is None else environ
    raw = environ.get(ENV_NAME)
    if raw:
        return parse_audit_keys(raw)
    if allow_generated:
        data_dir.mkdir(parents=True, exist_ok=True)
        path = data_dir / KEY_FILE_NAME
        if not path.exists():
            path.write_text(generated_key_line() + "\n")
            path.chmod(0o600)
        return parse_audit_keys(path.read_text().replace("\n", ","), source=str(path))
    raise ImproperlyConfigured(
        f"{ENV_NAME} is not set. The audit chain is signed with HMAC keys kept outside the "
        f"database: set {ENV_NAME}=KEY_ID:SECRET (for example "
        "2026a:$(python -c 'import secrets; print(secrets.token_urlsafe(48))')), "
        "or run `fating demo` for the embedded demo."
    )
