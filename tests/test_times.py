from __future__ import annotations

import pytest

from eventwire.times import normalise, parse_published, resolve_times

FRIDAY = "2022-02-04"  # a Friday


@pytest.mark.parametrize(
    ("text", "value", "precision", "anchor"),
    [
        # absolute dates
        ("Thursday, Feb. 3, 2022", "2022-02-03", "day", "absolute"),
        ("Feb. 3, 2022", "2022-02-03", "day", "absolute"),
        ("February 3, 2022", "2022-02-03", "day", "absolute"),
        ("3 February 2022", "2022-02-03", "day", "absolute"),
        ("the 3rd of February 2022", "2022-02-03", "day", "absolute"),
        ("2022-02-03", "2022-02-03", "day", "absolute"),
        ("Sept. 11, 2001", "2001-09-11", "day", "absolute"),
        ("12/25/2021", "2021-12-25", "day", "absolute"),
        ("on Jan. 6, 2021", "2021-01-06", "day", "absolute"),
        ("Feb. 3, 2022, at 2 p.m.", "2022-02-03", "day", "absolute"),
        ("the 15th of March, 2019", "2019-03-15", "day", "absolute"),
        ("August 2020", "2020-08", "month", "absolute"),
        ("in August 2020", "2020-08", "month", "absolute"),
        ("Dec 2019", "2019-12", "month", "absolute"),
        ("since 2015", "2015", "year", "absolute"),
        ("2015", "2015", "year", "absolute"),
        ("early 2021", "2021", "year", "absolute"),
        ("mid-2020", "2020", "year", "absolute"),
        ("the end of 2019", "2019", "year", "absolute"),
        ("the 1990s", None, "unknown", "absolute"),
        # month and day without a year: the most recent one
        ("Feb. 3", "2022-02-03", "day", "published"),
        ("March 3-5", "2021-03-03", "day", "published"),
        ("mid-March", "2021-03", "month", "published"),
        ("December 28", "2021-12-28", "day", "published"),
        ("in January", "2022-01", "month", "published"),
        ("in March", "2021-03", "month", "published"),
        ("last March", "2021-03", "month", "published"),
        ("next March", "2022-03", "month", "published"),
        # weekdays: on or before publication
        ("Thursday", "2022-02-03", "day", "published"),
        ("on Friday", "2022-02-04", "day", "published"),
        ("Friday", "2022-02-04", "day", "published"),
        ("Monday", "2022-01-31", "day", "published"),
        ("Saturday", "2022-01-29", "day", "published"),
        ("Thursday night", "2022-02-03", "day", "published"),
        ("early Tuesday", "2022-02-01", "day", "published"),
        ("dawn on Friday", "2022-02-04", "day", "published"),
        ("5 p.m. Monday", "2022-01-31", "day", "published"),
        ("Monday at 5 p.m.", "2022-01-31", "day", "published"),
        ("Sunday's", "2022-01-30", "day", "published"),
        ("last Friday", "2022-01-28", "day", "published"),
        ("last Thursday", "2022-02-03", "day", "published"),
        ("next Monday", "2022-02-07", "day", "published"),
        ("next Friday", "2022-02-11", "day", "published"),
        # days around publication
        ("today", "2022-02-04", "day", "published"),
        ("yesterday", "2022-02-03", "day", "published"),
        ("last night", "2022-02-03", "day", "published"),
        ("tomorrow", "2022-02-05", "day", "published"),
        ("the day before yesterday", "2022-02-02", "day", "published"),
        ("three days ago", "2022-02-01", "day", "published"),
        ("4 days ago", "2022-01-31", "day", "published"),
        # weeks, months, years
        ("last week", "2022-W04", "week", "published"),
        ("this week", "2022-W05", "week", "published"),
        ("next week", "2022-W06", "week", "published"),
        ("two weeks ago", "2022-W03", "week", "published"),
        ("over the weekend", "2022-W04", "week", "published"),
        ("this weekend", "2022-W05", "week", "published"),
        ("next weekend", "2022-W06", "week", "published"),
        ("earlier this week", "2022-W05", "week", "published"),
        ("last month", "2022-01", "month", "published"),
        ("this month", "2022-02", "month", "published"),
        ("a month ago", "2022-01", "month", "published"),
        ("last year", "2021", "year", "published"),
        ("the end of last year", "2021", "year", "published"),
        ("late last month", "2022-01", "month", "published"),
        ("earlier this year", "2022", "year", "published"),
        ("next year", "2023", "year", "published"),
        ("five years ago", "2017", "year", "published"),
        # vague recent periods: the period of publication one size up
        ("in recent days", "2022-W05", "week", "published"),
        ("recent weeks", "2022-02", "month", "published"),
        ("in recent weeks", "2022-02", "month", "published"),
        ("the past few months", "2022", "year", "published"),
    ],
)
def test_normalise_against_a_friday_publication(text: str, value: str | None, precision: str, anchor: str) -> None:
    assert normalise(text, FRIDAY) == (value, precision, anchor)


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("last week", "2022-01-03", "2021-W52"),
        ("last month", "2022-01-03", "2021-12"),
        ("December 30", "2022-01-03", "2021-12-30"),
        ("last Friday", "2022-01-31", "2022-01-28"),
        ("Sunday", "2022-01-31", "2022-01-30"),
        ("on Friday", "2022-02-04T18:30:00Z", "2022-02-04"),
        ("yesterday", "2024-03-01", "2024-02-29"),
    ],
)
def test_normalise_across_boundaries(text: str, published: str, value: str) -> None:
    found = normalise(text, published)
    assert found is not None and found[0] == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("Monday", "2022-02-07"), ("Friday", "2022-02-04"), ("March", "2022-03"), ("the weekend", "2022-W05")],
)
def test_future_sentences_look_ahead(text: str, value: str) -> None:
    found = normalise(text, FRIDAY, future=True)
    assert found is not None and found[0] == value


