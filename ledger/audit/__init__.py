"""Audit reports: certificates with their authority, redlines, chronology, gaps, renderers."""
