"""Which writes to the visits' tables change which page stamps (pagecache):
a visit's rows touch both its agencies, its participants their ``PEOPLE``
facet."""

from pagecache.stamps import PEOPLE, follow

from .models import AgendaItem, CalendarFeed, Participant, Venue, Visit, VisitEvent, VisitTopic


def register():
    follow(Visit, agencies=("host_id", "visitor_id"))
    for model in (VisitTopic, Venue, AgendaItem, VisitEvent):
        follow(model, via="visit")
    # Typed in one by one, shown on few pages (the visit and report pages,
    # the visit list's delegation sizes).
    follow(Participant, via="visit", facet=PEOPLE)
    follow(CalendarFeed, agencies=("agency_id",))
