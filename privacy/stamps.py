"""Which writes to the privacy log change which page stamps (pagecache)."""

from pagecache.stamps import follow

from .models import PersonalDataRequest


def register():
    follow(PersonalDataRequest, agencies=("agency_id",))
