"""Which skills the kiosk asks about after one answer: every "Klopt dit?" costs a person a screen read
aloud, so few, likely and in a sensible order.

Through the real proposer on the catalogue matcher where the rule shows in real answers, and through
`asking.choose` with hand-made candidates where a rule needs exact confidences (occupations, several
ticked choices, another sector)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.skills.asking import MAX_QUESTIONS, choose
from assistant.skills.assembly import as_proposer
from assistant.skills.calibration import LEXICAL_FEATURES, MEANING, Calibration, Candidate
from assistant.skills.catalogue import Catalogue
from assistant.skills.linker import names_occupation
from assistant.skills.logistic import Logistic
from assistant.skills.matcher import Evidence, MatchResult, SkillMatch, SkillMatcher
from assistant.skills.nlp import is_word_part, misspelled_common_word
from assistant.skills.proposer import Proposer
from assistant.skills.said_with import said_with_matches

CONTEXTS: list[tuple[str, ...]] = [(), ("horeca",), ("productie",), ("zorg",), ("schoonmaak",), ("groen",)]


@pytest.fixture(scope="module")
def proposer(matcher: SkillMatcher) -> Proposer:
    made = as_proposer(matcher)
    assert isinstance(made, Proposer)
    return made


def _asked(proposer: Proposer, text: str, context: tuple[str, ...] = (), implied: bool = True) -> list[str]:
    return [q.match.skill.id for q in proposer.propose([text], context, implied=implied)]


def _found(proposer: Proposer, text: str, context: tuple[str, ...] = ()) -> list[str]:
    return [c.match.skill.id for c in proposer.candidates(text, context)[1]]


# Through the real proposer ---------------------------------------------------------------------------

LONG_ANSWER = (
    "ik heb muren gemetseld, tegels gezet, metaal gelast, met de heftruck gereden, vloeren gedweild, "
    "ramen gewassen, gras gemaaid, koffie gezet, afgerekend aan de kassa, vakken gevuld, dozen ingepakt, "
    "bomen gesnoeid, medicijnen gegeven, voorgelezen aan kinderen en kozijnen geverfd"
)


@pytest.mark.parametrize("context", [(), ("bouw",)])
def test_a_long_answer_naming_fifteen_skills_asks_at_most_four(
    proposer: Proposer, context: tuple[str, ...]
) -> None:
    _result, found = proposer.candidates(LONG_ANSWER, context)
    likely = [c for c in found if proposer.calibration.confidence(c) >= proposer.calibration.threshold]
    assert len(likely) >= 6, "the answer names many skills the kiosk could ask about"
    questions = proposer.propose([LONG_ANSWER], context)
    assert 1 <= len(questions) <= MAX_QUESTIONS == 4
    assert len({q.match.skill.id for q in questions}) == len(questions)
    confidences = [q.confidence for q in questions]
    assert confidences == sorted(confidences, reverse=True), "said in words: likeliest first"


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("implied", [True, False])
def test_koken_of_bakken_asks_one_kind_of_baking(
    proposer: Proposer, context: tuple[str, ...], implied: bool
) -> None:
    asked = _asked(proposer, "Koken of bakken", context, implied)
    assert not {"productie.bakken", "horeca.bakken_frituren"} <= set(asked), asked
    assert asked, "the hobby choice still asks something"


@pytest.mark.parametrize("text", ["heftruck rijden", "ik heb jaren heftruck gereden"])
@pytest.mark.parametrize("context", [(), ("logistiek",)])
def test_heftruck_rijden_is_not_driving_a_lorry(
    proposer: Proposer, text: str, context: tuple[str, ...]
) -> None:
    asked = _asked(proposer, text, context)
    assert "logistiek.heftruck" in asked
    assert "logistiek.vrachtwagen_rijden" not in asked


@pytest.mark.parametrize("context", [(), ("schoonmaak",), ("productie",), ("horeca",)])
def test_prullebakken_holds_no_baking(proposer: Proposer, context: tuple[str, ...]) -> None:
    for text in ("prullebakken legen", "ik moest de prullebakken legen en de vloer dweilen"):
        found = _found(proposer, text, context)
        assert not [s for s in found if "bak" in s], (text, found)
        assert not [s for s in _asked(proposer, text, context) if "bak" in s]
    assert is_word_part("vrachtwagen") and not is_word_part("prulle")


@pytest.mark.parametrize("context", [(), ("schoonmaak",), ("productie",), ("horeca",)])
def test_vuilnisbakken_are_bins_not_baking(proposer: Proposer, context: tuple[str, ...]) -> None:
    """A plural compound noun ends in its singular: "vuilnisbakken" are bins ("bak"), so neither baking nor
    a bakery job is found in it; "broodbakken" (baking bread) still is baking."""
    for text in ("vuilnisbakken legen", "ik leeg de afvalbakken in het park"):
        found = _found(proposer, text, context)
        assert not [s for s in found if "bak" in s], (text, found)
        assert not [o.label for o in proposer.match(text, context).occupations if "akker" in o.label]
    assert "productie.bakken" in _found(proposer, "broodbakken in de fabriek", context)


@pytest.mark.parametrize("context", [(), ("groen",), ("detailhandel",)])
def test_how_often_something_happens_is_no_skill(proposer: Proposer, context: tuple[str, ...]) -> None:
    """ "meestal" (mostly) is no "stal" (a stable) and "soms" (sometimes) no "sommen" (sums)."""
    for text in ("ik werk meestal in de avond", "soms in het weekend", "vaak, en weleens een dag vrij"):
        assert _found(proposer, text, context) == [], text
    assert "detailhandel.kassa" in _asked(proposer, "meestal zit ik achter de kassa")


@pytest.mark.parametrize(
    ("text", "not_this"),
    [
        ("het is ver weg", "detailhandel.versafdeling"),
        ("dat weet ik zeker", "logistiek.lading_zekeren"),
        ("ik heb dat reeds gedaan", "https://linkeddata.competentnl.nl/id/humancapability/57F37BF52D"),
        ("ik werk aan boord van een schip", "metaal_elektro.boren_zagen"),
        ("een reeks dozen", "https://linkeddata.competentnl.nl/id/humancapability/D5BBA931FB"),
        ("ik heb talent", "https://linkeddata.competentnl.nl/id/humancapability/66C527547D"),
        ("dat klinkt goed", "groen.bestrating"),
        ("ik wil niemand verstoren", "detailhandel.versafdeling"),
        ("met mijn verstand", "detailhandel.versafdeling"),
        ("een zekere man", "logistiek.lading_zekeren"),
        ("hij is gered", "https://linkeddata.competentnl.nl/id/humancapability/57F37BF52D"),
        ("een paarse jas", "groen.dieren_voeren"),
    ],
)
def test_a_frequent_word_is_not_read_as_another_that_shares_its_stem(
    proposer: Proposer, text: str, not_this: str
) -> None:
    assert not_this not in _found(proposer, text), text


def test_the_words_those_frequent_words_were_taken_for_are_still_found(proposer: Proposer) -> None:
    assert "logistiek.lading_zekeren" in _found(proposer, "de lading zekeren met spanbanden")
    assert "detailhandel.versafdeling" in _found(proposer, "ik werkte op de versafdeling")
    assert "groen.dieren_voeren" in _found(proposer, "ik verzorg de paarden")
    assert "https://linkeddata.competentnl.nl/id/humancapability/57F37BF52D" in _found(
        proposer, "ik heb veel gereden met de auto"
    )


@pytest.mark.parametrize("context", [(), ("logistiek",), ("zorg",)])
def test_helping_the_elderly_is_not_caring_for_ones_parents(
    proposer: Proposer, context: tuple[str, ...]
) -> None:
    """ "ouderen" (the elderly) and "ouders" (parents) share a stem, but only parents make a family carer."""
    for text in ("taxi, ik help ouderen met instappen", "in mijn winkel help ik veel ouderen"):
        assert "zorg.mantelzorg" not in _found(proposer, text, context), text
    assert "zorg.mantelzorg" in _asked(proposer, "ik help mijn ouders, ze zijn ziek", context)


@pytest.mark.parametrize("context", [(), ("logistiek",), ("groen",)])
def test_unloading_a_lorry_is_not_walking_a_dog(proposer: Proposer, context: tuple[str, ...]) -> None:
    """ "uitladen" and "uitlaten" share five letters and end in "-den" and "-ten", but they are two verbs."""
    assert "groen.dieren_omgang" not in _found(proposer, "vrachtwagen uitladen bij de supermarkt", context)
    assert "logistiek.laden_lossen" in _asked(proposer, "vrachtwagen uitladen bij de supermarkt", context)
    assert "logistiek.laden_lossen" not in _found(proposer, "de hond van de buren uitlaten", context)
    assert "groen.dieren_omgang" in _found(proposer, "de hond van de buren uitlaten", context)


@pytest.mark.parametrize("context", [(), ("logistiek",), ("zorg",), ("horeca",)])
def test_helping_people_on_and_off_the_bus_is_no_beer_tapping(
    proposer: Proposer, context: tuple[str, ...]
) -> None:
    for text in ("ik help ouderen met instappen in de bus", "helpen bij het uitstappen", "opstappen"):
        assert "horeca.bar" not in _found(proposer, text, context), text
    assert "horeca.bar" in _found(proposer, "bier tappen achter de bar", context)
    assert "productie.inpakken" in _found(proposer, "dozen inpakken", context)


@pytest.mark.parametrize("context", [(), ("groen",), ("zorg",)])
def test_boodschapen_typo_is_shopping_not_feeding_sheep(proposer: Proposer, context: tuple[str, ...]) -> None:
    assert misspelled_common_word("boodschapen") == "boodschappen"
    assert misspelled_common_word("boodschappen") is None, "a right word is no slip"
    for text in ("boodschapen doen", "ik ga boodschapen doen voor mijn moeder"):
        assert "groen.dieren_voeren" not in _found(proposer, text, context)
        assert not [s for s in _asked(proposer, text, context) if s.startswith("groen.")]


@pytest.mark.parametrize("context", [(), ("zorg",), ("kinderopvang",)])
def test_helpen_alone_asks_nothing_about_medicines(proposer: Proposer, context: tuple[str, ...]) -> None:
    for text in ("helpen", "ik wil graag helpen"):
        assert "zorg.medicijnen" not in _found(proposer, text, context)
        assert "zorg.medicijnen" not in _asked(proposer, text, context)
    # while saying it does ask
    assert "zorg.medicijnen" in _asked(proposer, "ik gaf de bewoners hun medicijnen", ("zorg",))


@pytest.mark.parametrize(
    ("text", "context", "skill"),
    [
        ("tegelzetter", (), "bouw.tegelen"),
        ("ik was metselaar", ("bouw",), "bouw.metselen"),
        ("ik was kok", (), "horeca.koken"),
    ],
)
def test_a_job_title_alone_asks_about_the_jobs_typical_skill(
    proposer: Proposer, text: str, context: tuple[str, ...], skill: str
) -> None:
    result, _found = proposer.candidates(text, context)
    assert result.occupations, "the job is recognised"
    asked = _asked(proposer, text, context)
    assert skill in asked and len(asked) <= 2, asked


def test_names_occupation_wants_the_word_for_the_person() -> None:
    assert not names_occupation("magazijn", "Magazijnbeheerder")
    assert not names_occupation("heftruck", "Monteur heftrucks")
    assert not names_occupation("helpen", "Helpende")
    assert names_occupation("vrachtwagenchauffeur", "Vrachtwagenchauffeur binnenland")
    assert names_occupation("schoonmaakster", "schoonmaker/schoonmaakster")
    # the person word said makes it a job
    assert names_occupation("magazijnbeheerder", "Magazijnbeheerder")
    assert names_occupation("monteur", "Monteur heftrucks")
    assert names_occupation("helpende", "Helpende")


# Through asking.choose with hand-made candidates -----------------------------------------------------


def _calibration(threshold: float = 0.3) -> Calibration:
    """Confidence = sigmoid(10 * score - 5), whatever else: 0.5 at 0.5, 0.73 at 0.6, 0.98 at 0.9. A skill
    said in words has its score in "lexical"; a skill a job implies has it in "job" (divided by 0.7)."""
    n = len(LEXICAL_FEATURES)
    weights = np.zeros(n + 1)
    weights[0], weights[1], weights[-1] = 10.0, 7.0, -5.0
    return Calibration(Logistic(LEXICAL_FEATURES, np.zeros(n), np.ones(n), weights), threshold, False, {})


class Texts:
    """Hand-made answers: each skill on its own stretch of words unless told otherwise."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._at = 0

    def said(self, skill_id: str, score: float, span: tuple[int, int] | None = None) -> Candidate:
        start, end = span or self._next()
        match = SkillMatch(self.catalogue.skills[skill_id], score, Evidence("w" * (end - start), start, end))
        return Candidate(match, sector_fit=0, competitors=0)

    def by_job(self, skill_id: str, score: float, occupation: str) -> Candidate:
        start, end = self._next()
        match = SkillMatch(
            self.catalogue.skills[skill_id],
            score,
            Evidence("w" * (end - start), start, end),
            f"occupation:{occupation}",
        )
        return Candidate(match, sector_fit=0, competitors=0)

    def _next(self) -> tuple[int, int]:
        self._at += 20
        return self._at, self._at + 10


