"""Running a build: parts in parallel, a fingerprint of its inputs, safe writing, progress."""
