"""The project's own fuzz suite (issue 19): see docs/testing.md, "Fuzzing"."""
