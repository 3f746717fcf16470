"""Table recovery shared by every reader: label matching and placement (:mod:`.labels`)."""
