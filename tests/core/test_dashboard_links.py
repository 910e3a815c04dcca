"""The dashboard links' signatures: HMAC-SHA256 under a key derived from ORGBOT_SECRET_KEY, any
of several keys accepted while keys change, never shown."""

from __future__ import annotations

import base64
import hashlib
import hmac

from bot.core.dashboard_links import KEY_CONTEXT, LinkSigner

LINK_ID = "A" * 22


def test_a_signature_is_hmac_sha256_of_the_id_and_expiry_under_a_derived_key() -> None:
    key = hmac.new(b"secret", KEY_CONTEXT, hashlib.sha256).digest()
    expected = hmac.new(key, f"{LINK_ID}.1767800000".encode(), hashlib.sha256).digest()
    signature = LinkSigner(["secret"]).sign(LINK_ID, 1767800000)
    assert len(signature) == 43
    assert signature == base64.urlsafe_b64encode(expected).rstrip(b"=").decode()


def test_a_changed_id_expiry_or_key_is_refused() -> None:
    signer = LinkSigner(["secret"])
    signature = signer.sign(LINK_ID, 1767800000)
    assert signer.verify(LINK_ID, 1767800000, signature)
    assert not signer.verify(LINK_ID, 1767800001, signature)
    assert not signer.verify("B" * 22, 1767800000, signature)
    assert not LinkSigner(["other"]).verify(LINK_ID, 1767800000, signature)


def test_while_keys_change_the_new_one_signs_and_both_are_accepted() -> None:
    old = LinkSigner.from_setting("old")
    both = LinkSigner.from_setting(" new , old ")
    assert old is not None and both is not None
    made_before = old.sign(LINK_ID, 1767800000)
    assert both.verify(LINK_ID, 1767800000, made_before)
    assert both.sign(LINK_ID, 1767800000) == LinkSigner(["new"]).sign(LINK_ID, 1767800000)
    assert LinkSigner.from_setting("") is None and LinkSigner.from_setting(None) is None


def test_the_keys_are_never_shown() -> None:
    assert "secret" not in repr(LinkSigner(["secret"]))
