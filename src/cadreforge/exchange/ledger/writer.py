"""Writing a validated ledger: sheet by sheet, keyed as the contract says, in bulk (see upsert.py).
Runs inside the importer's transaction; the program itself goes through programs.services."""

from collections.abc import Callable

from cadreforge.chains.services import get_or_create_chain
from cadreforge.core.stages import Stage
from cadreforge.core.text import clean, text_key
from cadreforge.org.services import get_or_create_unit
from cadreforge.people.models import Cadre
from cadreforge.pipeline.models import Enterprise, Lead, Project, ProjectStage, Talent, Visit
from cadreforge.programs import services as programs
from cadreforge.programs.models import Batch, HostUnit, Participant, Post, Program
from cadreforge.secondment.models import Assignment, WrittenOutput

from .helpers import _NULLABLE, _id_fields, _in_chunks, _mobile_fields, _stage_plan
from .upsert import Counts, Wanted, insert_rows, upsert, upsert_rows
from .validate import Ledger, Row

Progress = Callable[[str], None]
PROGRAM_FIELDS = {
    "计划名称": "name",
    "类型": "kind",
    "主办单位": "organiser",
    "所属地区": "region",
    "说明": "description",
}


class LedgerWriter:
    def __init__(self, actor, ledger: Ledger, progress: Progress | None = None):
        self.actor = actor
        self.ledger = ledger
        self.progress = progress or (lambda sheet: None)
        self.counts: dict[str, Counts] = {}
        self._chains: dict[str, int] = {}

    # helpers -------------------------------------------------------------------------------------
    def rows(self, sheet: str) -> list[Row]:
        return self.ledger.rows.get(sheet, [])

    def fields(self, sheet: str, row: Row, mapping: dict[str, str], defaults: dict | None = None) -> dict:
        """Model fields from the columns present in the sheet (absent columns leave a field alone)."""
        out = {}
        for header, attr in mapping.items():
            if self.ledger.has(sheet, header):
                value = row.values.get(header)
                if value is None:
                    value = (defaults or {}).get(attr, "" if attr not in _NULLABLE else None)
                out[attr] = value
        return out

    def chain_ids(self, names: list[str] | None) -> set[int]:
        ids = set()
        for name in names or ():
            if name not in self._chains:
                self._chains[name] = get_or_create_chain(name).pk
            ids.add(self._chains[name])
        return ids

    # sheets --------------------------------------------------------------------------------------
    def write(self) -> Program:
        program = self.write_program()
        self.progress("计划")
        batches = self.write_batches(program)
        participants = self.write_cadres(program, batches)
        posts = self.write_posts(program)
        self.write_assignments(participants, posts)
        enterprises = self.resolve_enterprises()
        self.write_visits(program, participants, enterprises)
        leads = self.write_leads(program, participants, enterprises)
        self.write_projects(program, participants, enterprises, leads)
        self.write_talents(program, participants)
        self.write_outputs(program, participants)
        return program

    def write_program(self) -> Program:
        row = self.rows("计划")[0]
        code = row.values["计划代码"]
        wanted = {
            attr: (row.values.get(h) or "")
            for h, attr in PROGRAM_FIELDS.items()
            if self.ledger.has("计划", h)
        }
        program = Program.objects.filter(code=code).first()
        counts = self.counts.setdefault("计划", Counts())
        if program is None:
            program = programs.create_program(self.actor, code=code, **wanted)
            counts.created += 1
            return program
        changed = {k: v for k, v in wanted.items() if getattr(program, k) != v}
        if changed:
            programs.update_program(self.actor, program, **changed)
            counts.updated += 1
        else:
            counts.unchanged += 1
        return program

    def write_batches(self, program: Program) -> dict[int, int]:
        mapping = {
            "名称": "name",
            "开始日期": "start_date",
            "结束日期": "end_date",
            "计划人数": "quota",
            "状态": "status",
        }
        wanted = {
            r.values["批次"]: Wanted(self.fields("批次", r, mapping, {"status": Batch.Status.PLANNED}))
            for r in self.rows("批次")
        }
        existing = {b.number: b for b in program.batches.all()}
        self.run("批次", Batch, existing, wanted, lambda k, f: Batch(program=program, number=k, **f))
        return dict(program.batches.values_list("number", "pk"))

    def run(self, sheet, model, existing, wanted, build, links=()):
        if sheet not in self.ledger.rows:
            return existing
        result, counts = upsert(model, existing, wanted, build, list(links))
        self.counts[sheet] = counts
        self.progress(sheet)
        return result

    def write_cadres(self, program: Program, batches: dict[int, int]) -> dict[str, int]:
        existing = {p.code: p for p in program.participants.select_related("cadre")}
        if "干部" not in self.ledger.rows:
            return {code: p.pk for code, p in existing.items()}
        mapping = {
            "姓名": "name",
            "性别": "gender",
            "出生年月": "birth_month",
            "职务": "position",
            "职级": "rank",
        }
        units: dict[str, int] = {}
        cadre_wanted: dict[str, Wanted] = {}
        part_wanted: dict[str, Wanted] = {}
        secrets: dict[str, dict] = {}
        for r in self.rows("干部"):
            code = r.values["干部编号"]
            f = self.fields("干部", r, mapping)
            if self.ledger.has("干部", "专业领域"):
                f["tags"] = r.values.get("专业领域") or []
            f["name"] = clean(f["name"])
            f["name_key"] = text_key(f["name"])
            unit = r.values["工作单位"]
            if unit not in units:
                units[unit] = get_or_create_unit(unit).pk
            f["unit_id"] = units[unit]
            cadre_wanted[code] = Wanted(f)
            secrets[code] = {}
            for header, setter in (("身份证号", _id_fields), ("手机号", _mobile_fields)):
                value = r.values.get(header)
                if value and "*" not in value:
                    secrets[code].update(setter(value))
            part_wanted[code] = Wanted(
                {"batch_id": batches.get(r.values.get("批次"))} if self.ledger.has("干部", "批次") else {}
            )
        # The participant's own cadre, else the cadre with the same ID number, else a new cadre.
        hashes = [s["id_number_hash"] for s in secrets.values() if "id_number_hash" in s]
        by_hash = {c.id_number_hash: c for c in Cadre.objects.filter(id_number_hash__in=hashes)}
        cadres_existing = {}
        for code, want in cadre_wanted.items():
            current = (
                existing[code].cadre if code in existing else by_hash.get(secrets[code].get("id_number_hash"))
            )
            extra = secrets[code]
            # Encryption is randomised: only a different number (by its keyed hash) is a change.
            if current is not None and extra.get("id_number_hash") == current.id_number_hash:
                extra = {k: v for k, v in extra.items() if not k.startswith("id_number")}
            if current is not None and extra.get("mobile_hash") == current.mobile_hash:
                extra = {k: v for k, v in extra.items() if not k.startswith("mobile")}
            want.fields.update(extra)
            if current is not None:
                cadres_existing[code] = current
        cadres, cadre_counts = upsert(Cadre, cadres_existing, cadre_wanted, lambda k, f: Cadre(**f))
        _, part_counts = upsert(
            Participant,
            existing,
            part_wanted,
            lambda k, f: Participant(program=program, cadre_id=cadres[k].pk, code=k, **f),
        )
        updated = {
            k for k in existing if k in cadre_wanted and k in (cadre_counts.changed | part_counts.changed)
        }
        self.counts["干部"] = Counts(
            part_counts.created, len(updated), len(existing.keys() & cadre_wanted.keys()) - len(updated)
        )
        self.progress("干部")
        return dict(program.participants.values_list("code", "pk"))

    def write_posts(self, program: Program) -> dict[str, int]:
        hosts: dict[tuple, int] = {}
        wanted = {}
        for r in self.rows("岗位"):
            host_key = (clean(r.values["城市"]), text_key(r.values["派驻单位"]))
            if host_key not in hosts:
                kind = r.values.get("单位类型") or HostUnit.Kind.OTHER
                hosts[host_key] = programs.get_or_create_host_unit(
                    name=r.values["派驻单位"], city=r.values["城市"], kind=kind
                ).pk
            f = {"host_id": hosts[host_key]}
            f.update(self.fields("岗位", r, {"名额": "capacity", "岗位职责": "duties"}, {"capacity": 1}))
            links = (
                {"chains": self.chain_ids(r.values.get("产业链"))}
                if self.ledger.has("岗位", "产业链")
                else {}
            )
            wanted[r.values["岗位编号"]] = Wanted(f, links)
        existing = {p.code: p for p in program.posts.all()}
        self.run("岗位", Post, existing, wanted, lambda k, f: Post(program=program, code=k, **f), ["chains"])
        return dict(program.posts.values_list("code", "pk"))

    def write_assignments(self, participants: dict[str, int], posts: dict[str, int]) -> None:
        wanted = {
            (participants[r.values["干部编号"]], posts[r.values["岗位编号"]]): Wanted(
                self.fields("派驻", r, {"开始日期": "start_date", "结束日期": "end_date"})
            )
            for r in self.rows("派驻")
        }
        existing = {
            (a.participant_id, a.post_id): a
            for a in Assignment.objects.filter(participant_id__in=participants.values())
        }
        self.run(
            "派驻",
            Assignment,
            existing,
            wanted,
            lambda k, f: Assignment(participant_id=k[0], post_id=k[1], **f),
        )

    def resolve_enterprises(self) -> dict[str, int]:
        """Enterprise id by name key, as pipeline.services.get_or_create_enterprise would resolve them."""
        wanted: dict[str, dict] = {}
        for sheet, header in (("走访", "企业名称"), ("线索", "企业名称"), ("项目", "投资方")):
            for r in self.rows(sheet):
                name = r.values.get(header)
                key = r.values.get("_ekey") or self.ledger.enterprise_key(name)
                r.values["_ekey"] = key
                info = wanted.setdefault(key, {"name": clean(name), "uscc": None, "location": ""})
                if sheet == "走访":
                    info["uscc"] = info["uscc"] or r.values.get("统一社会信用代码")
                    info["location"] = info["location"] or clean(r.values.get("企业所在地") or "")
        if not wanted:
            return {}
        ids: dict[str, int] = {}
        usccs = {i["uscc"] for i in wanted.values() if i["uscc"]}
        by_code = {e.uscc: e for e in Enterprise.objects.filter(uscc__in=usccs)}
        by_key = {e.name_key: e for e in _in_chunks(Enterprise.objects, "name_key", list(wanted))}
        to_create, to_fill = [], []
        for key, info in wanted.items():
            found = by_code.get(info["uscc"]) or by_key.get(key)
            if found is None:
                found = Enterprise(
                    name=info["name"], name_key=key, uscc=info["uscc"], location=info["location"]
                )
                if info["uscc"]:
                    by_code[info["uscc"]] = found
                by_key[key] = found
                to_create.append(found)
            elif found.pk:
                changed = False
                if info["uscc"] and not found.uscc and info["uscc"] not in by_code:
                    found.uscc, changed = info["uscc"], True
                    by_code[info["uscc"]] = found
                if info["location"] and not found.location:
                    found.location, changed = info["location"], True
                if changed:
                    to_fill.append(found)
            ids[key] = found
        insert_rows(
            Enterprise,
            [
                {"name": e.name, "name_key": e.name_key, "uscc": e.uscc, "location": e.location}
                for e in to_create
            ],
        )
        created = {
            e.name_key: e.pk
            for e in _in_chunks(Enterprise.objects, "name_key", [e.name_key for e in to_create])
        }
        for e in to_create:
            e.pk = created[e.name_key]
        if to_fill:
            Enterprise.objects.bulk_update(to_fill, ["uscc", "location"], batch_size=2000)
        return {k: e.pk for k, e in ids.items()}

    def write_visits(
        self, program: Program, participants: dict[str, int], enterprises: dict[str, int]
    ) -> None:
        if "走访" not in self.ledger.rows:
            return
        has_chains = self.ledger.has("走访", "产业链")
        wanted = {}
        for r in self.rows("走访"):
            key = (r.values["走访日期"], participants[r.values["干部编号"]], enterprises[r.values["_ekey"]])
            f = self.fields("走访", r, {"企业所在地": "location", "备注": "notes"})
            wanted[key] = Wanted(f, {"chains": self.chain_ids(r.values.get("产业链"))} if has_chains else {})
        _, self.counts["走访"] = upsert_rows(
            Visit,
            Visit.objects.filter(program=program),
            ["date", "participant_id", "enterprise_id"],
            wanted,
            lambda k, f: {
                "program_id": program.pk,
                "date": k[0],
                "participant_id": k[1],
                "enterprise_id": k[2],
                **f,
            },
            ["chains"],
        )
        self.progress("走访")

    def write_leads(self, program, participants, enterprises) -> dict[str, int]:
        mapping = {
            "报送日期": "date",
            "线索内容": "content",
            "预计投资额(万元)": "expected_amount_yuan",
            "有价值": "valuable",
        }
        if "线索" not in self.ledger.rows:
            return dict(Lead.objects.filter(program=program).values_list("code", "pk"))
        wanted = {}
        for r in self.rows("线索"):
            f = self.fields("线索", r, mapping, {"valuable": True})
            f["participant_id"] = participants[r.values["干部编号"]]
            f["enterprise_id"] = enterprises[r.values["_ekey"]]
            links = (
                {"chains": self.chain_ids(r.values.get("产业链"))}
                if self.ledger.has("线索", "产业链")
                else {}
            )
            wanted[r.values["线索编号"]] = Wanted(f, links)
        _, self.counts["线索"] = upsert_rows(
            Lead,
            Lead.objects.filter(program=program),
            ["code"],
            wanted,
            lambda k, f: {"program_id": program.pk, "code": k, **f},
            ["chains"],
        )
        self.progress("线索")
        return dict(Lead.objects.filter(program=program).values_list("code", "pk"))

    def write_projects(self, program, participants, enterprises, leads) -> None:
        mapping = {"项目名称": "name", "投资额(万元)": "amount_yuan"}
        wanted, dates = {}, {}
        for r in self.rows("项目"):
            code = r.values["项目编号"]
            f = self.fields("项目", r, mapping)
            f["investor_id"] = enterprises[r.values["_ekey"]]
            f["stage"] = int(r.values["当前阶段"])
            if self.ledger.has("项目", "来源线索编号"):
                f["source_lead_id"] = leads.get(r.values.get("来源线索编号"))
            links = {}
            if self.ledger.has("项目", "引荐干部编号"):
                links["cadres"] = {participants[c] for c in r.values.get("引荐干部编号") or ()}
            if self.ledger.has("项目", "产业链"):
                links["chains"] = self.chain_ids(r.values.get("产业链"))
            wanted[code] = Wanted(f, links)
            dates[code] = {s: r.values.get(f"{s.label}日期") for s in Stage}
        if "项目" not in self.ledger.rows:
            return
        existing = {p.code: p for p in Project.objects.filter(program=program)}
        history: dict[int, dict[int, ProjectStage]] = {}
        for row in ProjectStage.objects.filter(project__program=program):
            history.setdefault(row.project_id, {})[row.stage] = row
        plans = {
            code: _stage_plan(
                w.fields["stage"], dates[code], history.get(existing[code].pk, {}) if code in existing else {}
            )
            for code, w in wanted.items()
        }
        # A change in the stage history is a change of the project (it moves updated_at).
        force = {code for code, plan in plans.items() if plan[2]}
        result, counts = upsert(
            Project,
            existing,
            wanted,
            lambda k, f: Project(program=program, code=k, **f),
            ["cadres", "chains"],
            force=force,
        )
        new_rows, changed_rows, stale = [], [], []
        for code, (keep, stale_ids, _) in plans.items():
            pid = result[code].pk
            stale.extend(stale_ids)
            for stage, (row, day) in keep.items():
                if row is None:
                    new_rows.append(ProjectStage(project_id=pid, stage=stage, date=day))
                elif row.date != day:
                    row.date = day
                    changed_rows.append(row)
        ProjectStage.objects.filter(pk__in=stale).delete()
        ProjectStage.objects.bulk_create(new_rows, batch_size=2000)
        ProjectStage.objects.bulk_update(changed_rows, ["date"], batch_size=2000)
        self.counts["项目"] = counts
        self.progress("项目")

    def write_talents(self, program, participants) -> None:
        wanted = {}
        for r in self.rows("人才"):
            links = {}
            if self.ledger.has("人才", "引荐干部编号"):
                links["cadres"] = {participants[c] for c in r.values.get("引荐干部编号") or ()}
            wanted[(clean(r.values["姓名"]), r.values["层次"], r.values.get("引进日期"))] = Wanted({}, links)
        existing = {(t.name, t.level, t.date): t for t in Talent.objects.filter(program=program)}
        self.run(
            "人才",
            Talent,
            existing,
            wanted,
            lambda k, f: Talent(program=program, name=k[0], level=k[1], date=k[2]),
            ["cadres"],
        )

    def write_outputs(self, program, participants) -> None:
        mapping = {"字数": "characters", "日期": "date", "被采纳": "adopted"}
        wanted = {}
        for r in self.rows("成果"):
            links = {}
            if self.ledger.has("成果", "作者干部编号"):
                links["authors"] = {participants[c] for c in r.values.get("作者干部编号") or ()}
            f = self.fields("成果", r, mapping, {"characters": 0, "adopted": False})
            wanted[(r.values["类型"], clean(r.values["标题"]))] = Wanted(f, links)
        existing = {(o.kind, o.title): o for o in WrittenOutput.objects.filter(program=program)}
        self.run(
            "成果",
            WrittenOutput,
            existing,
            wanted,
            lambda k, f: WrittenOutput(program=program, kind=k[0], title=k[1], **f),
            ["authors"],
        )
