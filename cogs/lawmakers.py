"""Find your lawmakers: by ZIP, by name, by committee; save your ZIP for later."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from bot.civic.models import Committee, Seat
from bot.civic.models import Member as Lawmaker
from bot.cogkit import Cog, Context, Opt, command, completer, select, summary
from bot.core import probable_districts
from bot.core.address_lookup import AddressLookup
from bot.core.directory_changes import confirm_note
from bot.core.district_maps import ADDRESS_LOOKUP_HINT, data_footer, map_change_text
from bot.core.lawmakers import LawmakerService, Representation
from bot.domain.errors import DomainError
from bot.domain.models import Member
from bot.hosting import BaseHost
from bot.messages import Field, Message, Select, SelectOption, Tone
from cogs._address import offer_address

SWITCHBOARD = "(202) 224-3121"
FIND_DISTRICT = "https://www.house.gov/representatives/find-your-representative"
MAX_LISTED = 25


class LawmakersCog(Cog):
    name = "lawmakers"
    description = "Find who represents you"
    stores = (
        "Your ZIP code and the congressional district you chose, only if you save them with "
        "/setzip (never a street address)."
    )

    def __init__(self, lawmakers: LawmakerService, address: AddressLookup | None = None) -> None:
        self.lawmakers = lawmakers
        self.address = address

    @command("reps", "Your senators and House member for a ZIP code.")
    async def reps(
        self,
        ctx: Context,
        zip: Annotated[str, Opt("Your 5-digit ZIP code", max_length=40, label="your ZIP code")],
    ) -> Message:
        rep = self.lawmakers.lookup(zip)
        return self._offer(
            representation_message(rep, self.lawmakers, f"Lawmakers for {rep.zip5}"), rep
        )

    @command("myreps", "Your lawmakers, from the ZIP or district you saved.", ephemeral=True)
    async def myreps(self, ctx: Context) -> Message:
        member = ctx.member
        if member.district_check and member.zip:  # new data changed the saved district
            rep = self.lawmakers.lookup(member.zip)  # the districts the ZIP touches now
            message = representation_message(rep, self.lawmakers, "Your lawmakers", private=True)
            note = confirm_note(member.district, member.district_check, member.zip)
            body = f"{note}\n\n{message.body}" if message.body else note
            selects = message.selects or (district_picker(rep),)
            return self._offer(replace(message, body=body, selects=selects), rep)
        try:
            rep = self.lawmakers.for_member(member)
        except DomainError:
            if not member.district_check:
                raise
            note = confirm_note(member.district, member.district_check, member.zip)
            return Message.private(note, title="Your lawmakers")  # a district that is gone
        message = representation_message(rep, self.lawmakers, "Your lawmakers", private=True)
        if member.district_check:  # a district saved without a ZIP, changed by new data
            note = confirm_note(member.district, member.district_check, member.zip)
            message = replace(message, body=f"{note}\n\n{message.body}" if message.body else note)
        return self._offer(message, rep)

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
        if zip.strip().lower() in {"clear", "none", "remove"}:
            await self.lawmakers.forget_location(ctx.member)
            return Message.private("Done: your ZIP code and district are no longer stored.")
        member, rep = await self.lawmakers.save_zip(ctx.member, zip)
        saved = f"ZIP {member.zip}"
        if member.district:
            saved += f" and district {member.district}"
        privacy = (
            f"Saved your {saved}. That is all the bot keeps for this: never a street address. "
            "Remove it any time with /setzip clear."
        )
        message = representation_message(rep, self.lawmakers, "Your lawmakers", private=True)
        return self._offer(_with_intro(message, privacy), rep)

    async def ask_with_address(self, member: Member, message: Message) -> Message:
        """The ask to confirm a district, with the street-address button when it would help."""
        if not member.zip:
            return message
        try:
            rep = self.lawmakers.lookup(member.zip)
        except DomainError:
            return message
        return self._offer(message, rep)

    def _offer(self, message: Message, rep: Representation) -> Message:
        """The street-address button, when the ZIP cannot tell the House district."""
        return message if self.address is None else offer_address(message, rep, self.address)

    @select("lawmakers.district")
    async def pick_district(self, ctx: Context, value: str) -> Message:
        zip5, _, label = value.partition("|")
        member, rep = await self.lawmakers.choose_district(ctx.member, zip5, label)
        intro = (
            f"Saved: your district is {member.district}. Only the district is kept "
            "(/setzip clear removes it)."
        )
        message = representation_message(rep, self.lawmakers, "Your lawmakers", private=True)
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
        if len(found) == 1:
            return lawmaker_message(found[0], self.lawmakers, ctx.member.zip)
        lines = [f"• {m.label}: {m.phone}" for m in found]
        return Message(
            title=f"{len(found)} members match '{name.strip()[:40]}'",
            body="\n".join(lines),
            footer="Type more of the name to see one member's details.",
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
        return committee_message(self.lawmakers.committee(name))

    @summary()
    async def my_lawmakers(self, ctx: Context) -> Message | None:
        """The member's lawmakers, one line each, for their personal overview."""
        if not (ctx.member.zip or ctx.member.district):
            return Message(
                title="Your lawmakers",
                body="Save your ZIP code with /setzip to see who represents you.",
            )
        rep = self.lawmakers.for_member(ctx.member)
        lines = [
            f"• {seat.member.label}: {seat.member.phone}"
            if seat.member
            else f"• {seat.label}: vacant"
            for seat in (*rep.senate, *rep.house)
        ]
        if rep.undecided and rep.probable:
            lines.append(probable_districts.summary_line([s.label for s in rep.house]))
        elif rep.undecided:
            lines.append("Your ZIP spans several districts: pick yours with /reps.")
        lines += [map_change_text(c, rep.zip5, rep.chosen is not None) for c in rep.map_changes]
        return Message(title=f"Your lawmakers ({rep.place})", body="\n".join(lines))

    @completer("lawmakers")
    async def complete_lawmakers(self, ctx: Context, typed: str) -> list[tuple[str, str]]:
        if len(typed.strip()) < 2:
            return []
        return [(m.label[:100], m.name) for m in self.lawmakers.directory.names_matching(typed)]

    @completer("committees")
    async def complete_committees(self, ctx: Context, typed: str) -> list[tuple[str, str]]:
        found = self.lawmakers.directory.committees_matching(typed)
        return [(f"{c.full_name} ({c.thomas_id})"[:100], c.thomas_id) for c in found]


