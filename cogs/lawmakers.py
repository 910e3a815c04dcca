"""Find your lawmakers: by ZIP, by name, by committee; save your ZIP for later."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from bot.civic.models import Committee, CommitteeName, Seat
from bot.civic.models import Member as Lawmaker
from bot.cogkit import Cog, Context, Opt, command, completer, select, summary
from bot.core import lawmaker_titles, probable_districts
from bot.core.address_lookup import AddressLookup
from bot.core.directory_changes import confirm_note_text
from bot.core.district_maps import ADDRESS_LOOKUP_HINT, data_footer, map_change
from bot.core.lawmakers import LawmakerService, Representation
from bot.domain.errors import DomainError
from bot.domain.models import Member
from bot.domain.text import Text, t, tn
from bot.hosting import BaseHost
from bot.i18n.languages import reader_language
from bot.i18n.translator import Translator, Translators
from bot.messages import Field, Message, Select, SelectOption, Tone
from cogs._address import offer_address

SWITCHBOARD = "(202) 224-3121"
FIND_DISTRICT = "https://www.house.gov/representatives/find-your-representative"
MAX_LISTED = 25
YOUR_LAWMAKERS = t("Your lawmakers ({place})")
LAWMAKERS_FOR = t("Lawmakers for {zip5} ({place})")
SAVED_DISTRICT = t(
    "Saved: your district is {district}. Only the district is kept (/setzip clear removes it)."
)


class LawmakersCog(Cog):
    name = "lawmakers"
    description = "Find who represents you"
    stores = (
        "Your ZIP code and the congressional district you chose, only if you save them with "
        "/setzip (never a street address)."
    )

    def __init__(
        self,
        lawmakers: LawmakerService,
        address: AddressLookup | None = None,
        words: Translators | None = None,
    ) -> None:
        self.lawmakers = lawmakers
        self.address = address
        self.words = words or Translators()

    def _words(self, ctx: Context) -> Translator:
        return (ctx.words or self.words)(ctx.language)

    @command("reps", "Your senators and House member for a ZIP code.")
    async def reps(
        self,
        ctx: Context,
        zip: Annotated[str, Opt("Your 5-digit ZIP code", max_length=40, label="your ZIP code")],
    ) -> Message:
        rep = self.lawmakers.lookup(zip)
        words = self._words(ctx)
        title = LAWMAKERS_FOR.with_values(zip5=rep.zip5)
        return self._offer(representation_message(rep, self.lawmakers, title, words), rep, words)

    @command("myreps", "Your lawmakers, from the ZIP or district you saved.", ephemeral=True)
    async def myreps(self, ctx: Context) -> Message:
        member = ctx.member
        words = self._words(ctx)
        if member.district_check and member.zip:  # new data changed the saved district
            rep = self.lawmakers.lookup(member.zip)  # the districts the ZIP touches now
            message = representation_message(
                rep, self.lawmakers, YOUR_LAWMAKERS, words, private=True
            )
            note = words.render(
                confirm_note_text(member.district, member.district_check, member.zip)
            )
            body = f"{note}\n\n{message.body}" if message.body else note
            selects = message.selects or (district_picker(rep, words),)
            return self._offer(replace(message, body=body, selects=selects), rep, words)
        try:
            rep = self.lawmakers.for_member(member)
        except DomainError:
            if not member.district_check:
                raise
            note = words.render(
                confirm_note_text(member.district, member.district_check, member.zip)
            )
            return Message.private(note, title=words.render(t("Your lawmakers")))  # a district gone
        message = representation_message(rep, self.lawmakers, YOUR_LAWMAKERS, words, private=True)
        if member.district_check:  # a district saved without a ZIP, changed by new data
            note = words.render(
                confirm_note_text(member.district, member.district_check, member.zip)
            )
            message = replace(message, body=f"{note}\n\n{message.body}" if message.body else note)
        return self._offer(message, rep, words)

    @command("setzip", "Save your ZIP code so the bot can find your lawmakers.", ephemeral=True)
    async def setzip(
        self,
        ctx: Context,
        zip: Annotated[
            str,
            Opt(
                "Your 5-digit ZIP code, or 'clear' to remove it",
                max_length=40,
                label="your ZIP code",
            ),
        ],
    ) -> Message:
        words = self._words(ctx)
        if zip.strip().lower() in {"clear", "none", "remove"}:
            await self.lawmakers.forget_location(ctx.member)
            done = t("Done: your ZIP code and district are no longer stored.")
            return Message.private(words.render(done))
        member, rep = await self.lawmakers.save_zip(ctx.member, zip)
        if member.district:
            privacy = t(
                "Saved your ZIP {zip5} and district {district}. That is all the bot keeps for "
                "this: never a street address. Remove it any time with /setzip clear.",
                zip5=member.zip,
                district=member.district,
            )
        else:
            privacy = t(
                "Saved your ZIP {zip5}. That is all the bot keeps for this: never a street "
                "address. Remove it any time with /setzip clear.",
                zip5=member.zip,
            )
        message = representation_message(rep, self.lawmakers, YOUR_LAWMAKERS, words, private=True)
        return self._offer(_with_intro(message, words.render(privacy)), rep, words)

    async def ask_with_address(self, member: Member, message: Message) -> Message:
        """The ask to confirm a district, with the street-address button when it would help."""
        if not member.zip:
            return message
        try:
            rep = self.lawmakers.lookup(member.zip)
        except DomainError:
            return message
        # The ask is a DM: the member's own language when they chose one.
        return self._offer(message, rep, self.words(reader_language(member.language, None, None)))

    def _offer(self, message: Message, rep: Representation, words: Translator) -> Message:
        """The street-address button, when the ZIP cannot tell the House district."""
        if self.address is None:
            return message
        return offer_address(message, rep, self.address, words)

    @select("lawmakers.district")
    async def pick_district(self, ctx: Context, value: str) -> Message:
        zip5, _, label = value.partition("|")
        member, rep = await self.lawmakers.choose_district(ctx.member, zip5, label)
        words = self._words(ctx)
        intro = words.render(SAVED_DISTRICT.with_values(district=member.district))
        message = representation_message(rep, self.lawmakers, YOUR_LAWMAKERS, words, private=True)
        return _with_intro(message, intro)

    @command("lawmaker", "Find a member of Congress by name.")
    async def lawmaker(
        self,
        ctx: Context,
        name: Annotated[
            str,
            Opt(
                "Part of a name, like 'sanders'",
                rest=True,
                autocomplete="lawmakers",
                label="the lawmaker's name",
            ),
        ],
    ) -> Message:
        found = self.lawmakers.find(name)
        words = self._words(ctx)
        if len(found) == 1:
            return lawmaker_message(found[0], self.lawmakers, ctx.member.zip, words)
        lines = [f"• {lawmaker_titles.label(m, words)}: {m.phone}" for m in found]
        title = tn(
            "{n} member matches '{typed}'",
            "{n} members match '{typed}'",
            len(found),
            n=len(found),
            typed=name.strip()[:40],
        )
        return Message(
            title=words.render(title),
            body="\n".join(lines),
            footer=words.render(t("Type more of the name to see one member's details.")),
        )

    @command("committee", "List a committee's members, like HSWM (Ways and Means) or SSFI.")
    async def committee(
        self,
        ctx: Context,
        name: Annotated[
            str,
            Opt(
                "Committee code or name",
                rest=True,
                autocomplete="committees",
                label="the committee",
            ),
        ],
    ) -> Message:
        words = self._words(ctx)
        return committee_message(self.lawmakers.committee(name, words), words)

    @summary()
    async def my_lawmakers(self, ctx: Context) -> Message | None:
        """The member's lawmakers, one line each, for their personal overview."""
        words = self._words(ctx)
        if not (ctx.member.zip or ctx.member.district):
            return Message(
                title=words.render(t("Your lawmakers")),
                body=words.render(t("Save your ZIP code with /setzip to see who represents you.")),
            )
        rep = self.lawmakers.for_member(ctx.member)
        lines = [
            f"• {lawmaker_titles.label(seat.member, words)}: {seat.member.phone}"
            if seat.member
            else words.render(t("• {seat}: vacant", seat=seat.label))
            for seat in (*rep.senate, *rep.house)
        ]
        if rep.undecided and rep.probable:
            lines.append(
                words.render(probable_districts.summary_line([s.label for s in rep.house]))
            )
        elif rep.undecided:
            lines.append(
                words.render(t("Your ZIP spans several districts: pick yours with /reps."))
            )
        lines += [
            words.render(map_change(c, rep.zip5, rep.chosen is not None)) for c in rep.map_changes
        ]
        title = words.render(YOUR_LAWMAKERS.with_values(place=rep.place))
        return Message(title=title, body="\n".join(lines))

    @completer("lawmakers")
    async def complete_lawmakers(self, ctx: Context, typed: str) -> list[tuple[str, str]]:
        if len(typed.strip()) < 2:
            return []
        words = self._words(ctx)
        return [
            (lawmaker_titles.label(m, words)[:100], m.name)
            for m in self.lawmakers.directory.names_matching(typed)
        ]

    @completer("committees")
    async def complete_committees(self, ctx: Context, typed: str) -> list[tuple[str, str]]:
        words = self._words(ctx)
        found = self.lawmakers.directory.committees_matching(typed, words=words)
        return [(f"{_committee_name(c, words)} ({c.thomas_id})"[:100], c.thomas_id) for c in found]


