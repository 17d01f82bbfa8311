"""Reading aloud: real espeak-ng speech per language (checked as audio), replay, interruption."""

from __future__ import annotations

import array
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

import pytest

from assistant.languages import LANGUAGES
from assistant.speech.spare import SpareProcess
from assistant.speech.speaker import Speaker, Started
from assistant.speech.synth import _wait_until_written, duration, synthesize
from assistant.speech.voices import NORMAL_RATE, voice_for
from assistant.web.speech import SpeechFiles

NULL_PLAYER = f"{sys.executable} -m assistant.speech.null_player"
SENTENCES = {
    "nl": "Wat deed u op een gewone werkdag?",
    "en": "What did you do on a normal working day?",
    "tr": "Normal bir iş gününde ne yaptınız?",
    "pl": "Co robił pan w zwykły dzień pracy?",
    "uk": "Що ви робили у звичайний робочий день?",
    "ar": "ماذا فعلت في يوم عمل عادي؟",
}


def _loudness(path: Path) -> tuple[float, float]:
    """(share of samples that are not near silence, peak amplitude 0..1)."""
    with wave.open(str(path), "rb") as wav:
        assert wav.getsampwidth() == 2
        samples = array.array("h", wav.readframes(wav.getnframes()))
    loud = sum(1 for s in samples if abs(s) > 500)
    return loud / len(samples), max(abs(s) for s in samples) / 32768


@pytest.mark.parametrize("language", sorted(language.code for language in LANGUAGES))
def test_speech_every_language_gives_real_speech(tmp_path: Path, language: str) -> None:
    wav = synthesize(SENTENCES[language], language, tmp_path / f"{language}.wav")
    seconds = duration(wav)
    assert 1.0 < seconds < 8.0
    voiced, peak = _loudness(wav)
    assert voiced > 0.2, "speech, not silence"
    assert peak > 0.1


def test_speech_every_registered_voice_is_an_espeak_ng_voice() -> None:
    listing = subprocess.run(["espeak-ng", "--voices"], capture_output=True, text=True, check=True).stdout
    voices = {line.split()[4] for line in listing.splitlines()[1:] if len(line.split()) >= 5}
    missing = {language.code: language.voice for language in LANGUAGES if language.voice not in voices}
    assert not missing, f"espeak-ng has no voice {missing}"


def test_speech_unknown_language_is_read_with_the_dutch_voice() -> None:
    assert voice_for("ar") == "sem/ar"
    assert voice_for("xx") == voice_for("nl") == "gmw/nl"


def test_speech_slower_rate_takes_longer(tmp_path: Path) -> None:
    normal = duration(synthesize(SENTENCES["nl"], "nl", tmp_path / "a.wav", rate=150))
    slow = duration(synthesize(SENTENCES["nl"], "nl", tmp_path / "b.wav", rate=110))
    assert slow > normal * 1.2


def _started(speaker: Speaker) -> Started:
    for event in speaker.events(timeout=10):
        if isinstance(event, Started):
            return event
    raise AssertionError("speech did not start")


def test_speech_starts_quickly_replays_and_is_interrupted() -> None:
    speaker = Speaker(player=NULL_PLAYER)
    try:
        speaker.say("Welkom. Samen maken we uw skillspaspoort.", "nl")
        first = _started(speaker)
        assert first.ok, first.error
        assert speaker.is_busy()

        speaker.say("Dit is een nieuwe vraag.", "nl")  # moving on interrupts the first text
        second = _started(speaker)
        assert second.text == "Dit is een nieuwe vraag."

        speaker.replay()
        assert _started(speaker).text == "Dit is een nieuwe vraag."
        speaker.stop()
        assert not speaker.is_busy()
    finally:
        speaker.close()


def test_speech_switched_off_says_nothing_but_replay_still_works() -> None:
    speaker = Speaker(player=NULL_PLAYER, enabled=False)
    try:
        speaker.say("Hallo", "nl")
        assert speaker.events(timeout=0.5) == []
        speaker.replay()
        assert _started(speaker).text == "Hallo"
    finally:
        speaker.close()


