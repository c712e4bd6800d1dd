"""The user's jobs, one function each, for every front end: outline and draft (drafting), import, analyse and
rewrite (rewriting), check and polish (checking), export (exporting); the workbench's open document (session)."""
