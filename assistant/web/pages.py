"""What each page of the web kiosk shows and says, in the current language: the texts, the cards and the
spoken text, as plain data for its template. The same words as the Textual kiosk's screens, so a person hears
and reads the same thing at either kiosk; the templates only lay them out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from assistant import holder_code as holder_codes
from assistant import resume_code
from assistant.dialogue.engine import Answer
from assistant.dialogue.model import Question
from assistant.i18n import N_, _
from assistant.interview.records import Proposal, Verdict
from assistant.interview_length import WELCOME_MINUTES
from assistant.languages import find as find_language
from assistant.passport.consent_words import saved_words
from assistant.passport.model import Passport
from assistant.personal_data import NAMES as PERSONAL_NAMES
from assistant.speech.sentences import speech
from assistant.web.pictures import PictureSet

#: The three answers to "Klopt dit?", in the order shown: (value, picture name, gettext msgid).
VERDICTS: tuple[tuple[Verdict, str, str], ...] = (
    (Verdict.YES, "ja", N_("Ja")),
    (Verdict.A_LITTLE, "beetje", N_("Een beetje")),
    (Verdict.NO, "nee", N_("Nee")),
)


@dataclass(frozen=True)
class Card:
    """One big answer card: the value it sends, its word, its picture (a file address or the emoji)."""

    value: str
    text: str
    picture: str
    """The emoji, shown as text when the picture set has no file for it."""
    picture_name: str | None
    """The picture's name when the set has a file for it (drawn inside the page)."""
    chosen: bool = False


@dataclass
class Page:
    """One page: which screen, its title, what it says aloud, and what its template needs."""

    screen: str
    title: str
    spoken: str
    data: dict[str, Any] = field(default_factory=dict)
    personal: bool = False
    """The spoken text holds something of the person (their words, name or code): never cached by its hash."""
    error: str | None = None
    in_interview: bool = False
    """Shows "Later verder": only while an interview is open."""


def card(pictures: PictureSet, value: str, text: str, picture: str, chosen: bool = False) -> Card:
    name = picture if pictures.has_file(picture) else None
    return Card(value, text, pictures.text(picture), name, chosen)


def _direction(code: str) -> str:
    language = find_language(code)
    return language.direction.value if language else "ltr"


def _language_cards(languages: list[tuple[str, str]], current: str) -> list[tuple[str, str, str, bool]]:
    """(code, own name, direction, chosen) per language, for the cards on the welcome and the Taal page."""
    return [(code, name, _direction(code), code == current) for code, name in languages]


def duration() -> str:
    return _("Het duurt ongeveer {minutes} minuten.").format(minutes=WELCOME_MINUTES)


def welcome(
    languages: list[tuple[str, str]], current: str, notice: str | None = None, credit: Markup | None = None
) -> Page:
    lines = [
        _("Samen maken we uw skillspaspoort."),
        _("Ik stel korte vragen over uw werk en wat u graag doet."),
        _("U kunt altijd terug, overslaan of zeggen: weet ik niet."),
        duration(),
        _("Wij bewaren uw antwoorden. Aan het eind kiest u of een coach mag meekijken."),
    ]
    told = [notice] if notice else []
    return Page(
        "welcome",
        _("Welkom!"),
        speech(*told, _("Welkom!"), *lines),
        {
            "lines": lines,
            "notice": notice,
            "languages": _language_cards(languages, current),
            "choose_language": _("Kies uw taal"),
            "start": _("Beginnen"),
            "have_code": _("Ik heb een code"),
            "pictures_credit": credit,
        },
    )


