"""What the PDF says: the passport turned into sections of lines, in the language of one `Translator`.

Every text goes through the translator's gettext (named `_` here, so the extractor finds the msgids); what
the person typed is printed as typed, through `clean`. A part the consent left out of the passport is
left out here, with its heading.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from assistant.development.direction import MAX_DOTS, Direction
from assistant.export.pdf_layout import Line, Part, Section, Texts, clean
from assistant.export.translation import Translator
from assistant.i18n import N_
from assistant.passport.model import Assessment, Credential, Passport, Skill
from assistant.passport.vouching import vouching

#: Longest text the person typed that is printed; a longer answer ends in "…".
MAX_OWN_WORDS = 400

EXPERIENCE_KINDS = {
    "paid": N_("Betaald werk"),
    "informal": N_("Klussen"),
    "volunteering": N_("Vrijwilligerswerk"),
    "care": N_("Zorg voor familie"),
    "hobby": N_("Hobby of sport"),
}
CREDENTIAL_KINDS = {
    "diploma": N_("Diploma"),
    "certificate": N_("Certificaat"),
    "licence": N_("Papier dat u nodig heeft voor werk"),
    "course": N_("Cursus"),
}
RECOGNITION = {
    "yes": N_("Erkend in Nederland: ja"),
    "partly": N_("Erkend in Nederland: voor een deel"),
    "no": N_("Erkend in Nederland: nee"),
    "unknown": N_("Erkend in Nederland: niet bekend"),
}
SELF_DECLARED = N_("Door de persoon zelf verklaard")
#: Who chose the work: the same words as on the conversation sheet.
CHOSEN_BY = {
    "holder": N_("Zelf gekozen op {date}."),
    "coach": N_("Samen met de coach gekozen op {date}."),
}
#: Answers of the "ambition" part of the intake that are not wishes: how the person can travel to work is
#: practical; the closing "anything else?" is mostly work they forgot, so it goes with what they did.
PRACTICAL_QUESTIONS = {"vervoer": N_("Zo kan ik naar mijn werk: {answer}")}
TOLD_QUESTIONS = frozenset({"afsluiting"})


def page_texts(passport: Passport, made_at: datetime, tr: Translator) -> Texts:
    _ = tr.gettext
    name = clean(passport.person.nickname or "", 60)
    return Texts(
        title=_("Skillspaspoort van {name}").format(name=name) if name else _("Skillspaspoort"),
        status=_status(passport, tr),
        more=_("en nog {n} meer"),
        page=_("Pagina {n} van {total}"),
        made=_("Paspoort {id}, gemaakt op {date}").format(id=passport.id[:8], date=_date(made_at)),
    )


def _status(passport: Passport, tr: Translator) -> str:
    """Concept until a coach ends the review with "Vaststellen"; then who did, and when."""
    _ = tr.gettext
    if passport.status != "reviewed":
        return _("Dit is een concept. Een coach kijkt het nog na.")
    if passport.reviewed_by and passport.reviewed_at:
        coach = clean(passport.reviewed_by, 60)
        return _("Coach {coach} heeft dit paspoort vastgesteld op {date}.").format(
            coach=coach, date=_date(passport.reviewed_at)
        )
    return _("Een coach heeft dit paspoort nagekeken.")


def sections(passport: Passport, occupations: list[Direction], tr: Translator) -> list[Section]:
    _ = tr.gettext
    person = passport.person
    found = []
    who = Section(_("Wie ben ik"))
    if person.nickname:
        who.lines.append(Line(_("Naam: {name}").format(name=clean(person.nickname, 60))))
    if person.languages:
        languages = ", ".join(clean(_tr(tr, lang), 40) for lang in person.languages)
        who.lines.append(Line(_("Talen: {languages}").format(languages=clean(languages, 200))))
    if who.lines:
        found.append(who)

    # All confirmed skills first, then what the person did: an employer reads what they can do first.
    # A rejected skill is not something the person can do; shared copies hold none, the full passport may.
    skills = passport.active_skills()
    if skills:
        # Most skills share one purpose (the kiosk's); it is said once, and only a different one per skill.
        purposes = Counter(_deciding(s).purpose for s in skills)
        usual = purposes.most_common(1)[0][0]
        can = Section(_("Wat kan ik"), parts=[Part("skills", [_skill(s, usual, tr) for s in skills])])
        if usual:
            can.lines.append(Line(_("Doel: {purpose}").format(purpose=clean(_tr(tr, usual), 160))))
        found.append(can)
    done = Section(_("Wat heb ik gedaan"))
    if passport.experiences:
        experiences = []
        for i, e in enumerate(passport.experiences):
            block = [
                Line(_("Vraag: {question}").format(question=clean(_tr(tr, e.question), 200)), indent=True),
                Line(_("Antwoord: {answer}").format(answer=clean(e.own_words, MAX_OWN_WORDS)), indent=True),
            ]
            # The kind ("Betaald werk") once above the answers that belong to it, not above each one.
            if i == 0 or passport.experiences[i - 1].kind != e.kind:
                block.insert(0, Line(_(EXPERIENCE_KINDS[e.kind]), bold=True))
            experiences.append(block)
        done.parts.append(Part("experiences", experiences))
    if passport.education:
        education = [[Line(clean(e.own_words, MAX_OWN_WORDS), bullet=True)] for e in passport.education]
        done.parts.append(Part("education", education, [Line(_("Cursussen en diploma's"), bold=True)]))
    if passport.credentials:
        things = [_credential(c, tr) for c in passport.credentials]
        done.parts.append(Part("credentials", things, [Line(_("Diploma's en papieren"), bold=True)]))
    told = [a for a in passport.ambitions if a.question_id in TOLD_QUESTIONS]
    if told:
        more = [[Line(clean(a.own_words, MAX_OWN_WORDS), bullet=True)] for a in told]
        done.parts.append(Part("told", more, [Line(_("Verder verteld"), bold=True)]))
    if done.parts:
        found.append(done)

    # "Wat wil ik" holds wishes only; how the person can travel to work is practical, not a wish.
    wishes = [a for a in passport.ambitions if a.question_id not in {*PRACTICAL_QUESTIONS, *TOLD_QUESTIONS}]
    if wishes:
        wish = [[Line(clean(a.own_words, MAX_OWN_WORDS), bullet=True)] for a in wishes]
        found.append(Section(_("Wat wil ik"), parts=[Part("ambitions", wish)]))
    chosen = _chosen_work(passport, tr)
    if chosen is not None:
        found.append(chosen)
    practical = [a for a in passport.ambitions if a.question_id in PRACTICAL_QUESTIONS]
    if practical:
        lines = [
            Line(_(PRACTICAL_QUESTIONS[a.question_id]).format(answer=clean(a.own_words, MAX_OWN_WORDS)))
            for a in practical
        ]
        found.append(Section(_("Praktisch"), lines=lines))
    # Occupations are worked out from the skills: without consent for the skills they stay home as well.
    if skills and occupations:
        found.append(
            Section(
                _("Beroepen die bij u passen"),
                lines=[Line(_("Deze beroepen passen bij wat u kunt."))],
                parts=[Part("occupations", [_occupation(o, tr) for o in occupations])],
            )
        )
    return found


def _chosen_work(passport: Passport, tr: Translator) -> Section | None:
    """The work the person chose and their ontwikkelwensen (next steps), each with its date."""
    _ = tr.gettext
    direction, wishes = passport.direction, passport.development_wishes
    if direction is None and not wishes:
        return None
    section = Section(_("Welk werk wil ik"))
    if direction is not None:
        section.lines.append(Line(clean(_tr(tr, direction.label), 120), bold=True))
        when = _date(direction.chosen_at)
        section.lines.append(Line(_(CHOSEN_BY[direction.chosen_by]).format(date=when), indent=True))
    if wishes:
        steps = []
        for wish in wishes:
            block = [Line(clean(_tr(tr, wish.label), 160), bullet=True)]
            if wish.skill_label:
                skill = clean(_tr(tr, wish.skill_label), 120)
                block.append(Line(_("Voor: {skill}").format(skill=skill), indent=True))
            block.append(Line(_("Gekozen op {date}").format(date=_date(wish.chosen_at)), indent=True))
            steps.append(block)
        section.parts.append(Part("wishes", steps, [Line(_("Mijn volgende stappen"), bold=True)]))
    return section


def _skill(skill: Skill, usual_purpose: str, tr: Translator) -> list[Line]:
    _ = tr.gettext
    lines = [Line(clean(_tr(tr, skill.label), 120), bold=True)]
    terms = ", ".join(dict.fromkeys(s.label for s in skill.competentnl if s.label))
    if terms:
        # The name of the national skills language is a proper name: it stays out of the translation.
        cited = _("In {name}: {terms}").format(name="CompetentNL", terms=clean(terms, 200))
        lines.append(Line(cited, indent=True))
    # The level's own name is a fixed term; who vouches for it is said in a sentence of its own, from the
    # provenance, so a level nobody else confirmed never reads as confirmed.
    lines.append(Line(_("Niveau {name}").format(name=skill.level), indent=True))
    msgid, values = vouching(skill)
    lines.append(Line(clean(_(msgid).format(**values), 200), indent=True))
    last = _deciding(skill)
    lines.append(Line(_("Datum: {date}").format(date=_date(last.date)), indent=True))
    if last.purpose and last.purpose != usual_purpose:
        purpose = clean(_tr(tr, last.purpose), 160)
        lines.append(Line(_("Doel: {purpose}").format(purpose=purpose), indent=True))
    return lines


def _credential(credential: Credential, tr: Translator) -> list[Line]:
    """A diploma, certificate, licence or course: what is known about it, and who says so."""
    _ = tr.gettext
    lines = [
        Line(clean(_tr(tr, credential.name), 120), bullet=True),
        Line(_(CREDENTIAL_KINDS[credential.kind]), indent=True),
    ]
    if credential.for_work:
        lines.append(
            Line(_("Voor werk als: {work}").format(work=clean(credential.for_work, 120)), indent=True)
        )
    if credential.year:
        lines.append(Line(_("Gehaald in: {year}").format(year=credential.year), indent=True))
    if credential.issuer:
        lines.append(
            Line(_("Gekregen van: {issuer}").format(issuer=clean(credential.issuer, 120)), indent=True)
        )
    if credential.level:
        lines.append(Line(_("Niveau: {level}").format(level=clean(credential.level, 60)), indent=True))
    if credential.expires:
        day = credential.expires.strftime("%d-%m-%Y")
        lines.append(Line(_("Geldig tot: {date}").format(date=day), indent=True))
    if credential.kind == "diploma":
        lines.append(Line(_(RECOGNITION[credential.recognised]), indent=True))
    if credential.declared_by == "self":
        lines.append(Line(_(SELF_DECLARED), indent=True))
    return lines


def _deciding(skill: Skill) -> Assessment:
    """The judgement the skill stands on now: the last one that did not reject it."""
    return next((a for a in reversed(skill.provenance) if a.verdict != "rejected"), skill.provenance[-1])


def _occupation(fit: Direction, tr: Translator) -> list[Line]:
    """One fitting occupation as the kiosks show it: dots with the same in words, what the person already
    does, what is bijna, what is still to learn."""
    _ = tr.gettext
    lines = [Line(clean(_tr(tr, fit.label), 120), bold=True), Line(dots_line(fit, tr), indent=True)]
    if fit.have:
        have = _listing([n.label for n in fit.have], tr)
        lines.append(Line(_("Dit kunt u al: {skills}").format(skills=have), indent=True))
    if fit.almost:
        almost = _listing([n.label for n in fit.almost], tr)
        lines.append(Line(_("Bijna: {skill}").format(skill=almost), indent=True))
    if fit.missing:
        missing = _listing([n.label for n in fit.missing], tr)
        lines.append(Line(_("Dit kunt u nog leren: {skills}").format(skills=missing), indent=True))
    if fit.official_label and fit.official_label.casefold() != fit.label.casefold():
        name = clean(fit.official_label, 120)
        lines.append(Line(_("Naam bij het UWV: {name}").format(name=name), indent=True))
    return lines


def dots_line(direction: Direction, tr: Translator) -> str:
    """The dots, and the same in words: a screen reader and text extraction cannot read dots."""
    return tr.gettext("Past: {dots} ({n} van {total})").format(
        dots=direction.dots_picture, n=direction.dots, total=MAX_DOTS
    )


def _listing(labels: list[str], tr: Translator) -> str:
    return clean(", ".join(_tr(tr, label) for label in labels), 300)


def _tr(tr: Translator, text: str) -> str:
    """A text from data (a label, a question) in the translator's language."""
    # gettext("") would return the catalogue header, not an empty text.
    return tr.gettext(text) if text else text


def _date(moment: datetime) -> str:
    # Stored in UTC; the reader thinks in the kiosk's own time zone.
    return moment.astimezone().strftime("%d-%m-%Y")
