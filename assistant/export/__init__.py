"""Exporters: Markdown, GB/T 9704 DOCX, JSON."""