def question(
    q: Question,
    progress: tuple[int, int],
    pictures: PictureSet,
    previous: Answer | None,
    known: list[str],
    typed: tuple[list[str], str | None] | None = None,
    error: str | None = None,
) -> Page:
    """A question page; `typed` is what the person sent when it was refused, shown again as it was."""
    earlier = previous if previous is not None and previous.counts else None
    chosen = set(typed[0]) if typed else set(earlier.values if earlier else [])
    text = typed[1] if typed else (earlier.text if earlier else None)
    cards = [card(pictures, c.id, _(c.text), c.picture, c.id in chosen) for c in q.options]
    current, total = progress
    said = [_("Dit had u al verteld: {answer}.").format(answer=k) for k in known if k]
    choices = [_("Keuze {number}: {text}.").format(number=n, text=c.text) for n, c in enumerate(cards, 1)]
    spoken = speech(error or "", *said, _(q.text), _(q.help) if q.help else "", *choices)
    return Page(
        "question",
        _(q.text),
        spoken,
        {
            "question": q,
            "kind": "text" if not q.options else ("multi" if q.kind == "multi" else "one"),
            "text": _(q.text),
            "help": _(q.help) if q.help else None,
            "known": said,
            "cards": cards,
            "typed": text or "",
            "placeholder": _(q.placeholder) if q.placeholder else _("Typ hier uw antwoord"),
            "progress": _("Vraag {current} van {total}").format(current=current, total=total),
            "current": current,
            "total": total,
            "many": _("U mag meer dan een kiezen."),
        },
        error=error,
        in_interview=True,
    )


def confirm(proposal: Proposal, pictures: PictureSet) -> Page:
    heard = _("Dit hoorde ik in uw antwoord:")
    # A ticked card's words are the evidence: shown in the page's language. Typed words stay as typed.
    evidence = _(proposal.evidence)
    cards = [card(pictures, verdict, _(words), picture) for verdict, picture, words in VERDICTS]
    spoken = speech(
        heard,
        f"{evidence}.",
        _(proposal.statement),
        _("Klopt dit?"),
        *(_("Keuze {number}: {text}.").format(number=n, text=c.text) for n, c in enumerate(cards, 1)),
    )
    return Page(
        "confirm",
        _("Klopt dit?"),
        spoken,
        {
            "proposal": proposal,
            "heard": heard,
            "evidence": evidence,
            "label": _(proposal.label),
            "statement": _(proposal.statement),
            "ask": _("Klopt dit?"),
            "cards": cards,
        },
        personal=True,
        in_interview=True,
    )


def personal(kinds: list[str], pictures: PictureSet) -> Page:
    what = _("Uw antwoord bevat {what}.").format(what=", ".join(_(PERSONAL_NAMES[k]) for k in kinds))
    ask = _("Wilt u dat bewaren?")
    cards = [
        card(pictures, "remove", _("Nee, weghalen"), "wissen"),
        card(pictures, "keep", _("Ja, bewaren"), "bewaren"),
    ]
    return Page(
        "personal",
        ask,
        speech(what, _("Dat is niet nodig voor uw paspoort."), ask),
        {"what": what, "lead": _("Dat is niet nodig voor uw paspoort."), "ask": ask, "cards": cards},
        in_interview=True,
    )


def language_choice(languages: list[tuple[str, str]], current: str) -> Page:
    """The language page of the top bar's "Taal": the same cards as on the welcome, at any moment."""
    title = _("Kies uw taal")
    return Page(
        "language",
        title,
        speech(title),
        {"languages": _language_cards(languages, current)},
    )


def pause(code: str) -> Page:
    lines = [_("Uw antwoorden zijn bewaard."), _("Schrijf deze code op:")]
    after = _("Met deze code gaat u verder waar u was.")
    return Page(
        "pause",
        _("U kunt later verder."),
        speech(_("U kunt later verder."), *lines, resume_code.spoken(code), after),
        {
            "lines": lines,
            "code": resume_code.shown(code),
            "after": after,
            "done": _("Klaar, terug naar het begin"),
        },
        personal=True,
    )


