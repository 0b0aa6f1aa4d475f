"""The page cache: pages come from it, with ETags and 304s, and an edit is never served stale."""

import gzip
from unittest import mock

import brotli
import pytest
from crispy_forms.templatetags.crispy_forms_tags import CrispyFormNode
from django.conf import settings
from django.core.cache import cache, caches
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from backcare.cache import bump_content_version, read_content_version
from backcare.models import SeedRecord
from exercises.models import BodyArea, Exercise
from guidance.models import Cause, ClinicDetails, GuideText, WarningSign
from tests.exercises.test_admin import edit_in_admin, revert_in_admin
from tests.guidance.test_admin import cause_data
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db

CAUSES = reverse("guidance:causes")
PUBLIC_URLS = [
    reverse("guidance:home"),
    reverse("exercises:list"),
    reverse("exercises:list") + "?area=neck",
    reverse("exercises:detail", args=["wall-angel"]),
    CAUSES,
    reverse("guidance:seek_help"),
    reverse("guidance:checklist"),
    reverse("guidance:contact"),
    reverse("sitemap"),
    reverse("robots"),
]


def worker(name: str):
    """Act as one gunicorn worker: its own memory cache, unless the run shares Redis."""
    if settings.REDIS_URL:
        return override_settings()
    memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
    return override_settings(CACHES={**settings.CACHES, "default": memory})


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_a_second_visit_is_served_from_the_cache_with_one_query(
    client, url, django_assert_num_queries
):
    first = client.get(url)
    assert first.status_code == 200
    assert cache.get(f"page:{first['ETag'][3:-1]}") is not None
    # Only the content version is read: no rendering, no session, no page queries.
    with django_assert_num_queries(1):
        second = client.get(url)
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == "no-cache"
    assert "Cookie" in second["Vary"]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_a_repeat_visit_with_its_etag_gets_304_without_the_page(
    client, url, django_assert_num_queries
):
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(1):
        response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_the_etag_is_per_page_and_changes_with_the_content(client):
    home = client.get(reverse("guidance:home"))["ETag"]
    causes = client.get(CAUSES)["ETag"]
    assert home != causes
    bump_content_version()
    response = client.get(CAUSES, headers={"If-None-Match": causes})
    assert response.status_code == 200
    assert response["ETag"] != causes


def test_an_admin_edit_shows_on_the_next_request_on_every_worker(client, editor_client):
    for name in ("a", "b"):
        with worker(name):
            assert "Worry tightens" not in text_of(client.get(CAUSES))
    cause = Cause.objects.get(slug="stress")
    with worker("a"):
        response = editor_client.post(
            reverse("admin:guidance_cause_change", args=[cause.pk]),
            cause_data(cause, body="Worry tightens the muscles between the shoulder blades."),
        )
        assert response.status_code == 302
    for name in ("a", "b"):
        with worker(name):
            assert "Worry tightens the muscles" in text_of(client.get(CAUSES)), name


def test_an_exercise_edit_and_its_revert_show_on_the_list_and_the_page(client, editor_client):
    exercise = Exercise.objects.get(slug="wall-angel")
    loaded = exercise.history.earliest()
    url = exercise.get_absolute_url()
    client.get(url), client.get(reverse("exercises:list"))
    edit_in_admin(editor_client, exercise, name="Wall slide")
    assert soup(client.get(url)).h1.get_text(strip=True) == "Wall slide"
    assert "Wall slide" in text_of(client.get(reverse("exercises:list")))
    revert_in_admin(editor_client, exercise.pk, loaded)
    assert soup(client.get(url)).h1.get_text(strip=True) == "Wall Angel"


