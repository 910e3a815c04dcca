"""A member's personal script: whom to call for a campaign, their numbers, and what to say.

Built from the member's saved ZIP (or chosen district), the campaign's targets and script, the
lawmaker directory, and the time (DC offices keep office hours; the clock is injected).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from bot.civic.directory import Directory
from bot.civic.geo import place_text
from bot.civic.models import Member as Lawmaker
from bot.civic.models import ZipResult
from bot.civic.store import DirectoryStore
from bot.core.address_lookup import address_helps
from bot.core.campaign_texts import CampaignTexts, campaign_texts
from bot.core.directory_changes import confirm_note
from bot.core.district_maps import map_change_text
from bot.core.lawmaker_titles import referred, role_name
from bot.core.lawmakers import LawmakerService, Representation
from bot.core.office_hours import EASTERN, OfficeHours
from bot.core.scripts import ScriptTemplate
from bot.core.targets import CallTarget, Seats, resolve_targets
from bot.domain.campaign_models import Campaign
from bot.domain.clock import Clock
from bot.domain.errors import DomainError, InvalidInput, NotFound
from bot.domain.models import Member
from bot.domain.targets import TargetKind
from bot.domain.text import Text, t
from bot.i18n.languages import ENGLISH
from bot.i18n.translator import Translator, Translators


class ZipNeeded(DomainError):
    """The campaign calls the member's own lawmakers, and no ZIP or district is saved."""

    def __init__(self) -> None:
        super().__init__(
            t(
                "To find your lawmakers I need your ZIP code: save it with /setzip (for example "
                "/setzip 05401), then ask again."
            )
        )


@dataclass(frozen=True, slots=True)
class Phone:
    label: Text  # "DC office", "Burlington office", "Capitol switchboard"
    number: str


@dataclass(frozen=True, slots=True)
class Call:
    """One lawmaker to call, how to reach them, and the script rendered for them."""

    target: CallTarget
    phones: tuple[Phone, ...]
    script: str
    voicemail: str  # "" when the campaign's script has no voicemail section

    @property
    def lawmaker(self) -> Lawmaker:
        return self.target.lawmaker


@dataclass(frozen=True, slots=True)
class PersonalScript:
    campaign: Campaign
    place: Text | str | None  # "Burlington, VT" (a state: its name per reader); None: unsaved
    calls: tuple[Call, ...]  # required calls first, then optional extras
    notes: tuple[Text | str, ...]  # split ZIP, vacant seats, targets that did not resolve
    offices_open: bool
    office_hours: Text | str  # "9 a.m. to 5 p.m. Eastern time, Monday to Friday"
    closed_for: Text | str | None = None  # the federal holiday offices are closed for today
    opens_again: Text | str = ""  # when closed: "Friday, November 27 at 9 a.m. Eastern time"
    # the member's ZIP when their street address would settle which House member is theirs
    address_zip: str | None = None
    language: str = ENGLISH  # the reader's: the words around the script
    # the campaign's title, ask and script as the reader gets them (their language's version,
    # else the first language's with a note); None: the campaign's own columns
    texts: CampaignTexts | None = None

    @property
    def title(self) -> str:
        return self.texts.title if self.texts else self.campaign.title

    @property
    def ask(self) -> str:
        return self.texts.ask if self.texts else self.campaign.ask

    @property
    def required(self) -> tuple[Call, ...]:
        return tuple(c for c in self.calls if not c.target.optional)

    @property
    def optional(self) -> tuple[Call, ...]:
        return tuple(c for c in self.calls if c.target.optional)