def code_entry(typed: str = "", error: str | None = None) -> Page:
    return Page(
        "code",
        _("Vul uw code in"),
        speech(error or "", _("Vul uw code in"), _("De code heeft 8 of 12 cijfers.")),
        {
            "lead": _("De code heeft 8 of 12 cijfers."),
            "typed": typed,
            "erase_digit": _("Wissen"),
            "next": _("Verder"),
            "back": _("Terug"),
        },
        error=error,
    )


def end(
    passport: Passport,
    code: str | None,
    changes: list[str],
    told: str | None = None,
    holder_code: str | None = None,
    coach_looks: bool = True,
) -> Page:
    """The end page; `holder_code`, the lasting code, only right after the interview that made it;
    `coach_looks`, the holder's answer to "Mag een coach meekijken?"."""
    name = passport.person.nickname
    thanks = _("Klaar, {name}! Dank u wel.").format(name=name) if name else _("Klaar! Dank u wel.")
    skills = [_(s.label) for s in passport.active_skills()]
    said = [e.own_words for e in passport.experiences if e.own_words]
    saved = saved_words(coach_looks)
    code_lead = _("Wilt u later nog iets zien? Schrijf deze code op:")
    holder_lead = _("Uw vaste code. Schrijf hem op:")
    holder_use = _("Met deze code kunt u later uw paspoort zien. Ook kunt u delen stoppen of alles wissen.")
    spoken = speech(
        told or "",
        thanks,
        saved,
        *([_("Dit kunt u:"), *skills] if skills else []),
        *([_("Wat de coach veranderde:"), *changes] if changes else []),
        *([code_lead, resume_code.spoken(code)] if code else []),
        *([holder_lead, resume_code.spoken(holder_code), holder_use] if holder_code else []),
    )
    return Page(
        "end",
        _("Klaar! Dank u wel."),
        spoken,
        {
            "thanks": thanks,
            "saved": saved,
            "skills_lead": _("Dit kunt u:"),
            "skills": skills,
            "said_lead": _("Wat u vertelde:"),
            "said": said,
            "changes_lead": _("Wat de coach veranderde:"),
            "changes": changes,
            "code_lead": code_lead,
            "code": resume_code.shown(code) if code else None,
            "holder_lead": holder_lead,
            "holder_code": holder_codes.shown(holder_code) if holder_code else None,
            "holder_use": holder_use,
            "done": _("Klaar, terug naar het begin"),
            "erase": _("Alles wissen"),
            "share": _("Delen"),
            "next": _("Wat wilt u hierna?"),  # the way to a direction (`direction_routes`)
            "told": told,
        },
        personal=True,
    )


def erase() -> Page:
    lines = [_("Uw paspoort en al uw antwoorden worden gewist."), _("Dit kan niet terug.")]
    return Page(
        "erase",
        _("Alles wissen?"),
        speech(_("Alles wissen?"), *lines),
        {"lines": lines, "keep": _("Nee, bewaren"), "erase": _("Ja, alles wissen")},
    )


def idle(seconds: int) -> Page:
    countdown = _("Over {seconds} seconden gaat het scherm terug naar het begin.")
    return Page(
        "idle",
        _("Bent u er nog?"),
        speech(_("Bent u er nog?"), countdown.format(seconds=seconds)),
        {
            "seconds": seconds,
            "countdown": countdown.format(seconds=seconds),
            # The page counts down itself; it puts the number into this sentence at each second.
            "countdown_template": countdown,
            "still_here": _("Ja, ik ben er nog"),
        },
    )


def shared_texts() -> dict[str, str]:
    """The words of the bars every page has."""
    return {
        "later": _("Later verder"),
        "read_aloud": _("Lees voor"),
        "help": _("Hulp"),
        "help_text": _("Vraag hulp aan een medewerker."),
        "close": _("Sluiten"),
        "back": _("Terug"),
        "dont_know": _("Weet ik niet"),
        "skip": _("Overslaan"),
        "next": _("Verder"),
        "app": _("Skillspaspoort"),
        "language": _("Taal"),
    }
