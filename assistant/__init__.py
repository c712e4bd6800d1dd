"""妇联文稿助手 (fulian-writer): notes → 工作计划/工作总结 → GB/T 9704 DOCX, offline by default."""

__version__ = "0.1.0"
