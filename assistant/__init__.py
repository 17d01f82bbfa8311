"""The skills-passport assistant: a guided conversation that turns work and life experience into a passport."""

__version__ = "0.1.0"
