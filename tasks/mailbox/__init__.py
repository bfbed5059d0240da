"""Mailbox intake: fetch from IMAP, store each message first, import through the intake service, mark."""