class PersonalScripts:
    """Builds personal scripts; also saves a ZIP given right where the script was asked for."""

    def __init__(
        self,
        lawmakers: LawmakerService,
        directory: DirectoryStore,
        clock: Clock,
        hours: OfficeHours,
        former: Callable[[str], str | None] | None = None,
        words: Translators | None = None,
        undecided: Callable[[int], frozenset[str]] | None = None,
    ) -> None:
        self._former = former  # a departed lawmaker's name as last seen (for notes)
        self._undecided = undecided  # a campaign's undecided lawmakers (undecided:<committee>)
        self._words = words or Translators()
        self._lawmakers = lawmakers
        self._directory = directory
        self._clock = clock
        self.hours = hours

    @staticmethod
    def needs_zip(member: Member, campaign: Campaign) -> bool:
        """True when the campaign calls the member's own lawmakers and no location is saved."""
        located = bool(member.zip or member.district)
        return not located and any(t.local for t in campaign.targets)

    async def save_zip(self, member: Member, text: str) -> Member:
        """Save a typed ZIP (and its district when the ZIP names just one)."""
        saved, _ = await self._lawmakers.save_zip(member, text)
        return saved

    def build(self, member: Member, campaign: Campaign, language: str = ENGLISH) -> PersonalScript:
        """The member's calls for ``campaign``, for a reader of ``language``: the campaign's
        version in it (else its first language's, with a note), fill-ins in the script's
        language; raises ZipNeeded when a location is missing."""
        if self.needs_zip(member, campaign):
            raise ZipNeeded()
        directory = self._directory.current()
        notes: list[Text | str] = []
        if member.district_check:  # new data changed the saved district: until confirmed
            notes.append(confirm_note(member.district, member.district_check, member.zip))
        rep = self._representation(member, notes) if member.zip or member.district else None
        place_zip = _zip_result(directory, member.zip)
        undecided = self._undecided(campaign.id) if self._undecided else frozenset()
        resolution = resolve_targets(
            campaign.targets, directory, _seats(rep), self._former, undecided
        )
        notes.extend(resolution.notes)
        texts = campaign_texts(campaign, language)
        if texts.note is not None:
            notes.insert(0, texts.note)
        template = ScriptTemplate.parse(texts.script)
        said = self._words(texts.language)  # the script's language: its fill-ins
        values = _fill_ins(rep, place_zip, said)
        calls = []
        for target in resolution.calls:
            lawmaker = target.lawmaker
            rendered = template.render(
                {**values, **_lawmaker_values(lawmaker, said)},
                "senate" if lawmaker.chamber == "sen" else "house",
                said,
            )
            zip5 = member.zip if target.local else None
            phones = _phones(directory, lawmaker, self._words(language), zip5)
            calls.append(Call(target, phones, rendered.text, rendered.voicemail))
        house_kinds = (TargetKind.MINE, TargetKind.HOUSE)
        if rep is not None and any(t.kind in house_kinds for t in campaign.targets):
            # The member's House seat comes from a map that has since changed: say so.
            saved = rep.chosen is not None
            notes.extend(map_change_text(c, rep.zip5, saved) for c in rep.map_changes)
        now = self._clock.now()
        is_open = self.hours.is_open(now)
        return PersonalScript(
            campaign=campaign,
            place=rep.place if rep else None,
            calls=tuple(calls),
            notes=tuple(dict.fromkeys(notes)),
            offices_open=is_open,
            office_hours=hours_words(self.hours),
            closed_for=self.hours.closed_for_words(now),
            opens_again="" if is_open else opening_words(self.hours.next_opening(now)),
            address_zip=_address_zip(rep, campaign),
            language=self._words(language).code,
            texts=texts,
        )

    def _representation(self, member: Member, notes: list[Text | str]) -> Representation | None:
        try:
            return self._lawmakers.for_member(member)
        except (InvalidInput, NotFound):
            if not member.district or not member.zip:
                raise
        # The saved district no longer exists (or cannot be read): fall back to the ZIP.
        if member.district_check is None:  # else the note asking to confirm says it
            notes.append(
                t(
                    "Your saved district {district} is not in the current data; please "
                    "pick it again with /setzip.",
                    district=member.district,
                )
            )
        return self._lawmakers.for_member(_without_district(member))


def _address_zip(rep: Representation | None, campaign: Campaign) -> str | None:
    """The ZIP to offer the street-address lookup for: the campaign calls the member's own
    lawmakers, and their ZIP cannot tell their House district."""
    if rep is None or not rep.zip5 or not address_helps(rep):
        return None
    return rep.zip5 if any(t.local for t in campaign.targets) else None


