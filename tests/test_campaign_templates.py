"""Campaign templates: shipped ones fit the schema and the data; bad files never stop the bot."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path

import pytest

from bot.app import build_services, close_services
from bot.core.campaign_rules import TextLimits, check_text
from bot.core.campaign_templates import TemplateSpec, load_templates
from bot.core.targets import check_targets
from bot.domain.clock import ManualClock
from bot.domain.models import Platform
from bot.platforms.console.runner import start_console
from bot.prompt_view import FIELD_MAX, script_message
from bot.resources import campaigns_dir
from bot.services import Services
from bot.settings import Settings

from .conftest import Transcript

SHIPPED = campaigns_dir()
GOOD = """\
title: A fine campaign
ask: Please call.
script: Hi, I'm {caller_name} from {city}.
"""


def english(broken: Mapping[str, object]) -> dict[str, str]:
    """The unavailable templates' reasons in English."""
    return {name: str(reason) for name, reason in broken.items()}


def shipped() -> list[Path]:
    return sorted(SHIPPED.glob("*.yaml"))


def test_there_is_a_shipped_template() -> None:
    """The IRS data privacy campaign ships ready to use."""
    assert SHIPPED / "irs-data-privacy.yaml" in shipped()


def test_every_shipped_template_fits_the_schema() -> None:
    """No shipped file is unavailable, and each passes the same checks as the campaign form."""
    catalog = load_templates(SHIPPED)
    assert catalog.broken == {}
    assert sorted(catalog.templates) == [p.stem for p in shipped()]
    for template in catalog.templates.values():
        assert isinstance(template.spec, TemplateSpec)
        spec = template.spec
        fields = {
            "title": spec.title,
            "ask": spec.ask,
            "background": spec.background,
            "script": spec.script,
            "goal": str(spec.goal or ""),
        }
        check_text(fields, TextLimits())


def test_shipped_targets_exist_in_the_lawmaker_data(full_services: Services) -> None:
    """Every committee and lawmaker a shipped template names is in the real data."""
    directory = full_services.directory.current()
    for template in load_templates(SHIPPED).templates.values():
        check_targets(template.spec.parsed_targets, directory)


def test_irs_template_says_what_the_issue_says() -> None:
    """The background carries the facts it is built on, and the ask is the agreed one."""
    spec = load_templates(SHIPPED).templates["irs-data-privacy"].spec
    for fact in (
        "April 2025",
        "Scott Bessent",
        "Kristi Noem",
        "memorandum of understanding",
        "Public Citizen",
        "acting IRS commissioner, Melanie Krause, resigned",
        "ITIN",
        "nearly $90 billion in taxes in 2023",
        "up to 7 million people",
        "tens of billions",
        "Section 6103",
    ):
        assert fact in spec.background, fact
    assert "hold oversight hearings on the IRS-ICE data agreement" in spec.ask
    assert "restore Section 6103 protection in law" in spec.ask


