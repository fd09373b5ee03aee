"""The declarative shape of a platform profile."""

from dataclasses import dataclass, field

from ..values import normalize_label as normalize


@dataclass(frozen=True)
class KindSpec:
    """What a kind of source record becomes in Odoo."""

    model: str
    rank: int
    label: str
    defaults: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ObjectSpec:
    """A source object the profile recognises, by file name and headers."""

    kind: str
    name_patterns: tuple = ()
    header_hints: tuple = ()
    # target field -> kinds of the objects it points to
    references: dict = field(default_factory=dict)
    # targets that must be mapped; a tuple inside means "any of these"
    required: tuple = ()
    # header synonyms specific to this kind: target -> synonyms (override the model's)
    synonyms: dict = field(default_factory=dict)


@dataclass
class Profile:
    code: str
    label: str
    objects: list
    kinds: dict
    synonyms: dict
    won_values: tuple = ()
    lost_values: tuple = ()
    dedupe_keys: dict = field(default_factory=dict)
    not_migrated: list = field(default_factory=list)
    custom_types: dict = field(default_factory=dict)
    target_fields: dict = field(default_factory=dict)

    def kind_spec(self, kind):
        return self.kinds[kind]

    def model_for(self, kind):
        return self.kinds[kind].model if kind in self.kinds else None

    def object_spec(self, kind):
        return next((spec for spec in self.objects if spec.kind == kind), None)

    def is_won(self, value):
        return normalize(value) in {normalize(v) for v in self.won_values}

    def is_lost(self, value):
        return normalize(value) in {normalize(v) for v in self.lost_values}

    def custom_ttype(self, inferred_type):
        return self.custom_types.get(inferred_type, "char")
