"""Reading plan files and validating them: TOML, JSON, CSV and Parquet in, checked records out."""
