"""The "Find my district from my street address" button, shared by the cogs that offer it
(lawmakers: /reps, /myreps, /setzip; the address cog: personal scripts). The address cog
(cogs/address.py) handles what it opens."""

from __future__ import annotations

from dataclasses import replace

from bot.core.address_lookup import AddressLookup
from bot.core.lawmakers import Representation
from bot.domain.text import t
from bot.i18n.translator import Translator
from bot.messages import Button, Message, Style

ASK_ACTION = "address.ask"  # value: "<zip5>", or "<zip5>|<source>" from a script ("p7", "c3")
FORM_ACTION = "address.form"  # value: as ASK_ACTION's
SAVE_ACTION = "address.save"  # value: "<zip5>|<district>", or "<zip5>|<district>|<source>"
ASK_LABEL = t("Find my district from my street address")
OFFER = t("Or find it from your street address with the button below. {consent}")


def address_button(zip5: str, words: Translator, source: str = "") -> Button:
    """The button that opens the private address form for ``zip5`` (``source``: the script's
    prompt or campaign, "p7" or "c3", to show the script once the district is saved)."""
    value = f"{zip5}|{source}" if source else zip5
    return Button(words.render(ASK_LABEL), ASK_ACTION, value, Style.PRIMARY)


def offer_address(
    message: Message, rep: Representation, lookup: AddressLookup, words: Translator
) -> Message:
    """``message`` with the address button, when the lookup is on and the ZIP cannot tell the
    member's House district."""
    if not lookup.offers(rep) or rep.zip5 is None:
        return message
    offer = words.render(OFFER.with_values(consent=lookup.consent))
    return replace(
        message,
        body=f"{message.body}\n{offer}" if message.body else offer,
        buttons=(address_button(rep.zip5, words), *message.buttons),
    )