def test_a_deleted_exercise_is_gone_from_the_next_list_and_its_page_404s(client, editor_client):
    exercise = Exercise.objects.get(slug="wall-angel")
    url = exercise.get_absolute_url()
    assert client.get(url).status_code == 200
    assert "Wall Angel" in text_of(client.get(reverse("exercises:list")))
    response = editor_client.post(
        reverse("admin:exercises_exercise_delete", args=[exercise.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert client.get(url).status_code == 404
    assert "Wall Angel" not in text_of(client.get(reverse("exercises:list")))


def test_a_renamed_body_area_and_a_changed_link_show_on_exercise_cards(client):
    list_url = reverse("exercises:list")
    client.get(list_url)
    area = BodyArea.objects.get(slug="neck")
    area.name = "Cervical spine"
    area.save()
    assert "Cervical spine" in text_of(client.get(list_url))
    exercise = Exercise.objects.get(slug="wall-angel")
    exercise.body_areas.add(area)  # a many-to-many change, no save()
    page = soup(client.get(list_url + "?area=neck"))
    assert "Wall Angel" in [h.get_text(strip=True) for h in page.select(".card-title")]


def test_clinic_details_guide_texts_and_warning_signs_show_at_once(client):
    home, checklist = reverse("guidance:home"), reverse("guidance:checklist")
    client.get(home), client.get(checklist)
    clinic = ClinicDetails.objects.get()
    clinic.name = "Harbor Spine Clinic"
    clinic.save()
    assert "Harbor Spine Clinic" in text_of(client.get(home))
    intro = GuideText.objects.get(key="introduction")
    intro.body = "A fresh introduction from the clinic."
    intro.save()
    assert "A fresh introduction from the clinic." in text_of(client.get(home))
    sign = WarningSign.objects.get(slug="fever")
    sign.is_published = False
    sign.save()
    assert b'value="fever"' not in client.get(checklist).content


def test_content_added_by_load_guide_shows_on_the_next_request(client):
    # A fixture row never loaded before (here: forgotten, as on a site older than the row).
    Cause.objects.get(slug="stress").delete()
    SeedRecord.objects.filter(model="guidance.cause", key='["stress"]').delete()
    assert "Stress" not in [h.get_text(strip=True) for h in soup(client.get(CAUSES)).select("h2")]
    call_command("load_guide", verbosity=0)
    assert "Stress" in [h.get_text(strip=True) for h in soup(client.get(CAUSES)).select("h2")]


def test_staff_bypass_the_cache_and_their_pages_are_never_stored(client, editor_client):
    draft = Exercise.objects.get(slug="shoulder-roll")
    draft.is_published = False
    draft.save()
    staff_page = editor_client.get(draft.get_absolute_url())
    assert staff_page.status_code == 200 and "ETag" not in staff_page
    assert client.get(draft.get_absolute_url()).status_code == 404
    editor_client.get(CAUSES)
    # A public visit after staff's still renders for the public: nothing staff saw was stored.
    public = client.get(CAUSES)
    assert "Draft" not in text_of(public) and "ETag" in public


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_set_no_cookie(client, url):
    response = client.get(url)
    assert not response.cookies
    assert not client.get(url).cookies


@pytest.mark.parametrize(
    ("encoding", "decompress"), [("gzip", gzip.decompress), ("br", brotli.decompress)]
)
def test_pages_are_compressed_for_browsers_that_accept_it(client, encoding, decompress):
    plain = client.get(CAUSES).content
    for _ in range(2):  # rendered, then cached
        response = client.get(CAUSES, headers={"Accept-Encoding": f"{encoding}, deflate"})
        assert response["Content-Encoding"] == encoding
        assert "Accept-Encoding" in response["Vary"]
        assert decompress(response.content) == plain
        assert len(response.content) < len(plain) / 2
        assert int(response["Content-Length"]) == len(response.content)


def test_pages_not_cached_are_compressed_too(client, settings):
    settings.BACKCARE_PAGE_CACHE = False
    response = client.get("/no-such-page/", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 404
    assert b"Page not found" in gzip.decompress(response.content)


def test_a_cached_page_carries_no_csp_nonce(client):
    for url in PUBLIC_URLS[:-2]:
        response = client.get(url)
        assert "nonce" not in response["Content-Security-Policy"]
        assert not soup(response).select("script[nonce]")


def test_a_head_request_gets_the_headers_without_the_page(client):
    client.get(CAUSES)
    response = client.head(CAUSES)
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"]


def test_nothing_is_cached_while_the_content_version_row_is_missing(client):
    from backcare.models import ContentVersion

    ContentVersion.objects.all().delete()
    response = client.get(CAUSES)
    assert response.status_code == 200 and "ETag" not in response
    bump_content_version()
    assert read_content_version() is not None
    assert "ETag" in client.get(CAUSES)


def test_the_checklist_forms_html_is_kept_until_a_sign_changes(client, settings):
    settings.BACKCARE_PAGE_CACHE = False  # every request renders the page: only the form is kept
    url = reverse("guidance:checklist")
    first = client.get(url)
    with mock.patch.object(
        CrispyFormNode, "render", autospec=True, side_effect=CrispyFormNode.render
    ) as crispy:
        second = client.get(url)
        assert crispy.call_count == 0
        assert second.content == first.content
        sign = WarningSign.objects.get(slug="chest-pain-or-breathlessness")
        sign.question = "Do you have chest pain, pressure or tightness with the back pain?"
        sign.save()
        third = client.get(url)
        assert crispy.call_count == 1
    assert "pressure or tightness" in text_of(third)


def test_without_the_page_cache_the_kept_data_and_fragments_are_never_stale_either(
    client, settings
):
    settings.BACKCARE_PAGE_CACHE = False
    list_url, causes = reverse("exercises:list"), CAUSES
    client.get(list_url), client.get(causes)
    area = BodyArea.objects.get(slug="neck")
    area.name = "Cervical spine"
    area.save()
    clinic = ClinicDetails.objects.get()
    clinic.name = "Harbor Spine Clinic"
    clinic.save()
    cause = Cause.objects.get(slug="stress")
    cause.title = "Stress and worry"
    cause.save()
    assert "Cervical spine" in text_of(client.get(list_url))
    page = soup(client.get(causes))
    assert "Harbor Spine Clinic" in page.footer.get_text()
    assert "Stress and worry" in [h.get_text(strip=True) for h in page.select("h2")]


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("/exercises/?area=neck", True),
        ("/exercises/?area=neck&kind=stretch", True),
        ("/exercises/?area=no-such-area", False),
        ("/exercises/?area=neck&utm_source=mail", False),
        ("/causes/?utm_source=mail", False),
        ("/causes/?" + "x" * 2000, False),
        # An exercise opened from a routine shows the routine's dose: any routine can be written.
        ("/exercises/childs-pose/?routine=childs-pose:2x30s.1/d", False),
        ("/exercises/childs-pose/?routine=CHILDS-POSE:2X30S", False),
        ("/exercises/routine/?do=wall-angel:10.1/d,pec-stretch:3x20s.2/d", True),
        ("/exercises/routine/start/?do=wall-angel:10.1/d,pec-stretch:3x20s.2/d&at=2", True),
        # The same routine percent-encoded, as some clients send it: shown, never kept.
        ("/exercises/routine/?do=wall-angel%3A10.1%2Fd", False),
        # A routine with a note on what its address held that could not be used.
        ("/exercises/routine/?do=wall-angel:10.1/d,no-such-exercise", False),
    ],
)
def test_only_query_strings_a_page_knows_are_kept(client, url, kept):
    # Anyone can make up query strings: keeping each page would let them fill the cache.
    first = client.get(url)
    assert first.status_code == 200
    key = f"page:{first['ETag'][3:-1]}"
    assert any(store.get(key) is not None for store in caches.all()) is kept
    # Kept or not, the page is the same for everyone: a repeat visit gets a 304.
    response = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert response.status_code == 304


@pytest.mark.parametrize(
    "url",
    [
        reverse("exercises:routine") + "?do=shoulder-roll:5.2/d,wall-angel:10.1/d",
        reverse("exercises:routine_print") + "?do=shoulder-roll:5.2/d,wall-angel:10.1/d",
        reverse("exercises:routine_session") + "?do=shoulder-roll:5.2/d,wall-angel:10.1/d&at=2",
        reverse("exercises:routine_detail_session", args=["morning-mobility"]) + "?at=done",
        reverse("search") + "?q=trapezius",
        reverse("exercises:routines"),
        reverse("exercises:routine_detail", args=["morning-mobility"]),
        reverse("exercises:routine_detail_print", args=["morning-mobility"]),
    ],
)
def test_routines_and_search_answer_a_repeat_visit_with_304_and_show_an_edit_at_once(
    client, url, django_assert_num_queries
):
    first = client.get(url)
    assert first.status_code == 200 and first["Cache-Control"] == "no-cache"
    with django_assert_num_queries(1):
        repeat = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert repeat.status_code == 304
    wall_angel = Exercise.objects.get(slug="wall-angel")
    wall_angel.name = "Wall Slide"
    wall_angel.save()
    changed = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_a_host_the_site_does_not_serve_gets_the_400_page_even_for_a_kept_page(client):
    client.get(CAUSES)
    for url in (CAUSES, "/", "/no-such-page/"):
        response = client.get(url, headers={"Host": "evil.example"})
        assert response.status_code == 400, url
        assert "evil.example" not in response.content.decode()
        assert soup(response).h1.get_text(strip=True) == "We could not read that request"


def test_links_to_the_page_come_from_the_sites_address_never_the_request(client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    # A path that starts with two slashes, as a browser would not send it but a client can.
    response = client.get("/", PATH_INFO="//evil.example/", headers={"Host": "other.example"})
    assert response.status_code == 404
    page = soup(response)
    assert page.select_one('link[rel="canonical"]')["href"] == "http://testserver//evil.example/"
    assert page.select_one('meta[property="og:url"]')["content"].startswith("http://testserver/")
    assert "other.example" not in str(page) and "://evil.example" not in str(page)


def test_every_allowed_host_shares_one_kept_page(client, django_assert_num_queries):
    first = client.get(CAUSES, headers={"Host": "localhost"})
    with django_assert_num_queries(1):
        second = client.get(CAUSES, headers={"Host": "127.0.0.1"})
    assert second["ETag"] == first["ETag"] and second.content == first.content


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("?%61rea=neck", "?area=neck"),
        ("?area=%6eeck", "?area=neck"),
        ("?area=neck&&", "?area=neck"),
        ("?kind=stretch&area=neck", "?area=neck&kind=stretch"),
        ("?area=", ""),
    ],
)
def test_another_spelling_of_the_lists_filters_goes_to_the_one_that_is_kept(
    client, spelling, canonical
):
    list_url = reverse("exercises:list")
    response = client.get(list_url + spelling)
    assert response.status_code == 302
    assert response["Location"] == list_url + canonical
    assert "ETag" not in response
    kept = client.get(response["Location"])
    assert cache.get(f"page:{kept['ETag'][3:-1]}") is not None


def test_a_made_up_session_cookie_gets_the_kept_public_page(client, django_assert_num_queries):
    first = client.get(CAUSES)
    client.cookies["sessionid"] = "made-up"
    with django_assert_num_queries(1):
        response = client.get(CAUSES)
    assert response.content == first.content and "ETag" in response
    assert not response.cookies


def test_staff_are_marked_at_admin_login_and_see_drafts_until_they_log_out(client, editor):
    draft = Cause.objects.get(slug="stress")
    draft.is_published = False
    draft.save()
    public = client.get(CAUSES)
    assert "Stress" not in text_of(public)
    login = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "a-long-editor-password", "next": "/admin/"},
    )
    assert login.status_code == 302
    marker = login.cookies[settings.BACKCARE_STAFF_COOKIE]
    assert marker.value and marker["httponly"]
    staff = client.get(CAUSES)
    assert "Stress" in text_of(staff) and "ETag" not in staff
    client.post(reverse("admin:logout"))
    assert client.cookies[settings.BACKCARE_STAFF_COOKIE].value == ""
    assert "Stress" not in text_of(client.get(CAUSES))


