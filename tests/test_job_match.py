"""An employer compares ONE shared passport with a job (a catalogue occupation typed by name, or a few typed
skills): matches first, then "bijna", then the gaps, then typed skills we do not know. Only what the consent
shares counts; a hidden skill leaves no trace at all."""

from __future__ import annotations

import inspect
from datetime import date, timedelta

import pytest

from assistant.development import job_match
from assistant.development.direction import broad_capabilities
from assistant.development.job_match import (
    MAX_TYPED_SKILLS,
    Fit,
    JobMatch,
    JobRequest,
    compare,
    read_request,
)
from assistant.errors import AssistantError
from assistant.passport.consent import Consent, Part
from assistant.passport.model import Passport
from assistant.skills.catalogue import Catalogue, SkillConcept
from assistant.skills.matcher import SkillMatcher
from tests.test_occupations import passport_with

BRICKLAYING = {"bouw.metselen": "confirmed", "bouw.voegen": "confirmed", "bouw.tegelen": "confirmed"}


def consent_for(passport: Passport, parts: tuple[Part, ...] = ("skills",), days: int = 30) -> Consent:
    return Consent(
        passport_id=passport.id,
        parts=list(parts),
        receiver_kind="employer",
        receiver="Bouwbedrijf De Hoek",
        purpose="Solliciteren",
        until=date.today() + timedelta(days=days),
    )


def fits(match: JobMatch) -> dict[str, Fit]:
    return {r.ref or r.typed: r.fit for r in match.requirements}


def close_pair(catalogue: Catalogue) -> tuple[SkillConcept, SkillConcept]:
    """Two sector skills of one sector sharing a CompetentNL capability: whoever has the first almost has
    the second (a broad capability such as "Zorgvuldig werken" does not count). Found in today's catalogue,
    so the test does not depend on one authored pair."""
    broad = broad_capabilities(catalogue)
    for skill in sorted(catalogue.skills.values(), key=lambda s: s.id):
        if skill.sector is None:
            continue
        wanted = {c.uri for c in skill.competentnl} - broad
        for other in catalogue.skills_by_sector.get(skill.sector, []):
            if other.id != skill.id and wanted.intersection(c.uri for c in other.competentnl):
                return skill, other
    raise AssertionError("the catalogue has no two close sector skills")


def test_a_misspelled_occupation_is_found_and_matches_come_first(
    catalogue: Catalogue, matcher: SkillMatcher
) -> None:
    passport = passport_with(catalogue, {"bouw.metselen": "confirmed", "bouw.voegen": "accepted"})
    match = compare(passport, consent_for(passport), read_request("metslaar", ""), matcher)
    assert match.occupation_id == "bouw.metselaar"
    assert fits(match)["bouw.metselen"] is Fit.HAVE and fits(match)["bouw.voegen"] is Fit.HAVE
    order = [job_match.ORDER.index(r.fit) for r in match.requirements]
    assert order == sorted(order), "what the passport shows comes first, then the gaps"
    assert Fit.MISSING in fits(match).values(), "a bricklayer with two skills still has gaps for metselaar"
    assert not hasattr(match, "score"), "nothing to rank people by"


def test_a_skill_the_holder_hid_or_rejected_leaves_no_trace(
    catalogue: Catalogue, matcher: SkillMatcher
) -> None:
    """The comparison says nothing about what is not shared: with `bouw.voegen` and `bouw.tegelen` hidden,
    it is exactly the comparison of a passport that never had them. So the employer cannot tell a hidden
    skill from a missing one, and no "bijna" names a hidden skill."""
    passport = passport_with(catalogue, {**BRICKLAYING, "bouw.specie_mengen": "rejected"})
    never_had = passport_with(catalogue, {"bouw.metselen": "confirmed"})
    hidden = frozenset({"bouw.voegen", "bouw.tegelen"})
    for request in (
        read_request("metselaar", ""),
        read_request("", "Voegen van muren\nTegels zetten\nSpecie en beton mengen"),
    ):
        seen = compare(passport, consent_for(passport), request, matcher, hidden=hidden)
        baseline = compare(never_had, consent_for(never_had), request, matcher)
        assert seen == baseline
        for requirement in seen.requirements:
            assert requirement.fit is not Fit.HAVE or requirement.ref == "bouw.metselen"
            assert requirement.close_to not in {catalogue.skills[r].label for r in hidden}
        assert fits(seen)["bouw.specie_mengen"] is Fit.MISSING, "a rejected skill is no match"
    shown = compare(passport, consent_for(passport), read_request("metselaar", ""), matcher)
    assert fits(shown)["bouw.voegen"] is Fit.HAVE, "not hidden, it does count"


