"""The page cache: version stamps per agency and for the public pages
(``stamps``), and whole pages kept under keys that hold them (``pages``)."""
