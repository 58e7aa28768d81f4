"""List pages from ``.values()`` rows: no model instances, no serializer walked field by field per row.

A list answers exactly what its serializer would (the same fields, nested collections included: the
shape of ``/api/v1/`` does not change; v2's lists answer the summary's rows, see versioning.py), but
``ValuesListMixin.list`` does not run that serializer row by row. ``ListPlan`` reads, once per class,
which column each field shows and how the field turns it into JSON; the page is then one ``.values()`` query, plus one per nested collection (the children of
the page's rows, in the order and with the filter of the view's ``Prefetch``), and a loop over dicts.

What the plan cannot follow is an error when the plan is built, never a silent difference, and
tests/core/test_fast_lists.py compares every such list with its serializer run the slow way on the
demo. A serializer helps the plan in its ``Meta``:

* ``computed = {"age_days": ("raised_on", "closed_on")}`` — a property, method or method field
  (``get_<name>``) worked out from those columns on a bare instance of the model: the same code as
  the slow way, so the two cannot differ;
* ``values_extra = ("draft",)`` and a ``values_row(row)`` static method, to change a row before the
  fields read it (a partner's unsubmitted edits laid over its profile, as ``with_draft`` does).

A nested collection (a ``ListSerializer``) whose class filters its rows says how in
``values_filter`` (a dict of lookups).
"""

from collections import defaultdict
from functools import cache, lru_cache

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import Count, Expression, F, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from rest_framework import relations, serializers
from rest_framework.decorators import action

from .versioning import compact_lists

# Fields whose to_representation gives back the value ``.values()`` already holds.
SAME_VALUE = (
    serializers.CharField,  # EmailField, URLField, SlugField, RegexField: CharField subclasses
    serializers.IntegerField,
    serializers.BooleanField,
    serializers.ChoiceField,
    serializers.JSONField,
)


def _same_value(field) -> bool:
    if isinstance(field, serializers.ListField):
        return _same_value(field.child)
    if isinstance(field, serializers.FloatField | serializers.DecimalField):
        return False
    if isinstance(field, relations.PrimaryKeyRelatedField):
        return field.pk_field is None
    return isinstance(field, SAME_VALUE)


