"""The session inspector: the requester's own session, read as its engine stores it, shown live."""
