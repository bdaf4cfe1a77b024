"""What every app shares and none owns: domain errors, streamed downloads
and CSV, hashing, pagination and id parameters, background jobs and their
progress (docs/architecture.md)."""
