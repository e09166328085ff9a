"""The reader's version: which parsing rules produced an interpretation.

Every interpreted fact records the version of the rules that read it, so a re-read with newer
rules can say what changed and why. Bump it whenever a change to `parsing/` changes what is
recorded for some document (a fact found, lost or read differently), never for speed alone.
"""

READER_VERSION = "6"
