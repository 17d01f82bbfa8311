"""Interviews: the session and its path through the dialogue, each answer, the skills proposed for the
answers with the person's verdicts, and resume codes.

An answer, the new path and any new proposals are written together (`save_step`), so a crash never leaves
an answer without the step it led to. The answers and proposals are sealed with the interview's own data key (`person_keys`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from functools import cached_property
from uuid import uuid4

from sqlalchemy import RowMapping, select
from sqlalchemy.exc import IntegrityError

from assistant import resume_code
from assistant.dialogue.engine import Answer
from assistant.errors import StorageError
from assistant.interview.records import Proposal, SessionRecord, SessionStatus, Verdict
from assistant.storage import schema as t
from assistant.storage.database import Database, Op, utc_now


class Interviews(Database):
    """Sessions, answers, proposals and resume codes."""

    def create_session(self, dialogue: str, version: int, language: str, history: list[str]) -> SessionRecord:
        session_id = uuid4().hex
        now = utc_now()
        row = {
            "id": session_id,
            "dialogue": dialogue,
            "dialogue_version": version,
            "language": language,
            "status": "active",
            "history": json.dumps(history),
            "passport_id": None,
            "created_at": now,
            "updated_at": now,
            "resume_code": None,
        }
        with self._tx() as conn:
            self._write(conn, [{"op": "insert", "table": "sessions", "row": row}])
        return self.session(session_id)

    def session(self, session_id: str) -> SessionRecord:
        with self._read() as conn:
            row = conn.execute(select(t.sessions).where(t.sessions.c.id == session_id)).first()
        if row is None:
            raise StorageError("E302", id=session_id)
        return _session(row._mapping)

    def new_resume_code(self, session_id: str) -> str:
        """Gives the session a fresh resume code (an earlier one stops working) and returns it."""
        for _attempt in range(20):
            code = resume_code.new_code()
            try:
                self._update_session(session_id, {"resume_code": self._code_hash(code)}, touch=False)
            except StorageError as exc:
                if isinstance(exc.__cause__, IntegrityError):
                    continue  # another session has this code already: draw again
                raise
            return code
        raise StorageError("E303", what="geen vrije code")

    def session_by_code(self, code: str) -> SessionRecord | None:
        """The session a code belongs to. A code stored by an older version (unkeyed SHA-256) still works
        and is replaced by the keyed hash at once, so it can be guessed from the file no longer."""
        keyed = self._code_hash(code)
        # Under the current key, then under older keys of the ring (a rotation), then unkeyed (older version).
        older = [
            resume_code.keyed_digest(code, secret)
            for secret in self.cipher.derive_secrets(resume_code.SECRET_PURPOSE)[1:]
        ]
        with self._read() as conn:
            row = conn.execute(select(t.sessions).where(t.sessions.c.resume_code == keyed)).first()
            rehash = False
            for stored in [*older, resume_code.legacy_digest(code)]:
                if row is not None:
                    break
                row = conn.execute(select(t.sessions).where(t.sessions.c.resume_code == stored)).first()
                rehash = row is not None
        if row is None:
            return None
        if rehash:
            self._update_session(row.id, {"resume_code": keyed}, touch=False)
        return _session(row._mapping)

    def forget_legacy_codes(self, max_age_days: float) -> int:
        """Clears unkeyed code hashes of sessions untouched for `max_age_days`: those codes no longer work,
        and their hashes would only help someone guessing from a copy of the file. Returns how many."""
        cutoff = (datetime.now(UTC) - timedelta(days=max_age_days)).isoformat()
        with self._read() as conn:
            rows = conn.execute(
                select(t.sessions.c.id, t.sessions.c.resume_code).where(
                    t.sessions.c.resume_code.is_not(None), t.sessions.c.updated_at < cutoff
                )
            ).all()
        stale = [r.id for r in rows if resume_code.is_legacy(r.resume_code)]
        for session_id in stale:
            self._update_session(session_id, {"resume_code": None}, touch=False)
        return len(stale)

    @cached_property
    def _code_secret(self) -> bytes:
        return self.cipher.derive_secret(resume_code.SECRET_PURPOSE)

    def _code_hash(self, code: str) -> str:
        return resume_code.keyed_digest(code, self._code_secret)

    def sessions(self, statuses: tuple[SessionStatus, ...] = ("active",)) -> list[SessionRecord]:
        with self._read() as conn:
            rows = conn.execute(
                select(t.sessions)
                .where(t.sessions.c.status.in_(statuses))
                .order_by(t.sessions.c.updated_at.desc())
            ).all()
        return [_session(r._mapping) for r in rows]

    def _update_session(self, session_id: str, values: dict[str, object], touch: bool = True) -> None:
        if touch:
            values = {**values, "updated_at": utc_now()}
        op = {"op": "update", "table": "sessions", "key": {"id": session_id}, "values": values}
        with self._tx() as conn:
            if self._write(conn, [op]) != [1]:
                raise StorageError("E302", id=session_id)

    def save_step(
        self,
        session_id: str,
        history: list[str],
        answer: Answer | None = None,
        proposals: Sequence[Proposal] = (),
        filled_in: Sequence[Answer] = (),
    ) -> None:
        """Writes an answer (and any answers filled in from it), the new path and any new skill proposals
        in one transaction."""
        ops: list[Op] = [
            {"op": "upsert", "table": "answers", "row": self._answer_row(session_id, given)}
            for given in ([answer] if answer is not None else []) + list(filled_in)
        ]
        with self._tx() as conn:
            present = {
                r.skill_ref: r
                for r in conn.execute(
                    select(
                        t.proposals.c.skill_ref,
                        t.proposals.c.seq,
                        t.proposals.c.data,
                        t.proposals.c.verdict,
                        t.proposals.c.decided_at,
                    ).where(t.proposals.c.session_id == session_id)
                ).all()
            }
            seq = max((r.seq for r in present.values()), default=0)
            for proposal in proposals:
                old = present.get(proposal.skill_ref)
                if old is None:
                    seq += 1
                    row = {
                        "session_id": session_id,
                        "skill_ref": proposal.skill_ref,
                        "seq": seq,
                        "data": self.keys.seal(session_id, proposal.model_dump_json()),
                        "verdict": None,
                        "decided_at": None,
                    }
                    ops.append({"op": "insert", "table": "proposals", "row": row})
                elif old.verdict == "nee":
                    # Asked again for another answer: the earlier "Nee" is kept with the proposal.
                    before = Proposal.model_validate_json(self.keys.open(old.data) or "")
                    before = before.model_copy(update={"verdict": old.verdict})
                    if not before.may_ask_again(proposal.question_id):
                        continue
                    earlier = [
                        *before.earlier,
                        {
                            "question_id": before.question_id,
                            "verdict": "nee",
                            "decided_at": old.decided_at or "",
                        },
                    ]
                    again = proposal.model_copy(update={"earlier": earlier})
                    seq += 1
                    values = {
                        "seq": seq,
                        "data": self.keys.seal(session_id, again.model_dump_json()),
                        "verdict": None,
                        "decided_at": None,
                    }
                    key = {"session_id": session_id, "skill_ref": proposal.skill_ref}
                    ops.append({"op": "update", "table": "proposals", "key": key, "values": values})
            values = {"history": json.dumps(history), "updated_at": utc_now()}
            ops.append({"op": "update", "table": "sessions", "key": {"id": session_id}, "values": values})
            if self._write(conn, ops)[-1] != 1:
                raise StorageError("E302", id=session_id)

    def _answer_row(self, session_id: str, given: Answer) -> dict[str, object]:
        return {
            "session_id": session_id,
            "question_id": given.question_id,
            "status": given.status,
            "answer_values": self.keys.seal(session_id, json.dumps(given.values, ensure_ascii=False)),
            "text": self.keys.seal(session_id, given.text),
            "answered_at": given.answered_at.isoformat(),
            "language": given.language,
            "inferred_from": given.inferred_from,
        }

    def answers(self, session_id: str) -> dict[str, Answer]:
        with self._read() as conn:
            rows = conn.execute(select(t.answers).where(t.answers.c.session_id == session_id)).all()
        return {
            r.question_id: Answer(
                question_id=r.question_id,
                status=r.status,
                values=json.loads(self.keys.open(r.answer_values) or "[]"),
                text=self.keys.open(r.text),
                answered_at=datetime.fromisoformat(r.answered_at),
                language=r.language,
                inferred_from=r.inferred_from,
            )
            for r in rows
        }

    def proposals(self, session_id: str) -> list[Proposal]:
        with self._read() as conn:
            rows = conn.execute(
                select(t.proposals).where(t.proposals.c.session_id == session_id).order_by(t.proposals.c.seq)
            ).all()
        return [
            Proposal.model_validate_json(self.keys.open(r.data) or "").model_copy(
                update={
                    "verdict": r.verdict,
                    "decided_at": datetime.fromisoformat(r.decided_at) if r.decided_at else None,
                }
            )
            for r in rows
        ]

    def decide(self, session_id: str, skill_ref: str, verdict: Verdict) -> None:
        now = utc_now()
        with self._tx() as conn:
            self._write(
                conn,
                [
                    {
                        "op": "update",
                        "table": "proposals",
                        "key": {"session_id": session_id, "skill_ref": skill_ref},
                        "values": {"verdict": verdict, "decided_at": now},
                    },
                    {
                        "op": "update",
                        "table": "sessions",
                        "key": {"id": session_id},
                        "values": {"updated_at": now},
                    },
                ],
            )

    def set_session_language(self, session_id: str, language: str) -> None:
        self._update_session(session_id, {"language": language})

    def set_session_status(self, session_id: str, status: SessionStatus) -> None:
        self._update_session(session_id, {"status": status})


def _session(row: RowMapping) -> SessionRecord:
    return SessionRecord(
        id=row["id"],
        dialogue=row["dialogue"],
        dialogue_version=int(row["dialogue_version"]),
        language=row["language"],
        status=row["status"],
        history=json.loads(row["history"]),
        passport_id=row["passport_id"],
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
    )
