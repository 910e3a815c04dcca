"""parse_zip: what people type as a ZIP code."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.errors import InvalidZip
from bot.domain.zips import ParsedZip, parse_zip


@pytest.mark.parametrize("text", ["02134", " 02134 ", "\t02134\n", "02134\u00a0"])
def test_plain_zip(text: str) -> None:
    assert parse_zip(text) == ParsedZip("02134", None)


@pytest.mark.parametrize("text", ["02134-1234", " 02134-0001 "])
def test_zip_plus_four_is_reduced_with_a_note(text: str) -> None:
    parsed = parse_zip(text)
    assert parsed.zip5 == "02134"
    assert str(parsed.note) == "Using 02134 (the first five digits of your ZIP+4)."


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "type a ZIP"),
        ("   ", "type a ZIP"),
        ("abcde", "only digits"),
        ("0213a", "only digits"),
        ("02134-12ab", "only digits"),
        ("ZIP 02134", "only digits"),
        ("02134+1234", "only digits"),
        ("02134--1234", "only digits"),
        ("2134", "try 02134"),
        ("213", "too short"),
        ("-", "too short"),
        ("021345", "too long"),
        ("02134-12345", "too long"),
        ("021341234", "put a dash"),
        ("0" * 500, "too long"),
        ("٠٢١٣٤", "digits 0-9"),  # Arabic-Indic digits
        ("０２１３４", "digits 0-9"),  # full-width digits
        ("0213４", "digits 0-9"),
        ("00000", "not a real ZIP"),
        ("00000-1234", "not a real ZIP"),
    ],
)
def test_rejects_with_one_clear_sentence(text: str, words: str) -> None:
    with pytest.raises(InvalidZip) as caught:
        parse_zip(text)
    message = caught.value.message
    assert words in message
    assert message.endswith(".") and message.count(". ") == 0


def test_messages_never_echo_the_input() -> None:
    with pytest.raises(InvalidZip) as caught:
        parse_zip("@everyone <script>")
    assert "@everyone" not in caught.value.message and "<" not in caught.value.message


def test_non_string_is_rejected() -> None:
    with pytest.raises(InvalidZip):
        parse_zip(None)  # type: ignore[arg-type]


@given(st.text())
def test_any_string_gives_five_ascii_digits_or_invalid_zip(text: str) -> None:
    try:
        parsed = parse_zip(text)
    except InvalidZip as exc:
        assert exc.message
        return
    assert len(parsed.zip5) == 5
    assert all(ch in "0123456789" for ch in parsed.zip5)
    assert parsed.zip5 != "00000"


@given(st.from_regex(r"\A\s*[0-9]{5}(-[0-9]{4})?\s*\Z"))
def test_well_formed_zips_are_accepted(text: str) -> None:
    digits = text.strip()[:5]
    if digits == "00000":
        with pytest.raises(InvalidZip):
            parse_zip(text)
    else:
        assert parse_zip(text).zip5 == digits