def representation_message(
    rep: Representation, lawmakers: LawmakerService, title: str, private: bool = False
) -> Message:
    """Senators, then the House seat(s); a picker when the ZIP spans several districts."""
    fields = [seat_field(seat, lawmakers, rep.zip5) for seat in rep.senate]
    intro = []
    if rep.note:
        intro.append(rep.note)
    if not rep.senate:
        who = "Resident Commissioner" if _state_of(rep) == "PR" else "delegate"
        intro.append(
            f"{rep.place} has no senators. Its {who} in the House cannot vote on final passage "
            "of bills but does vote in committee, and still takes your calls."
        )
    selects: tuple[Select, ...] = ()
    if rep.undecided and rep.probable:
        labels = [seat.label for seat in rep.house[:MAX_LISTED]]
        intro.append(probable_districts.reps_intro(rep.zip5, labels, FIND_DISTRICT))
        selects = (district_picker(rep),)
    elif rep.undecided:
        intro.append(
            f"ZIP {rep.zip5} spans {len(rep.house)} House districts, so the ZIP alone cannot tell "
            "which one is yours. Your senators are listed first"
            + (" (the ZIP crosses a state line, so both states')" if _states(rep) > 1 else "")
            + ". Pick your district below; it is on your voter registration, or see "
            + f"{FIND_DISTRICT}."
        )
        selects = (district_picker(rep),)
    if not rep.house_complete and not rep.house:
        intro.append(
            f"ZIP {rep.zip5} is a PO box or business ZIP, so it does not tell which House "
            "district you live in. Your senators are below; for your House member, use the ZIP "
            f"of your home with /setzip, or see {FIND_DISTRICT}."
        )
    for change in rep.map_changes:
        intro.append(map_change_text(change, rep.zip5, saved=rep.chosen is not None))
    if rep.map_changes:
        intro.append(ADDRESS_LOOKUP_HINT)
    fields += [seat_field(seat, lawmakers, rep.zip5) for seat in rep.house[:MAX_LISTED]]
    footer = "Tip: if the DC line is busy or full, try the district office."
    if rep.districts:
        footer += " " + data_footer(rep.districts)
    return Message(
        title=f"{title} ({rep.place})",
        body="\n".join(intro),
        fields=tuple(fields),
        selects=selects,
        ephemeral=private,
        footer=footer,
    )