class ListPlan:
    """How to build a serializer's representation from ``.values()`` rows of ``model``."""

    def __init__(self, serializer_class, model, prefix: str = "", prefetches=None):
        meta = getattr(serializer_class, "Meta", None)
        self.computed = dict(getattr(meta, "computed", {}))
        self.model = model
        self.prefix = prefix
        self.prefetches = prefetches or {}
        self.row_hook = getattr(serializer_class, "values_row", None)
        self.keys: list[str] = [prefix + name for name in getattr(meta, "values_extra", ())]
        self.entries: list[tuple] = []  # (output name, kind, key, how)
        self.collections: list[Collection] = []
        self.serializer = serializer_class(context={})
        if (
            self.row_hook is None
            and type(self.serializer).to_representation is not serializers.Serializer.to_representation
        ):
            raise ImproperlyConfigured(
                f"{serializer_class.__name__} changes its rows in to_representation: give it values_row"
            )
        if prefix == "" and "pk" not in self.keys:
            self.keys.append("pk")  # the children of a page are found by their parents' keys
        for name, field in self.serializer.fields.items():
            if not field.write_only:
                self.entries.append(self._entry(name, field))

    def _fail(self, name: str, why: str):
        raise ImproperlyConfigured(f"{self.model.__name__} list field {name!r}: {why}")

    def _computed(self, name, field, source):
        columns = self.computed[source]
        self.keys += [self.prefix + c for c in columns]
        if isinstance(field, serializers.SerializerMethodField):
            method = getattr(self.serializer, field.method_name)
            return (name, "computed", tuple(columns), (method, None))
        attribute = getattr(self.model, source)
        getter = attribute.fget if isinstance(attribute, property) else attribute
        return (
            name,
            "computed",
            tuple(columns),
            (getter, None if _same_value(field) else field.to_representation),
        )

    def _entry(self, name, field):
        if isinstance(field, serializers.SerializerMethodField):
            if name not in self.computed:
                self._fail(name, "a method field: name the columns it reads in Meta.computed")
            return self._computed(name, field, name)
        if field.source in self.computed:
            return self._computed(name, field, field.source)
        if isinstance(field, serializers.ListSerializer | serializers.ManyRelatedField):
            return self._collection(name, field)
        if field.source == "*":
            self._fail(name, "the whole row cannot be read from .values()")
        path = field.source.split(".")
        model = self.model
        for step in path[:-1]:
            relation = self._field(model, step, name)
            if not (relation.many_to_one or relation.one_to_one) or not relation.concrete:
                self._fail(name, f"{step} is not a forward relation")
            model = relation.related_model
        key = self.prefix + "__".join(path)
        if isinstance(field, serializers.Serializer):  # one related row, nested
            relation = self._field(model, path[-1], name)
            if not relation.many_to_one or not relation.concrete:
                self._fail(name, "a nested serializer must follow a foreign key")
            nested = ListPlan(type(field), relation.related_model, prefix=key + "__")
            if nested.collections:
                self._fail(name, "a collection inside a nested row")
            self.keys += [key, *nested.keys]
            return (name, "nested", key, nested)
        if isinstance(field, relations.SlugRelatedField):
            key += "__" + field.slug_field
        elif isinstance(field, relations.RelatedField) and not isinstance(
            field, relations.PrimaryKeyRelatedField
        ):
            self._fail(name, "only primary keys and slugs of related rows are read from .values()")
        elif not isinstance(field, relations.RelatedField):
            try:
                model_field = model._meta.get_field(path[-1])
            except FieldDoesNotExist:
                if hasattr(model, path[-1]):
                    self._fail(name, f"{path[-1]} is worked out in Python: name it in Meta.computed")
                model_field = None  # an annotation of the list's queryset: .values() checks it
            if model_field is not None and not model_field.concrete:
                self._fail(name, f"{path[-1]} is not a column")
        self.keys.append(key)
        return (name, "value", key, None if _same_value(field) else field.to_representation)

    def _collection(self, name, field):
        if self.prefix:
            self._fail(name, "a collection inside a nested row")
        relation = self._field(self.model, field.source, name)
        if not (relation.one_to_many or relation.many_to_many):
            self._fail(name, "a collection must follow a reverse foreign key or a many-to-many relation")
        if isinstance(field, serializers.ListSerializer):
            if type(
                field
            ).to_representation is not serializers.ListSerializer.to_representation and not hasattr(
                type(field), "values_filter"
            ):
                self._fail(name, "a collection class of its own must say its filter in values_filter")
            child = field.child
        else:
            child = field.child_relation
            if not isinstance(child, relations.PrimaryKeyRelatedField) or child.pk_field is not None:
                self._fail(name, "a collection of related rows is read as primary keys or nested rows")
        collection = Collection(name, relation, child, getattr(field, "values_filter", {}), self.prefetches)
        self.collections.append(collection)
        return (name, "collection", None, collection)

    def _field(self, model, step, name):
        try:
            return model._meta.get_field(step)
        except FieldDoesNotExist:
            self._fail(name, f"{model.__name__} has no field {step!r}")

    def represent(self, row: dict, children: dict | None = None) -> dict:
        if self.row_hook is not None:
            row = self.row_hook(row)
        prefix = self.prefix
        item = {}
        for name, kind, key, how in self.entries:
            if kind == "value":
                value = row[key]
                item[name] = value if value is None or how is None else how(value)
            elif kind == "nested":
                item[name] = None if row[key] is None else how.represent(row)
            elif kind == "collection":
                item[name] = children[name].get(row["pk"], [])
            else:
                getter, to_json = how
                bare = self.model.__new__(self.model)
                bare.__dict__.update({column: row[prefix + column] for column in key})
                value = getter(bare)
                item[name] = value if value is None or to_json is None else to_json(value)
        return item

    def represent_page(self, rows: list[dict]) -> list[dict]:
        if not self.collections:
            return [self.represent(row) for row in rows]
        keys = [row["pk"] for row in rows]
        children = {c.name: c.fetch(keys) if keys else {} for c in self.collections}
        return [self.represent(row, children) for row in rows]


class Collection:
    """A nested collection of a list's rows: one query for the whole page, grouped by parent."""

    def __init__(self, name, relation, child, values_filter, prefetches):
        self.name = name
        self.related = relation.related_model
        if relation.auto_created:  # a reverse relation: the field on the other side points back
            self.link = relation.field.name
        else:  # a forward many-to-many field of the parent
            self.link = relation.related_query_name()
        prefetch = prefetches.get(relation.name)
        self.queryset = prefetch.queryset if prefetch is not None and prefetch.queryset is not None else None
        if self.queryset is None:
            self.queryset = self.related._default_manager.all()
        self.queryset = self.queryset.filter(**values_filter)
        if isinstance(child, serializers.Serializer):
            self.plan = ListPlan(type(child), self.related, prefix="")
            if self.plan.collections:
                raise ImproperlyConfigured(f"{name!r}: a collection inside a collection")
            self.columns = list(dict.fromkeys(self.plan.keys))
        else:
            self.plan = None
            self.columns = ["pk"]

    def fetch(self, keys) -> dict:
        link = "_parent"
        rows = self.queryset.filter(**{f"{self.link}__in": keys}).values(
            *self.columns, **{link: F(self.link)}
        )
        grouped = defaultdict(list)
        if self.plan is None:
            for row in rows:
                grouped[row[link]].append(row["pk"])
        else:
            represent = self.plan.represent
            for row in rows:
                grouped[row[link]].append(represent(row))
        return grouped


@cache
def plan_for(serializer_class, view_class) -> ListPlan:
    """The plan of a view's serializer, built once per process; the ``Prefetch`` objects of the view's
    queryset give its nested collections their order and filter, as they do the slow way."""
    prefetches = {
        lookup.prefetch_through: lookup
        for lookup in view_class.queryset._prefetch_related_lookups
        if isinstance(lookup, Prefetch) and "__" not in lookup.prefetch_through
    }
    return ListPlan(serializer_class, view_class.queryset.model, prefetches=prefetches)


