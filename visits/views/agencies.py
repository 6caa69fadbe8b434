"""Agency pages: whom an agency visited and who visited it."""
