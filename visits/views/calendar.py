"""The agency's month calendar and its iCalendar feed."""