def representation_message(
    rep: Representation,
    lawmakers: LawmakerService,
    title: Text,
    words: Translator,
    private: bool = False,
) -> Message:
    """Senators, then the House seat(s); a picker when the ZIP spans several districts.
    ``title`` has a ``{place}`` to fill in; everything is said in ``words``' language."""
    fields = [seat_field(seat, lawmakers, rep.zip5, words) for seat in rep.senate]
    intro: list[Text] = []
    if rep.note:
        intro.append(rep.note)
    if not rep.senate:
        if _state_of(rep) == "PR":
            no_senators = t(
                "{place} has no senators. Its Resident Commissioner in the House cannot vote on "
                "final passage of bills but does vote in committee, and still takes your calls.",
                place=rep.place,
            )
        else:
            no_senators = t(
                "{place} has no senators. Its delegate in the House cannot vote on final passage "
                "of bills but does vote in committee, and still takes your calls.",
                place=rep.place,
            )
        intro.append(no_senators)
    selects: tuple[Select, ...] = ()
    if rep.undecided and rep.probable:
        labels = [seat.label for seat in rep.house[:MAX_LISTED]]
        intro.append(probable_districts.reps_intro(rep.zip5, labels, FIND_DISTRICT))
        selects = (district_picker(rep, words),)
    elif rep.undecided:
        if _states(rep) > 1:
            spans = t(
                "ZIP {zip5} spans {n} House districts, so the ZIP alone cannot tell which one is "
                "yours. Your senators are listed first (the ZIP crosses a state line, so both "
                "states'). Pick your district below; it is on your voter registration, or see "
                "{find}.",
                zip5=rep.zip5,
                n=len(rep.house),
                find=FIND_DISTRICT,
            )
        else:
            spans = t(
                "ZIP {zip5} spans {n} House districts, so the ZIP alone cannot tell which one is "
                "yours. Your senators are listed first. Pick your district below; it is on your "
                "voter registration, or see {find}.",
                zip5=rep.zip5,
                n=len(rep.house),
                find=FIND_DISTRICT,
            )
        intro.append(spans)
        selects = (district_picker(rep, words),)
    if not rep.house_complete and not rep.house:
        intro.append(
            t(
                "ZIP {zip5} is a PO box or business ZIP, so it does not tell which House "
                "district you live in. Your senators are below; for your House member, use the "
                "ZIP of your home with /setzip, or see {find}.",
                zip5=rep.zip5,
                find=FIND_DISTRICT,
            )
        )
    for change in rep.map_changes:
        intro.append(map_change(change, rep.zip5, saved=rep.chosen is not None))
    if rep.map_changes:
        intro.append(ADDRESS_LOOKUP_HINT)
    fields += [seat_field(seat, lawmakers, rep.zip5, words) for seat in rep.house[:MAX_LISTED]]
    footer = words.render(t("Tip: if the DC line is busy or full, try the district office."))
    if rep.districts:
        footer += " " + words.render(data_footer(rep.districts))
    return Message(
        title=words.render(title.with_values(place=rep.place)),
        body="\n".join(words.render(line) for line in intro),
        fields=tuple(fields),
        selects=selects,
        ephemeral=private,
        footer=footer,
    )


