"""AlterHelpTexts changes the migration state like AlterField and refuses database changes."""

from __future__ import annotations

import pytest
from django.db import models
from django.db.migrations.state import ModelState, ProjectState

from fating.core.migration_ops import AlterHelpTexts


def _state() -> ProjectState:
    state = ProjectState()
    state.add_model(
        ModelState("demo", "Thing", [("id", models.AutoField(primary_key=True)),
                                     ("name", models.CharField(max_length=10))])
    )  # fmt: skip
    return state


def test_help_text_reaches_the_state_and_the_rendered_model() -> None:
    state = _state()
    state.apps  # noqa: B018  (render, as migrate does)
    AlterHelpTexts(
        {"Thing": [("name", models.CharField(max_length=10, help_text="名称。"))]}
    ).state_forwards("demo", state)
    assert state.models["demo", "thing"].fields["name"].help_text == "名称。"
    assert state.apps.get_model("demo", "Thing")._meta.get_field("name").help_text == "名称。"


def test_a_change_the_database_would_see_is_refused() -> None:
    operation = AlterHelpTexts({"Thing": [("name", models.CharField(max_length=20))]})
    with pytest.raises(ValueError, match="AlterField"):
        operation.state_forwards("demo", _state())


def test_it_round_trips_through_deconstruct() -> None:
    operation = AlterHelpTexts({"Thing": [("name", models.CharField(max_length=10))]})
    name, args, kwargs = operation.deconstruct()
    assert name == "AlterHelpTexts" and not args
    assert AlterHelpTexts(**kwargs).models == operation.models
