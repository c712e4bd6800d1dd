"""Autosave: every document and every change kept in one SQLite file, with version history. Each saved version
records the schema of its JSON, and older ones are upgraded step by step when read, so renaming a field never makes
a saved document unreadable."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.errors import InputError
from assistant.schemas import Document, Facts, Strict

# The schema of a Document's JSON in versions.body. Raise it whenever a saved field changes, and add the step that
# turns a body of the old schema into the new one to MIGRATIONS.
DOCUMENT_SCHEMA = 2
Body = dict[str, Any]


def _unchanged(body: Body) -> Body:
    """1 → 2: the fields are the same; from 2 on each version says which schema it was saved with."""
    return body


MIGRATIONS: dict[int, Callable[[Body], Body]] = {1: _unchanged}

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner TEXT NOT NULL,
    title TEXT NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    facts TEXT
);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    created REAL NOT NULL,
    note TEXT NOT NULL,
    body TEXT NOT NULL,
    schema INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS versions_by_document ON versions(document_id, id);
CREATE INDEX IF NOT EXISTS documents_by_owner ON documents(owner, updated);
"""


class Saved(Strict):
    """A document as listed: id, title, its type (a prompts/doctypes name), when it last changed, how many versions."""

    id: int
    title: str
    updated: float
    versions: int
    doc_type: str | None = None


class Version(Strict):
    """One saved state of a document."""

    id: int
    document_id: int
    created: float
    note: str


def upgrade(body: Body, schema: int) -> Body:
    """A saved body brought to the current schema, one migration step at a time."""
    if schema > DOCUMENT_SCHEMA:
        raise InputError(f"这份文稿是用更新版本的文稿助手保存的（格式 {schema}），请升级后再打开；文稿本身没有改动")
    for step in range(schema, DOCUMENT_SCHEMA):
        body = MIGRATIONS[step](body)
    return body


def _document(body: str, schema: int) -> Document:
    return Document.model_validate(upgrade(json.loads(body), schema))


def default_path() -> Path:
    """FULIAN_DATA_DIR/fulian.sqlite3, else the user's data folder."""
    base = os.environ.get("FULIAN_DATA_DIR") or os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local/share")
    folder = Path(base) if os.environ.get("FULIAN_DATA_DIR") else Path(base) / "fulian-writer"
    return folder / "fulian.sqlite3"


