"""The sites app: public catalogue pages."""

from tests.access.expect import NOT_FOUND, OK, Case, everyone

EXPECTED = {
    "sites:list": Case(everyone(OK)),
    "sites:detail": Case(everyone(NOT_FOUND), label="missing", kwargs={"slug": "no-such-site"}),
}
