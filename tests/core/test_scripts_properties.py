"""Properties of the script renderer: valid templates always render, and never leave a fill-in."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.scripts import FILL_INS, ScriptError, ScriptTemplate

PLAIN = st.text(
    alphabet=st.characters(blacklist_characters="{}[]", blacklist_categories=("Cs",)),
    max_size=30,
)
NAMES = st.sampled_from(sorted(FILL_INS)).flatmap(
    lambda name: st.sampled_from([name, name.upper(), name.title()])
)
FILL = NAMES.map(lambda name: "{" + name + "}")
ESCAPE = st.sampled_from(["{{", "}}"])
VALUES = st.dictionaries(
    st.sampled_from(sorted(FILL_INS)),
    st.one_of(st.none(), PLAIN),
)
CHAMBERS = st.sampled_from([None, "house", "senate"])


def pieces(leaf: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Valid templates: text and fill-ins, in properly nested sections."""

    def sections(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.tuples(st.sampled_from(["house", "senate", "voicemail"]), inner, st.booleans())

    def wrap(kind: str, body: str, own_lines: bool) -> str:
        if own_lines:
            return f"\n[[{kind}]]\n{body}\n[[/{kind}]]\n"
        return f"[[{kind}]]{body}[[/{kind}]]"

    def valid(kind: str, body: str) -> bool:
        # sections may not nest in their own kind, nor a chamber inside the other chamber
        inner = {"house", "senate"} if kind in ("house", "senate") else {kind}
        return not any(f"[[{k}]]" in body for k in inner)

    return st.recursive(
        st.lists(leaf, max_size=6).map("".join),
        lambda inner: st.lists(
            st.one_of(
                leaf,
                sections(inner).filter(lambda t: valid(t[0], t[1])).map(lambda t: wrap(*t)),
            ),
            max_size=5,
        ).map("".join),
        max_leaves=12,
    )


TEMPLATES = pieces(st.one_of(PLAIN, FILL))


@settings(max_examples=300, deadline=None)
@given(TEMPLATES, VALUES, CHAMBERS)
def test_valid_templates_always_render_without_braces(
    source: str, values: dict[str, str | None], chamber: str | None
) -> None:
    """A valid template never raises and never leaves a brace from a fill-in in its output."""
    rendered = ScriptTemplate.parse(source).render(values, chamber)  # type: ignore[arg-type]
    for text in (rendered.text, rendered.voicemail):
        assert "{" not in text and "}" not in text
        assert "[[" not in text


WORD = st.text(alphabet="abcXYZ.,!-", min_size=1, max_size=8)
PIECE = st.one_of(
    WORD.map(lambda w: (w, w)),
    ESCAPE.map(lambda e: (e, e[0])),
    st.sampled_from(["city", "zip", "lawmaker"]).map(lambda n: ("{" + n + "}", f"<{n}>")),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECE, max_size=12))
def test_render_is_the_pieces_in_order(pieces_: list[tuple[str, str]]) -> None:
    """Text stays as written, {{ and }} give one brace, and each fill-in its value."""
    source = "".join(src for src, _ in pieces_)
    expected = "".join(out for _, out in pieces_)
    values = {"city": "<city>", "zip": "<zip>", "lawmaker": "<lawmaker>"}
    assert ScriptTemplate.parse(source).render(values).text == expected


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80))
def test_any_text_parses_or_is_refused_with_a_position(source: str) -> None:
    """Arbitrary text either parses or raises ScriptError (never another exception)."""
    try:
        ScriptTemplate.parse(source)
    except ScriptError as exc:
        assert exc.line >= 1 and exc.column >= 1
        assert exc.line <= source.count("\n") + 1
