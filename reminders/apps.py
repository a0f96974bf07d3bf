from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        from reminders import (
            permissions,  # noqa: F401  (rules)
            receivers,  # noqa: F401  (erasing what a person's anonymising leaves behind)
        )
