"""On the central PostgreSQL, the server itself keeps a coach login out of passports whose holder did not
let a coach look, and a union counsellor out of those of another union's members: row-level security
(migration 0009), checked with raw SQL as the coach login, under a live coach session."""

from __future__ import annotations

from collections.abc import Callable

from assistant import holder
from assistant.context import AppContext
from assistant.passport.review import Review
from assistant.storage import Store
from tests.conftest import coach_session
from tests.test_pg_roles import MARK, Region, _interview, _rows, region, stores

__all__ = ["region", "stores"]  # fixtures, used by name


def test_the_server_shows_a_coach_only_what_the_holder_allowed(
    context: AppContext, region: Region, stores: Callable[..., Store]
) -> None:
    owner = stores(region.owner_url)
    hidden_pid = _interview(owner, context, MARK)
    fnv_pid = _interview(owner, context, "Spreeuw8812")
    holder.choose_coach(owner, fnv_pid, True, "FNV")
    coach_url = region.login_url("coach")
    coach = stores(coach_url)
    sanne = coach_session(owner, "Sanne", holders_said_yes=False)
    cnv = coach_session(owner, "Cor", "vakbondsconsulent", holders_said_yes=False)
    owner.set_counsellor_union("Cor", "CNV")
    fnv = coach_session(owner, "Fenna", "vakbondsconsulent", holders_said_yes=False)
    owner.set_counsellor_union("Fenna", "FNV")

    for table, where in (
        ("passports", f"id = '{hidden_pid}'"),
        ("sessions", f"passport_id = '{hidden_pid}'"),
        ("answers", f"session_id IN (SELECT id FROM sessions WHERE passport_id = '{hidden_pid}')"),
    ):
        assert _rows(coach_url, f"SELECT * FROM {table} WHERE {where}", coach_token=sanne) == [], table
    assert _rows(coach_url, "SELECT id FROM passports", coach_token=sanne) == [(fnv_pid,)]
    assert _rows(coach_url, "SELECT id FROM passports", coach_token=fnv) == [(fnv_pid,)]
    assert _rows(coach_url, "SELECT id FROM passports", coach_token=cnv) == [], "another union's member"
    assert _rows(coach_url, f"UPDATE passports SET status = 'x' WHERE id = '{hidden_pid}' RETURNING id",
                 coach_token=sanne) == []  # fmt: skip
    assert [row[0] for row in coach.passports(coach_token=sanne)] == [fnv_pid]

    holder.choose_coach(owner, hidden_pid, True, None)  # later, with the lasting code: Ja
    assert {r[0] for r in _rows(coach_url, "SELECT id FROM passports", coach_token=sanne)} == {
        hidden_pid,
        fnv_pid,
    }
    assert _rows(coach_url, f"SELECT id FROM passports WHERE id = '{hidden_pid}'", coach_token=fnv) == []
    coach.coach_token = sanne  # as after a login on this coach machine
    Review(coach, hidden_pid, sanne)  # the coach opens it: the look is logged
    assert ("Sanne", "viewed") in [(e.actor, e.action) for e in owner.access_log(hidden_pid)]
