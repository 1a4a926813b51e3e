"""Quipu: news reports about a political crisis in, a sourced and structured record out."""

__version__ = "0.1.0"
