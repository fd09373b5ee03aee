"""What the parts of an object's load know of it: a read-only description.

The run builds one ``LoadView`` per object step and gives it to the target adapters,
the writer and the index check. They read it (the object, its plan, where a row is),
say what each row became to the tracker (``outcomes.Outcomes``), and never call back
into the run: the run alone orders the steps, writes the outcomes and counts them.
"""

from dataclasses import dataclass

from ..services import transform


@dataclass(frozen=True)
class LoadView:
    env: object
    ctx: object  # the run's shared services: resolver, adapters, issues, created records
    line: object  # the run line of the object (read: its counts so far)
    mapping: object
    obj: object
    model: str
    kind: str
    plan: object  # services.transform.ObjectPlan
    file_plans: dict  # file id -> the plan naming that file (an object of several files)
    stage_map: dict  # confirmed stage-map values by their lowercased source value
    settings_hash: str
    adapter: object

    def plan_for(self, staging):
        """The object's plan, naming the row's own file in what it reports."""
        return self.file_plans.get(staging.file_id.id, self.plan) if self.file_plans else self.plan

    def where(self, staging, column=None):
        return transform.where(self.plan_for(staging), staging.row_number, column)
