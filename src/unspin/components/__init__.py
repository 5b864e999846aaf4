"""Annotation components, one module per layer.

Each component is registered under a versioned name through the
``unspin.components`` entry-point group (see ``pyproject.toml``), the same
way a plugin registers its own.
"""

from .entities import SpacyEntities
from .parse import SpacyParser, load_spacy
from .sentences import SpacySentences

__all__ = ["SpacyEntities", "SpacyParser", "SpacySentences", "load_spacy"]