def district_picker(rep: Representation) -> Select:
    options = []
    for seat in rep.house[:MAX_LISTED]:
        who = seat.member.label if seat.member else "vacant seat"
        options.append(SelectOption(f"{seat.label}: {who}"[:100], f"{rep.zip5}|{seat.label}"))
    return Select("lawmakers.district", tuple(options), placeholder="Choose your district")


def seat_field(seat: Seat, lawmakers: LawmakerService, zip5: str | None) -> Field:
    if seat.member is None:
        chamber = "Senate" if seat.chamber == "sen" else "House"
        return Field(
            f"{seat.label} {chamber} seat: vacant",
            "No one holds this seat right now. Call your other lawmakers, or reach the "
            f"Capitol switchboard at {SWITCHBOARD}.",
        )
    nearest = lawmakers.nearest_office(seat.member, zip5)
    return lawmaker_field(seat.member, nearest.office.city if nearest else None, nearest)


def lawmaker_field(member: Lawmaker, city: str | None, nearest: object | None) -> Field:
    lines = []
    if member.phone_is_switchboard:
        lines.append(
            f"DC: {SWITCHBOARD} (Capitol switchboard: ask for {member.title} {member.last}'s "
            "office; no direct number is published yet)"
        )
    else:
        lines.append(f"DC office: {member.phone}")
    office = getattr(nearest, "office", None)
    if office is not None and office.phone:
        lines.append(f"Nearest district office: {office.phone} ({office.city})")
    elif member.offices:
        first = next((o for o in member.offices if o.phone), None)
        if first is not None:
            lines.append(f"District office: {first.phone} ({first.city})")
    if member.contact_form:
        lines.append(f"Contact form: {member.contact_form}")
    elif member.website:
        lines.append(f"Website: {member.website}")
    return Field(member.label, "\n".join(lines))


def committee_message(committee: Committee) -> Message:
    chair = committee.chair
    ranking = committee.ranking_member
    leaders = []
    if chair:
        leaders.append(f"Chair: {chair.name}")
    if ranking:
        leaders.append(f"Ranking member: {ranking.name}")
    roster = []
    for m in committee.members:
        party = f" ({m.party[:1]})" if m.party else ""
        title = f", {m.title}" if m.title else ""
        roster.append(f"• {m.name}{party}{title}")
    return Message(
        title=f"{committee.full_name} ({committee.thomas_id})",
        body="\n".join(leaders),
        fields=(Field(f"Members ({len(roster)})", "\n".join(roster) or "No members listed."),),
        footer="Use /lawmaker <name> for a member's phone numbers.",
    )


def lawmaker_message(member: Lawmaker, lawmakers: LawmakerService, zip5: str | None) -> Message:
    """One lawmaker in full: phones, links and committees."""
    nearest = lawmakers.nearest_office(member, zip5) if zip5 else None
    detail = lawmaker_field(member, None, nearest)
    committees = [
        f"• {c.full_name}" + (f" ({m.title})" if m.title else "")
        for c, m in lawmakers.directory.committees_of(member.bioguide)
        if c.parent_id is None
    ]
    fields = (Field("Committees", "\n".join(committees)),) if committees else ()
    return Message(title=member.label, body=detail.value, fields=fields)


def _state_of(rep: Representation) -> str:
    seats = (*rep.senate, *rep.house)
    return seats[0].state if seats else ""


def _states(rep: Representation) -> int:
    return len({seat.state for seat in rep.house})


def _with_intro(message: Message, intro: str) -> Message:
    body = f"{intro}\n\n{message.body}" if message.body else intro
    return replace(message, body=body, tone=Tone.SUCCESS)


async def setup(host: BaseHost) -> None:
    cog = LawmakersCog(host.services.lawmakers, host.services.address)
    await host.add_cog(cog)
    asks = host.services.district_asks  # the one DM asking a member to confirm their district
    if asks is not None:
        asks.add_ask_hook("address", cog.ask_with_address)
