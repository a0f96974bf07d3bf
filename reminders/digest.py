"""The reminder digest as an e-mail: what it lists (the items still open, grouped by site) and how it reads,
in the recipient's language, plain text with an HTML alternative. Sending is reminders.sending's."""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections import defaultdict
from urllib.parse import urlparse

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMultiAlternatives
from django.dispatch import receiver
from django.template import Context
from django.test.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from portal import mail
from portal.i18n import language_link
from portal.sorting import sort_key
from recommendations.models import Recommendation
from reminders import news, unsubscribe
from reminders.models import Delivery, ReminderItem
from reminders.planning import periodic_review_due


class NothingToSend(Exception):
    """Every item of the delivery was settled between planning and sending."""


def absolute(path: str) -> str:
    """The portal's address of ``path``, opening in the language the digest is written in (see build_message)."""
    return language_link(f"{settings.PORTAL_BASE_URL}{path}", translation.get_language())


def build_message(delivery: Delivery, connection=None) -> EmailMultiAlternatives:
    """The digest e-mail, in the recipient's language, plain text with an HTML alternative.

    A reminder digest lists the recipient's open work; a news digest (reminders.news) what became of their
    seminars' recommendations. One sent to a person (not to an organization's shared mailbox) carries a signed
    unsubscribe link (reminders.unsubscribe), also as List-Unsubscribe with RFC 8058's one-click POST.
    """
    with translation.override(delivery.language):  # the context's own texts are in that language too
        if delivery.kind == Delivery.Kind.NEWS:
            template = "emails/reminders/news"
            context = news.news_context(delivery, absolute)
            if context is None:
                raise NothingToSend
            unsubscribe_url = unsubscribe.news_url(delivery.recipient_email, delivery.language)
        else:
            template = "emails/reminders/digest"
            context = digest_context(delivery)
            unsubscribe_url = None
            if delivery.user_id:
                unsubscribe_url = unsubscribe.url_for(
                    unsubscribe.USER, delivery.user_id, delivery.recipient_email, delivery.language
                )
                context["profile_url"] = absolute(reverse("profile"))
    context["unsubscribe_url"] = unsubscribe_url
    domain = urlparse(settings.PORTAL_BASE_URL).hostname or "mura.local"
    headers = {
        # Our own Message-ID: the default one asks the resolver for this host's name on every start.
        "Message-ID": f"<{delivery.kind}-{delivery.pk}-{delivery.attempts}.{uuid.uuid4().hex[:12]}@{domain}>",
        "X-Mura-Delivery": str(delivery.pk),
        "Auto-Submitted": "auto-generated",
        "Content-Language": delivery.language,
    }
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return mail.render(
        template,
        context,
        language=delivery.language,
        to=delivery.recipient_email,
        connection=connection,
        headers=headers,
    )


STATUS_LINE = "emails/reminders/_status.txt"
ESCALATION_LINE = "emails/reminders/_escalated.txt"
# What each line's template reads of the item, and all it is given: the line is a function of these values, the
# digest's language and the escalation delay, and is kept for the next item with the same ones.
LINE_FIELDS = {
    STATUS_LINE: (
        "kind",
        "statutory",
        "designation",
        "due_date",
        "days_overdue",
        "days_left",
        "last_report_on",
        "days_since_report",
    ),
    ESCALATION_LINE: ("responsible",),
}


def _line(template_name: str, entry: dict) -> str:
    """A per-item line as plain text, rendered once for both parts of the e-mail (the HTML part escapes it).

    Included by both parts, these lines were rendered twice per item and took most of the rendering time; once
    per item roughly halved the time templates take per digest (cProfile of 400 five-item digests). Items of the
    same kind due the same day read the same line: it is rendered once per process (about 0.15 ms each).
    """
    fields = LINE_FIELDS[template_name]
    values = tuple(entry[name] for name in fields)
    return _rendered_line(template_name, values, translation.get_language(), settings.REMINDER_ESCALATE_AFTER_DAYS)


@functools.lru_cache(maxsize=8192)
def _rendered_line(template_name: str, values: tuple, language: str, escalate_after_days: int) -> str:
    item = dict(zip(LINE_FIELDS[template_name], values, strict=True))
    context = Context({"item": item, "escalate_after_days": escalate_after_days}, autoescape=False)
    with translation.override(language):
        return mail.compiled_template(template_name).template.render(context)


# An item's links are two of these paths each: reversed once per process (about 0.1 ms a call, ten calls a
# digest), the key filled in per item. reverse() gives the same path for every pk but the number itself.
_PK = 987654321


@functools.cache
def _path_around_pk(name: str, prefix: str, urlconf: str | None) -> tuple[str, str]:
    before, found, after = reverse(name, kwargs={"pk": _PK}).partition(str(_PK))
    if not found:  # a converter that rewrites the number: never cached wrong
        raise ValueError(f"cannot cache the path of {name!r}")
    return before, after


def item_path(name: str, pk: int) -> str:
    """``reverse(name, kwargs={"pk": pk})`` for the digest's URL names, without resolving the pattern each time."""
    before, after = _path_around_pk(name, get_script_prefix(), get_urlconf())
    return f"{before}{int(pk)}{after}"


@functools.lru_cache(maxsize=4096)
def _site_path(site, slug: str, prefix: str, urlconf: str | None) -> str:
    return site.get_absolute_url()


def site_path(site) -> str:
    """The site's get_absolute_url(), once per site (and slug) and process: every item of a digest asks."""
    return _site_path(site, site.slug, get_script_prefix(), get_urlconf())


