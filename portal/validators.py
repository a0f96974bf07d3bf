"""Validators shared by the models and forms of several apps."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from portal.text import normalise_email

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
