"""The skills passport: its record (pydantic), how a draft is built from an interview, and coach review."""