def district_picker(rep: Representation, words: Translator) -> Select:
    options = []
    for seat in rep.house[:MAX_LISTED]:
        if seat.member:
            text = f"{seat.label}: {lawmaker_titles.label(seat.member, words)}"
        else:
            text = words.render(t("{seat}: vacant seat", seat=seat.label))
        options.append(SelectOption(text[:100], f"{rep.zip5}|{seat.label}"))
    placeholder = words.render(t("Choose your district"))
    return Select("lawmakers.district", tuple(options), placeholder=placeholder)


def seat_field(
    seat: Seat, lawmakers: LawmakerService, zip5: str | None, words: Translator
) -> Field:
    if seat.member is None:
        if seat.chamber == "sen":
            name = t("{seat} Senate seat: vacant", seat=seat.label)
        else:
            name = t("{seat} House seat: vacant", seat=seat.label)
        value = t(
            "No one holds this seat right now. Call your other lawmakers, or reach the "
            "Capitol switchboard at {switchboard}.",
            switchboard=SWITCHBOARD,
        )
        return Field(words.render(name), words.render(value))
    nearest = lawmakers.nearest_office(seat.member, zip5)
    return lawmaker_field(seat.member, nearest, words)


def lawmaker_field(member: Lawmaker, nearest: object | None, words: Translator) -> Field:
    lines: list[Text] = []
    if member.phone_is_switchboard:
        lines.append(
            t(
                "DC: {switchboard} (Capitol switchboard: ask for {whose} office; no direct "
                "number is published yet)",
                switchboard=SWITCHBOARD,
                whose=_whose(member, words),
            )
        )
    else:
        lines.append(t("DC office: {phone}", phone=member.phone))
    office = getattr(nearest, "office", None)
    if office is not None and office.phone:
        lines.append(
            t("Nearest district office: {phone} ({city})", phone=office.phone, city=office.city)
        )
    elif member.offices:
        first = next((o for o in member.offices if o.phone), None)
        if first is not None:
            lines.append(t("District office: {phone} ({city})", phone=first.phone, city=first.city))
    if member.contact_form:
        lines.append(t("Contact form: {url}", url=member.contact_form))
    elif member.website:
        lines.append(t("Website: {url}", url=member.website))
    value = "\n".join(words.render(line) for line in lines)
    return Field(lawmaker_titles.label(member, words), value)


