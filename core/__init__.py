"""What every app shares and none owns: domain errors, streamed downloads
and CSV, hashing, pagination and id parameters (docs/architecture.md)."""