def _ids(questions: list) -> list[str]:
    return [q.match.skill.id for q in questions]


def test_same_words_ask_only_the_likeliest_sense(catalogue: Catalogue) -> None:
    t = Texts(catalogue)
    found = [
        t.said("zorg.wassen", 0.8, (10, 16)),
        t.said("schoonmaak.was_strijken", 0.7, (10, 16)),
        t.said("zorg.aankleden", 0.7, (20, 29)),
    ]
    asked = _ids(choose([MatchResult("x" * 40)], _calibration(), [found], set()))
    assert asked == ["zorg.wassen", "zorg.aankleden"]


def test_occupation_skills_come_after_words_and_only_one(catalogue: Catalogue) -> None:
    t = Texts(catalogue)
    found = [
        t.by_job("bouw.voegen", 0.95, "bouw.metselaar"),  # more certain than anything said
        t.by_job("bouw.specie_mengen", 0.9, "bouw.metselaar"),
        t.by_job("bouw.steigers", 0.85, "bouw.metselaar"),
        t.said("bouw.metselen", 0.6),
        t.said("bouw.tegelen", 0.65),
    ]
    questions = choose([MatchResult("x" * 200)], _calibration(), [found], set())
    assert _ids(questions) == ["bouw.tegelen", "bouw.metselen", "bouw.voegen"]
    assert [q.match.via for q in questions][-1] == "occupation:bouw.metselaar"


