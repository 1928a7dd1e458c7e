"""`flask courses export COURSE --scorm`: the package in a file, or a clear sentence and a non-zero exit."""

from __future__ import annotations

import pytest

from scorm_packages import unzip
from signaal.accounts.models import Role
from signaal.scorm.package import build_scorm_package


def test_the_command_writes_the_package_of_the_published_version(runner, tiny_course, tmp_path):
    target = tmp_path / "tiny.zip"
    result = runner.invoke(args=["courses", "export", "tiny", "--scorm", "--all-languages", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert f"{target}: tiny version 1, en, nl" in result.output
    assert target.read_bytes() == build_scorm_package(tiny_course, ("en", "nl")).data


def test_without_output_the_file_is_named_after_course_version_and_language(runner, tiny_course, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(args=["courses", "export", "tiny", "--scorm", "--language", "nl"])
    assert result.exit_code == 0, result.output
    assert set(unzip((tmp_path / "tiny-v1-nl-scorm12.zip").read_bytes()).files) >= {"imsmanifest.xml", "nl/index.html"}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["nope", "--scorm"], 'no course "nope"'),
        (["tiny", "--scorm", "--language", "fr"], 'tiny version 1 is not offered in "fr" — offered: en, nl'),
        (["tiny", "--scorm", "--language", "nl", "--all-languages"], "give --language or --all-languages, not both"),
        (["tiny"], "choose the format: --scorm"),
    ],
)
def test_mistakes_get_a_sentence_and_a_non_zero_exit(runner, tiny_course, tmp_path, monkeypatch, arguments, message):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(args=["courses", "export", *arguments])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert list(tmp_path.glob("*.zip")) == []


def test_an_unpublished_course_is_named_as_such(runner, app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(args=["courses", "export", "tiny", "--scorm"])
    assert result.exit_code == 1
    assert "tiny is not published yet — publish it first: flask courses publish" in result.output


def test_trainers_download_the_package_from_the_course_page(client, login, make_user, tiny_course):
    login(make_user(Role.TRAINER))
    page = client.get("/trainer/tiny").get_data(as_text=True)
    assert 'action="/trainer/tiny/scorm"' in page and "Download SCORM package" in page
    response = client.get("/trainer/tiny/scorm?language=all")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"] == 'attachment; filename="tiny-v1-en-nl-scorm12.zip"'
    assert response.data == build_scorm_package(tiny_course, ("en", "nl")).data
    response = client.get("/trainer/tiny/scorm?language=nl")
    assert response.headers["Content-Disposition"] == 'attachment; filename="tiny-v1-nl-scorm12.zip"'
    assert client.get("/trainer/tiny/scorm?language=fr").status_code == 404
    assert client.get("/trainer/nope/scorm").status_code == 404


def test_only_trainers_download_packages(client, login, make_user, tiny_course):
    assert client.get("/trainer/tiny/scorm").status_code in (302, 401)
    login(make_user(Role.PARTICIPANT))
    assert client.get("/trainer/tiny/scorm").status_code == 403
