"""A query that a hot path runs on every request, compiled once per process.

Django compiles a queryset into SQL each time it runs — for the partner key behind every partner call,
joined to its user, that compilation costs more than the query itself. ``Prepared`` builds the queryset
once with a placeholder for the value that changes, keeps the SQL and the compiler's description of
the columns, and then only runs the statement and makes the instances (with the database converters
and the joined relations, as Django's own iterator does)."""

import threading

from django.db import connections
from django.db.models.query import get_related_populators

TEXT = "\x00prepared-value\x00"  # stands for the value while compiling: a text column's
# an integer column's: within the range of every integer type (Django drops a comparison with a value
# out of a column's range from the SQL, and the placeholder with it), and unlike any other parameter
NUMBER = 32_749


class Prepared:
    """``Prepared(lambda value: Model.objects.filter(field=value).select_related(...))``; then
    ``.get(value)`` is the one instance (or ``None``) and ``.list(value)`` all of them. The queryset
    must select model instances (no ``values()``, no annotations) and use the value once or more as a
    plain parameter; ``only()``, ``select_related()``, ``order_by()`` and ``select_for_update()`` (run
    in a transaction) are kept. ``placeholder`` stands for the value while the queryset is compiled: a
    value of its type (``NUMBER`` for an integer column), unlike its other parameters."""

    def __init__(self, build, *, placeholder=TEXT):
        self._build = build
        self._placeholder = placeholder
        self._compiled = {}  # (database alias, limited) -> (sql, params, compiler, description)
        self._lock = threading.Lock()

    def _compile(self, alias: str, limited: bool = True):
        compiled = self._compiled.get((alias, limited))
        if compiled is not None:
            return compiled
        with self._lock:
            compiled = self._compiled.get((alias, limited))  # another thread may have just made it
            if compiled is None:
                queryset = self._build(self._placeholder).using(alias)
                if limited:
                    queryset = queryset[:2]
                compiler = queryset.query.get_compiler(using=alias)
                sql, params = compiler.as_sql()
                klass_info, select = compiler.klass_info, compiler.select
                if compiler.annotation_col_map or self._placeholder not in params:
                    raise ValueError("Prepared takes a queryset of instances that uses its value")
                start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
                description = (
                    klass_info["model"],
                    start,
                    end,
                    [column[0].target.attname for column in select[start:end]],
                    get_related_populators(klass_info, select, alias),
                )
                compiled = self._compiled[(alias, limited)] = (sql, tuple(params), compiler, description)
        return compiled

    def _run(self, value, using: str, limited: bool) -> list:
        sql, params, compiler, (model, start, end, names, populators) = self._compile(using, limited)
        params = [value if param == self._placeholder else param for param in params]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        instances = []
        for row in compiler.results_iter([rows]):  # the database converters, as Django applies them
            instance = model.from_db(using, names, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            instances.append(instance)
        return instances

    def get(self, value, *, using: str = "default"):
        instances = self._run(value, using, limited=True)
        if len(instances) > 1:
            raise instances[0].MultipleObjectsReturned
        return instances[0] if instances else None

    def list(self, value, *, using: str = "default") -> list:
        return self._run(value, using, limited=False)
