"""What a person's action does, once: the services the CLI calls (and later the mailbox and the portal).

Each takes parsed values, does the reading, checking and storing through tasks/, and returns plain
results for the caller to print, reply or show; a Refusal (models/errors.py) when a person must act.
"""
