"""Conversations as data: the model of a dialogue file, its loader and the interview state machine."""
