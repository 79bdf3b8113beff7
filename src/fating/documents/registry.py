"""The matter registry: which models may own documents and a dossier, and who may see or manage them.

A *matter* is whatever a document belongs to: a dispute, a case, a confirmation application.
The documents app does not know those apps; each registers its model once, in its AppConfig.ready:

    from fating.documents.registry import register_matter

    class DisputesConfig(AppConfig):
        def ready(self) -> None:
            from fating.disputes import selectors
            from fating.disputes.models import Dispute

            register_matter(
                Dispute,
                can_view=selectors.can_view_dispute,      # (user, dispute) -> bool
                can_manage=selectors.can_manage_dispute,  # (user, dispute) -> bool
            )

`can_view` decides who may read the matter's documents and dossier (others get 404);
`can_manage` who may generate documents, add to the dossier and archive it (readers get 403).
An app with a `restrict(queryset, user, action)` registers `matters` instead: (user, action) ->
the matters the user may "view" or "manage", as a queryset; `can_view` and `can_manage` then
follow from it, and documents and services are filtered in the database rather than one
matter at a time.
Matters are addressed in URLs as "<app_label>.<model_name>" plus the primary key, e.g.
"disputes.dispute/17".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models

Check = Callable[[Any, Any], bool]
Matters = Callable[[Any, str], "models.QuerySet[Any]"]
# (matter, kind, params) -> {"context": prefilled fields, "pickers": [{"name", "label",
# "options": [(value, label)], "selected"}]}: what the generate page offers for a kind.
Defaults = Callable[[Any, str, Any], dict[str, Any]]


@dataclass(frozen=True)
class MatterRegistration:
    model: type[models.Model]
    can_view: Check
    can_manage: Check
    matters: Matters | None = None
    kinds: tuple[str, ...] = ()
    defaults: Defaults | None = None

    @property
    def label(self) -> str:
        """The matter type as used in URLs and the API: "<app_label>.<model_name>"."""
        return self.model._meta.label_lower


_REGISTRY: dict[str, MatterRegistration] = {}


def register_matter(
    model: type[models.Model],
    *,
    can_view: Check | None = None,
    can_manage: Check | None = None,
    matters: Matters | None = None,
    kinds: tuple[str, ...] = (),
    defaults: Defaults | None = None,
) -> MatterRegistration:
    """Let `model` own documents and a dossier. Registering the same model again replaces it
    (so reloading an AppConfig in tests does not fail). Give `matters`, or both checks.
    `kinds` limits the generate page to those document kinds (empty: every kind); `defaults`
    prefills a kind's form from the matter."""
    if matters is not None:
        can_view = can_view or _check_from(matters, "view")
        can_manage = can_manage or _check_from(matters, "manage")
    if can_view is None or can_manage is None:
        raise TypeError("register_matter needs `matters` or both `can_view` and `can_manage`")
    registration = MatterRegistration(
        model=model,
        can_view=can_view,
        can_manage=can_manage,
        matters=matters,
        kinds=tuple(kinds),
        defaults=defaults,
    )
    _REGISTRY[model._meta.label_lower] = registration
    return registration


def _check_from(matters: Matters, action: str) -> Check:
    def check(user: Any, obj: Any) -> bool:
        return matters(user, action).filter(pk=obj.pk).exists()

    return check


def registrations() -> list[MatterRegistration]:
    return [_REGISTRY[label] for label in sorted(_REGISTRY)]


def unregister_matter(model: type[models.Model]) -> None:
    """Remove a registration (tests use this to clean up after themselves)."""
    _REGISTRY.pop(model._meta.label_lower, None)


def registration_for_label(label: str) -> MatterRegistration | None:
    """The registration for "<app_label>.<model_name>", or None when it is not a matter type."""
    return _REGISTRY.get((label or "").lower())


def registration_for(obj_or_model: models.Model | type[models.Model]) -> MatterRegistration | None:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return _REGISTRY.get(model._meta.label_lower)


def registered_labels() -> list[str]:
    return sorted(_REGISTRY)


def model_for_label(label: str) -> type[models.Model] | None:
    """The registered model class for a label; unregistered or unknown labels give None."""
    registration = registration_for_label(label)
    if registration is None:
        return None
    return apps.get_model(registration.label)
