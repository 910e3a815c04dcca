"""A small cog that uses every part of the cog API, for host and dispatcher tests."""

from __future__ import annotations

from typing import Annotated

from bot.cogkit import (
    Cog,
    Context,
    Opt,
    ReactionEvent,
    button,
    command,
    completer,
    form,
    reaction,
    select,
)
from bot.core.permissions import Permission
from bot.domain.errors import NotFound
from bot.messages import Button, Form, FormField, Message, Select, SelectOption


class SampleCog(Cog):
    name = "sample"
    description = "Sample commands for tests."

    def __init__(self) -> None:
        self.reactions: list[ReactionEvent] = []
        self.pressed: list[str] = []
        self.notes: list[tuple[str, dict[str, str]]] = []

    @command("echo", "Say it back.")
    async def echo(
        self,
        ctx: Context,
        times: Annotated[int, Opt("How many times", min_value=1, max_value=3)],
        loud: Annotated[bool, Opt("Shout it")] = False,
        text: Annotated[str, Opt("What to say", rest=True, max_length=40)] = "hi",
    ) -> Message:
        said = " ".join([text.upper() if loud else text] * times)
        return Message(body=said)

    @command("pick", "Choose a colour.")
    async def pick(
        self, ctx: Context, colour: Annotated[str, Opt("A colour", choices=("red", "blue"))]
    ) -> Message:
        return Message(body=f"picked {colour}")

    @command("thing make", "Make a thing (organizers).", permission=Permission.ORGANIZER)
    async def make(self, ctx: Context, name: Annotated[str, Opt("Its name")]) -> Message:
        return Message(
            title=f"Thing {name}",
            buttons=(Button("Poke", "sample.poke", name), Button("Drop", "sample.poke", "drop")),
            selects=(
                Select("sample.size", (SelectOption("Small", "s"), SelectOption("Large", "l"))),
            ),
        )

    @command("thing show", "Show a thing.")
    async def show(self, ctx: Context, name: Annotated[str, Opt("Its name")]) -> Message:
        raise NotFound(f"There is no thing called {name}.")

    @command("note", "Write a note in a form.")
    async def note(
        self, ctx: Context, topic: Annotated[str, Opt("A topic", autocomplete="topics")] = "misc"
    ) -> Form:
        return Form(
            "sample.note",
            "New note",
            (
                FormField("title", "Title", max_length=20),
                FormField("body", "Body", long=True),
                FormField("tag", "Tag", required=False, default="none"),
            ),
            value=topic,
        )

    @form("sample.note")
    async def save_note(self, ctx: Context, value: str, answers: dict[str, str]) -> Message:
        self.notes.append((value, answers))
        return Message(body=f"saved {answers['title']} in {value}")

    @completer("topics")
    async def topics(self, ctx: Context, typed: str) -> list[tuple[str, str]]:
        return [(t.title(), t) for t in ("misc", "money", "mail") if t.startswith(typed)]

    @command("crash", "Fail unexpectedly.")
    async def crash(self, ctx: Context) -> Message:
        raise RuntimeError("secret internals")

    @button("sample.poke")
    async def poke(self, ctx: Context, value: str) -> Message:
        self.pressed.append(value)
        return Message.private(f"poked {value} as {ctx.member.user_id}")

    @select("sample.size")
    async def size(self, ctx: Context, value: str) -> Message:
        return Message.private(f"size {value}")

    @reaction()
    async def on_reaction(self, ctx: Context, event: ReactionEvent) -> Message | None:
        self.reactions.append(event)
        return None
