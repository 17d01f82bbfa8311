"""Coach accounts and login: argon2 hashes, one answer for every wrong login, the access log, the wait after
five wrong tries, `assistent coach add-user`, and that nothing of the coach app is reachable without a login
(and nothing of it at all from the kiosk)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from textual.widgets import Input, Static

from assistant.coach_accounts import AccountError, LoginThrottle, add_user, login
from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.storage import Store
from assistant.ui.coach_app import LoginScreen, make_coach_app
from tests.conftest import ASSISTENT, open_store_at

PASSWORD = "paarse-olifant-42"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store_at(tmp_path / "coach.sqlite3")


def test_the_stored_hash_is_argon2id_and_not_the_password(store: Store) -> None:
    add_user(store, "Sanne", PASSWORD, "vakbondsconsulent")
    stored, role = store.coach_user("Sanne") or ("", "")
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert role == "vakbondsconsulent"
    assert PasswordHasher().verify(stored, PASSWORD)


def test_wrong_password_and_unknown_name_give_the_same_answer(store: Store) -> None:
    add_user(store, "Sanne", PASSWORD)
    answers = []
    for name, password in [("Sanne", "verkeerd-wachtwoord"), ("Niemand", PASSWORD), ("", PASSWORD)]:
        with pytest.raises(AssistantError) as info:
            login(store, name, password)
        answers.append((info.value.code, info.value.user_message()))
    assert answers == [("E309", "Naam of wachtwoord klopt niet. (E309)")] * 3
    identity = login(store, " Sanne ", PASSWORD)
    assert (identity.name, identity.role) == ("Sanne", "coach")


def test_logins_are_in_the_access_log_without_the_password(store: Store) -> None:
    add_user(store, "Sanne", PASSWORD)
    with pytest.raises(AssistantError):
        login(store, "Sanne", "fout-fout-fout")
    with pytest.raises(AssistantError):
        login(store, "Onbekend", PASSWORD)
    login(store, "Sanne", PASSWORD)
    entries = [e for e in store.access_log() if e.action.startswith("login")]
    assert [(e.actor, e.action) for e in entries] == [
        ("Sanne", "login-failed"),
        ("Onbekend", "login-failed"),
        ("Sanne", "login"),
    ]
    written = json.dumps([e.model_dump(mode="json") for e in store.access_log()])
    assert PASSWORD not in written and "fout-fout-fout" not in written


def test_an_old_hash_is_replaced_by_a_stronger_one_at_login(store: Store) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    store.add_coach_user("Sanne", weak, "coach")
    login(store, "Sanne", PASSWORD)
    stored, _role = store.coach_user("Sanne") or ("", "")
    assert stored != weak and not PasswordHasher().check_needs_rehash(stored)
    login(store, "Sanne", PASSWORD)


@pytest.mark.parametrize(
    ("name", "password", "role", "expected"),
    [
        ("Sanne", "kort", "coach", "Een wachtwoord heeft minstens 10 tekens."),
        ("   ", PASSWORD, "coach", "Een naam is nodig."),
        ("Sanne", PASSWORD, "baas", "Kies als rol: coach, vakbondsconsulent."),
    ],
)
def test_an_account_that_cannot_be_made_says_why(
    store: Store, name: str, password: str, role: str, expected: str
) -> None:
    with pytest.raises(AccountError) as info:
        add_user(store, name, password, role)
    assert info.value.user_message() == expected
    assert store.coach_users() == []


def test_five_wrong_logins_in_a_row_mean_waiting_thirty_seconds(store: Store) -> None:
    add_user(store, "Sanne", PASSWORD)
    now = [1000.0]
    throttle = LoginThrottle(clock=lambda: now[0])
    for _ in range(5):
        with pytest.raises(AssistantError) as info:
            login(store, "Sanne", "nog-steeds-fout", throttle)
        assert info.value.code == "E309"
    with pytest.raises(AccountError) as blocked:
        login(store, "Sanne", PASSWORD, throttle)  # even the right password waits
    assert blocked.value.user_message() == "Te vaak fout. Wacht nog 30 seconden."
    assert store.access_log()[-1].detail == {"blocked": True}
    now[0] += 30
    assert login(store, "Sanne", PASSWORD, throttle).name == "Sanne"


def _run(*args: str, stdin: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ASSISTENT), "coach", *args, "--db", str(db)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "ASSISTENT_DATA_DIR": str(db.parent)},
    )


def test_add_user_reads_the_password_from_stdin_and_the_account_works(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    made = _run(
        "add-user", "Sanne", "--rol", "vakbondsconsulent", "--vakbond", "FNV", stdin=PASSWORD + "\n", db=db
    )
    assert made.returncode == 0, made.stderr
    assert "Sanne" in made.stdout and PASSWORD not in made.stdout + made.stderr
    again = _run("add-user", "Sanne", stdin="een-ander-wachtwoord\n", db=db)
    assert again.returncode == 2 and "E308" in again.stderr
    short = _run("add-user", "Bram", stdin="kort\n", db=db)
    assert short.returncode == 2 and "minstens 10 tekens" in short.stderr

    store = open_store_at(db)
    assert store.coach_users() == [("Sanne", "vakbondsconsulent")]
    assert login(store, "Sanne", PASSWORD).role == "vakbondsconsulent"


def test_the_coach_app_without_any_account_says_what_to_do(tmp_path: Path) -> None:
    result = _run(stdin="", db=tmp_path / "leeg.sqlite3")
    assert result.returncode == 1
    assert "assistent coach add-user NAAM" in result.stderr


async def test_without_a_login_only_the_login_screen_is_there(context: AppContext) -> None:
    add_user(context.store, "Sanne", PASSWORD)
    app = make_coach_app(context)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("escape", "ctrl+p", "q", "a", "r", "tab", "enter", "enter", "escape"):
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert [type(s).__name__ for s in app.screen_stack] == ["Screen", "LoginScreen"]
        assert not app.query("#drafts") and not app.query("#skills")
        with pytest.raises(AssistantError) as info:
            app.require_identity()
        assert info.value.code == "E310"


async def test_the_login_screen_shows_the_error_and_makes_you_wait(context: AppContext) -> None:
    add_user(context.store, "Sanne", PASSWORD)
    now = [50.0]
    app = make_coach_app(context, clock=lambda: now[0])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        name, password = screen.query_one("#name", Input), screen.query_one("#password", Input)
        assert password.password, "the password is not shown"
        message = screen.query_one("#message", Static)

        async def submit() -> None:
            # Enter in the password field; a button ignores a second click within its 0.2 s press effect.
            password.focus()
            await pilot.press("enter")
            await pilot.pause()

        for _ in range(5):
            name.value, password.value = "Sanne", "helemaal-fout"
            await submit()
            assert "Naam of wachtwoord klopt niet." in str(message.render())
            assert password.value == "" and app.screen is screen
        assert "Wacht nog 30 seconden." in str(message.render())
        password.value = PASSWORD
        await submit()
        assert app.screen is screen and app.identity is None
        now[0] += 31
        password.value = PASSWORD
        await submit()
        assert app.identity is not None and app.identity.name == "Sanne"
        assert not isinstance(app.screen, LoginScreen)


KIOSK_GRAPH = """
import json, sys
import assistant.cli, assistant.serve, assistant.ui.app as kiosk
from textual.screen import Screen
if len(sys.argv) > 1:
    import assistant.ui.coach_app  # the control: this is what the check must catch

