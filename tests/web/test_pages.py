"""The dashboard's pages (quipu.web.app), rendered on the server: content, escaping, headers."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi.testclient import TestClient

from quipu.cli import _parser
from quipu.nlp import PIPELINE_VERSION
from quipu.records import Actor, Document, Evidence, Extraction, Stance
from quipu.store import open_store
from quipu.web import create_app
from quipu.web.app import CONTENT_SECURITY_POLICY

PAGES = ["/", "/timeline", "/map", "/tallies", "/alignments", "/documents"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_a_strict_policy_and_no_outside_address(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    # every script, style sheet and image is this server's own
    for ref in re.findall(r'(?:src|href)="([^"]+)"', response.text):
        assert ref.startswith(("/", "#", "?")) or ref.startswith("https://example.org/"), ref
    assert "<script>" not in response.text  # no inline script anywhere


def test_pages_overview_shows_the_corpus_at_a_glance(client):
    page = client.get("/").text
    assert "30</strong> documents" in page
    assert "<svg" in page and "merged events" in page
    assert "killed · PER" in page


def test_pages_timeline_filters_and_pages(client):
    everything = client.get("/timeline").text
    protests = client.get("/timeline", params={"type": "PROTEST"}).text
    total = int(re.search(r'id="count">(\d+) event', everything).group(1))
    some = int(re.search(r'id="count">(\d+) event', protests).group(1))
    assert 0 < some < total
    assert set(re.findall(r'data-type="([A-Z]+)"', protests)) == {"PROTEST"}
    assert 'class="next"' in client.get("/timeline", params={"limit": 5}).text
    assert client.get("/timeline", params={"since": "not a day"}).status_code == 400


def test_pages_event_shows_every_field_and_links_each_mention_to_its_sentence(client):
    event = next(
        e
        for e in client.get("/api/v1/events", params={"limit": 500}).json()["items"]
        if len(e["mentions"]) >= 2
    )
    page = client.get(f"/events/{event['id']}").text
    for mention in event["mentions"]:
        link = f"/documents/{mention['document']}?start={mention['start']}&amp;end={mention['end']}"
        assert link in page
    document = client.get(
        f"/documents/{event['mentions'][0]['document']}",
        params={"start": event["mentions"][0]["start"], "end": event["mentions"][0]["end"]},
    ).text
    marked = re.search(r'<mark id="m\d+">(.*?)</mark>', document, re.S).group(1)
    assert (
        marked.replace("&#39;", "'")
        .replace("&#34;", '"')
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        == event["mentions"][0]["sentence"]
    )
    assert client.get("/events/c0").status_code == 404


def test_pages_hostile_text_is_shown_as_text(client, hostile_id):
    pages = [client.get(f"/documents/{hostile_id}").text, client.get("/documents").text]
    pages += [client.get("/timeline", params={"place": "lima"}).text]
    for page in pages:
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "onerror=alert" not in page or "&lt;img src=x onerror=alert" in page
    assert "&lt;script&gt;alert(&#39;outlet&#39;)&lt;/script&gt; Daily" in pages[1]
    # a javascript: URL is not a link
    assert 'href="javascript:' not in pages[0]


def test_pages_alignments_filter_by_date(client):
    everything = client.get("/alignments").text
    february = client.get("/alignments", params={"since": "2023-02-01"}).text
    rows = len(re.findall(r'class="edge-row', everything))
    assert 0 < len(re.findall(r'class="edge-row', february)) < rows
    assert 'class="edge support"' in everything and 'class="edge oppose"' in everything


def test_pages_alignments_fold_states_into_their_countries_on_request(client):
    sides = client.get("/alignments").text
    folded = client.get("/alignments", params={"level": "country"})
    assert folded.status_code == 200
    assert '<option value="country" selected>' in folded.text
    assert '<option value="actor" selected>' in sides
    assert "<td>Dina Boluarte</td>" in sides and "<td>Dina Boluarte</td>" not in folded.text
    assert "<td>Peru</td>" in folded.text and "<td>Armed Forces of Peru</td>" in folded.text
    wrong = client.get("/alignments", params={"level": "<b>region</b>"})
    assert wrong.status_code == 400 and "E401" in wrong.text
    assert "<b>region</b>" not in wrong.text


def test_pages_alignments_show_hostile_names_as_text_at_either_level():
    text = "<script>alert('said')</script> The <b>army</b> backed the government."
    said = Evidence(text, 0, len(text))
    army = Actor("army", "<script>alert('side')</script>", "PER", "MIL")
    government = Actor("government", "<img src=x onerror=alert('gov')>", "PER", "GOV")
    document = Document(text=text, source="hostile-sides.md", published=dt.date(2023, 1, 2))
    store = open_store("memory://")
    store.add(
        Extraction(document, stances=[Stance(army, government, "support", "SUPPORT", said)]),
        pipeline_version=PIPELINE_VERSION,
    )
    client = TestClient(create_app(store), base_url="http://127.0.0.1")
    for level in ("actor", "country"):
        page = client.get("/alignments", params={"level": level}).text
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(&#39;side&#39;)&lt;/script&gt;" in page
    assert "<td>Peru</td>" in page  # the government, folded into its country
    store.close()


def test_pages_tallies_chart_marks_corrections_and_conflicts(client):
    page = client.get("/tallies").text
    assert 'class="correction"' in page and 'class="conflict"' in page


def test_pages_serve_listens_on_this_machine_unless_told(client):
    args = _parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    with pytest.raises(SystemExit):
        _parser().parse_args(["serve", "--port", "70000"])


def test_pages_a_form_s_empty_fields_mean_no_filter(client):
    response = client.get("/timeline?type=&actor=&place=&certainty=&since=&until=&q=")
    assert response.status_code == 200
    assert client.get("/alignments?since=&until=&level=").status_code == 200


def test_pages_event_says_why_its_mentions_were_merged_and_shows_corrections(monkeypatch):
    from quipu.corpus import corrections
    from quipu.corpus.view import read_corpus
    from quipu.records import DateSpan, Event, Place

    juliaca = Place("Juliaca", "PER", "Puno", None, -15.5, -70.13, 1)
    told = {
        "<script>alert('wire')</script> Wire": "Police fired on protesters in Juliaca on Monday.",
        "Radio": "La policía disparó contra manifestantes en Juliaca el lunes.",
        "Local": "Officers opened fire on a crowd at Juliaca airport on Monday.",
    }
    store = open_store("memory://")
    for outlet, text in told.items():
        document = Document(
            text=text, source=f"{len(text)}.txt", outlet=outlet, published=dt.date(2023, 1, 10)
        )
        event = Event(
            id=f"{document.id}-e1",
            type="ASSAULT",
            evidence=Evidence(text, 0, len(text)),
            actor=Actor(text="Police", name="police", sector="COP"),
            recipient=Actor(text="protesters", name="protesters", sector="PRO"),
            place=juliaca,
            date=DateSpan(dt.date(2023, 1, 9), dt.date(2023, 1, 9), 1),
        )
        store.add(Extraction(document=document, events=[event]), pipeline_version="0.1.0")
    (clash,) = read_corpus(store).events
    # the dashboard looks whether the store changed at every request
    monkeypatch.setattr("quipu.web.data._RECHECK_SECONDS", 0.0)
    client = TestClient(create_app(store), base_url="http://127.0.0.1")
    before = client.get(f"/events/{clash.id}").text
    assert "Why these reports are one event" in before and "Corrections" not in before
    corrections.split(store, clash.id, clash.mentions[2].event_id)
    page = client.get(f"/events/{clash.id}").text
    assert "Why these reports are one event" in page
    assert "joined on its features" in page and "started the event" in page
    assert f"merge split {clash.id} {clash.mentions[2].event_id}" in page
    # the outlet is text, never markup; and the page writes nothing
    assert "<script>alert('wire')" not in page and "&lt;script&gt;" in page
    assert [c.kind for c in store.merge_overrides()] == ["split"]
    store.close()