def test_occupation_alone_brings_at_most_two(catalogue: Catalogue) -> None:
    t = Texts(catalogue)
    found = [
        t.by_job("bouw.voegen", 0.95, "bouw.metselaar"),
        t.by_job("bouw.specie_mengen", 0.9, "bouw.metselaar"),
        t.by_job("bouw.steigers", 0.85, "bouw.metselaar"),
    ]
    asked = _ids(choose([MatchResult("x" * 200)], _calibration(), [found], set()))
    assert asked == ["bouw.voegen", "bouw.specie_mengen"]


def test_no_occupation_skills_for_family_care_or_hobbies(catalogue: Catalogue) -> None:
    t = Texts(catalogue)
    found = [t.by_job("horeca.koken", 0.95, "horeca.kok"), t.said("zorg.mantelzorg", 0.7)]
    asked = _ids(choose([MatchResult("x" * 200)], _calibration(), [found], set(), implied=False))
    assert asked == ["zorg.mantelzorg"]


def test_each_ticked_choice_gets_a_turn(catalogue: Catalogue) -> None:
    t = Texts(catalogue)
    first = [t.said("horeca.koken", 0.95), t.said("horeca.snijden", 0.9), t.said("horeca.afwassen", 0.85)]
    second = [t.said("zorg.wassen", 0.7), t.said("zorg.aankleden", 0.65), t.said("zorg.medicijnen", 0.6)]
    questions = choose(
        [MatchResult("koken"), MatchResult("zorgen")], _calibration(), [first, second], set(), limit=4
    )
    assert _ids(questions) == ["horeca.koken", "zorg.wassen", "horeca.snijden", "zorg.aankleden"]
    assert [q.text_index for q in questions] == [0, 1, 0, 1]