def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)

screens = sorted({c.__module__ + "." + c.__qualname__ for c in subclasses(Screen)})
actions = [b.action for b in kiosk.KioskApp.BINDINGS]
actions += [b.action for c in subclasses(Screen) if c.__module__.startswith("assistant.") for b in c.BINDINGS]
print(json.dumps({
    "modules": sorted(m for m in sys.modules if "coach" in m),
    "screens": [s for s in screens if "coach" in s.lower() or "Draft" in s or "Login" in s],
    "named": sorted([*kiosk.KioskApp.SCREENS, *kiosk.KioskApp.MODES]),
    "actions": sorted(a for a in actions if "coach" in a.lower() or "login" in a.lower()),
}))
"""


def _kiosk_graph(with_control: bool) -> dict[str, list[str]]:
    args = [sys.executable, "-c", KIOSK_GRAPH, *(["control"] if with_control else [])]
    result = subprocess.run(args, capture_output=True, text=True, timeout=120, check=True)
    return json.loads(result.stdout)


def test_the_kiosk_has_no_way_to_the_coach_app() -> None:
    # A fresh process: what the kiosk imports is all it can show, and no coach module or screen is there.
    kiosk = _kiosk_graph(with_control=False)
    assert kiosk == {"modules": [], "screens": [], "named": [], "actions": []}
    control = _kiosk_graph(with_control=True)
    assert "assistant.ui.coach_app" in control["modules"]
    assert "assistant.ui.coach_login.LoginScreen" in control["screens"]