def test_speech_missing_player_is_reported_not_fatal() -> None:
    speaker = Speaker(player="/bestaat/niet")
    try:
        speaker.say("Hallo", "nl")
        event = _started(speaker)
        assert not event.ok and event.error
    finally:
        speaker.close()


def test_spoken_screens_do_not_stay_on_disk() -> None:
    # A screen's text can hold the person's name ("Klaar, Samira!"); the kiosk left every sound in /tmp.
    speaker = Speaker(player=NULL_PLAYER)
    folder = speaker._folder
    try:
        speaker.say("Klaar, Samira! Dank u wel.", "nl")
        assert _started(speaker).ok
        speaker.say("Welkom.", "nl")
        assert _started(speaker).ok
        assert [p.name for p in folder.glob("*.wav")] == ["zin-2.wav"], "only the sound being played"
    finally:
        speaker.close()
    assert not folder.exists(), "nothing left when the kiosk closes"


def test_a_closed_speaker_starts_no_process() -> None:
    # A screen that arrives while the kiosk closes used to start a synthesis process nobody ended.
    speaker = Speaker(player=NULL_PLAYER)
    speaker.warm()
    speaker.close()
    speaker.say("Tot ziens.", "nl")
    speaker.warm()
    speaker.replay()
    assert speaker._spare._waiting is None
    assert speaker.events(timeout=0.3) == []


class _HangingVoice:
    """A synthesis process that never answers in time."""

    def __init__(self) -> None:
        self.killed = False
        self.calls = 0

    def communicate(self, text: str | None = None, timeout: float | None = None) -> tuple[str, str]:
        self.calls += 1
        if not self.killed:
            raise subprocess.TimeoutExpired("synth", timeout or 0)
        return "", ""

    def kill(self) -> None:
        self.killed = True


def test_a_voice_that_hangs_is_ended_with_a_plain_error(tmp_path: Path) -> None:
    voice = _HangingVoice()
    with pytest.raises(RuntimeError, match="geen geluid"):
        synthesize("Hallo", "nl", tmp_path / "a.wav", process=voice)  # type: ignore[arg-type]
    assert voice.killed and voice.calls == 2, "killed, and its pipes read to the end"


def test_the_web_kiosk_has_the_next_voice_loaded_before_the_next_screen(tmp_path: Path) -> None:
    files = SpeechFiles(tmp_path / "spraak")
    try:
        key = files.key_for(SENTENCES["nl"], "nl", NORMAL_RATE)
        made = files.pending(key)
        assert made is not None
        wav = made.result(timeout=30)
        assert wav is not None and duration(wav) > 1.0
        waiting = files._spare._waiting
        assert waiting is not None and waiting.poll() is None, "the next screen's voice waits, loaded"
    finally:
        files.close()
    assert waiting.wait(timeout=10) is not None, "no voice is left running when the kiosk closes"


def test_a_waiting_voice_that_died_is_replaced_and_still_speaks(tmp_path: Path) -> None:
    spare = SpareProcess()
    try:
        spare.refill()
        dead = spare._waiting
        assert dead is not None
        dead.kill()
        dead.wait(timeout=10)
        process = spare.take()
        assert process is not dead
        wav = synthesize(SENTENCES["nl"], "nl", tmp_path / "a.wav", process=process)
        assert duration(wav) > 1.0
    finally:
        spare.close()


def test_a_sound_is_handed_over_only_once_all_its_samples_are_written(tmp_path: Path) -> None:
    # pyttsx3 writes the header (with the number of samples) before the samples; a page that got the file
    # in between received a header and no sound.
    whole = tmp_path / "whole.wav"
    with wave.open(str(whole), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(22050)
        out.writeframes(array.array("h", [1000, -1000] * 22050).tobytes())
    data = whole.read_bytes()
    growing = tmp_path / "growing.wav"

    def write_slowly() -> None:
        with growing.open("wb") as f:
            f.write(data[:44])
            f.flush()
            time.sleep(0.3)
            f.write(data[44:])

    writer = threading.Thread(target=write_slowly)
    writer.start()
    try:
        seconds = _wait_until_written(growing)
        assert growing.stat().st_size == len(data), "not before the last sample is in the file"
        assert seconds == pytest.approx(2.0)
    finally:
        writer.join()
