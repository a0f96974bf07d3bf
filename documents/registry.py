"""What may carry attachments, and who may see and manage them: the apps above register their models here
(in their `AppConfig.ready()`), so that this app imports none of them.

`can_view(user, obj)` says whether ``user`` may see the parent object at all; `can_manage(user, obj)` is the
parent's own edit rule ("the owners": whoever may edit it may add, remove and see every attachment).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Parent:
    key: str  # in URLs: /attachments/new/<key>/<pk>/
    model: type[models.Model]
    can_view: Callable[[object, models.Model], bool]
    can_manage: Callable[[object, models.Model], bool]
    # The page the attachments are listed on (where to go back to after an upload or a removal).
    page_url: Callable[[models.Model], str]
    # What the upload page calls the object (its title or name, in the reader's language).
    label: Callable[[models.Model], object]


_by_key: dict[str, Parent] = {}
_by_model: dict[type[models.Model], Parent] = {}


def register(
    model: type[models.Model],
    *,
    key: str,
    can_manage: Callable[[object, models.Model], bool],
    can_view: Callable[[object, models.Model], bool] | None = None,
    page_url: Callable[[models.Model], str] | None = None,
    label: Callable[[models.Model], object] | None = None,
) -> None:
    parent = Parent(
        key=key,
        model=model,
        can_view=can_view or (lambda user, obj: True),
        can_manage=can_manage,
        page_url=page_url or (lambda obj: obj.get_absolute_url()),
        label=label or (lambda obj: obj.title if hasattr(obj, "title") else str(obj)),
    )
    _by_key[key] = parent
    _by_model[model] = parent


def perm(name: str, of: Callable[[models.Model], models.Model] | None = None) -> Callable[[object, object], bool]:
    """A `can_*` function asking the rule ``name`` about the object (or about ``of(obj)``, e.g. its parent)."""

    def check(user, obj) -> bool:
        return user.has_perm(name, of(obj) if of else obj)

    return check


def for_key(key: str) -> Parent | None:
    return _by_key.get(key)


def for_model(model: type[models.Model]) -> Parent | None:
    return _by_model.get(model._meta.concrete_model)


def for_object(obj: models.Model) -> Parent:
    parent = for_model(type(obj))
    if parent is None:
        raise LookupError(f"{type(obj).__name__} does not take attachments (documents.registry.register it)")
    return parent


def registered_models() -> list[type[models.Model]]:
    return list(_by_model)
