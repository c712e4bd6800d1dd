"""改写: import an old document, parse it, find what is stale, rewrite it for a new year or as a plan."""
