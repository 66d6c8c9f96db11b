"""Writing a database, or what a user is looking at, back out as files."""