def test_a_consent_without_skills_or_no_longer_valid_compares_nothing(
    catalogue: Catalogue, matcher: SkillMatcher
) -> None:
    passport = passport_with(catalogue, BRICKLAYING)
    request = read_request("metselaar", "")
    with pytest.raises(AssistantError) as no_skills:
        compare(passport, consent_for(passport, ("experiences", "ambitions")), request, matcher)
    assert no_skills.value.code == "E656"
    ended = consent_for(passport, days=5)
    with pytest.raises(AssistantError) as late:
        compare(passport, ended, request, matcher, today=ended.until + timedelta(days=1))
    assert late.value.code == "E503"
    withdrawn = consent_for(passport).model_copy(update={"withdrawn_at": ended.given_at})
    with pytest.raises(AssistantError) as stopped:
        compare(passport, withdrawn, request, matcher)
    assert stopped.value.code == "E502"
    other = passport_with(catalogue, {})
    with pytest.raises(AssistantError) as wrong:
        compare(passport, consent_for(other), request, matcher)
    assert wrong.value.code == "E501", "a consent shares only its own passport"


def test_a_close_skill_is_bijna_by_the_same_rule_as_a_direction(
    catalogue: Catalogue, matcher: SkillMatcher
) -> None:
    own, asked = close_pair(catalogue)
    passport = passport_with(catalogue, {own.id: "confirmed"})
    match = compare(passport, consent_for(passport), JobRequest(skills=(asked.label,)), matcher)
    [requirement] = [r for r in match.requirements if r.ref == asked.id]
    assert requirement.fit is Fit.ALMOST and requirement.close_to == own.label
    assert requirement.typed == asked.label


def test_typed_skills_unknown_ones_are_listed_never_dropped(
    catalogue: Catalogue, matcher: SkillMatcher
) -> None:
    passport = passport_with(catalogue, {"bouw.metselen": "confirmed", "logistiek.heftruck": "confirmed"})
    typed = "xyzzy qwerty\nmuren metselen\n🙂🙂🙂\n\n   \nheftruck rijden\nMuren metselen\nWonden verzorgen\n"
    match = compare(passport, consent_for(passport), read_request("", typed), matcher)
    assert match.occupation_id is None
    assert [r.fit for r in match.requirements] == [
        Fit.HAVE,
        Fit.HAVE,
        Fit.MISSING,
        Fit.NOT_FOUND,
        Fit.NOT_FOUND,
    ]
    assert [r.ref for r in match.requirements[:3]] == [
        "bouw.metselen",
        "logistiek.heftruck",
        "zorg.wondzorg",
    ]
    assert [r.typed for r in match.with_fit(Fit.NOT_FOUND)] == ["xyzzy qwerty", "🙂🙂🙂"]
    assert match.requirements[0].typed == "muren metselen", (
        "a skill typed twice counts once, first words kept"
    )


def test_too_many_skills_are_refused_kindly(matcher: SkillMatcher) -> None:
    ten = "\n".join(f"vaardigheid {n}" for n in range(MAX_TYPED_SKILLS))
    assert len(read_request("", ten + "\n\n\n").skills) == MAX_TYPED_SKILLS, "blank lines do not count"
    with pytest.raises(AssistantError) as many:
        read_request("", ten + "\nnog een")
    assert many.value.code == "E654"
    assert "hoogstens 10" in many.value.person_message() and "11" in many.value.person_message()


@pytest.mark.parametrize(
    ("occupation", "skills", "code"),
    [
        ("", "", "E655"),
        ("  \x00\u200b ", "\n \t\n", "E655"),
        ("metselaar", "voegen", "E655"),
        ("m" * 101, "", "E102"),
        ("", "voegen\n" + "v" * 101, "E102"),
        ("", "x\n" * 5000, "E102"),
        (None, ["voegen"], "E655"),
    ],
)
def test_bad_input_gets_a_kind_coded_error(occupation: object, skills: object, code: str) -> None:
    with pytest.raises(AssistantError) as bad:
        read_request(occupation, skills)
    assert bad.value.code == code


def test_control_characters_and_emoji_are_handled(catalogue: Catalogue, matcher: SkillMatcher) -> None:
    passport = passport_with(catalogue, {"bouw.metselen": "confirmed"})
    request = read_request("", "Muren\x00 metselen\u200b\x1b[31m\n\u202eneppets\U0001f9f1")
    assert request.skills[0] == "Muren metselen [31m"
    match = compare(passport, consent_for(passport), request, matcher)
    assert len(match.requirements) == 2, "every typed line comes back, found or not"
    with pytest.raises(AssistantError) as unknown:
        compare(passport, consent_for(passport), read_request("🧱🧱🧱", ""), matcher)
    assert unknown.value.code == "E653" and "🧱🧱🧱" in unknown.value.person_message()


def test_no_function_takes_several_passports() -> None:
    """Ranking people is impossible through this API: each function takes one passport, never a list."""
    for name, function in inspect.getmembers(job_match, inspect.isfunction):
        if function.__module__ != job_match.__name__:
            continue
        annotations = [str(p.annotation) for p in inspect.signature(function).parameters.values()]
        assert annotations.count("Passport") <= 1, name
        assert all(a == "Passport" or "Passport" not in a for a in annotations), f"{name}: several passports"
    assert "score" not in JobMatch.model_fields