def test_occupation_of_another_sector_than_chosen_brings_no_skills(catalogue: Catalogue) -> None:
    def run(context: set[str], named: list[str]) -> list[str]:
        t = Texts(catalogue)
        found = [t.by_job("bouw.voegen", 0.95, "bouw.metselaar"), t.said("zorg.wassen", 0.7)]
        result = MatchResult("x" * 200, sectors=named)
        return _ids(choose([result], _calibration(), [found], context))

    assert run({"zorg"}, []) == ["zorg.wassen"], "a mason's skill after choosing care"
    assert run({"bouw"}, []) == ["zorg.wassen", "bouw.voegen"]
    assert run(set(), []) == ["zorg.wassen", "bouw.voegen"], "no sector chosen: the job counts"
    assert run({"zorg"}, ["bouw"]) == ["zorg.wassen", "bouw.voegen"], "the answer names the building trade"


def test_limit_and_exclude_are_kept(catalogue: Catalogue) -> None:
    t = Texts(catalogue)
    found = [t.said(s, 0.9 - i * 0.01) for i, s in enumerate(sorted(catalogue.skills)[:8])]
    questions = choose([MatchResult("x" * 400)], _calibration(), [found], set())
    assert len(questions) == MAX_QUESTIONS
    excluded = {questions[0].match.skill.id}
    again = choose([MatchResult("x" * 400)], _calibration(), [found], set(), exclude=excluded)
    assert excluded.isdisjoint(_ids(again)) and len(again) == MAX_QUESTIONS