def _without_district(member: Member) -> Member:
    return replace(member, district=None)


def _zip_result(directory: Directory, zip5: str | None) -> ZipResult | None:
    if not zip5:
        return None
    try:
        return directory.lookup_zip(zip5)
    except (InvalidInput, NotFound):
        return None


def _seats(rep: Representation | None) -> Seats | None:
    if rep is None:
        return None
    states = tuple(dict.fromkeys(s.state for s in (*rep.senate, *rep.house)))
    return Seats(
        states=states,
        senators=tuple(s.member for s in rep.senate if s.member is not None),
        vacant_senate_seats=sum(1 for s in rep.senate if s.member is None),
        house=tuple(s.member for s in rep.house if s.member is not None),
        vacant_house=tuple(s.label for s in rep.house if s.member is None),
        house_undecided=tuple(s.label for s in rep.house) if rep.undecided else (),
        probable=rep.undecided and rep.probable,
        house_unknown=rep.house_unknown,
    )


def _fill_ins(
    rep: Representation | None, place: ZipResult | None, words: Translator
) -> dict[str, str | None]:
    """The caller's city, state (named in the script's language: Nueva York) and ZIP."""
    if place is not None:
        return {
            "city": place.city,
            "state": words.render(place_text(place.state)),
            "zip": place.zip5,
        }
    if rep is not None and (rep.senate or rep.house):
        state = (rep.senate or rep.house)[0].state
        return {"city": None, "state": words.render(place_text(state)), "zip": rep.zip5}
    return {}


def hours_words(hours: OfficeHours) -> Text:
    """'9 a.m. to 5 p.m. Eastern time, Monday to Friday', in the reader's words."""
    return t(
        "{start} to {end} Eastern time, Monday to Friday",
        start=hour_words(hours.start),
        end=hour_words(hours.end),
    )


def opening_words(opening: datetime) -> Text:
    """'Friday, November 27 at 9 a.m. Eastern time', in the reader's words."""
    local = opening.astimezone(EASTERN)
    return t("{day} at {hour} Eastern time", day=local.date(), hour=hour_words(local.hour))


def hour_words(hour: int) -> Text:
    """'midnight', '9 a.m.', 'noon', '5 p.m.'."""
    if hour in (0, 24):
        return t("midnight")
    if hour == 12:
        return t("noon")
    return t("{hour} a.m.", hour=hour) if hour < 12 else t("{hour} p.m.", hour=hour - 12)


def _lawmaker_values(lawmaker: Lawmaker, words: Translator) -> dict[str, str | None]:
    """The lawmaker's fill-ins in the script's language: 'Senator' and 'Senator Sanders';
    'senadora' and 'la senadora Warren' (gendered, neutral when the data has no gender)."""
    return {
        "lawmaker_title": role_name(lawmaker.role, lawmaker.gender, words),
        "lawmaker_name": lawmaker.name,
        "lawmaker_last_name": lawmaker.last,
        "lawmaker": referred(lawmaker, words),
    }


def _phones(
    directory: Directory, lawmaker: Lawmaker, words: Translator, zip5: str | None
) -> tuple[Phone, ...]:
    """The DC number, and for the caller's own lawmakers the nearest district office (the
    switchboard's words name the lawmaker in the reader's language)."""
    if lawmaker.phone_is_switchboard:
        label = t("Capitol switchboard (ask for {lawmaker})", lawmaker=referred(lawmaker, words))
        phones = [Phone(label, lawmaker.phone)]
    else:
        phones = [Phone(t("DC office"), lawmaker.phone)]
    if zip5 is None:
        return tuple(phones)
    try:
        nearest = directory.nearest_office(lawmaker.bioguide, zip5)
    except (InvalidInput, NotFound):
        nearest = None
    if nearest is not None and nearest.office.phone:
        office = nearest.office
    else:
        office = next((o for o in lawmaker.offices if o.phone), None)
    if office is not None and office.phone:
        phones.append(Phone(t("{city} office", city=office.city), office.phone))
    return tuple(phones)
