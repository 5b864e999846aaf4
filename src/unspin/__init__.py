"""unspin: take apart persuasive articles and weigh competing explanations."""

from .api import analyze_document, analyze_many, analyze_text, load_pipeline
from .data_home import get_data_home
from .document import Document, Group, Span
from .errors import (
    ComponentError,
    ConfigError,
    InputError,
    PipelineError,
    ReportError,
    UnspinError,
)
from .pipeline import DEFAULT_PIPELINE, Component, Pipeline
from .registry import Registry, registry
from .reports import build_report, validate_report
from .version import __version__

__all__ = [
    "DEFAULT_PIPELINE",
    "Component",
    "ComponentError",
    "ConfigError",
    "Document",
    "Group",
    "InputError",
    "Pipeline",
    "PipelineError",
    "Registry",
    "ReportError",
    "Span",
    "UnspinError",
    "__version__",
    "analyze_document",
    "analyze_many",
    "analyze_text",
    "build_report",
    "get_data_home",
    "load_pipeline",
    "registry",
    "validate_report",
]