# Said together ---------------------------------------------------------------------------------------


def test_care_said_of_someone_close_asks_about_caring_for_a_family_member(proposer: Proposer) -> None:
    """Washing and dressing said of "mijn man" is also caring for a family member; said of the residents
    of a care home it is a job, and no family care is found."""
    family = proposer.candidates("na zijn operatie help ik mijn man met wassen en aankleden", ())[1]
    by_rule = [c.match for c in family if c.match.skill.id == "zorg.mantelzorg"]
    assert by_rule and by_rule[0].via == "said_with" and by_rule[0].evidence.text == "mijn man"
    assert "zorg.mantelzorg" in _asked(proposer, "na zijn operatie help ik mijn man met wassen en aankleden")
    work = _found(proposer, "ik help de bewoners met wassen en aankleden", ("zorg",))
    assert "zorg.mantelzorg" not in work


def test_a_skill_done_in_every_sector_is_not_held_against_the_chosen_sector(proposer: Proposer) -> None:
    """Night shifts at a supermarket are shift work: the catalogue files it under production, but it is
    done everywhere. Masonry after choosing care still counts as another sector."""
    shifts = {
        c.match.skill.id: c
        for c in proposer.candidates("vakkenvuller in de nachtploeg", ("detailhandel",))[1]
    }
    assert proposer.catalogue.skills["productie.ploegendienst"].everywhere
    assert shifts["productie.ploegendienst"].sector_fit == 0
    assert "productie.ploegendienst" in _asked(proposer, "vakkenvuller in de nachtploeg", ("detailhandel",))
    masonry = {c.match.skill.id: c for c in proposer.candidates("ik heb muren gemetseld", ("zorg",))[1]}
    assert masonry["bouw.metselen"].sector_fit == -1


