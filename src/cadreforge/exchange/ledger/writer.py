"""Writing a validated ledger: sheet by sheet, keyed as the contract says, in bulk (see upsert.py and
bulk.py). Runs inside the importer's transaction. One module per family of sheets: program_sheets.py (计划, 批次,
干部, 岗位, 派驻), enterprises.py, pipeline_sheets.py (走访, 线索, 项目), outcomes.py (人才, 成果)."""

from cadreforge.programs.models import Program

from . import outcomes, pipeline_sheets, program_sheets
from .context import WriteContext
from .enterprises import resolve_enterprises


class LedgerWriter(WriteContext):
    def write(self) -> Program:
        program = program_sheets.write_program(self)
        self.progress("计划")
        batches = program_sheets.write_batches(self, program)
        participants = program_sheets.write_cadres(self, program, batches)
        posts = program_sheets.write_posts(self, program)
        program_sheets.write_assignments(self, participants, posts)
        enterprises = resolve_enterprises(self)
        pipeline_sheets.write_visits(self, program, participants, enterprises)
        leads = pipeline_sheets.write_leads(self, program, participants, enterprises)
        pipeline_sheets.write_projects(self, program, participants, enterprises, leads)
        outcomes.write_talents(self, program, participants)
        outcomes.write_outputs(self, program, participants)
        return program
