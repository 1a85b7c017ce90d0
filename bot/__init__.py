"""Passerelle: a multilingual guidance assistant for migrants."""
