"""Where text comes in: files, folders, corpora and stdin become Documents."""

from .collect import InputItem, InputPlan, Loaded, iter_documents, plan_inputs
from .decode import DEFAULT_MAX_BYTES, ReadOptions, decode_bytes, read_file_bytes
from .formats import FORMATS, document_from_html, document_from_jsonl_line, document_from_text, sniff_format

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "InputItem",
    "InputPlan",
    "Loaded",
    "ReadOptions",
    "decode_bytes",
    "document_from_html",
    "document_from_jsonl_line",
    "document_from_text",
    "iter_documents",
    "plan_inputs",
    "read_file_bytes",
    "sniff_format",
]
