from django import template
from django.utils.html import format_html

from parley.newsroom import datelines, selectors
from parley.newsroom.models import SectionPage

register = template.Library()


@register.simple_tag
def section_nav():
    """The live sections, in the editors' order, for the masthead."""
    return list(
        SectionPage.objects.live()
        .public()
        .order_by("path")
        .only("id", "title", "url_path", "path", "depth")
    )


@register.simple_tag
def standards_url():
    """The community standards page's URL, or None."""
    return selectors.community_standards_url()


@register.simple_tag
def dateline_time(moment):
    """<time> printing "15:17 GMT+3 · 28 February 2017", its datetime carrying the offset."""
    if moment is None:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>',
        moment.isoformat(timespec="minutes"),
        datelines.dateline(moment),
    )


@register.simple_tag
def updated_time(moment, published):
    """<time> printing "17:02 GMT+3", with the date too when it is another day."""
    if moment is None:
        return ""
    text = datelines.clock(moment)
    if published is None or moment.date() != published.date():
        text = f"{text}, {datelines.long_date(moment)}"
    return format_html('<time datetime="{}">{}</time>', moment.isoformat(timespec="minutes"), text)


@register.filter
def short_date(moment):
    """ "28 Feb 2017" for listing cards."""
    return f"{moment.day} {moment:%b %Y}" if moment else ""
