"""The seminars app: published seminars are public."""

from tests.access.expect import NOT_FOUND, OK, Case, everyone

EXPECTED = {
    "seminars:list": Case(everyone(OK)),
    "seminars:detail": Case(everyone(NOT_FOUND), label="missing", kwargs={"slug": "no-such-seminar"}),
}
