"""A SCORM 1.2 package of each bundled course: a manifest a learning system accepts, every file it
names, pages that are Signaal's own, and the same bytes every time it is built."""

from __future__ import annotations

import json
import re
from html import unescape as html_unescape
import zipfile

import pytest

from scorm_packages import ADLCP, BUNDLED, BUNDLED_IDS, IMSCP, SAMPLE_COURSES, package_target, references, unzip
from signaal.courses.catalogue import live_version
from signaal.courses.publishing import publish_course
from signaal.scorm.package import build_scorm_package, zip_time
from signaal.scorm.stops import Stop, course_stops, step_stops


@pytest.fixture(params=BUNDLED_IDS)
def bundled_version(app, request):
    outcome = publish_course(BUNDLED / request.param)
    assert not outcome.failed, [str(p) for p in outcome.problems]
    return live_version(request.param)


def expected_files(version, languages) -> set[str]:
    files = {"imsmanifest.xml", "index.html", "signaal.css", "signaal-scorm.css", "signaal-scorm.js"}
    files |= {"languages.html"} if len(languages) > 1 else set()
    for language in languages:
        files |= {f"{language}/index.html"} | {stop.path for stop in course_stops(version, language)}
        for module in version.modules_in(language):
            files |= {stop.path for scenario in module.scenarios for stop in step_stops(module, scenario)}
    return files


def check_manifest(unzipped, version, languages) -> None:
    manifest = unzipped.manifest
    assert manifest.tag == f"{IMSCP}manifest"
    assert manifest.findtext(f"{IMSCP}metadata/{IMSCP}schema") == "ADL SCORM"
    assert manifest.findtext(f"{IMSCP}metadata/{IMSCP}schemaversion") == "1.2"
    identifiers = [element.get("identifier") for element in manifest.iter() if element.get("identifier")]
    assert len(identifiers) == len(set(identifiers)) == 4, identifiers
    assert all(re.fullmatch(r"[A-Za-z_][\w.-]*", identifier) for identifier in identifiers), "identifiers must be xs:ID"
    organizations = manifest.find(f"{IMSCP}organizations")
    (organization,) = organizations.findall(f"{IMSCP}organization")
    assert organizations.get("default") == organization.get("identifier")
    (item,) = organization.findall(f"{IMSCP}item")
    (resource,) = manifest.findall(f"{IMSCP}resources/{IMSCP}resource")
    assert item.get("identifierref") == resource.get("identifier")
    assert resource.get(f"{ADLCP}scormtype") == "sco" and resource.get("type") == "webcontent"
    assert resource.get("href") == "index.html"
    listed = [file.get("href") for file in resource.findall(f"{IMSCP}file")]
    assert len(listed) == len(set(listed))
    # Every file the manifest names is in the zip, and every file in the zip is named.
    assert set(listed) == set(unzipped.files) - {"imsmanifest.xml"}
    assert organization.findtext(f"{IMSCP}title") == version.text_in(languages[0]).title if len(languages) == 1 else version.title


def check_pages(unzipped, version, languages) -> None:
    for path, data in unzipped.files.items():
        if not path.endswith(".html"):
            continue
        found = references(data.decode("utf-8"))
        for url in found.links + found.fetched:
            target = package_target(path, url)
            assert target is None or target in unzipped.files, f"{path} links to {url}, which is not in the package"
        # Nothing is fetched from outside the package: no third-party request from any page.
        assert all(package_target(path, url) for url in found.fetched), (path, found.fetched)
        language = path.split("/")[0] if "/" in path else version.language
        assert found.root == {"lang": language, "dir": "rtl" if language == "ar" else "ltr"}, path
    for language in languages:
        for stop in course_stops(version, language):
            html = unzipped.html(stop.path)
            if stop.is_quiz:
                key = json.loads(html_unescape(re.search(r"data-answer-key='([^']*)'", html).group(1)))
                questions = stop.module.quiz.questions
                assert key["right"] == {q.id: [i for i, o in enumerate(q.options) if o.correct] for q in questions}
                assert key["ask"] == stop.module.quiz.asked and key["passMark"] == version.pass_mark
                assert all(f'name="answer-{q.id}"' in html for q in questions)
            elif stop.step is None:
                # The same compiled, sanitised HTML Signaal shows.
                assert stop.module.pages[stop.page_number - 1].html in html


