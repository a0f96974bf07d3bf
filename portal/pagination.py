"""Pagination that sorts only the ids, then loads the rows of the page (a "deferred join")."""

from __future__ import annotations

from django.core.paginator import Paginator


class DeferredJoinPaginator(Paginator):
    """Paginator over a queryset that first selects the page's primary keys in the queryset's order, then loads
    those rows with the queryset's joins and prefetches.

    A deep page (OFFSET 9,975) otherwise sorts every matching row at full width (the site list: 10,000 rows
    spilled to disk), and a sort on a joined column (participants by name) hash-joins the whole joined table;
    sorting the narrow (key, id) pairs stays in memory and lets PostgreSQL use an index for the join.
    One query more per page.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.order_by().filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)
