"""Errors kg raises. Only ``kg.cli`` turns them into messages for the user."""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KgError):
    """A corpus path or a document that cannot be read (names the file and why)."""


class EvalError(KgError):
    """An annotation file that does not follow the documented format."""


class OntologyError(KgError):
    """A graph that cannot be expressed in kg's ontology (an unknown edge type …)."""


class QueryError(KgError):
    """A SPARQL query that cannot run: bad syntax, unknown name, missing graph."""


class OutputError(KgError):
    """An output folder that is not one build's complete set, or a file kg did not
    write where it would write (``kg.outputs``)."""
