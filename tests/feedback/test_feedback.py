""" "Was this page helpful?": on every guide page, counted per page and month, with no cookie."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backcare.settings import BACKCARE_RATE_LIMITS as PRODUCTION_LIMITS
from feedback.models import FeedbackComment, PageFeedback
from feedback.records import delete_old_feedback, record, summary_lines, this_month
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db

POST = reverse("feedback:post")
WALL_ANGEL = reverse("exercises:detail", args=["wall-angel"])
GUIDE_PAGES = [
    reverse("guidance:home"),
    reverse("guidance:causes"),
    reverse("guidance:remedies"),
    reverse("exercises:list"),
    WALL_ANGEL,
    reverse("exercises:routines"),
    reverse("exercises:routine_detail", args=["morning-mobility"]),
    reverse("exercises:routine"),
]


def browser(**kwargs) -> Client:
    """A visitor's browser: Django's CSRF check applies to it, as to a real one."""
    return Client(enforce_csrf_checks=True, **kwargs)


def feedback_form(response):
    return soup(response).select_one("aside.page-feedback form[action='/feedback/']")


def send(client=None, **data):
    data = {"page": WALL_ANGEL, "helpful": "yes", "comment": "", **data}
    return (client or browser()).post(POST, data)


def counts(page=WALL_ANGEL):
    row = PageFeedback.objects.filter(page=page, month=this_month()).first()
    return (row.yes, row.no) if row else (0, 0)


@pytest.mark.parametrize("url", GUIDE_PAGES)
def test_every_guide_page_asks_whether_it_helped_and_not_to_give_personal_details(client, url):
    response = client.get(url)
    form = feedback_form(response)
    assert form is not None, f"{url} has no feedback form"
    assert form["method"] == "post"
    assert form.select_one("input[name=page]")["value"] == url
    legend = form.select_one("fieldset legend").get_text(" ", strip=True)
    assert legend.startswith("Was this page helpful?")
    assert [label.get_text(strip=True) for label in form.select("fieldset label")] == ["Yes", "No"]
    assert form.select_one("textarea[name=comment]")["maxlength"] == "500"
    assert "Please do not write your name, email, phone number" in form.get_text(" ")
    # Static HTML, the same for everyone: no token of any kind.
    assert form.select_one("input[name=csrfmiddlewaretoken]") is None


@pytest.mark.parametrize(
    "url", [reverse("guidance:checklist"), reverse("guidance:contact"), reverse("search")]
)
def test_the_checklist_the_contact_page_and_search_do_not_ask(client, url):
    assert feedback_form(client.get(url)) is None


def test_a_missing_exercise_or_routine_does_not_ask(client):
    for url in ("/exercises/no-such-exercise/", "/exercises/routines/no-such-routine/"):
        response = client.get(url)
        assert response.status_code == 404
        assert feedback_form(response) is None


def test_the_checklists_result_does_not_ask(client):
    result = client.post(reverse("guidance:checklist"), {"none_apply": "on"})
    assert result.status_code == 200
    assert feedback_form(result) is None


def test_a_yes_and_a_no_are_counted_for_their_page_and_month_without_JavaScript():
    visitor = browser()
    response = send(visitor, helpful="yes")
    assert response.status_code == 303
    assert response["Location"] == "/feedback/thanks/?page=%2Fexercises%2Fwall-angel%2F"
    send(visitor, helpful="no")
    send(visitor, helpful="no", page=reverse("guidance:causes"))
    assert counts() == (1, 1)
    assert counts(reverse("guidance:causes")) == (0, 1)
    assert not FeedbackComment.objects.exists()

    thanks = visitor.get(response["Location"])
    assert soup(thanks).h1.get_text(strip=True) == "Thank you"
    back = soup(thanks).select_one("main a:-soup-contains('Go back to the page')")
    assert back["href"] == WALL_ANGEL


def test_each_month_has_its_own_counts():
    last_month = this_month() - timedelta(days=1)
    PageFeedback.objects.create(page=WALL_ANGEL, month=last_month.replace(day=1), yes=7, no=2)
    send(helpful="yes")
    months = dict(PageFeedback.objects.filter(page=WALL_ANGEL).values_list("month", "yes"))
    assert months == {last_month.replace(day=1): 7, this_month(): 1}


def test_an_answer_is_added_in_the_database_so_answers_sent_together_are_all_counted():
    record(page=WALL_ANGEL, helpful=True)
    with CaptureQueriesContext(connection) as queries:
        record(page=WALL_ANGEL, helpful=False)
    # One UPDATE adding 1 where the row is, never a read then a write (which would lose an answer
    # sent between them).
    assert [query["sql"].split()[0] for query in queries] == ["UPDATE"]
    assert counts() == (1, 1)


def test_a_comment_is_kept_with_its_page_date_and_answer():
    send(helpful="no", comment="  Step 2 is unclear: which way do the palms face?  ")
    comment = FeedbackComment.objects.get()
    assert (comment.page, comment.helpful, comment.text) == (
        WALL_ANGEL,
        False,
        "Step 2 is unclear: which way do the palms face?",
    )
    assert comment.created == date.today()


def test_a_comment_over_500_characters_is_refused_and_what_was_typed_is_kept():
    long = "The pictures are great but " + "x" * 480
    assert len(long) == 507
    response = send(helpful="yes", comment=long)
    assert response.status_code == 400
    page = soup(response)
    assert "500 characters or fewer (it has 507)" in page.select_one("#error-summary").get_text()
    assert page.select_one("textarea[name=comment]").get_text().strip() == long
    assert page.select_one("input[name=helpful][value=yes]").has_attr("checked")
    back = page.select_one("main a:-soup-contains('Go back to the page')")
    assert back["href"] == WALL_ANGEL
    assert counts() == (0, 0)
    assert not FeedbackComment.objects.exists()
    assert send(helpful="yes", comment="y" * 500).status_code == 303


def test_no_choice_gets_a_clear_message_and_keeps_the_comment():
    response = send(helpful="", comment="Too long to read on a phone.")
    assert response.status_code == 400
    assert "Choose Yes or No" in text_of(response)
    assert "Too long to read on a phone." in soup(response).select_one("textarea").get_text()
    assert counts() == (0, 0)


@pytest.mark.parametrize(
    "page",
    [
        "/no-such-page/",
        "/exercises/no-such-exercise/",
        reverse("guidance:checklist"),
        "https://example.com/",
        "//example.com/exercises/",
        "",
    ],
)
def test_feedback_about_a_page_the_guide_does_not_have_is_refused(page):
    response = send(page=page, comment="Nice.")
    assert response.status_code == 400
    assert "could not tell which page" in text_of(response)
    assert soup(response).select_one("textarea").get_text().strip() == "Nice."
    assert not PageFeedback.objects.exists()
    assert not FeedbackComment.objects.exists()


@pytest.mark.parametrize("page", ["https://example.com/", "//example.com/", "/no-such-page/"])
def test_the_thank_you_page_links_back_only_to_a_page_of_this_guide(client, page):
    thanks = client.get(reverse("feedback:thanks"), {"page": page})
    assert thanks.status_code == 200
    links = [a["href"] for a in soup(thanks).select("main a")]
    assert links == [reverse("guidance:home")]


def test_the_pages_script_gets_its_thank_you_as_json():
    response = browser().post(
        POST, {"page": WALL_ANGEL, "helpful": "no"}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 200
    assert response.json() == {
        "thanks": "Thank you. Your answer helps the clinic make this guide better."
    }
    assert counts() == (0, 1)
    refused = browser().post(POST, {"page": WALL_ANGEL}, headers={"Accept": "application/json"})
    assert refused.status_code == 400
    assert "helpful" in refused.json()["errors"]


def test_no_cookie_is_set_by_guide_pages_the_post_or_the_thank_you_page():
    visitor = browser()
    responses = [visitor.get(url) for url in GUIDE_PAGES]
    responses.append(send(visitor, comment="Clear."))
    responses.append(visitor.get(responses[-1]["Location"]))
    responses.append(send(visitor, helpful="", comment="x" * 501))
    for response in responses:
        assert not response.cookies, response.cookies
        assert "Set-Cookie" not in response
    assert not visitor.cookies
    assert counts() == (1, 0)


def test_a_post_from_another_site_is_refused_and_from_this_site_taken():
    refused = browser().post(
        POST,
        {"page": WALL_ANGEL, "helpful": "no"},
        headers={"Origin": "https://attacker.example"},
    )
    assert refused.status_code == 403
    assert "Feedback is taken only from this guide's own pages" in text_of(refused)
    assert counts() == (0, 0)
    ours = browser().post(
        POST, {"page": WALL_ANGEL, "helpful": "no"}, headers={"Origin": "http://testserver"}
    )
    assert ours.status_code == 303
    assert counts() == (0, 1)


def test_the_11th_post_in_a_minute_from_one_address_is_asked_to_wait(settings):
    settings.BACKCARE_RATE_LIMITS = PRODUCTION_LIMITS
    assert PRODUCTION_LIMITS["feedback:post"]["per_minute"] == 10
    visitor = browser(REMOTE_ADDR="203.0.113.5")
    assert [send(visitor).status_code for _ in range(10)] == [303] * 10
    refused = send(visitor)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 61
    assert soup(refused).h1.get_text(strip=True) == "Please wait a moment"
    assert counts() == (10, 0)
    assert send(browser(REMOTE_ADDR="198.51.100.7")).status_code == 303


def test_the_page_stays_in_the_page_cache_after_feedback(client, django_assert_num_queries):
    first = client.get(WALL_ANGEL)
    assert send(comment="Clear steps.").status_code == 303
    with django_assert_num_queries(1):
        second = client.get(WALL_ANGEL)
    assert second["ETag"] == first["ETag"]
    assert second.content == first.content


@pytest.fixture
def staff(django_user_model, make_editor):
    reviewer = django_user_model.objects.create_user(
        "reviewer", password="a-long-reviewer-password", is_staff=True
    )
    reviewer.groups.add(Group.objects.get(name="Clinical reviewers"))
    superuser = django_user_model.objects.create_superuser("boss", password="x" * 12)
    return {"reviewer": reviewer, "editor": make_editor(), "superuser": superuser}


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_comments_are_shown_to_clinical_reviewers_and_superusers_only(staff):
    send(helpful="no", comment="The figure for step 3 is hard to follow.")
    comments = reverse("admin:feedback_feedbackcomment_changelist")
    counts_page = reverse("admin:feedback_pagefeedback_changelist")
    for who in ("reviewer", "superuser"):
        page = logged_in(staff[who]).get(comments)
        assert page.status_code == 200
        assert "The figure for step 3 is hard to follow." in text_of(page)
        assert logged_in(staff[who]).get(counts_page).status_code == 200
    editor = logged_in(staff["editor"])
    assert editor.get(comments).status_code == 403
    assert "readers’ comments" not in text_of(editor.get(reverse("admin:index"))).lower()
    page = editor.get(counts_page)
    assert page.status_code == 200
    assert WALL_ANGEL in text_of(page)
    assert "hard to follow" not in text_of(page)


def test_comments_are_deleted_after_90_days_and_counts_kept():
    today = date.today()
    for age in (0, 90, 91, 200):
        FeedbackComment.objects.create(
            page=WALL_ANGEL, created=today - timedelta(days=age), helpful=True, text=f"{age}"
        )
    record(page=WALL_ANGEL, helpful=True)
    assert delete_old_feedback() == 2
    assert sorted(FeedbackComment.objects.values_list("text", flat=True)) == ["0", "90"]
    assert counts() == (1, 0)
    assert delete_old_feedback() == 0


def test_the_daily_review_status_deletes_old_comments_and_says_how_many():
    FeedbackComment.objects.create(
        page=WALL_ANGEL, created=date.today() - timedelta(days=100), helpful=False, text="Old."
    )
    out = StringIO()
    call_command("review_status", stdout=out)
    assert out.getvalue().splitlines()[0] == "Deleted 1 reader's comment older than 90 days."
    assert not FeedbackComment.objects.exists()


def test_the_reviewers_summary_lists_the_least_helpful_pages_first_with_their_comments():
    causes = reverse("guidance:causes")
    for helpful in (True, False, False):
        record(page=causes, helpful=helpful, comment="" if helpful else "Too long.")
    record(page=WALL_ANGEL, helpful=True)
    old = this_month().replace(year=this_month().year - 1)
    PageFeedback.objects.create(page=WALL_ANGEL, month=old, yes=0, no=9)
    month = f"{this_month():%B %Y}"
    assert summary_lines() == [
        f"{causes}, {month}: 1 helpful, 2 not helpful",
        f"{WALL_ANGEL}, {month}: 1 helpful, 0 not helpful",
        f"{causes}: 2 comments from readers to read in the admin",
    ]
