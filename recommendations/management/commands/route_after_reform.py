"""Pass recommendations (and their actions) to the Akimats of the regions their sites lie in since the 2022
reform; see recommendations.routing. Safe to run again: what was handed over is not handed over twice."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from recommendations import routing


class Command(BaseCommand):
    help = "Route recommendations addressed before the 2022 reform to the Akimats of their sites' regions today."

    def handle(self, *args, **options):
        handovers = routing.route_after_reform()
        for handover in handovers:
            what = f"action {handover.action_id}" if handover.action_id else "recommendation"
            self.stdout.write(
                f"Recommendation {handover.recommendation_id} ({what}): "
                f"{handover.from_organization.slug} -> {handover.to_organization.slug}"
            )
        self.stdout.write(self.style.SUCCESS(f"{len(handovers)} handovers."))
