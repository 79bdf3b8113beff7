from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fating.core.audit import (
    AuditKeyError,
    current_key_id,
    key_label,
    rotate_key,
    verify,
    write_checkpoint,
)


class Command(BaseCommand):
    help = (
        "Audit chain tools. `audit verify` checks the keyed chain and every checkpoint and exits "
        "non-zero naming the first bad event or checkpoint line; `audit checkpoint` appends the "
        "signed head to the checkpoint file; `audit rotate-key` records the hand-over to the key "
        "now first in FATING_AUDIT_KEYS."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action",
            choices=["verify", "checkpoint", "rotate-key"],
            help="verify: check the chain and checkpoints; checkpoint: append the signed head; "
            "rotate-key: record the change to the current key",
        )

    def handle(self, *args: object, **options: object) -> None:
        try:
            getattr(self, "_" + str(options["action"]).replace("-", "_"))()
        except AuditKeyError as exc:
            raise CommandError(f"Audit key problem: {exc}") from exc

    def _verify(self) -> None:
        result = verify()
        if result.problem is not None:
            raise CommandError(f"Audit chain broken at {result.problem}")
        keys = ", ".join(key_label(k) for k in result.key_ids) or "none"
        self.stdout.write(
            f"Audit chain intact: {result.events} events verified (keys: {keys}); "
            f"{result.checkpoints} checkpoints match ({result.checkpoint_file})."
        )
        if not result.checkpoint_file_found:
            self.stdout.write(
                f"Note: no checkpoint file at {result.checkpoint_file}; a rewrite by someone who "
                "holds the key is caught only against checkpoints (`fating audit checkpoint`)."
            )

    def _checkpoint(self) -> None:
        result = verify()
        if result.problem is not None:
            raise CommandError(
                f"Audit chain broken at {result.problem}; no checkpoint written (it would vouch "
                "for the broken chain)."
            )
        checkpoint = write_checkpoint()
        if checkpoint is None:
            self.stdout.write("The audit chain is empty; nothing to checkpoint.")
            return
        self.stdout.write(
            f"Checkpoint written: event #{checkpoint.seq} hash {checkpoint.hash[:16]}… signed with "
            f"key {checkpoint.key_id}, appended to {result.checkpoint_file}."
        )

    def _rotate_key(self) -> None:
        event = rotate_key()
        if event is None:
            self.stdout.write(
                f"The chain is already signed with the current key {current_key_id()!r} (or is "
                "empty). To rotate, put the new key first in FATING_AUDIT_KEYS and keep the old "
                "one after it."
            )
            return
        self.stdout.write(
            f"Key rotation recorded as event #{event.seq}: "
            f"{key_label((event.before or {})['key_id'])} → {event.key_id}."
        )
