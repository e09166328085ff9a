"""The domain core: instrument state, the rules of amendment and effectiveness. No I/O here."""
