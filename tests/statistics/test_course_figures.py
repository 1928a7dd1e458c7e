"""Every statistic on the small hand-checked data set (see statistics_data.py), through the CSV downloads."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest

from signaal.accounts.models import Role
from signaal.clock import today
from statistics_data import build


@pytest.fixture
def data(make_user, tiny_course):
    return build(make_user, tiny_course)


def table(client, url: str) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.data.startswith("\ufeff".encode())  # Excel reads the BOM as "this is UTF-8"
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


@pytest.fixture
def north(client, login, data):
    login(data.coordinator)
    return f"org-{data.north.id}"


def test_course_figures_for_one_organisation(client, north):
    rows = table(client, f"/statistics/courses.csv?scope={north}")
    assert rows == [
        ["Course", "Enrolled", "Started", "Completed", "Completion rate", "Median days to complete", "Average first-try quiz score"],
        # Enrolled: Anna, Borys, Cecylia (assigned) and Dawid (started); median of 2 and 4 days;
        # first tries 50, 100, 100, 0, 0 → 50.
        ["Tiny course", "4", "3", "2", "50%", "3", "50%"],
    ]


def test_course_figures_for_a_group(client, data, north):
    rows = table(client, f"/statistics/courses.csv?scope=group-{data.intake.id}")
    # Anna, Borys, Cecylia: first tries 50, 100, 100, 0 → 62.5
    assert rows[1] == ["Tiny course", "3", "2", "2", "67%", "3", "62.5%"]


def test_first_try_pass_rate_per_question_hardest_first(client, north):
    rows = table(client, f"/statistics/questions.csv?scope={north}&course=tiny")
    assert rows[0] == ["Module", "Question", "Topics", "First tries", "Right the first time"]
    assert [row[2:] for row in rows[1:]] == [
        ["documents debts", "3", "33%"],  # signs: only Borys
        ["", "2", "50%"],  # reporting: Anna yes, Borys no
        ["", "3", "67%"],  # plain: Anna and Borys yes, Dawid no
    ]
    assert rows[1][1] == "Which of these are signs of exploitation?"


def test_topics_missed_most_on_the_first_try(client, north):
    rows = table(client, f"/statistics/topics.csv?scope={north}&course=tiny")
    assert rows == [
        ["Topic", "Questions", "First-try answers", "Missed", "Missed share"],
        ["debts", "1", "3", "2", "67%"],
        ["documents", "1", "3", "2", "67%"],
    ]


def test_module_funnel(client, north):
    rows = table(client, f"/statistics/funnel.csv?scope={north}&course=tiny")
    assert rows == [["Module", "Reached", "Finished"], ["The basics", "3", "2"], ["Next steps", "2", "2"]]


def test_breakdown_by_group_language_and_month(client, north):
    assert table(client, f"/statistics/groups.csv?scope={north}")[1:] == [
        ["Intake", "Tiny course", "3", "2", "2", "67%"],
    ]
    assert table(client, f"/statistics/languages.csv?scope={north}")[1:] == [
        ["Bulgarian", "Tiny course", "1", "0", "0", "0%"],
        ["Not chosen", "Tiny course", "1", "1", "0", "0%"],
        ["Polish", "Tiny course", "2", "2", "2", "100%"],
    ]
    assert table(client, f"/statistics/months.csv?scope={north}") == [
        ["Month", "Started", "Completed"], ["2024-01", "2", "2"], ["2024-02", "1", "0"],
    ]


def test_certificates_expiring_within_the_chosen_days(client, north):
    within_30 = table(client, f"/statistics/expiring.csv?scope={north}&days=30")
    assert within_30[1:] == [["Anna Nowak", "anna", "Tiny course", (today() + timedelta(days=10)).isoformat()]]
    within_60 = table(client, f"/statistics/expiring.csv?scope={north}&days=60")
    assert [row[1] for row in within_60[1:]] == ["anna", "borys"]
    page = client.get(f"/statistics/expiring?scope={north}&days=60").get_data(as_text=True)
    assert "Borys Petrov" in page and "Emil" not in page and "2 certificates" in page


def test_overview_page_shows_the_figures_a_chart_and_its_numbers(client, north):
    page = client.get(f"/statistics/?scope={north}").get_data(as_text=True)
    assert '<th scope="row"><a href="/statistics/courses/tiny?scope=' in page
    assert "<td>50%</td>" in page
    # The chart has a title and a description, and its numbers are in a table too.
    assert '<figure class="chart" aria-labelledby="completions-title">' in page
    assert '<span class="bar-label">2024-01</span>' in page
    assert "<th scope=\"row\">2024-01</th><td>2</td><td>2</td>" in page
    course = client.get(f"/statistics/courses/tiny?scope={north}").get_data(as_text=True)
    assert '<figcaption id="funnel-title">' in course
    # Topic tags read as words in the chart.
    assert '<span class="bar-label">Documents</span>' in course


def test_admin_sees_every_organisation_with_small_cells_hidden(client, login, make_user, data):
    login(make_user(Role.ADMIN))
    # Five enrolled across North and South: shown; everything below five is hidden.
    assert table(client, "/statistics/courses.csv?scope=all")[1] == ["Tiny course", "5", "<5", "<5", "<5", "<5", "<5"]
    assert table(client, "/statistics/languages.csv?scope=all")[1:] == [
        ["Bulgarian", "Tiny course", "<5", "<5", "<5", "<5"],
        ["Not chosen", "Tiny course", "<5", "<5", "<5", "<5"],
        ["Polish", "Tiny course", "<5", "<5", "<5", "<5"],
        ["Romanian", "Tiny course", "<5", "<5", "<5", "<5"],
    ]
    assert "numbers below 5 are hidden" in client.get("/statistics/?scope=all").get_data(as_text=True)


def test_the_suppression_threshold_is_configurable(app, client, login, make_user, data):
    app.config["STATISTICS_MIN_CELL_SIZE"] = 2
    login(make_user(Role.ADMIN))
    # Emil adds a 10-day completion: median of 2, 4 and 10 days is 4;
    # first tries 50, 100, 100, 0, 0 and Emil's 100, 100 → 450 / 7 = 64.3.
    assert table(client, "/statistics/courses.csv?scope=all")[1] == ["Tiny course", "5", "4", "3", "60%", "4", "64.3%"]
    assert table(client, "/statistics/languages.csv?scope=all")[1:] == [
        ["Bulgarian", "Tiny course", "<2", "<2", "<2", "<2"],
        ["Not chosen", "Tiny course", "<2", "<2", "<2", "<2"],
        ["Polish", "Tiny course", "2", "2", "2", "100%"],
        ["Romanian", "Tiny course", "<2", "<2", "<2", "<2"],
    ]
    # Across the region the breakdown is by organisation: North 4 enrolled, 3 started, 2 completed.
    assert table(client, "/statistics/organisations.csv?scope=all")[1:] == [
        ["North", "Tiny course", "4", "3", "2", "50%"],
        ["South", "Tiny course", "<2", "<2", "<2", "<2"],
    ]


def test_the_region_breaks_down_by_organisation_and_gives_every_group_as_csv(client, login, make_user, data):
    login(make_user(Role.ADMIN))
    page = client.get("/statistics/?scope=all").get_data(as_text=True)
    assert "By organisation" in page and "By group" not in page
    assert '<th scope="row">North</th><td>Tiny course</td>' in page
    assert 'href="/statistics/groups.csv?scope=all"' in page
    assert table(client, "/statistics/groups.csv?scope=all")[1][:2] == ["North · Intake", "Tiny course"]
    # Across the region, the chooser offers organisations; an organisation's page offers its groups too.
    def scope_options(html):
        chooser = re.search(r'<select id="scope" name="scope">(.*?)</select>', html, re.S).group(1)
        return re.findall(r'<option value="([\w-]+)"', chooser)

    assert scope_options(page) == ["all", f"org-{data.north.id}", f"org-{data.south.id}"]
    one_organisation = client.get(f"/statistics/?scope=org-{data.north.id}").get_data(as_text=True)
    assert scope_options(one_organisation) == ["all", f"org-{data.north.id}", f"org-{data.south.id}", f"group-{data.intake.id}"]
    assert "By group" in one_organisation and "By organisation" not in one_organisation
    assert '<th scope="row">Intake</th><td>Tiny course</td><td>3</td>' in one_organisation


def test_one_organisation_is_never_suppressed(app, client, north):
    app.config["STATISTICS_MIN_CELL_SIZE"] = 100
    assert table(client, f"/statistics/courses.csv?scope={north}")[1][1:4] == ["4", "3", "2"]
