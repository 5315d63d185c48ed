"""Wagtail's group admin, with a role group in use refused on delete (``portal.deletion``)."""

from wagtail.users.views.groups import DeleteView, GroupViewSet

from .deletion import refused_response


class SafeGroupDeleteView(DeleteView):
    def dispatch(self, request, *args, **kwargs):
        return refused_response(request, [self.get_object()]) or super().dispatch(request, *args, **kwargs)


class PortalGroupViewSet(GroupViewSet):
    delete_view_class = SafeGroupDeleteView