def summary_fields(fields, counts: dict) -> list[str]:
    """A summary's fields: the record's, each collection replaced by its count (or left out if None)."""
    return [counts.get(name, name) for name in fields if counts.get(name, name) is not None]


def count_of(model, link: str, *conditions, **where) -> Coalesce:
    """How many ``model`` rows point at the outer row through ``link`` (0 when none): a correlated
    subquery, which PostgreSQL evaluates for the page's rows only (after the LIMIT).

    Built once per arguments (a day's condition makes a new one the next day): ``annotate`` resolves a
    copy of the expression against each request's query, never the kept one."""
    return _count_of(model, link, conditions, tuple(sorted(where.items())))


@lru_cache(maxsize=256)
def _count_of(model, link: str, conditions: tuple, where: tuple) -> Expression:
    rows = model._base_manager.filter(*conditions, **{link: OuterRef("pk")}, **dict(where)).order_by()
    counted = rows.values(link).annotate(n=Count("*")).values("n")
    outer = model._meta.get_field(link).related_model
    return CompiledCount(outer, Coalesce(Subquery(counted, output_field=IntegerField()), 0))


class CompiledCount(Expression):
    """``count_of``'s subquery, compiled to SQL once (per database) and then only copied into queries:
    building and compiling the subquery anew for every page was a tenth of a list's cost.

    Its SQL names the outer row's table by the table's name, which is the alias of a query's own table
    (a list's main query). Anywhere else — a query of another model, or this query relabelled to sit
    inside another — it is the plain subquery again, resolved and compiled as Django always does."""

    def __init__(self, outer_model, expression):
        super().__init__(output_field=IntegerField())
        self.outer_model, self.expression = outer_model, expression
        self._sql = {}  # database alias → (sql, params)
        self._prefixes = None  # the alias prefixes of the compiled subquery (U0, U1…)

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        table = self.outer_model._meta.db_table
        if query is None or query.model is not self.outer_model or query.get_initial_alias() != table:
            return self.expression.resolve_expression(query, allow_joins, reuse, summarize, for_save)
        if self._prefixes is None:
            outer = self.outer_model._base_manager.all().query
            self.expression.resolve_expression(outer)
            self._prefixes = frozenset(outer.subq_aliases)
        # As resolving the subquery would: should this query go inside another, it takes an alias
        # prefix of its own instead of one the subquery's SQL already uses.
        query.subq_aliases = query.subq_aliases.union(self._prefixes)
        return self

    def relabeled_clone(self, change_map):
        if self.outer_model._meta.db_table in change_map:  # moved inside another query: compile anew
            outer = self.outer_model._base_manager.all().query
            return self.expression.resolve_expression(outer).relabeled_clone(change_map)
        return self

    def get_group_by_cols(self):
        return []

    def as_sql(self, compiler, connection):
        compiled = self._sql.get(connection.alias)
        if compiled is None:
            outer = self.outer_model._base_manager.using(connection.alias).all().query
            resolved = self.expression.resolve_expression(outer)
            sql, params = outer.get_compiler(connection=connection).compile(resolved)
            compiled = self._sql[connection.alias] = (sql, tuple(params))
        return compiled[0], list(compiled[1])


class ValuesListMixin:
    """``list`` from ``.values()`` rows of the page (see the module). Details are unchanged."""

    def list_rows(self, serializer_class=None, annotate=None):
        """A plan and the list's queryset as ``.values()`` rows, filtered and ordered, before paging."""
        plan = plan_for(serializer_class or self.get_serializer_class(), type(self))
        queryset = self.filter_queryset(self.get_queryset()).prefetch_related(None)
        if annotate is not None:
            queryset = annotate(queryset)
        keys = dict.fromkeys(plan.keys)
        for name in queryset.query.order_by:  # the cursor reads the first ordering column of each row
            if isinstance(name, str):
                keys[name.lstrip("-")] = None
        return plan, queryset.values(*keys)

    def list(self, request, *args, **kwargs):
        plan, rows = self.list_rows()
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(plan.represent_page(page))


class SummaryListMixin(ValuesListMixin):
    """Adds ``GET …/summary/``: the same list (filters, order, pages), each row with every field of
    the record but its collections counted (``summary_serializer_class``, its counts annotated by
    ``annotate_summary``) — the quick way through a long list; the record keeps the full shape."""

    summary_serializer_class = None

    def annotate_summary(self, queryset):
        return queryset

    def _summary_rows(self) -> bool:
        action_ = getattr(self, "action", None)
        return action_ == "summary" or (action_ == "list" and compact_lists(self.request))

    def get_serializer_class(self):
        if self._summary_rows():
            return self.summary_serializer_class
        return super().get_serializer_class()

    def list(self, request, *args, **kwargs):
        if compact_lists(request):  # v2: the list's rows are the summary's (versioning.py)
            return self.summary(request, *args, **kwargs)
        return super().list(request, *args, **kwargs)

    @action(detail=False, methods=["get"])
    def summary(self, request, *args, **kwargs):
        plan, rows = self.list_rows(self.summary_serializer_class, self.annotate_summary)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(plan.represent_page(page))