def test_an_illness_of_someone_close_is_family_care(proposer: Proposer) -> None:
    """ "Kanker" said of "mijn broer" stands for the care, as a care skill would; "mn" is read as "mijn"."""
    found = proposer.candidates("mijn broer had kanker, ik was bij hem tot het einde", ())[1]
    by_rule = [c.match for c in found if c.match.skill.id == "zorg.mantelzorg"]
    assert by_rule and by_rule[0].via == "said_with" and by_rule[0].evidence.text == "broer"
    spoken = proposer.candidates("mn man heeft dementie", ())[1]
    assert [c.match.evidence.text for c in spoken if c.match.skill.id == "zorg.mantelzorg"] == ["mn man"]
    assert "zorg.mantelzorg" not in _found(proposer, "mijn broer werkt in de bouw")


def test_a_care_skill_found_by_meaning_alone_does_not_carry_the_rule(catalogue: Catalogue) -> None:
    """Meaning finds weak neighbours ("turks en koerdisch" near measuring blood sugar): only a care skill
    said in words, with "mijn oom", means family care."""
    text = "ik tolk voor mijn oom bij de advocaat, turks en koerdisch"
    near = Evidence("turks en koerdisch", 38, 56)
    by_meaning = SkillMatch(catalogue.skills["zorg.meten"], 0.0, near, MEANING)
    assert said_with_matches(catalogue, text, [by_meaning]) == []
    in_words = SkillMatch(catalogue.skills["zorg.meten"], 0.9, near)
    assert [m.skill.id for m in said_with_matches(catalogue, text, [in_words])] == ["zorg.mantelzorg"]


def test_a_family_word_without_any_care_finds_no_family_care(proposer: Proposer) -> None:
    assert "zorg.mantelzorg" not in _found(proposer, "ik heb met mijn vader de tuin omgespit")


def test_the_parents_of_children_in_care_are_not_ones_own_parents(proposer: Proposer) -> None:
    """At a day nursery "de ouders" are the children's parents; "mijn ouders" are one's own."""
    nursery = "ik geef de medicijnen van de kinderen en bespreek het met de ouders"
    assert "zorg.mantelzorg" not in _found(proposer, nursery, ("kinderopvang",))
    assert "zorg.mantelzorg" in _found(proposer, "ik geef mijn ouders hun medicijnen")


def test_care_for_mother_is_not_another_sector_for_a_cleaner(proposer: Proposer) -> None:
    """The chosen sector is about her job; care for her mother is not weighed down by it."""
    text = "ik maak kantoren schoon en daarna help ik mijn moeder met wassen"
    candidates = {c.match.skill.id: c for c in proposer.candidates(text, ("schoonmaak",))[1]}
    assert candidates["zorg.wassen"].sector_fit == 0
    assert candidates["zorg.mantelzorg"].sector_fit == 0
    alone = {c.match.skill.id: c for c in proposer.candidates("ik help met wassen", ("schoonmaak",))[1]}
    assert alone["zorg.wassen"].sector_fit == -1


@pytest.mark.parametrize("text", ["kraanmachinist op de bouw, torenkraan", "ik rij mobiele kraan op de bouw"])
def test_a_crane_operator_is_asked_about_a_crane(proposer: Proposer, text: str) -> None:
    """The skill a crane brings is asked in words that name a crane, not a digger alone."""
    [first, *_] = proposer.propose([text])
    assert first.match.skill.id == "bouw.graafmachine"
    assert "kraan" in first.match.skill.label.lower()
