"""Load order: objects after the objects they reference, parents before children."""

from .errors import PlanError


def kind_rank(profile, kind):
    spec = profile.kinds.get(kind)
    return spec.rank if spec else 1000


def self_references(profile, kind):
    """Fields of a kind that point to the same kind (a company's parent company)."""
    return [name for name, ref in profile.references(kind).items() if kind in ref.kinds]


def plan_load(objects, rank=None):
    """Object names in load order.

    ``objects``: (name, kind, depends_on names) triples. Ties follow ``rank(kind)``
    then the name. A cycle raises PlanError naming it.
    """
    objects = list(objects)
    rank = rank or (lambda kind: 0)
    kinds = {name: kind for name, kind, _deps in objects}
    depends = {name: set(deps) - {name} for name, _kind, deps in objects}
    ordered = []
    done = set()
    visiting = []

    def visit(name):
        if name in done:
            return
        if name in visiting:
            cycle = visiting[visiting.index(name) :] + [name]
            raise PlanError(
                "objects %s reference each other; break the cycle by mapping one of the "
                "references to a plain field" % " -> ".join(repr(n) for n in cycle)
            )
        visiting.append(name)
        for dependency in sorted(depends[name] & set(kinds), key=lambda n: (rank(kinds[n]), n)):
            visit(dependency)
        visiting.pop()
        done.add(name)
        ordered.append(name)

    for name in sorted(kinds, key=lambda n: (rank(kinds[n]), n)):
        visit(name)
    return ordered


def _references(profile, objects):
    """{name: names of the objects it references}, from the references the profile
    declares (and the record an object's rows are written onto)."""
    objects = list(objects)
    found = {}
    for name, kind in objects:
        referenced = set()
        spec = profile.object_spec(kind)
        for parent in (spec.onto.parent if spec and spec.onto else None,):
            if parent:
                referenced.add(parent)
        for ref in profile.references(kind).values():
            referenced.update(
                k for k in ref.kinds + ((ref.create,) if ref.create else ()) if k != kind
            )
        found[name] = {other for other, other_kind in objects if other_kind in referenced}
    return found


def plan_objects(profile, objects, links=None):
    """Order (name, kind) pairs from the references the profile declares, and from
    ``links``: {name: names of other objects it points at} that no profile declares (a
    new custom object's link to another's model, confirmed by a person)."""
    objects = list(objects)
    references = _references(profile, objects)
    for name, linked in (links or {}).items():
        if name in references:
            references[name] |= set(linked) & set(references)
    triples = [(name, kind, references[name]) for name, kind in objects]
    return plan_load(triples, rank=lambda kind: kind_rank(profile, kind))


def blockers(profile, objects, order):
    """{name: the objects that must be loaded before it starts}.

    Every object comes after the ones before it in ``order``, except that two objects
    of independent kinds (``KindSpec.independent``: engagements, which only point to
    records loaded before them) load side by side, unless one references the other.
    """
    objects = dict(objects)
    references = _references(profile, objects.items())

    def independent(name):
        spec = profile.kinds.get(objects[name])
        return bool(spec and spec.independent)

    found = {}
    for position, name in enumerate(order):
        found[name] = {
            earlier
            for earlier in order[:position]
            if earlier in references[name] or not (independent(name) and independent(earlier))
        }
    return found
