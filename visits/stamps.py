"""Which writes to the visits' tables change which page stamps (pagecache):
a visit's rows touch both its agencies."""

from pagecache.stamps import follow

from .models import AgendaItem, CalendarFeed, Participant, Venue, Visit, VisitEvent, VisitTopic


def register():
    follow(Visit, agencies=("host_id", "visitor_id"))
    for model in (VisitTopic, Venue, AgendaItem, Participant, VisitEvent):
        follow(model, via="visit")
    follow(CalendarFeed, agencies=("agency_id",))