@pytest.mark.parametrize("all_languages", [False, True], ids=["one-language", "all-languages"])
def test_a_bundled_course_makes_a_valid_small_deterministic_package(bundled_version, all_languages):
    version = bundled_version
    languages = version.languages if all_languages else (version.language,)
    package = build_scorm_package(version, languages)
    unzipped = unzip(package.data)

    assert set(unzipped.files) == expected_files(version, languages)
    check_manifest(unzipped, version, languages)
    check_pages(unzipped, version, languages)
    assert package.file_name == f"{version.course_id}-v{version.number}-{'-'.join(languages)}-scorm12.zip"
    assert len(package.data) < 1024 * 1024, f"{len(package.data)} bytes"
    if all_languages:
        assert len(languages) >= 5
        choice = unzipped.html("languages.html")
        assert all(f'href="{language}/index.html"' in choice for language in languages)

    # Deterministic: built again, the same bytes; entries sorted, with fixed times and permissions.
    assert build_scorm_package(version, languages).data == package.data
    names = [entry.filename for entry in unzipped.entries]
    assert names == sorted(names)
    assert {entry.date_time for entry in unzipped.entries} == {zip_time(version)}
    assert {entry.external_attr >> 16 for entry in unzipped.entries} == {0o100644}
    assert {entry.compress_type for entry in unzipped.entries} == {zipfile.ZIP_DEFLATED}


def test_arabic_pages_read_right_to_left(app):
    publish_course(BUNDLED / "your-rights-at-work")
    version = live_version("your-rights-at-work")
    unzipped = unzip(build_scorm_package(version, ("ar",)).data)
    first = course_stops(version, "ar")[0]
    html = unzipped.html(first.path)
    assert '<html lang="ar" dir="rtl">' in html and '<article lang="ar" dir="rtl">' in html
    # The interface words are Arabic too: the pager's button comes from Signaal's Arabic catalog.
    assert ">التالي</a>" in html


def test_the_course_files_travel_with_the_package(app, tiny_course):
    unzipped = unzip(build_scorm_package(tiny_course).data)
    assert "assets/map.png" in unzipped.files
    html = unzipped.html("en/basics-2.html")  # "Keeping documents", with the map
    assert 'src="../assets/map.png"' in html
    assert not any(b"/courses/tiny/assets" in data for data in unzipped.files.values())


def test_a_language_the_version_is_not_offered_in_is_refused(app, tiny_course):
    from signaal.scorm.package import LanguageNotOffered

    with pytest.raises(LanguageNotOffered, match='not offered in "fr"'):
        build_scorm_package(tiny_course, ("fr",))


def test_a_scenario_is_a_page_per_step_with_its_choices_as_links(app):
    publish_course(SAMPLE_COURSES / "scenes")
    version = live_version("scenes")
    languages = version.languages
    assert languages == ("en", "ar")
    unzipped = unzip(build_scorm_package(version, languages).data)
    assert set(unzipped.files) == expected_files(version, languages)
    check_manifest(unzipped, version, languages)
    check_pages(unzipped, version, languages)

    for language in languages:
        module = version.module(language, "house")
        (scenario,) = module.scenarios
        # The module's way: its page, the scenario's start, its quiz.
        assert [stop.file for stop in course_stops(version, language)] == ["house-1.html", "house.house-visit.arrival.html", "house-quiz.html"]
        assert 'href="house.house-visit.arrival.html">' in unzipped.html(Stop(module, 1).path)
        for step in scenario.steps:
            html = unzipped.html(Stop(module, scenario=scenario, step=step).path)
            assert step.html in html and f'<article class="scenario-step" lang="{language}"' in html
            for index, choice in enumerate(step.choices):
                # Each choice is a link to the step it leads to; that page shows the choice's feedback.
                target = unzipped.html(Stop(module, scenario=scenario, step=scenario.step(choice.target)).path)
                assert f'href="house.house-visit.{choice.target}.html#after-{step.id}-{index}"' in html
                assert f'id="after-{step.id}-{index}"' in target and choice.label_html in target
                assert choice.feedback_html in target
            # Only a passing ending tells the learning system the scenario is done.
            assert ("data-scenario-passed" in html) == (step.ending is not None and scenario.passes(step.ending))
            if step.ending:
                assert 'href="house-quiz.html"' in html and 'href="house.house-visit.arrival.html"' in html
    plan = json.loads(html_unescape(re.search(r"data-plan='([^']*)'", unzipped.html("index.html")).group(1)))
    assert plan["modules"] == [{"id": "house", "pages": True, "quiz": True, "scenarios": ["house-visit"]}]
