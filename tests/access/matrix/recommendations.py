"""The recommendations app: for signed-in users only."""

from tests.access.expect import NOT_FOUND, OK, Case, signed_in

PLACEHOLDER = "the foundation's placeholder view renders a page for any recommendation number"

EXPECTED = {
    "recommendations:list": Case(signed_in(OK)),
    "recommendations:dashboard": Case(signed_in(OK)),
    "recommendations:create": Case(signed_in(OK)),
    "recommendations:detail": Case(signed_in(NOT_FOUND), label="missing", kwargs={"pk": 999_999}),
    "recommendations:report": Case(
        signed_in(NOT_FOUND), label="missing", kwargs={"pk": 999_999}, wrong_today=PLACEHOLDER
    ),
}