class Store:
    """Documents and their versions; safe to share between the UI's worker threads."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_path()
        if not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, mode=0o700)  # a folder made for the drafts: owner only
        elif not path:
            self.path.parent.chmod(0o700)  # the product's own data folder
        if not self.path.exists():  # created owner-only; SQLite gives its -wal and -shm files the same mode
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        self._lock = threading.Lock()
        with self._connect() as db:
            db.executescript(SCHEMA)
            columns = {row[1] for row in db.execute("PRAGMA table_info(versions)")}
            if "schema" not in columns:  # a file written before versions recorded their schema: they are all 1
                db.execute("ALTER TABLE versions ADD COLUMN schema INTEGER NOT NULL DEFAULT 1")
            columns = {row[1] for row in db.execute("PRAGMA table_info(documents)")}
            if "notes" not in columns:  # written before documents kept the notes they were drafted from
                db.execute("ALTER TABLE documents ADD COLUMN notes TEXT NOT NULL DEFAULT ''")
                db.execute("ALTER TABLE documents ADD COLUMN facts TEXT")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            db = sqlite3.connect(self.path, timeout=30)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA foreign_keys=ON")
                with db:
                    yield db
            finally:
                db.close()

    def create(self, doc: Document, owner: str = "", note: str = "新建", notes: str = "",
               facts: Facts | None = None) -> int:
        """Save a new document and its first version, with the notes and facts it was drafted from; returns its id."""
        now = time.time()
        with self._connect() as db:
            cur = db.execute("INSERT INTO documents (owner, title, created, updated, notes, facts) "
                             "VALUES (?, ?, ?, ?, ?, ?)",
                             (owner, doc.title, now, now, notes, facts.model_dump_json() if facts else None))
            doc_id = int(cur.lastrowid or 0)
            db.execute("INSERT INTO versions (document_id, created, note, body, schema) VALUES (?, ?, ?, ?, ?)",
                       (doc_id, now, note, doc.model_dump_json(), DOCUMENT_SCHEMA))
        return doc_id

    def save(self, doc_id: int, doc: Document, note: str) -> int:
        """Save a new version of a document (nothing is overwritten); returns the version id."""
        now = time.time()
        with self._connect() as db:
            found = db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if not found:
                raise KeyError(doc_id)
            cur = db.execute("INSERT INTO versions (document_id, created, note, body, schema) VALUES (?, ?, ?, ?, ?)",
                             (doc_id, now, note, doc.model_dump_json(), DOCUMENT_SCHEMA))
            db.execute("UPDATE documents SET title = ?, updated = ? WHERE id = ?", (doc.title, now, doc_id))
        return int(cur.lastrowid or 0)

    def amend(self, doc_id: int, doc: Document) -> None:
        """Replace the newest version's text (typing that goes on in one paragraph is one version, not hundreds)."""
        now = time.time()
        with self._connect() as db:
            db.execute("UPDATE versions SET body = ?, schema = ?, created = ? WHERE id = (SELECT max(id) FROM versions "
                       "WHERE document_id = ?)", (doc.model_dump_json(), DOCUMENT_SCHEMA, now, doc_id))
            db.execute("UPDATE documents SET title = ?, updated = ? WHERE id = ?", (doc.title, now, doc_id))

    def latest(self, doc_id: int) -> Document:
        """The newest version of a document."""
        with self._connect() as db:
            row = db.execute("SELECT body, schema FROM versions WHERE document_id = ? ORDER BY id DESC LIMIT 1",
                             (doc_id,)).fetchone()
        if row is None:
            raise KeyError(doc_id)
        return _document(*row)

    def source(self, doc_id: int) -> tuple[str, Facts | None]:
        """The notes a document was drafted from and the facts read from them ('' and None for a rewrite or an
        import; facts saved by an incompatible older version are None, so the document opens but cannot be
        regenerated)."""
        with self._connect() as db:
            row = db.execute("SELECT notes, facts FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(doc_id)
        try:
            return row[0], Facts.model_validate_json(row[1]) if row[1] else None
        except ValidationError:
            return row[0], None

    def version(self, version_id: int) -> Document:
        """One saved version."""
        with self._connect() as db:
            row = db.execute("SELECT body, schema FROM versions WHERE id = ?", (version_id,)).fetchone()
        if row is None:
            raise KeyError(version_id)
        return _document(*row)

    def versions(self, doc_id: int) -> list[Version]:
        """A document's versions, newest first."""
        with self._connect() as db:
            rows = db.execute("SELECT id, document_id, created, note FROM versions WHERE document_id = ? "
                              "ORDER BY id DESC", (doc_id,)).fetchall()
        return [Version(id=r[0], document_id=r[1], created=r[2], note=r[3]) for r in rows]

    def restore(self, doc_id: int, version_id: int) -> Document:
        """Make an old version the newest again (as a new version, so history is kept)."""
        doc = self.version(version_id)
        self.save(doc_id, doc, f"恢复到第 {version_id} 版")
        return doc

    def recent(self, owner: str = "", limit: int = 20) -> list[Saved]:
        """An owner's documents, most recently changed first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT d.id, d.title, d.updated, COUNT(v.id), (SELECT json_extract(body, '$.doc_type') FROM versions "
                "WHERE document_id = d.id ORDER BY id DESC LIMIT 1) FROM documents d JOIN versions v "
                "ON v.document_id = d.id WHERE d.owner = ? GROUP BY d.id ORDER BY d.updated DESC, d.id DESC LIMIT ?",
                (owner, limit)).fetchall()
        return [Saved(id=r[0], title=r[1], updated=r[2], versions=r[3], doc_type=r[4]) for r in rows]
