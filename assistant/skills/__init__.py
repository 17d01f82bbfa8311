"""Understanding answers: the bundled skill catalogue, Dutch text analysis and the skill matcher."""
