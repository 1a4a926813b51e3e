"""Corpus-level records: stories, merged events, tallies and alignments."""