def test_a_forged_staff_marker_gets_the_public_page(client, editor_client):
    draft = Cause.objects.get(slug="stress")
    draft.is_published = False
    draft.save()
    # A real session with a made-up marker: not staff's browser, so the public page.
    editor_client.cookies[settings.BACKCARE_STAFF_COOKIE] = "1:made-up:signature"
    response = editor_client.get(CAUSES)
    assert "Stress" not in text_of(response) and "ETag" in response


def test_a_page_many_ask_for_at_once_is_rendered_once_per_process(rf, monkeypatch):
    """After an edit (or with Redis down) a busy page is rendered once, not once per visitor."""
    import threading
    import time

    from django.db import connection, connections
    from django.http import HttpResponse

    from backcare import cache as page_cache

    monkeypatch.setattr(page_cache, "cache_version", lambda request: "release.content-after-edit")
    renders = []

    renderer = []

    def slow_view(request):
        renderer.append(threading.current_thread())
        renders.append(request.path)
        time.sleep(0.3)
        return HttpResponse("<p>Causes of upper back pain</p>" * 20)

    middleware = page_cache.PageCacheMiddleware(slow_view)
    responses = []

    # Which visitors gave their database connection back to the pool (an in-memory SQLite
    # database is never really closed, so the calls are counted).
    closed, gave_back = [], []
    wrapper = type(connections["default"])
    close = wrapper.close

    def counted_close(self):
        closed.append(threading.current_thread())
        close(self)

    monkeypatch.setattr(wrapper, "close", counted_close)

    def visit():
        connection.ensure_connection()  # the content version's query has run
        responses.append(middleware(rf.get("/causes/")))
        if threading.current_thread() is not renderer[0]:
            gave_back.append(threading.current_thread() in closed)

    visitors = [threading.Thread(target=visit) for _ in range(8)]
    for visitor in visitors:
        visitor.start()
    for visitor in visitors:
        visitor.join()

    assert len(renders) == 1
    assert [r.status_code for r in responses] == [200] * 8
    # Each visitor that waited gave its database connection back to the pool meanwhile.
    assert gave_back == [True] * 7
    assert {r.content for r in responses} == {b"<p>Causes of upper back pain</p>" * 20}
    assert page_cache.rendering == {}
    cache.clear()


def test_routines_of_ones_own_are_kept_apart_a_bounded_number_of_them(client, settings):
    # Anyone can write a new routine: its pages must not push the guide's pages out of the cache.
    settings.CACHES = {
        **settings.CACHES,
        "routines": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "test-routines-bounded",
            "OPTIONS": {"MAX_ENTRIES": 4, "CULL_FREQUENCY": 2},
        },
    }
    keys = []
    for reps in range(1, 11):
        response = client.get(f"/exercises/routine/?do=wall-angel:{reps}.1/d")
        assert response.status_code == 200
        keys.append(f"page:{response['ETag'][3:-1]}")
    routines = caches["routines"]
    assert all(cache.get(key) is None for key in keys), "none in the guide's cache"
    assert routines.get(keys[-1]) is not None, "the latest is kept"
    assert 1 <= sum(routines.get(key) is not None for key in keys) <= 4
