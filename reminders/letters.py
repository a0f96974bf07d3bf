"""Official letters: when a digest escalates overdue items to a parent organization (a regional Akimat over a
district's), it also carries a PDF letter on the portal's letterhead, with an outgoing number and a date,
listing those items, in the organization's language.

The letter is made the first time one of the organization's deliveries of the cycle is sent, and kept: the
other addresses of the organization, a retry and a "send again" copy carry the same letter with the same
number. Numbers run per year without gaps (``LetterCounter``, locked in the transaction that writes the letter)
and the database refuses a number twice (``letter_number_unique_per_year``) and a second letter to the same
organization for the same cycle (``letter_one_per_organization_and_cycle``). Nothing here changes which
deliveries exist or how they are claimed: the one-delivery-per-recipient-and-cycle rule stays planning's.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.i18n import localized
from portal.pdf import Document, needs_full_font
from recommendations.models import Recommendation
from reminders.models import Delivery, Letter, LetterCounter, ReminderItem

log = logging.getLogger(__name__)


def overdue_items(delivery: Delivery) -> list[ReminderItem]:
    """The escalated items of the delivery whose recommendation is still open, oldest due first."""
    return list(
        ReminderItem.objects.filter(
            delivery=delivery, escalated=True, recommendation__status__in=Recommendation.OPEN_STATUSES
        )
        .select_related("recommendation__lead_organization")
        .order_by("recommendation__due_date", "recommendation_id")
    )


def letter_for(delivery: Delivery) -> Letter | None:
    """The cycle's letter to the delivery's organization, made now if there is none; None when the delivery
    escalates nothing still open (or goes to a person, not an organization)."""
    if not delivery.escalated or delivery.organization_id is None:
        return None
    letter = Letter.objects.filter(organization_id=delivery.organization_id, cycle=delivery.cycle).first()
    if letter is None:
        items = overdue_items(delivery)
        if not items:
            return None
        letter = _create(delivery, items)
    letter.deliveries.add(delivery)
    return letter


def _create(delivery: Delivery, items: list[ReminderItem]) -> Letter:
    organization = delivery.organization
    language = organization.preferred_language or delivery.language
    today = timezone.localdate()
    try:
        with transaction.atomic():
            LetterCounter.objects.bulk_create([LetterCounter(year=today.year)], ignore_conflicts=True)
            # The UPDATE locks the year's row until this transaction ends: the next letter waits for our number.
            LetterCounter.objects.filter(year=today.year).update(last=F("last") + 1)
            number = LetterCounter.objects.get(year=today.year).last
            letter = Letter(
                organization=organization,
                cycle=delivery.cycle,
                year=today.year,
                number=number,
                date=today,
                language=language,
                item_count=len(items),
            )
            letter.pdf = render(letter, items, delivery)
            letter.save()
            return letter
    except IntegrityError:  # another worker wrote this organization's letter for the cycle at the same moment
        log.info("reminders: letter for organization %s, cycle %s made elsewhere", organization.pk, delivery.cycle)
        return Letter.objects.get(organization_id=organization.pk, cycle=delivery.cycle)


def file_name(letter: Letter) -> str:
    return f"mura-letter-{letter.year}-{letter.number:04d}.pdf"


def attach(message, delivery: Delivery) -> Letter | None:
    """Attach the delivery's letter (if it escalates anything) to its e-mail."""
    letter = letter_for(delivery)
    if letter is not None:
        message.attach(file_name(letter), bytes(letter.pdf), "application/pdf")
    return letter


def render(letter: Letter, items: list[ReminderItem], delivery: Delivery) -> bytes:
    """The letter as an A4 PDF on the portal's letterhead, in the letter's language."""
    language = letter.language
    with translation.override(language):
        addressee = localized(letter.organization, "name", language)
        rows = []
        for item in items:
            recommendation = item.recommendation
            due = recommendation.due_date
            rows.append(
                (
                    str(len(rows) + 1),
                    localized(recommendation, "title", language) or str(recommendation.title),
                    localized(recommendation.lead_organization, "name", language),
                    formats.date_format(due, "SHORT_DATE_FORMAT") if due else "—",
                    str((delivery.planned_on - due).days) if due else "—",
                )
            )
        texts = [addressee, *(cell for row in rows for cell in row)]
        pdf = Document(
            title=_("Letter No. %(number)s") % {"number": letter.reference},
            language=language,
            full_font=needs_full_font(*texts),
            created=timezone.make_aware(dt.datetime.combine(letter.date, dt.time(9, 0))),
        )
        pdf.set_margins(20, 18, 20)
        pdf.add_page()
        _letterhead(pdf)
        pdf.ln(4)
        pdf.set_font("DejaVu", "", 10)
        width = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
        y = pdf.get_y()
        pdf.multi_cell(
            width,
            5,
            _("Outgoing No. %(number)s") % {"number": letter.reference}
            + "\n"
            + _("Date: %(date)s") % {"date": formats.date_format(letter.date, "DATE_FORMAT")},
        )
        pdf.set_xy(pdf.l_margin + width, y)
        pdf.set_font("DejaVu", "B", 10)
        pdf.multi_cell(width, 5, _("To: %(addressee)s") % {"addressee": addressee}, align="R")
        pdf.ln(8)
        pdf.text_block(_("On overdue recommendations"), size=13, bold=True, align="C", height=7)
        pdf.ln(3)
        pdf.text_block(
            ngettext(
                "The following recommendations for the UNESCO-designated sites of Kazakhstan are more than "
                "%(days)s day past their due date. The organizations responsible for them report to you; they "
                "have been reminded on the portal and by e-mail. We ask you to see that the work is completed, "
                "or that a progress report with a new date is posted on the portal.",
                "The following recommendations for the UNESCO-designated sites of Kazakhstan are more than "
                "%(days)s days past their due date. The organizations responsible for them report to you; they "
                "have been reminded on the portal and by e-mail. We ask you to see that the work is completed, "
                "or that a progress report with a new date is posted on the portal.",
                settings.REMINDER_ESCALATE_AFTER_DAYS,
            )
            % {"days": settings.REMINDER_ESCALATE_AFTER_DAYS},
            size=10,
            height=5,
        )
        pdf.ln(3)
        pdf.set_font("DejaVu", "", 9)
        headings = (_("No."), _("Recommendation"), _("Responsible"), _("Due date"), _("Days overdue"))
        with pdf.table(col_widths=(7, 64, 45, 24, 30), text_align=("R", "L", "L", "C", "R"), line_height=4.5) as table:
            heading = table.row()
            for text in headings:
                heading.cell(text)
            for row in rows:
                cells = table.row()
                for text in row:
                    cells.cell(text)
        pdf.ln(6)
        pdf.text_block(
            _(
                "On %(date)s the Mura portal prepared this letter with its reminder. Each recommendation, its "
                "reports and its history are on the portal: %(url)s"
            )
            % {
                "date": formats.date_format(delivery.planned_on, "DATE_FORMAT"),
                "url": f"{settings.PORTAL_BASE_URL}/recommendations/",
            },
            size=9,
            height=4.5,
        )
        return pdf.as_bytes()


def _letterhead(pdf: Document) -> None:
    pdf.set_text_color(20, 90, 110)
    pdf.text_block("Mura", size=18, bold=True, height=8)
    pdf.text_block(_("The portal of Kazakhstan's UNESCO-designated sites"), size=10, height=5)
    pdf.text_block(settings.PORTAL_BASE_URL, size=9, height=5)
    pdf.set_draw_color(20, 90, 110)
    pdf.set_line_width(0.6)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.w - pdf.r_margin, pdf.get_y() + 2)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(4)
