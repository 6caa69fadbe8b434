"""Backups that are proven to restore: the database and the media files in
one directory with a manifest, restored into an empty database and an empty
media folder and checked against that manifest. Works on every table
generically and imports none of the domain apps."""
