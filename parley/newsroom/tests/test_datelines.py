from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from parley.newsroom import datelines


@pytest.mark.parametrize(
    ("zone", "label"),
    [
        ("Europe/Moscow", "GMT+3"),
        ("Asia/Kolkata", "GMT+5:30"),
        ("Europe/London", "GMT"),
        ("America/New_York", "GMT-5"),
        ("America/St_Johns", "GMT-3:30"),
    ],
)
def test_zone_label_prints_the_offset_of_that_moment(zone, label):
    """The label is the offset in force at that moment, half hours included."""
    moment = datetime(2017, 2, 28, 12, 17, tzinfo=UTC).astimezone(ZoneInfo(zone))
    assert datelines.zone_label(moment) == label


def test_dateline_reads_like_a_wire_service():
    """ "15:17 GMT+3 · 28 February 2017", as on the example page."""
    moment = datetime(2017, 2, 28, 12, 17, tzinfo=UTC).astimezone(ZoneInfo("Europe/Moscow"))
    assert datelines.dateline(moment) == "15:17 GMT+3 · 28 February 2017"


def test_dateline_follows_daylight_saving():
    """A summer date in London prints GMT+1, a winter one GMT."""
    summer = datetime(2017, 7, 1, 9, 0, tzinfo=UTC).astimezone(ZoneInfo("Europe/London"))
    assert datelines.dateline(summer) == "10:00 GMT+1 · 1 July 2017"
