"""Per-dataset checks; each returns findings (and fills the dataset's result)."""