async def test_irs_script_is_short_and_fits_a_chat_field(
    full_services: Services, clock: ManualClock
) -> None:
    """Read aloud in under a minute (150 words), and each call fits one Discord field."""
    olga = await full_services.members.actor(Platform.CONSOLE, "c1", "olga", True)
    campaign = await full_services.campaigns.import_template(olga, "irs-data-privacy")
    ann = await full_services.members.actor(Platform.CONSOLE, "c1", "ann", False)
    member = await full_services.members.set_location(ann.member, "05401", "VT-AL")
    script = full_services.scripts.build(member, campaign)
    for call in script.calls:
        assert len(call.script.split()) <= 150
    message = script_message(script)
    assert all(len(f.value) <= FIELD_MAX for f in message.fields)
    assert len(message.fields) == 4  # three calls, one list of optional extras


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("broken-yaml", "title: [unclosed\n", "not valid YAML at line 2"),
        ("a-list", "- title\n", "must be a mapping"),
        ("typo", GOOD + "targetz: [mine]\n", "targetz: Extra inputs are not permitted"),
        ("no-title", "ask: x\nscript: y\n", "title: Field required"),
        ("bad-script", GOOD.replace("{city}", "{ctiy}"), "unknown fill-in {ctiy}"),
        ("bad-target", GOOD + "targets: [mine, friends]\n", "'friends' is not a target"),
        ("bad-outcome", GOOD + "outcomes: [{key: 'No Way', label: x}]\n", "outcome key"),
        ("bad-goal", GOOD + "goal: -3\n", "goal: Input should be greater than or equal to 1"),
        ("Bad_Name", GOOD, "file name must be lowercase"),
    ],
)
def test_bad_files_are_listed_with_a_reason(
    tmp_path: Path, name: str, text: str, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A bad file is unavailable with one sentence and a log line; good files still load."""
    (tmp_path / "good.yaml").write_text(GOOD)
    (tmp_path / f"{name}.yaml").write_text(text)
    with caplog.at_level(logging.WARNING):
        catalog = load_templates(tmp_path)
    assert list(catalog.templates) == ["good"]
    assert reason in str(catalog.broken[name])
    assert f"{name}.yaml" in caplog.text


def test_binary_file_is_unavailable(tmp_path: Path) -> None:
    """A file that is not text is reported, not raised."""
    (tmp_path / "binary.yaml").write_bytes(b"\xff\xfe\x00title")
    assert str(load_templates(tmp_path).broken["binary"]) == "it is not UTF-8 text"


def test_missing_folder_means_no_templates(tmp_path: Path) -> None:
    """No folder, no templates, no crash."""
    catalog = load_templates(tmp_path / "nowhere")
    assert catalog.templates == {} and catalog.broken == {}


async def test_the_bot_starts_with_a_bad_template_and_names_it(
    settings: Settings, clock: ManualClock, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Startup logs the bad file; /campaign import lists it as unavailable with the reason."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "fine.yaml").write_text(GOOD)
    (folder / "oops.yaml").write_text("title: [unclosed\n")
    with caplog.at_level(logging.WARNING):
        services = await build_services(
            settings.model_copy(update={"campaign_templates_dir": folder}), clock
        )
    try:
        assert "oops.yaml" in caplog.text
        transcript = Transcript()
        console = await start_console(services, transcript)  # type: ignore[arg-type]
        await console.handle("/campaign import")
        await console.handle("/campaign import oops")
        await console.handle("/campaign import fine")
    finally:
        await close_services(services)
    assert "Available: fine A fine campaign" in transcript.text
    assert "oops it is not valid YAML at line 2" in transcript.text
    assert "The template oops is unavailable: it is not valid YAML" in transcript.text
    assert "Imported A fine campaign" in transcript.text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[" * 30_000, "it is nested too deeply to be a template"),
        (GOOD + "goal: 2001-13-99\n", "it is not valid YAML"),  # a date YAML cannot build
        (GOOD + "goal: !!int x\n", "it is not valid YAML"),
        (GOOD + "goal: 0x_\n", "it is not valid YAML"),
    ],
)
def test_yaml_that_breaks_the_parser_is_unavailable(tmp_path: Path, text: str, reason: str) -> None:
    """Errors the YAML parser raises besides its own (recursion, a constructor's ValueError)
    make the file unavailable instead of stopping the start."""
    (tmp_path / "odd.yaml").write_text(text)
    assert english(load_templates(tmp_path).broken) == {"odd": reason}


def test_a_template_that_is_no_file_is_unavailable_without_being_opened(tmp_path: Path) -> None:
    """A FIFO would block a read for good (no writer); a folder named like a template too."""
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "folder.yaml").mkdir()
    assert english(load_templates(tmp_path).broken) == {
        "folder": "it is a folder, not a regular file",
        "pipe": "it is a FIFO (named pipe), not a regular file",
    }


def test_a_fault_in_a_check_makes_one_file_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even a check that fails in a way nobody foresaw costs one template, not the start."""

    def faulty(script: str) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("bot.core.campaign_templates.check_script", faulty)
    (tmp_path / "good.yaml").write_text(GOOD)
    assert english(load_templates(tmp_path).broken) == {
        "good": "it could not be checked (RuntimeError)"
    }
