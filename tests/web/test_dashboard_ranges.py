"""The dashboard's span is the crisis, not a past it recalls; tallies honour their kind."""

from __future__ import annotations

import re


def test_dashboard_ranges_overview_spans_the_news_not_a_recalled_1992(client):
    page = client.get("/").text
    span = re.search(r"from <strong>(\d{4}-\d\d-\d\d)</strong> to <strong>(\d{4})", page)
    assert span is not None
    assert span.group(1) >= "2022-12-01" and span.group(2) == "2023"
    assert "earlier events recalled" in page


def test_dashboard_ranges_timeline_opens_on_the_crisis_and_lists_the_past_last(client):
    days = re.findall(r"<h2>([^<]+)</h2>", client.get("/timeline?limit=500").text)
    assert days[0].startswith("2022-12")
    recalled = [day for day in days if day.endswith(", recalled")]
    assert recalled and days[-len(recalled) :] == recalled
    assert any(day.startswith("1992-04-01") for day in recalled)


def test_dashboard_ranges_tallies_of_participants_are_only_participants(client):
    found = client.get("/api/v1/tallies", params={"kind": "participants"}).json()
    assert found["items"] and {item["kind"] for item in found["items"]} == {"participants"}
    killed = client.get("/api/v1/tallies", params={"kind": "KILLED"}).json()["items"]
    assert killed and {item["kind"] for item in killed} == {"killed"}
    page = client.get("/tallies", params={"kind": "participants"}).text
    titles = re.findall(r'<section class="series" id="([^"]+)"', page)
    assert titles and all("participants" in title for title in titles)
