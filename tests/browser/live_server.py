"""A real Signaal server on 127.0.0.1 for the browser tests and the benchmarks.

The instance gets its own folder and SQLite database, the bundled courses are
published the way `flask setup` does it, and gunicorn serves it exactly as in
production. The test process keeps an app object on the same database so that
tests can read what the server wrote (the answer key, progress, certificates).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, url_for

from gunicorn_server import serve
from signaal import create_app
from signaal.accounts.models import Role
from signaal.accounts.registry import create_user
from signaal.courses.publishing import publish_course
from signaal.extensions import db
from signaal.organisations.groups import create_group, offered_course_ids
from signaal.organisations.models import Membership, Organisation

REPOSITORY = Path(__file__).resolve().parents[2]
BUNDLED_COURSES = REPOSITORY / "courses"
PASSWORD = "correct horse battery"

# Accounts every served instance has besides the administrator `flask setup` makes.
STAFF = {"coordinator": Role.COORDINATOR, "trainer": Role.TRAINER}


@dataclass
class LiveInstance:
    folder: Path
    font_cache: Path
    courses: Path = BUNDLED_COURSES
    # Further course folders published after the bundled ones (e.g. a test course), not offered to the group.
    extra_courses: tuple[Path, ...] = ()
    database_url: str | None = None  # an empty server database (benchmarks); default: SQLite in the folder
    app: Flask = field(init=False)
    invite_path: str = field(init=False, default="")
    url: str = field(init=False, default="")  # set while serving()

    def __post_init__(self) -> None:
        self.app = create_app({**self.overrides(), "COURSES_PATH": self.courses, "FONT_CACHE_PATH": self.font_cache})

    def overrides(self) -> dict:
        """Settings passed to the served app as a literal (gunicorn evaluates it)."""
        return {
            "INSTANCE_PATH": str(self.folder / "instance"),
            "SQLALCHEMY_DATABASE_URI": self.database_url or f"sqlite:///{self.folder / 'signaal.db'}",
            "SECRET_KEY": "browser-tests-only",
            "SIGNAAL_ISSUER_NAME": "Stichting Signaal (browser tests)",
        }

    def prepare(self) -> "LiveInstance":
        """Set up the database like `flask setup` in production, plus an organisation and its staff.

        The coordinator manages the organisation; its group invites participants
        (`invite_path`) to the bundled courses.
        """
        with self.app.app_context():
            result = self.app.test_cli_runner().invoke(args=["setup", "--no-demo"])
        assert result.exit_code == 0, f"flask setup failed: {result.output}{result.exception!r}"
        with self.app.app_context(), self.app.test_request_context():
            organisation = Organisation(name="Browser test employer")
            db.session.add(organisation)
            db.session.flush()
            for username, role in STAFF.items():
                user = create_user(username, PASSWORD, role=role)
                db.session.add(Membership(user_id=user.id, organisation_id=organisation.id))
            db.session.commit()
            group = create_group(None, organisation, "Night shift", course_ids=offered_course_ids())
            db.session.commit()
            for folder in self.extra_courses:
                outcome = publish_course(folder)
                assert not outcome.failed, [str(problem) for problem in outcome.problems]
                db.session.commit()
            self.invite_path = url_for("joining.invitation", token=group.invite_token)
        return self

    @contextlib.contextmanager
    def serving(self, workers: int = 2, log_name: str = "server.log"):
        """Serve the instance with gunicorn on a free 127.0.0.1 port; yield its base URL."""
        env = {
            **os.environ,
            # Serve the code of this working tree, whatever the virtualenv has installed.
            "PYTHONPATH": str(REPOSITORY / "platform"),
            "SIGNAAL_COURSES_PATH": str(self.courses),
            "SIGNAAL_FONT_CACHE": str(self.font_cache),
        }
        with serve(f"signaal:create_app({self.overrides()!r})", workers=workers, env=env, log=self.folder / log_name) as url:
            yield url
