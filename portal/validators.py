"""Validators shared by the models and forms of several apps."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

from portal.text import normalise_email

# A World Heritage Committee decision as UNESCO numbers it: session, "COM" (or "EXT.COM"), item, e.g. 41 COM 7B.88.
DECISION_NUMBER = RegexValidator(
    r"^\d{1,2} (EXT\.)?COM \d{1,2}[A-Z]{0,3}(\.\d{1,3}[A-Za-z]?)?$",
    _("Write the decision as UNESCO does, e.g. 41 COM 7B.88."),
)

# What every e-mail column holds (Django's EmailField default, allauth's EmailAddress.email).
EMAIL_MAX_LENGTH = 254


def lengthened_past_limit(value: str | None) -> bool:
    """True for an e-mail that fits as typed but not as stored: e-mails are stored lower-cased, and lower-casing
    can make one longer ("İ" becomes "i" and a combining dot). One too long as typed is not counted here: the
    max-length check reports it."""
    typed = (value or "").strip()
    return len(typed) <= EMAIL_MAX_LENGTH < len(normalise_email(typed))


def validate_email_fits_when_lowercased(value: str | None) -> None:
    """Refuse such an address like any invalid one, rather than fail on saving it."""
    if lengthened_past_limit(value):
        raise ValidationError(EmailValidator.message, code="invalid")