@receiver(setting_changed)
def _forget_paths_and_lines(*, setting, **kwargs):
    _path_around_pk.cache_clear()
    _site_path.cache_clear()
    _rendered_line.cache_clear()  # LANGUAGES, formats, REMINDER_ESCALATE_AFTER_DAYS...


def digest_context(delivery: Delivery) -> dict:
    """Template context: the items still open, grouped by site, with absolute links, as on the planning day."""
    today = delivery.planned_on
    groups: dict[int | None, dict] = {}
    counts = defaultdict(int)
    for item in delivery.items.all():
        entry = _entry(item, today)
        if entry is None:
            continue
        key, heading, site_url = _group_of(item, entry)
        group = groups.get(key)
        if group is None:
            group = groups[key] = {"key": key, "heading": heading, "site_url": site_url, "items": []}
        entry["status"] = _line(STATUS_LINE, entry)
        if entry["escalated"]:
            entry["escalation"] = _line(ESCALATION_LINE, entry)
        group["items"].append(entry)
        counts[entry["kind"]] += 1
        counts["escalated"] += entry["escalated"]
    if not groups:
        raise NothingToSend
    # Sites by name (in the reader's alphabet), then the items about several sites, then those tied to none.
    rank = {SEVERAL: 1, None: 2}
    ordered = sorted(groups.values(), key=lambda g: (rank.get(g["key"], 0), sort_key(g["heading"])))
    return {
        "delivery": delivery,
        "recipient_name": delivery.recipient_name or delivery.recipient_email,
        "groups": ordered,
        "item_count": sum(len(g["items"]) for g in ordered),
        "counts": dict(counts),
        "today": today,
        "cycle_days": settings.REMINDER_CYCLE_DAYS,
        "escalate_after_days": settings.REMINDER_ESCALATE_AFTER_DAYS,
        "portal_url": absolute("/"),
        "is_resend": delivery.sequence > 0,
    }


SEVERAL = "several"


def _group_of(item: ReminderItem, entry: dict) -> tuple[int | str | None, str, str]:
    """The digest group of an item: its site, "several sites" (naming them on the item), or no site."""
    site = _present(item, "site") if item.site_id else None
    if site is not None:  # a site manager's own site, or the recommendation's only site
        return site.pk, site.name, absolute(site_path(site))
    sites = list(item.recommendation.sites.all()) if item.recommendation_id else []
    if len(sites) > 1:
        entry["site_names"] = sorted((site.name for site in sites), key=str.casefold)
        return SEVERAL, str(_("Several sites")), ""
    return None, str(_("Not tied to a site")), ""


def _present(item: ReminderItem, name: str):
    """The item's site, action, obligation or designation, or None when the row is gone: these keys carry no
    foreign-key constraint (reminders.models), so a row deleted after planning other than through the ORM leaves
    a dangling id, which select_related turns into None and a plain access into DoesNotExist."""
    try:
        return getattr(item, name)
    except ObjectDoesNotExist:
        return None


def _entry(item: ReminderItem, today: dt.date) -> dict | None:
    """One line of the digest, or None when the work was settled after planning."""
    # Every key the templates read is present: a missing one costs the template engine two exceptions and a
    # dir() per lookup, some 35 a digest.
    entry = {
        "recommendation_title": "",
        "site_names": (),
        "escalation": "",
        "report_url": "",
        "detail_url": "",
        "statutory": "",
        "designation": "",
        "responsible": "",
        "kind": item.kind,
        "escalated": item.escalated,
        "due_date": item.due_date,
        "days_overdue": max(0, (today - item.due_date).days) if item.due_date else 0,
        "days_left": max(0, (item.due_date - today).days) if item.due_date else 0,
        "last_report_on": item.last_report_on,
        "days_since_report": (today - item.last_report_on).days if item.last_report_on else 0,
    }
    if item.action_id:
        action = _present(item, "action")
        rec = item.recommendation
        if (
            action is None
            or action.status not in action.OPEN_STATUSES
            or rec.status not in Recommendation.OPEN_STATUSES
        ):
            return None
        entry.update(
            title=action.title,
            recommendation_title=rec.title,
            responsible=action.owner.name,
            due_date=action.due_date,
            report_url=absolute(item_path("recommendations:action_report", action.pk)),
            detail_url=absolute(item_path("recommendations:action", action.pk)),
        )
        entry["days_overdue"] = max(0, (today - action.due_date).days) if action.due_date else 0
        entry["days_left"] = max(0, (action.due_date - today).days) if action.due_date else 0
        return entry
    rec = item.recommendation
    if rec is not None:
        if rec.status not in Recommendation.OPEN_STATUSES:
            return None
        entry.update(
            title=rec.title,
            responsible=rec.lead_organization.name,
            due_date=rec.due_date,
            report_url=absolute(item_path("recommendations:report", rec.pk)),
            detail_url=absolute(item_path("recommendations:detail", rec.pk)),
        )
        entry["days_overdue"] = max(0, (today - rec.due_date).days) if rec.due_date else 0
        entry["days_left"] = max(0, (rec.due_date - today).days) if rec.due_date else 0
        return entry
    if item.obligation_id:
        obligation = _present(item, "obligation")
        if obligation is None or obligation.completed_on:
            return None
        entry.update(title=obligation.title, designation=obligation.designation.name, statutory="obligation")
        return entry
    designation = _present(item, "designation")
    if designation is None:
        return None
    year = designation.next_periodic_review_year
    if year is None or periodic_review_due(year) != item.due_date:  # a review was recorded meanwhile
        return None
    entry.update(
        title=_("Periodic review of the biosphere reserve"), designation=designation.name, statutory="periodic_review"
    )
    return entry
