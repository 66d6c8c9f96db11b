"""The Textual app.  Importing this package must stay cheap: modules load on use."""
