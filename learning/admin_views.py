from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal import access

from . import selectors


def material_report(request: HttpRequest) -> HttpResponse:
    """Editors' report: how many people studied each material, and the framework items no material covers."""
    if not (access.is_editor(request.user) or access.is_administrator(request.user)):
        raise PermissionDenied
    return render(
        request,
        "learning/admin/material_report.html",
        {"materials": selectors.material_use(), "uncovered": selectors.items_without_material()},
    )
