"""The next step after the passport: which work fits (a direction), what is still missing for it, and what the
person can do about each gap (learning options, licences, an employer's confirmation). Plain modules; the
kiosks, the coach app and the conversation sheet only show what these compute."""
