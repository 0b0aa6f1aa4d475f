"""Read pages the way a patient's browser would: parsed HTML, not substrings of markup."""

from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "lxml")


def text_of(response) -> str:
    return " ".join(soup(response).get_text(" ").split())
