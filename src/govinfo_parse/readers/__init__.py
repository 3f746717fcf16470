"""Readers of binary input families (PDF, Word): each turns its file into report text in the
pipe-table layout the plain-text reader reads, plus a map from offsets of that text back to the
physical position in the file (:class:`govinfo_parse.nodes.SourceLocation`)."""
