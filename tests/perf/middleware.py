"""Counts the SQL statements of each request for the bench table (X-Bench-Queries); bench settings only.

``X-Bench-Uncached: 1`` moves the data version first, as the evening's writes do (a log, an answer, a
review): the dashboards are composed afresh, which is how the bench measures them uncached. The study
history stays, as those writes leave it: /org/ reads its past four weeks of logs once, and then only
after a late log, a membership or a person changes (docs/performance.md gives that path's figures too).
"""

from collections.abc import Callable

from django.db import connection
from django.http import HttpRequest, HttpResponse

from portal import data_version


class QueryCountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.headers.get("X-Bench-Uncached"):
            data_version.bump_present()
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response["X-Bench-Queries"] = str(count)
        return response