@pytest.mark.parametrize("text", ["Thursday", "last week", "yesterday", "Feb. 3", "three days ago", "recent weeks", "in March"])
def test_relative_expressions_without_publication_date_get_no_value(text: str) -> None:
    assert normalise(text, None) == (None, "unknown", "none")


@pytest.mark.parametrize(
    ("text", "value"), [("Feb. 3, 2022", "2022-02-03"), ("since 2015", "2015"), ("August 2020", "2020-08")]
)
def test_absolute_expressions_need_no_publication_date(text: str, value: str) -> None:
    assert normalise(text, None) == (value, {10: "day", 4: "year", 7: "month"}[len(value)], "absolute")


@pytest.mark.parametrize("text", ["may", "19", "3", "", "the past", "24 hours", "two years", "the past 24 hours", "5 p.m.", "2-3 p.m.", "two 5-year"])
def test_dateparser_traps_are_not_dates(text: str) -> None:
    assert normalise(text, FRIDAY) is None


def test_impossible_dates_are_rejected() -> None:
    assert normalise("February 30, 2022", FRIDAY) is None


def test_parse_published() -> None:
    assert str(parse_published("2022-02-04T10:00:00+02:00")) == "2022-02-04"
    assert parse_published("not a date") is None
    assert parse_published(None) is None


@pytest.mark.model
def test_resolve_times_on_a_parsed_article(nlp) -> None:
    text = (
        "Turkish drones struck the town on Thursday, Feb. 3, 2022, the observatory said on Friday. "
        "Talks will resume next week, and the ministers will meet on Monday."
    )
    refs = {r.text: r for r in resolve_times(nlp(text), FRIDAY)}
    assert refs["Thursday, Feb. 3, 2022"].value == "2022-02-03"
    assert refs["Thursday, Feb. 3, 2022"].anchor == "absolute"
    assert refs["Friday"].value == "2022-02-04"
    assert refs["next week"].value == "2022-W06"
    assert refs["Monday"].value == "2022-02-07"
    for ref in refs.values():
        assert text[ref.start : ref.end] == ref.text


@pytest.mark.model
def test_ages_and_house_numbers_are_not_times(nlp) -> None:
    text = "Chiquita Raquel Henry, 19, of 1935 Orchard St., Alexandria, was arrested on March 7."
    refs = resolve_times(nlp(text), "2009-03-20")
    assert [(r.text, r.value) for r in refs] == [("March 7", "2009-03-07")]


@pytest.mark.model
def test_modal_may_is_not_a_month(nlp) -> None:
    refs = resolve_times(nlp("Officials may announce new measures, the minister said."), FRIDAY)
    assert refs == []


@pytest.mark.model
def test_without_publication_date_relative_times_are_unknown(nlp) -> None:
    refs = resolve_times(nlp("The army shelled the village on Tuesday."), None)
    assert [(r.value, r.precision, r.anchor) for r in refs] == [(None, "unknown", "none")]


def test_in_range_prefers_the_most_precise_dated_expression() -> None:
    from eventwire.model import TimeRef
    from eventwire.times import in_range

    times = [
        TimeRef("last week", 10, 19, "2022-W04", "week", "published"),
        TimeRef("Thursday", 30, 38, "2022-02-03", "day", "published"),
        TimeRef("Monday", 60, 66, None, "unknown", "none"),
    ]
    assert in_range(times, 0, 50).value == "2022-02-03"
    assert in_range(times, 0, 20).value == "2022-W04"
    assert in_range(times, 55, 70) is None
