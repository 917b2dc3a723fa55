"""Briefing bodies: one parse of each body, shared by the content policy, links and rendering."""
