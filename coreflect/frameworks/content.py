"""Reading framework content files and writing them into the database as versions.

`check_file` validates one YAML file; `load_builtins` validates every built-in file first and only
then writes, in one transaction, so a broken file never half-loads. `create_version` is the one
place a `FrameworkVersion` and its skeleton rows are written, for built-ins and organisations'
copies alike.
"""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from django.db import transaction
from django.db.models import Max

from .models import Framework, FrameworkVersion, Indicator, Principle, Stage
from .schema import FrameworkContentError, FrameworkDocument, parse_document

if TYPE_CHECKING:
    from coreflect.accounts.models import User

CONTENT_DIR = Path(__file__).resolve().parent / "content"


def builtin_files() -> list[Path]:
    return sorted(CONTENT_DIR.glob("*.yaml"))


def check_file(path: Path) -> FrameworkDocument:
    source = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise FrameworkContentError(
            [(where, f"is not valid YAML: {getattr(error, 'problem', error)}")], source
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise FrameworkContentError([("", f"cannot be read: {error}")], source) from None
    document = parse_document(data, source)
    if document.slug != path.stem:
        raise FrameworkContentError([("slug", f"{document.slug!r} must match the file name {path.stem!r}")], source)
    return document


def content_hash(stored: dict) -> str:
    return hashlib.sha256(json.dumps(stored, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@transaction.atomic
def create_version(
    framework: Framework, document: FrameworkDocument, created_by: "User | None" = None, using: str = "default"
) -> FrameworkVersion:
    """Write a new version of `framework` holding `document`, and make it the current one."""
    stored = document.stored()
    latest = FrameworkVersion.objects.using(using).filter(framework=framework).aggregate(n=Max("number"))["n"] or 0
    version = FrameworkVersion(
        framework=framework,
        number=latest + 1,
        document=stored,
        content_hash=content_hash(stored),
        created_by=created_by,
    )
    version.save(using=using)
    stages = Stage.objects.using(using).bulk_create(
        Stage(version=version, key=stage.key, position=position) for position, stage in enumerate(document.stages)
    )
    stage_by_key = {stage.key: stage for stage in stages}
    principles = Principle.objects.using(using).bulk_create(
        Principle(version=version, key=principle.key, position=position)
        for position, principle in enumerate(document.principles)
    )
    Indicator.objects.using(using).bulk_create(
        Indicator(
            version=version, principle=principle_row, stage=stage_by_key[indicator.stage], key=indicator.key, position=i
        )
        for principle_row, principle in zip(principles, document.principles, strict=True)
        for i, indicator in enumerate(principle.indicators)
    )
    Framework.objects.using(using).filter(pk=framework.pk).update(current_version=version)
    framework.current_version = version
    return version


@dataclass
class LoadResult:
    framework: Framework
    version: FrameworkVersion
    created: bool


def load_builtins(using="default") -> list[LoadResult]:
    """Bring the built-in frameworks up to date with the content files."""
    documents = [check_file(path) for path in builtin_files()]  # all checked before anything is written
    results = []
    with transaction.atomic(using=using):
        for document in documents:
            framework, _ = Framework.objects.using(using).get_or_create(slug=document.slug, organisation=None)
            current = framework.current_version
            if current is not None and current.content_hash == content_hash(document.stored()):
                results.append(LoadResult(framework, current, created=False))
                continue
            version = create_version(framework, document, using=using)
            results.append(LoadResult(framework, version, created=True))
    return results