def _whose(member: Lawmaker, words: Translator) -> str:
    """'Sen. Sanders's' (English, as always); 'el senador Sanders' (the office of ...)."""
    if words.code == "en":
        return f"{member.title} {member.last}'s"
    return lawmaker_titles.referred(member, words)


def _committee_title(title: str, words: Translator) -> str:
    return words.render(lawmaker_titles.committee_title(title))


def _committee_name(committee: Committee, words: Translator) -> str:
    return CommitteeName(committee).in_words(words)


def committee_message(committee: Committee, words: Translator) -> Message:
    chair = committee.chair
    ranking = committee.ranking_member
    leaders = []
    if chair:
        leaders.append(words.render(t("Chair: {name}", name=chair.name)))
    if ranking:
        leaders.append(words.render(t("Ranking member: {name}", name=ranking.name)))
    roster = []
    for m in committee.members:
        party = f" ({m.party[:1]})" if m.party else ""
        title = f", {_committee_title(m.title, words)}" if m.title else ""
        roster.append(f"• {m.name}{party}{title}")
    heading = tn("Members ({n})", "Members ({n})", len(roster), n=len(roster))
    return Message(
        title=f"{_committee_name(committee, words)} ({committee.thomas_id})",
        body="\n".join(leaders),
        fields=(
            Field(
                words.render(heading),
                "\n".join(roster) or words.render(t("No members listed.")),
            ),
        ),
        footer=words.render(t("Use /lawmaker <name> for a member's phone numbers.")),
    )


def lawmaker_message(
    member: Lawmaker, lawmakers: LawmakerService, zip5: str | None, words: Translator
) -> Message:
    """One lawmaker in full: phones, links and committees."""
    nearest = lawmakers.nearest_office(member, zip5) if zip5 else None
    detail = lawmaker_field(member, nearest, words)
    committees = [
        f"• {_committee_name(c, words)}"
        + (f" ({_committee_title(m.title, words)})" if m.title else "")
        for c, m in lawmakers.directory.committees_of(member.bioguide)
        if c.parent_id is None
    ]
    fields = (Field(words.render(t("Committees")), "\n".join(committees)),) if committees else ()
    return Message(title=detail.name, body=detail.value, fields=fields)


def _state_of(rep: Representation) -> str:
    seats = (*rep.senate, *rep.house)
    return seats[0].state if seats else ""


def _states(rep: Representation) -> int:
    return len({seat.state for seat in rep.house})


def _with_intro(message: Message, intro: str) -> Message:
    body = f"{intro}\n\n{message.body}" if message.body else intro
    return replace(message, body=body, tone=Tone.SUCCESS)


async def setup(host: BaseHost) -> None:
    cog = LawmakersCog(host.services.lawmakers, host.services.address, host.services.words)
    await host.add_cog(cog)
    asks = host.services.district_asks  # the one DM asking a member to confirm their district
    if asks is not None:
        asks.add_ask_hook("address", cog.ask_with_address)
