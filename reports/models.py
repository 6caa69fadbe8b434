"""What came of a visit: reports (laporan), ATM adoption plans and their
documents. Built on the visits; nothing here is imported by them."""
