"""Evaluation packets: the material a unit hands to the province, personal data masked."""
