"""Reading aloud, offline: pyttsx3 with the espeak-ng voices, in a worker process so the screen never waits."""
