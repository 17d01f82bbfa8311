"""Every error a person or coach can see, with a code and plain Dutch words.

A coach can report "E102" and a developer finds the cause here. Messages are gettext msgids marked with
`N_` so they are extracted for translation, and translated only when shown.
"""

from __future__ import annotations

import logging
from typing import Any

from assistant.i18n import N_, _

_log = logging.getLogger(__name__)

MESSAGES: dict[str, str] = {
    # Answers typed by a person
    "E101": N_("U heeft nog niets getypt. Typ een antwoord, of kies Overslaan."),
    "E102": N_("Uw antwoord is te lang. Maak het korter dan {limit} tekens."),
    "E103": N_("Dit antwoord kunnen we niet lezen. Probeer het nog eens."),
    "E104": N_("Kies eerst een antwoord. Of kies Overslaan."),
    "E105": N_("Deze keuze bestaat niet. Kies een van de knoppen."),
    "E106": N_("Een code heeft 8 cijfers. Kijk nog eens goed."),
    "E107": N_("Deze code kennen we niet. Kijk of de cijfers goed zijn."),
    "E108": N_("Te vaak een verkeerde code. Wacht even, of vraag een medewerker."),
    # Dialogue and catalogue files (read by content editors)
    "E201": N_("Fout in gespreksbestand {file}, regel {line}, vraag {question}: {what}"),
    "E202": N_("Gespreksbestand {file} is geen geldig YAML (regel {line}): {what}"),
    "E203": N_("Gespreksbestand {file} niet gevonden."),
    "E211": N_("Fout in catalogus {file}, regel {line}, bij {item}: {what}"),
    "E212": N_("Catalogus {file} is geen geldig YAML (regel {line}): {what}"),
    "E213": N_("Bestand {file} is te groot. Het mag hoogstens {limit} bytes zijn."),
    "E214": N_(
        "Bestand {file} heeft te veel verwijzingen (*naam), regel {line}. Het mogen er hoogstens {limit} zijn."
    ),
    "E215": N_("Bestand {file} is te diep genest, regel {line}. Hoogstens {limit} lagen."),
    "E216": N_(
        "Bestand {file} wordt door de verwijzingen (*naam) te groot: meer dan {limit} delen. Schrijf het voluit."
    ),
    "E217": N_("Bestand {file} van de kennisbank is niet te gebruiken: {what}. Het wordt opnieuw gemaakt."),
    # Storage and passports
    "E301": N_("Paspoort {id} bestaat niet."),
    "E302": N_("Gesprek {id} bestaat niet."),
    "E303": N_("De gegevens kunnen niet worden bewaard: {what}. Er is niets verloren gegaan."),
    "E304": N_("Vaardigheid {id} staat niet in dit paspoort."),
    "E305": N_("Vaardigheid {id} staat niet in de catalogus."),
    "E306": N_("Dit gesprek is al klaar."),
    "E307": N_("Iemand anders heeft paspoort {id} net veranderd. Open het opnieuw en kijk wat er anders is."),
    "E308": N_("Er is al een account met de naam {name}."),
    "E309": N_("Naam of wachtwoord klopt niet."),
    "E310": N_("Log eerst in als coach."),
    "E311": N_("Kan niet schrijven naar {path}: {what}. Er is niets verloren gegaan."),
    "E312": N_("De centrale opslag is nu niet bereikbaar. Probeer het straks opnieuw."),
    "E313": N_("De sleutel past niet bij de opgeslagen gegevens. Vraag de beheerder om de juiste sleutel."),
    "E314": N_("Dit soort opslag kennen we niet: {url}"),
    "E315": N_(
        "De sleutel {found} past niet bij deze opslag. De opslag hoort bij sleutel {expected}. "
        "Er is niets geschreven. Gebruik het juiste sleutelbestand."
    ),
    "E316": N_(
        "Het sleutelbestand {file} ontbreekt. Deze opslag heeft al gegevens met sleutel {expected}. "
        "Zet dat sleutelbestand terug. Er is niets geschreven en er is geen nieuwe sleutel gemaakt."
    ),
    "E317": N_("Sleutel {id} is nog nodig voor de opslag. Hij is niet weggegooid."),
    "E318": N_("Sleutel {id} kennen we niet. Er is niets veranderd."),
    "E319": N_("De sleutels van de personen in {where} zijn niet te openen: {what}. Er is niets geschreven."),
    "E320": N_(
        "Dit kan alleen na inloggen als coach of beheerder. Geef uw naam en wachtwoord. Er is niets gedaan."
    ),
    "E321": N_(
        "Deze computer mag dit niet doen in de centrale opslag. Vraag de beheerder. Er is niets veranderd."
    ),
    "E322": N_("Dit beheerderstoken is niet geldig voor dit commando. Er is niets gedaan."),
    "E323": N_("Dit beheerderstoken is verlopen. Maak een nieuw. Er is niets gedaan."),
    "E324": N_("Dit beheerderstoken is al gebruikt. Het werkt maar één keer. Er is niets gedaan."),
    "E328": N_(
        "De opslag in {file} is beschadigd en kan niet worden gebruikt. Antwoorden van na de laatste "
        "reservekopie kunnen verloren zijn. Vraag de beheerder om 'assistent herstel' te doen."
    ),
    "E329": N_(
        "Er is geen goede reservekopie in {folder}. Er is niets veranderd. Vraag de beheerder om hulp."
    ),
    "E330": N_("Herstellen kan alleen op een loket. De centrale opslag herstelt u zo niet."),
    "E331": N_("Uw code kan nu niet worden nagekeken. Probeer het later nog eens. Er gaat niets verloren."),
    "E332": N_("Te vaak een verkeerde code. Wacht {wait}. Probeer het dan opnieuw, of vraag een medewerker."),
    "E333": N_("U heeft nog geen code getypt. Typ de 8 cijfers van uw code."),
    "E334": N_("Bij deze code hoort nog geen paspoort. Het gesprek is nog niet af."),
    # Command line
    "E401": N_("Onbekend formaat {format}. Kies uit: {choices}."),
    # Consent and sharing
    "E501": N_("Toestemming {id} hoort niet bij dit paspoort."),
    "E502": N_("Toestemming {id} is ingetrokken. Er wordt niets gedeeld."),
    "E503": N_("Toestemming {id} gold tot {until}. Er wordt niets gedeeld."),
    "E504": N_("Toestemming {id} bestaat niet."),
    "E505": N_("Er is geen toestemming om dit te delen. Vraag het eerst aan de eigenaar."),
    "E506": N_("Deze toestemming is niet compleet: {what}"),
    # Coach review: raising a level, taking a change back
    "E507": N_(
        "Een hoger niveau kan alleen met bewijs. Schrijf ook op wie het bevestigt. Er is niets veranderd."
    ),
    "E508": N_("Er is geen wijziging om terug te zetten."),
    # The holder's lasting code, who may look, and take-along codes
    "E515": N_("Dit paspoort kunt u niet openen. De eigenaar heeft het niet met u gedeeld."),
    "E516": N_("Deze vakbond kennen we niet: {union}. Kies uit: {choices}."),
    "E517": N_("Een vaste code heeft 12 cijfers. Kijk nog eens goed."),
    "E518": N_("Deze vaste code kennen we niet. Misschien is er een nieuwe. Vraag het aan een medewerker."),
    "E519": N_("Een deelcode heeft 8 letters en cijfers. Kijk nog eens goed."),
    "E520": N_("Deze deelcode kennen we niet. Kijk of de tekens goed zijn."),
    "E521": N_("Dit wordt niet meer gedeeld. De eigenaar heeft het gestopt, of de tijd is om."),
    "E522": N_("Te vaak een verkeerde code. Probeer het over {seconds} seconden nog eens."),
    # Signed credentials (Open Badges) and the desk's signing key
    "E601": N_("Deze verklaring is veranderd na het ondertekenen. Vertrouw haar niet."),
    "E602": N_("Deze verklaring heeft geen handtekening. Vertrouw haar niet."),
    "E603": N_("Deze verklaring gold tot {until}. Ze geldt niet meer."),
    "E604": N_("De handtekening van deze verklaring is niet te lezen. Vertrouw haar niet."),
    "E605": N_("De naam van de uitgever past niet bij de handtekening. Vertrouw deze verklaring niet."),
    "E606": N_("Deze verklaring geldt pas vanaf {date}."),
    "E607": N_("In bestand {file} staat geen verklaring die we kunnen lezen. Het bestand is niet veranderd."),
    "E608": N_("Anderen kunnen de sleutel in {file} lezen. Maak het bestand eerst alleen leesbaar voor u."),
    "E609": N_("De sleutel in {file} is niet te gebruiken. Er is niets ondertekend."),
    "E611": N_(
        "De sleutel van de opslag in {file} is niet te gebruiken. Vraag de beheerder om de juiste sleutel."
    ),
    "E610": N_("Deze verklaring komt niet van een loket dat we kennen. Vertrouw haar niet."),
    # Settings (ASSISTENT_* variables)
    "E612": N_("Instelling {name} moet een getal van {low} tot en met {high} zijn. Nu is het {value}."),
    "E613": N_("Instelling {name} heeft een waarde die niet kan: {value}. Kijk de instelling na."),
    # Canonical JSON-LD proofs (eddsa-rdfc-2022), coach keys, employer confirmations and assessors
    "E614": N_("Deze verklaring noemt een onbekende context: {url}. We halen niets van internet."),
    "E615": N_("Het veld {field} valt buiten de handtekening. Vertrouw deze verklaring niet."),
    "E616": N_(
        "De sleutel van {name} is ingetrokken. Er is niets ondertekend. Maak eerst een nieuwe sleutel."
    ),
    "E617": N_(
        "De sleutel van {name} is verlopen op {date}. Er is niets ondertekend. Maak eerst een nieuwe."
    ),
    "E618": N_("De sleutel van {name} was al ingetrokken op {date}. Vertrouw deze verklaring niet."),
    "E619": N_("De sleutel van {name} was al verlopen op {date}. Vertrouw deze verklaring niet."),
    "E620": N_("Er is geen account met de naam {name}. Er is niets veranderd."),
    # Confirmation by an employer, and results of an outside assessor
    "E621": N_("De eigenaar deelt de vaardigheid {skill} niet. Vraag alleen naar wat gedeeld is."),
    "E622": N_("Deze code werkt niet. Misschien is hij al gebruikt. Vraag een nieuwe code."),
    "E623": N_("Deze code gold tot {date}. Vraag een nieuwe code."),
    "E624": N_("Vul bij {what} 2 tot {limit} gewone tekens in. Er is niets opgeslagen."),
    "E625": N_("Het bestand {file} is kapot of veranderd. Vraag een nieuw bestand. Er is niets opgeslagen."),
    "E626": N_("Niet alle vragen zijn beantwoord. Er is niets opgeslagen. De code werkt nog."),
    "E627": N_("Kies eerst een of meer vaardigheden met --vaardigheid."),
    "E628": N_("Het bestand {file} bestaat al. Kies een andere naam. Er is niets overschreven."),
    "E629": N_("Vul {what} goed in: {why}. Er is niets opgeslagen."),
    # Directions and next steps (ontwikkelwensen)
    "E640": N_("Kies hoogstens {limit} stappen. Er is niets opgeslagen."),
    "E641": N_("Dit beroep kennen we niet: {name}. Typ de naam anders, of kies uit de lijst."),
    "E642": N_("Deze stap hoort niet bij het gekozen beroep. Er is niets opgeslagen."),
    "E643": N_("Kies eerst een richting. Er is niets opgeslagen."),
    "E649": N_("Typ eerst de naam van een beroep."),
    # An employer compares a shared passport with a job (one passport, never a ranking)
    "E653": N_(
        "Dit beroep kennen we niet: {name}. Typ de naam anders. Of typ de vaardigheden, één per regel."
    ),
    "E654": N_("Typ hoogstens {limit} vaardigheden. U typte er {count}. Kies de belangrijkste."),
    "E655": N_("Vul een beroep in. Of vul vaardigheden in, één per regel. Niet allebei."),
    "E656": N_("De eigenaar deelt geen vaardigheden. Daarom kunt u niet vergelijken."),
}


class AssistantError(Exception):
    """An error with a code and a message a person can read."""

    def __init__(self, code: str, **params: Any) -> None:
        if code not in MESSAGES:
            raise KeyError(code)
        self.code = code
        self.params = params
        super().__init__(f"{code}: {MESSAGES[code].format(**params)}")

    def user_message(self) -> str:
        """The message in the current language, with its code so it can be reported."""
        text = _(MESSAGES[self.code]).format(**self.params)
        return f"{text} ({self.code})"

    def person_message(self) -> str:
        """The message for the person at the kiosk: without the code, which means nothing to them and which
        the worker beside them need not see; the code goes to the log for whoever fixes the cause."""
        _log.info("shown at the kiosk: %s", self.code)
        return _(MESSAGES[self.code]).format(**self.params)


class InputError(AssistantError):
    """A person's answer that cannot be taken as it is; the typed text is never thrown away."""


class DataFileError(AssistantError):
    """A dialogue or catalogue file with a mistake; names the file, line and item."""


class StorageError(AssistantError):
    """Something the store cannot do, such as an unknown id or a full disk."""
