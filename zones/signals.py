"""A new or replaced zone changes the anonymous site pages (they list the site's zones): make them stale.

(pagecache.invalidate_on_change connects one receiver per namespace, which sites.signals already owns.)
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal import pagecache
from sites.signals import CATALOGUE
from zones.models import Zone


@receiver(post_save, sender=Zone)
@receiver(post_delete, sender=Zone)
def _zone_changed(sender, raw: bool = False, **kwargs) -> None:
    if not raw:
        pagecache.bump_version(CATALOGUE)
