"""Reads of written outputs (成果): the list by kind, with adoption, and the characters per person — an
output written by several cadres is credited to each in equal shares."""

from collections import defaultdict

from django.db.models import Prefetch

from cadreforge.accounts.models import User
from cadreforge.programs.models import Participant, Program
from cadreforge.programs.selectors import get_batch

from .models import WrittenOutput


def output_statistics(user: User, program: Program, batch_number: int | None = None) -> dict:
    """`outputs` (with `authors_list`), `by_kind` rows (label, count, characters, adopted), `per_person`
    rows (participant, count, characters) sorted by characters, and `totals`. A batch limits the outputs
    to those with an author of that batch."""
    authors = Participant.objects.select_related("cadre", "batch").order_by("code")
    outputs = (
        WrittenOutput.objects.filter(program=program)
        .prefetch_related(Prefetch("authors", queryset=authors, to_attr="authors_list"))
        .order_by("kind", "date", "issue", "title")
    )
    if batch_number is not None:
        outputs = outputs.filter(authors__batch=get_batch(program, batch_number)).distinct()
    outputs = list(outputs)
    by_kind: dict[str, dict] = {
        kind: {"kind": kind, "label": label, "count": 0, "characters": 0, "adopted": 0}
        for kind, label in WrittenOutput.Kind.choices
    }
    people: dict[int, dict] = {}
    shares: dict[int, float] = defaultdict(float)
    for output in outputs:
        row = by_kind[output.kind]
        row["count"] += 1
        row["characters"] += output.characters
        row["adopted"] += output.adopted
        for author in output.authors_list:
            people.setdefault(author.pk, {"participant": author, "count": 0, "characters": 0})
            people[author.pk]["count"] += 1
            shares[author.pk] += output.characters / len(output.authors_list)
    for pk, person in people.items():
        person["characters"] = round(shares[pk])
    return {
        "outputs": outputs,
        "by_kind": [row for row in by_kind.values() if row["count"]],
        "per_person": sorted(people.values(), key=lambda p: (-p["characters"], p["participant"].code)),
        "totals": {
            "count": len(outputs),
            "characters": sum(o.characters for o in outputs),
            "adopted": sum(1 for o in outputs if o.adopted),
        },
        "batch_number": batch_number,
        "batches": program.batches.order_by("number"),
    }
