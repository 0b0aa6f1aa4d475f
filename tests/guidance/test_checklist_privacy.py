"""Nothing about a patient's answers can be learnt from the size of the checklist's responses."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from guidance.models import WarningSign

pytestmark = pytest.mark.django_db

URL = reverse("guidance:checklist")
FIELDS = ["emergency", "symptoms", "onset", "pain", "health", "impact", "none_apply", "step"]


def field_of(sign) -> str:
    """Return the form field a sign is asked in: step 1's emergency field, or its heading's."""
    return "emergency" if sign.urgency == "emergency" else sign.group


def wire_size(response) -> tuple[int, int]:
    """Return the body's length and the length of the headers as sent."""
    headers = sum(len(name) + len(value) + 4 for name, value in response.items())
    return len(response.content), headers


def as_sent(response) -> int:
    return int(response["Content-Length"])


@pytest.fixture
def sign_slugs():
    return list(WarningSign.objects.values_list("slug", flat=True))


@pytest.fixture
def reference_size():
    """Return the body and header lengths of the self-care result, which every answer must match."""
    return wire_size(Client().post(URL, {"step": "other", "none_apply": "on"}))


@pytest.fixture
def step_2_redirect():
    """Return step 1 answered with nothing ticked: the one answer that leads on to step 2's page.

    Only that answer gets it, and it is the same for everyone: it tells no more than the request
    for step 2 that follows it.
    """
    response = Client().post(URL, {"step": "emergency"})
    assert response.status_code == 303
    return response


ANSWERS = st.dictionaries(
    st.sampled_from(FIELDS),
    st.lists(
        st.one_of(
            st.sampled_from(["on", "", "fever", "worried", "chest-pain-or-breathlessness"]),
            st.text(max_size=30),
        ),
        max_size=6,
    ),
    max_size=6,
)


@hypothesis_settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    picks=st.lists(st.integers(min_value=0, max_value=40), max_size=12),
    step=st.sampled_from(["emergency", "other", None]),
    noise=ANSWERS,
)
def test_every_answer_has_the_same_size_whatever_was_ticked(
    sign_slugs, reference_size, step_2_redirect, picks, step, noise
):
    signs = {sign.slug: field_of(sign) for sign in WarningSign.objects.all()}
    data: dict[str, list[str]] = {"step": [step]} if step else {}
    for pick in picks:
        slug = sign_slugs[pick % len(sign_slugs)]
        data.setdefault(signs[slug], []).append(slug)
    for key, values in noise.items():
        data.setdefault(key, []).extend(values)
    client = Client(raise_request_exception=False)
    plain = client.post(URL, data)
    squeezed = client.post(URL, data, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert plain.status_code in (200, 303)
    for response in (plain, squeezed):
        if response.status_code == 303:
            assert response["Location"] == step_2_redirect["Location"]
            assert wire_size(response) == wire_size(step_2_redirect)
        else:
            assert wire_size(response) == reference_size
        assert as_sent(response) == settings.BACKCARE_PRIVATE_RESPONSE_BYTES
        assert "Content-Encoding" not in response
        assert "no-store" in response["Cache-Control"]


def test_results_errors_and_unreadable_posts_all_have_one_size(client, sign_slugs):
    every_sign = {"step": "other"}
    for sign in WarningSign.objects.exclude(urgency="emergency"):
        every_sign.setdefault(sign.group, []).append(sign.slug)
    responses = {
        "step 2": client.post(URL, {"step": "emergency"}),
        "self-care": client.post(URL, {"step": "other", "none_apply": "on"}),
        "every sign": client.post(URL, every_sign),
        "nothing ticked": client.post(URL, {"step": "other"}),
        "made-up sign": client.post(URL, {"step": "other", "symptoms": ["no-such-sign"]}),
        "emergency": client.post(
            URL, {"step": "emergency", "emergency": ["chest-pain-or-breathlessness"]}
        ),
        "latin-1 body": client.post(
            URL, "symptoms=fever", content_type="application/x-www-form-urlencoded; charset=latin-1"
        ),
    }
    sizes = {name: len(response.content) for name, response in responses.items()}
    assert set(sizes.values()) == {settings.BACKCARE_PRIVATE_RESPONSE_BYTES}, sizes
    assert responses["latin-1 body"].status_code == 400
    headers = {name: wire_size(r)[1] for name, r in responses.items() if r.status_code == 200}
    assert len(set(headers.values())) == 1, headers


def test_the_padding_never_hides_the_page(client):
    response = client.post(
        URL, {"step": "emergency", "emergency": ["chest-pain-or-breathlessness"]}
    )
    page = response.content.decode()
    assert page.rstrip().endswith("</html>")
    assert "Call 911 now" in page
