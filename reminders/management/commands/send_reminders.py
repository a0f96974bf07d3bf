"""`manage.py send_reminders [--dry-run] [--date YYYY-MM-DD]`: plan and send in the foreground (cron, checks)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from recommendations.models import Action, Recommendation
from reminders import news, planning, sending
from reminders.models import Delivery
from reminders.tasks import SEND_BATCH_SIZE
from sites.models import Designation, Obligation


class Command(BaseCommand):
    help = "Plan this cycle's reminder digests and send them now, printing what would be or was sent."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print the digests; write and send nothing.")
        parser.add_argument("--date", help="Plan as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, dry_run: bool = False, date: str | None = None, **options):
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date must be a date like 2025-03-31, not {date!r}.") from None
        if dry_run:
            self._dry_run(today)
            return
        result = planning.plan(today)
        self.stdout.write(
            f"Cycle {result.cycle}: {result.recipients} recipients, {result.items} items; "
            f"{result.created} new deliveries, {result.already_planned} already planned."
        )
        self._warn_missing(result.organizations_without_email)
        news_result = news.plan_news()
        self.stdout.write(
            f"News of seminar recommendations, week of {news_result.week}: {news_result.subscribers} subscribers, "
            f"{news_result.created} new deliveries."
        )
        totals: dict[str, int] = {}
        ids = sending.ready_ids()
        for start in range(0, len(ids), SEND_BATCH_SIZE):
            outcome = sending.send_batch(ids[start : start + SEND_BATCH_SIZE])
            for record in outcome.records:
                totals[record.result] = totals.get(record.result, 0) + 1
                line = f"  {record.result:<9} {record.email} ({record.items} items)"
                self.stdout.write(f"{line}: {record.detail}" if record.detail else line)
        summary = ", ".join(f"{count} {name}" for name, count in sorted(totals.items())) or "nothing to send"
        self.stdout.write(self.style.SUCCESS(f"Done: {summary}."))

    def _dry_run(self, today: dt.date) -> None:
        plan = planning.compute(today)
        existing = dict(
            Delivery.objects.filter(cycle=plan.cycle, sequence=0, recipient_email__in=list(plan.digests)).values_list(
                "recipient_email", "status"
            )
        )
        titles = self._titles(plan)
        self.stdout.write(f"Dry run for {today}, cycle {plan.cycle}: {len(plan.digests)} recipients, nothing written.")
        for email in sorted(plan.digests):
            digest = plan.digests[email]
            state = f"already {existing[email]}" if email in existing else "would send"
            self.stdout.write(f"{email} [{digest.language}] {digest.name}: {len(digest.items)} items, {state}")
            for item in planning.ordered_items(digest.items.values()):
                what = titles.get(item.key, "")
                flags = " ESCALATED" if item.escalated else ""
                overdue = f", {item.days_overdue} days overdue" if item.days_overdue else ""
                self.stdout.write(f"    {item.kind:<9} due {item.due_date or '-'}{overdue}{flags}: {what}")
        self._warn_missing(plan.organizations_without_email)

    def _titles(self, plan: planning.Plan) -> dict[tuple[str, int], str]:
        keys = {key for digest in plan.digests.values() for key in digest.items}
        wanted = {
            kind: [pk for k, pk in keys if k == kind] for kind in ("recommendation", "action", "obligation", "review")
        }
        recommendations = Recommendation.objects.in_bulk(wanted["recommendation"])
        titles = {("recommendation", pk): rec.title for pk, rec in recommendations.items()}
        for pk, action in Action.objects.select_related("recommendation").in_bulk(wanted["action"]).items():
            titles["action", pk] = f"{action.title} ({action.recommendation.title})"
        for pk, obligation in Obligation.objects.select_related("designation").in_bulk(wanted["obligation"]).items():
            titles["obligation", pk] = f"{obligation.designation.name}: {obligation.title}"
        for pk, designation in Designation.objects.in_bulk(wanted["review"]).items():
            titles["review", pk] = f"{designation.name}: periodic review"
        return titles

    def _warn_missing(self, org_ids: set[int]) -> None:
        if org_ids:
            self.stderr.write(
                f"Warning: {len(org_ids)} responsible organizations have no contact e-mail "
                f"(ids {', '.join(map(str, sorted(org_ids)))})."
            )
